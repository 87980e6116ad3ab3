package io.onorbit.verification.soak;

import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Reassembler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An attacker on one satellite's uplink frequency during passes. It knows the public protocol
 * (CCSDS packets, the segment layout, the packet checks) but not the satellite's key. It listens to
 * what the ground sends, keeps the signed model updates it sees, and injects commands of its own
 * among the ground's packets:
 *
 * <ul>
 *   <li>{@link Kind#FORGED}: the latest update seen with one parameter value of its signed body
 *       changed, packets rebuilt with valid checks so that only the authentication can refuse it;</li>
 *   <li>{@link Kind#REPLAYED}: the latest update seen, sent again under a new link message id;</li>
 *   <li>{@link Kind#REORDERED}: an older update seen, sent after newer ones, its segments in
 *       reverse order.</li>
 * </ul>
 *
 * <p>It also plays back and forges the ground's time beacons ({@link #interfereBeacons}, see
 * {@link BeaconKind}), to move the spacecraft's clock.
 *
 * <p>Commands arrive as a Poisson process with {@code perPass} commands per pass on average,
 * spread over the pass; before the attacker has seen an update to imitate, it stays silent (and
 * counts nothing). Whether any was accepted is judged by
 * {@link Invariants.GenuineCommandsOnly} from what the spacecraft applied against what the ground
 * signed; this class only attacks and counts. Seeded; confined to its satellite's thread.
 */
public final class UplinkAttacker {

    /** What an injected command is. */
    public enum Kind { FORGED, REPLAYED, REORDERED }

    /**
     * What an injected time beacon is: {@link #FORGED}, the latest beacon heard with its time moved
     * (by up to an hour either way, the tag left as it was); {@link #REPLAYED}, an older beacon
     * heard, played back (late, so out of order too).
     */
    public enum BeaconKind { FORGED, REPLAYED }

    /** Updates kept to replay and reorder (the newest ones). */
    private static final int KEPT = 8;
    /** Attacker link message ids start here, far above the ground's, so the link takes each as new. */
    private static final long FIRST_MESSAGE_ID = 0x40000000L;

    private final SplittableRandom random;
    private final double perPass;
    /** Listens to the addressed satellite's streams; made on the first packet, which names its number. */
    private Reassembler listener;
    private final List<Reassembler.Message> seen = new ArrayList<>();
    private final EnumMap<Kind, Long> injected = new EnumMap<>(Kind.class);
    private final List<byte[]> beaconsSeen = new ArrayList<>();
    private final EnumMap<BeaconKind, Long> beaconsInjected = new EnumMap<>(BeaconKind.class);
    private int packetBytes;
    private long nextMessageId = FIRST_MESSAGE_ID;

    /**
     * @param random  the attacker's own stream
     * @param perPass mean commands injected per pass with uplink, &ge; 0
     */
    public UplinkAttacker(SplittableRandom random, double perPass) {
        if (!(perPass >= 0)) {
            throw new IllegalArgumentException("attacker per_pass " + perPass + " must be >= 0");
        }
        this.random = random;
        this.perPass = perPass;
        for (Kind k : Kind.values()) {
            injected.put(k, 0L);
        }
        for (BeaconKind k : BeaconKind.values()) {
            beaconsInjected.put(k, 0L);
        }
    }

    /**
     * Listens to the ground's time beacons for a part of a pass and sends its own first.
     *
     * @param genuine      the ground's beacons on the air in this part of the pass
     * @param passFraction the part of the pass this is, in [0, 1]
     * @return what the satellite's receiver hears: the attacker's beacons, then the ground's
     */
    public List<byte[]> interfereBeacons(List<byte[]> genuine, double passFraction) {
        int n = poisson(perPass * Math.max(0, Math.min(1, passFraction)));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n && !beaconsSeen.isEmpty(); i++) {
            BeaconKind kind = BeaconKind.values()[random.nextInt(BeaconKind.values().length)];
            byte[] latest = beaconsSeen.get(beaconsSeen.size() - 1);
            byte[] b = switch (kind) {
                case FORGED -> {
                    // The public layout: mark (4), name length (1), name, time (8), tag (32).
                    byte[] f = latest.clone();
                    int at = 5 + Byte.toUnsignedInt(f[4]);
                    long ms = ByteBuffer.wrap(f).getLong(at);
                    long shiftMs = (1 + random.nextInt(3600)) * 1000L * (random.nextBoolean() ? 1 : -1);
                    ByteBuffer.wrap(f).putLong(at, ms + shiftMs);
                    yield f;
                }
                case REPLAYED -> beaconsSeen.get(random.nextInt(beaconsSeen.size())).clone();
            };
            out.add(b);
            beaconsInjected.merge(kind, 1L, Long::sum);
        }
        for (byte[] g : genuine) {
            beaconsSeen.add(g.clone());
            if (beaconsSeen.size() > KEPT) {
                beaconsSeen.remove(0);
            }
        }
        out.addAll(genuine);
        return out;
    }

    /**
     * Listens to the ground's packets for a part of a pass and adds the attacker's.
     *
     * @param genuine      the ground's packets on the air in this part of the pass, in order
     * @param passFraction the part of the pass this is, in [0, 1]
     * @return what the satellite's receiver hears: the ground's packets, then the attacker's
     */
    public List<byte[]> interfere(List<byte[]> genuine, double passFraction) {
        for (byte[] p : genuine) {
            packetBytes = Math.max(packetBytes, p.length);
            if (listener == null) {
                // the segment header says which satellite the uplink addresses: the attacker writes the same
                listener = Reassembler.satelliteNumberOf(p).map(n -> new Reassembler(apid -> true, n, 64, 1 << 22))
                        .orElse(null);
            }
            if (listener != null && listener.offer(p) instanceof Reassembler.Completed c && c.message().telecommand()
                    && looksLikeUpdate(c.message().bytes())) {
                seen.add(c.message());
                if (seen.size() > KEPT) {
                    seen.remove(0);
                }
            }
        }
        int commands = poisson(perPass * Math.max(0, Math.min(1, passFraction)));
        if (commands == 0 || seen.isEmpty()) {
            return genuine;
        }
        List<byte[]> out = new ArrayList<>(genuine);
        for (int i = 0; i < commands; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            out.addAll(command(kind));
            injected.merge(kind, 1L, Long::sum);
        }
        return out;
    }

    private List<byte[]> command(Kind kind) {
        Reassembler.Message latest = seen.get(seen.size() - 1);
        Packetizer packetizer = new Packetizer(packetBytes, listener.satelliteNumber());
        long id = nextMessageId++;
        return switch (kind) {
            case FORGED -> {
                // Change the low mantissa byte of the last parameter value the body carries: the frame
                // stays well-formed and finite, so nothing but the MAC can tell it from the ground's.
                byte[] frame = latest.bytes().clone();
                int body = frame.length - UplinkFrame.MAC_BYTES;
                frame[body - 1] ^= (byte) (1 + random.nextInt(255));
                yield packetizer.segment(latest.apid(), true, id, frame);
            }
            case REPLAYED -> packetizer.segment(latest.apid(), true, id, latest.bytes());
            case REORDERED -> {
                Reassembler.Message older = seen.get(random.nextInt(Math.max(1, seen.size() - 1)));
                List<byte[]> packets = new ArrayList<>(packetizer.segment(older.apid(), true, id, older.bytes()));
                Collections.reverse(packets);
                yield packets;
            }
        };
    }

    /** Acknowledgements are a few octets; a signed model update carries a header, its changes and a MAC. */
    private static boolean looksLikeUpdate(byte[] message) {
        return message.length > UplinkFrame.MAC_BYTES + 64;
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > l) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    /** @return commands injected so far, by kind */
    public Map<Kind, Long> injected() {
        return new EnumMap<>(injected);
    }

    /** @return time beacons injected so far, by kind */
    public Map<BeaconKind, Long> beaconsInjected() {
        return new EnumMap<>(beaconsInjected);
    }

    /** @return commands and time beacons injected so far */
    public long injectedTotal() {
        return injected.values().stream().mapToLong(Long::longValue).sum()
                + beaconsInjected.values().stream().mapToLong(Long::longValue).sum();
    }
}

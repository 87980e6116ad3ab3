package io.onorbit.verification.bench;

import io.onorbit.flight.command.ModelUpdate;
import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaForgery;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.ScaleMode;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.link.DeltaSeal;
import io.onorbit.flight.link.LinkMessages;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.ground.ingest.DeltaAuthenticator;
import io.onorbit.ground.ingest.DeltaDecoder;
import io.onorbit.ground.ingest.FlightDeltaDecoder;
import io.onorbit.ground.uplink.UplinkKeys;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded fuzzing of whole messages, past the framing: each message is built (valid, mutated,
 * forged, oversized or truncated), sealed or signed where the receiver authenticates it (a
 * mutation is sealed with the right key so it reaches the decoder; a forgery is not), cut into
 * CCSDS packets with valid CRCs, reassembled, and handed to the parser its product goes to: the
 * ground's delta authenticator and decoder, the link-message parsers (delta ack and NACK, update
 * ack and refusal) and the spacecraft's model-update receiver. Counts what each parser accepted and
 * refused, any exception that escaped, and the bytes the parser allocated for each message
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}).
 */
public final class MessageFuzzer {

    /** Where a message goes. */
    public enum Target { DELTA, LINK_MESSAGE, MODEL_UPDATE }

    /** How a message was made. Forged, oversized and truncated messages must all be refused. */
    public enum Kind {
        /** As the sender makes it: must be accepted. */
        VALID,
        /** Bits flipped (sealed or signed again, so the parser sees it): accepted or refused, never an escape. */
        MUTATED,
        /** Not sealed or signed with the satellite's key, or changed after: must be refused before decoding. */
        FORGED,
        /** Announcing more entries than the bytes carry or the model has: must be refused, without allocating them. */
        OVERSIZED,
        /** Cut short: must be refused. */
        TRUNCATED;

        boolean mustBeRefused() {
            return this == FORGED || this == OVERSIZED || this == TRUNCATED;
        }
    }

    /**
     * Counts for one target and kind.
     *
     * @param fed              messages fed
     * @param accepted         messages the parser accepted
     * @param refused          messages it refused
     * @param escaped          exceptions that escaped the parser
     * @param maxMessageBytes  longest message
     * @param maxAllocatedBytes most bytes the parser allocated for one message
     * @param maxExcessBytes   most bytes allocated beyond the message's own length for one message
     */
    public record Tally(long fed, long accepted, long refused, long escaped, long maxMessageBytes, long maxAllocatedBytes,
                        long maxExcessBytes) {
        static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, Long.MIN_VALUE);

        Tally plus(boolean ok, boolean escape, long bytes, long allocated) {
            return new Tally(fed + 1, accepted + (ok && !escape ? 1 : 0), refused + (!ok && !escape ? 1 : 0),
                    escaped + (escape ? 1 : 0), Math.max(maxMessageBytes, bytes), Math.max(maxAllocatedBytes, allocated),
                    Math.max(maxExcessBytes, allocated - bytes));
        }
    }

    /**
     * What a run did.
     *
     * @param messages        messages fed
     * @param framingFailures messages that did not come out of the reassembler as they went in (must be 0)
     * @param tallies         counts by target and kind
     */
    public record Report(long messages, long framingFailures, Map<Target, Map<Kind, Tally>> tallies) {
        /** @return exceptions that escaped any parser */
        public long escaped() {
            return sum(t -> t.escaped(), null);
        }

        /** @return forged, oversized and truncated messages a parser accepted (must be 0) */
        public long harmfulAccepted() {
            long n = 0;
            for (Kind k : Kind.values()) {
                if (k.mustBeRefused()) {
                    n += sum(Tally::accepted, k);
                }
            }
            return n;
        }

        /** @return valid messages a parser refused (must be 0) */
        public long validRefused() {
            return sum(Tally::refused, Kind.VALID);
        }

        /** @return messages of {@code kind} (all kinds if null), summed over targets */
        public long sum(java.util.function.ToLongFunction<Tally> f, Kind kind) {
            long n = 0;
            for (Map<Kind, Tally> m : tallies.values()) {
                for (Map.Entry<Kind, Tally> e : m.entrySet()) {
                    if (kind == null || e.getKey() == kind) {
                        n += f.applyAsLong(e.getValue());
                    }
                }
            }
            return n;
        }

        /** @return the most bytes any parser allocated beyond a refused forged, oversized or truncated message's own length */
        public long maxExcessOnRefusal() {
            long max = Long.MIN_VALUE;
            for (Map<Kind, Tally> m : tallies.values()) {
                for (Map.Entry<Kind, Tally> e : m.entrySet()) {
                    if (e.getKey().mustBeRefused()) {
                        max = Math.max(max, e.getValue().maxExcessBytes());
                    }
                }
            }
            return max;
        }
    }

    private static final String SAT = "sat-2";
    private static final int DIMENSION = 1153; // the bundled [32, 16] network's parameter count order
    private static final Instant T = Instant.parse("2026-06-21T00:00:00Z");

    private final SplittableRandom r;
    private final ApidPlan plan = new ApidPlan(List.of("sat-1", SAT), 64);
    private final Packetizer packetizer = new Packetizer(1024, plan.number(SAT));
    private final byte[] key;
    private final byte[] otherKey;
    private final DeltaAuthenticator authenticator;
    private final DeltaDecoder decoder = new FlightDeltaDecoder(() -> DIMENSION);
    private final List<byte[]> deltas = new ArrayList<>();
    private final float[] params;
    private final ModelVersion version;
    private final List<byte[]> updates = new ArrayList<>();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long messageId;

    private MessageFuzzer(long seed) {
        r = new SplittableRandom(seed);
        UplinkKeys keys = UplinkKeys.derivedFromSeed(List.of("sat-1", SAT), seed);
        key = keys.key(SAT);
        otherKey = keys.key("sat-1");
        authenticator = new DeltaAuthenticator(keys);
        params = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            params[i] = (float) r.nextGaussian();
        }
        version = ModelVersion.of(3, params);
        int[] bits = {1, 2, 4, 8, 32};
        for (int k = 0; k < 40; k++) {
            float[] onboard = params.clone();
            for (int i = 0; i < DIMENSION; i++) {
                onboard[i] += (float) (0.01 * r.nextGaussian());
            }
            CompressionSettings s = CompressionSettings.defaults().withTopKFraction(0.005 + r.nextDouble() * 0.3)
                    .withBits(bits[k % bits.length]).withScaleMode(k % 2 == 0 ? ScaleMode.PER_TENSOR : ScaleMode.PER_DELTA);
            deltas.add(DeltaCodec.encode(new DeltaEncoder(s, TensorLayout.single(DIMENSION))
                    .encode(new DeltaHeader(SAT, k + 1, version, 100 + k, T), params, onboard)));
            float[] next = params.clone();
            for (int i = 0; i < DIMENSION; i += 1 + r.nextInt(40)) {
                next[i] += 0.1f;
            }
            updates.add(ModelUpdate.between(SAT, 1 + k, version, params, ModelVersion.of(4 + k, next), next).encode());
        }
    }

    /**
     * @param seed     seed of everything
     * @param messages how many whole messages to feed
     * @return the report
     */
    public static Report run(long seed, long messages) {
        return new MessageFuzzer(seed).feed(messages);
    }

    private Report feed(long messages) {
        Map<Target, Map<Kind, Tally>> tallies = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            Map<Kind, Tally> m = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                if (!(t == Target.LINK_MESSAGE && k == Kind.FORGED)) { // link messages carry no key: nothing to forge
                    m.put(k, Tally.ZERO);
                }
            }
            tallies.put(t, m);
        }
        long framing = 0;
        for (long i = 0; i < messages; i++) {
            int pick = r.nextInt(10);
            Target target = pick < 5 ? Target.DELTA : pick < 7 ? Target.LINK_MESSAGE : Target.MODEL_UPDATE;
            List<Kind> kinds = new ArrayList<>(tallies.get(target).keySet());
            Kind kind = kinds.get(r.nextInt(kinds.size()));
            Product product;
            byte[] message;
            switch (target) {
                case DELTA -> {
                    product = Product.DELTA;
                    message = delta(kind);
                }
                case MODEL_UPDATE -> {
                    product = Product.MODEL_UPDATE;
                    message = update(kind);
                }
                default -> {
                    product = switch (r.nextInt(3)) {
                        case 0 -> Product.DELTA_ACK;
                        case 1 -> Product.DELTA_NACK;
                        default -> Product.UPDATE_ACK;
                    };
                    message = linkMessage(product, kind);
                }
            }
            byte[] received = frame(product, message);
            if (received == null || !Arrays.equals(received, message)) {
                framing++;
                continue;
            }
            boolean escape = false;
            boolean ok = false;
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                ok = parse(target, product, received);
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                escape = true;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            tallies.get(target).put(kind, tallies.get(target).get(kind).plus(ok, escape, received.length, allocated));
        }
        return new Report(messages, framing, tallies);
    }

    /** Packets with valid CRCs, through a reassembler: the whole message back, or null. */
    private byte[] frame(Product product, byte[] message) {
        Reassembler ra = new Reassembler(plan::isKnown, plan.number(SAT), 4, 1 << 20);
        Optional<Reassembler.Message> out = Optional.empty();
        for (byte[] p : packetizer.segment(plan.apid(SAT, product), product.telecommand(), messageId++ & 0xFFFFFFFFL,
                message)) {
            Optional<Reassembler.Message> m = ra.accept(p);
            if (m.isPresent()) {
                out = m;
            }
        }
        return out.map(Reassembler.Message::bytes).orElse(null);
    }

    /** @return true if the receiving parser accepted the message */
    private boolean parse(Target target, Product product, byte[] message) {
        switch (target) {
            case DELTA -> {
                Optional<byte[]> opened = authenticator.open(SAT, message);
                if (opened.isEmpty()) {
                    return false;
                }
                try {
                    decoder.decode(opened.get());
                    return true;
                } catch (DeltaDecoder.Refusal e) {
                    return false;
                }
            }
            case MODEL_UPDATE -> {
                return new UpdateReceiver(SAT, key, params, version, 0).receive(message).applied();
            }
            default -> {
                return switch (product) {
                    case DELTA_ACK -> LinkMessages.parseAck(message).isPresent();
                    case DELTA_NACK -> LinkMessages.parseNack(message).isPresent();
                    default -> LinkMessages.parseRefusal(message).isPresent() || LinkMessages.parseAck(message).isPresent();
                };
            }
        }
    }

    private byte[] delta(Kind kind) {
        byte[] inner = deltas.get(r.nextInt(deltas.size())).clone();
        return switch (kind) {
            case VALID -> DeltaSeal.seal(key, inner);
            case MUTATED -> {
                flip(inner);
                yield DeltaSeal.seal(key, r.nextBoolean() ? DeltaForgery.redigested(inner) : inner);
            }
            case FORGED -> switch (r.nextInt(3)) {
                case 0 -> DeltaSeal.seal(otherKey, inner); // another satellite's key
                case 1 -> inner; // not sealed at all
                default -> {
                    byte[] sealed = DeltaSeal.seal(key, inner);
                    flip(sealed); // changed after sealing
                    yield sealed;
                }
            };
            case OVERSIZED -> DeltaSeal.seal(key, DeltaForgery.announcing(SAT,
                    DIMENSION + 1 + (long) Math.floor(Math.exp(r.nextDouble() * Math.log(1L << 40)))));
            case TRUNCATED -> {
                if (r.nextBoolean()) {
                    byte[] cut = Arrays.copyOf(inner, r.nextInt(inner.length));
                    yield DeltaSeal.seal(key, r.nextBoolean() ? DeltaForgery.redigested(cut) : cut);
                }
                byte[] sealed = DeltaSeal.seal(key, inner);
                yield Arrays.copyOf(sealed, 1 + r.nextInt(sealed.length - 1)); // the sealed message cut short
            }
        };
    }

    private byte[] update(Kind kind) {
        byte[] body = updates.get(r.nextInt(updates.size())).clone();
        int countAt = 4 + SAT.length() + 8 + 8 + ModelVersion.DIGEST_BYTES + 8 + ModelVersion.DIGEST_BYTES + 4;
        return switch (kind) {
            case VALID -> signed(body, key);
            case MUTATED -> {
                flip(body);
                yield signed(body, key);
            }
            case FORGED -> {
                if (r.nextBoolean()) {
                    yield signed(body, otherKey);
                }
                byte[] frame = signed(body, key);
                flip(frame);
                yield frame;
            }
            case OVERSIZED -> {
                ByteBuffer b = ByteBuffer.wrap(body);
                if (r.nextBoolean()) {
                    b.putInt(countAt, (int) (0x10000L + r.nextInt(Integer.MAX_VALUE - 0x10000))); // entries
                } else {
                    b.putInt(countAt - 4, DIMENSION + 1 + r.nextInt(Integer.MAX_VALUE - DIMENSION - 1)); // model size
                }
                yield signed(body, key);
            }
            case TRUNCATED -> {
                byte[] frame = signed(body, key);
                yield Arrays.copyOf(frame, 1 + r.nextInt(frame.length - 1));
            }
        };
    }

    private static byte[] signed(byte[] body, byte[] key) {
        byte[] mac = UplinkFrame.mac(key, body, body.length);
        byte[] frame = Arrays.copyOf(body, body.length + mac.length);
        System.arraycopy(mac, 0, frame, body.length, mac.length);
        return frame;
    }

    private byte[] linkMessage(Product product, Kind kind) {
        byte[] valid = switch (product) {
            case DELTA_ACK -> {
                long[] ids = new long[1 + r.nextInt(8)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = r.nextLong() & 0xFFFFFFFFL;
                }
                yield LinkMessages.ack(ids);
            }
            case DELTA_NACK -> {
                int[] s = new int[1 + r.nextInt(30)];
                for (int i = 0; i < s.length; i++) {
                    s[i] = r.nextInt(0x10000);
                }
                yield LinkMessages.nack(r.nextLong() & 0xFFFFFFFFL, s);
            }
            default -> kind != Kind.OVERSIZED && r.nextBoolean() ? LinkMessages.refusal(r.nextLong() & 0xFFFFFFFFL, r.nextInt(256), r.nextLong())
                    : LinkMessages.ack(r.nextLong() & 0xFFFFFFFFL);
        };
        return switch (kind) {
            case MUTATED -> {
                flip(valid);
                yield valid;
            }
            case OVERSIZED -> {
                // The count field says more entries than the message carries (up to 65535).
                ByteBuffer b = ByteBuffer.wrap(valid);
                int at = product == Product.DELTA_NACK ? 4 : 0;
                int carried = product == Product.DELTA_NACK ? (valid.length - 6) / 2 : (valid.length - 2) / 4;
                b.putShort(at, (short) (carried + 1 + r.nextInt(0xFFFF - carried)));
                yield valid;
            }
            case TRUNCATED -> Arrays.copyOf(valid, 1 + r.nextInt(valid.length - 1));
            default -> valid;
        };
    }

    /** Flips 1 to 3 distinct bits, so that the result always differs from what it was. */
    private void flip(byte[] b) {
        int flips = Math.min(1 + r.nextInt(3), b.length * 8);
        long[] done = new long[flips];
        for (int f = 0; f < flips; f++) {
            long bit;
            boolean again;
            do {
                bit = r.nextLong(b.length * 8L);
                again = false;
                for (int g = 0; g < f; g++) {
                    again |= done[g] == bit;
                }
            } while (again);
            done[f] = bit;
            b[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
        }
    }
}

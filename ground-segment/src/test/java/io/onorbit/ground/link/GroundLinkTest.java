package io.onorbit.ground.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.ScaleMode;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.link.SpacecraftLink;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.RejectReason;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import io.onorbit.flight.storage.DeltaQueue;
import io.onorbit.flight.storage.DiskFileOps;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.ingest.Ingest;
import io.onorbit.ground.review.ReviewPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends of the link over a lossy, pass-gated channel: the flight-sw {@link SpacecraftLink}
 * with its crash-safe queue, and this ground end feeding the real ingest and SQLite archive.
 * What counts as delivered is what the archive holds, read back and decoded.
 */
class GroundLinkTest {

    /** The ground's files, apart from the spacecraft's flash. */
    @TempDir
    Path groundDir;

    static final double MARGIN_S = 10;
    static final byte[] KEY = "sat-1 key, 32 bytes, test only!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final io.onorbit.ground.uplink.UplinkKeys KEYS = io.onorbit.ground.uplink.UplinkKeys.of(Map.of("sat-1", KEY));
    static final Instant EPOCH = Instant.parse("2026-06-21T00:00:00Z");
    static final List<ContactWindow> WINDOWS = List.of(
            new ContactWindow("gs-a", 1000, 1600, 40, 2000, 1000),
            new ContactWindow("gs-b", 7000, 7400, 20, 2000, 1000),
            new ContactWindow("gs-a", 13000, 13600, 60, 2000, 1000),
            new ContactWindow("gs-b", 19000, 19600, 60, 2000, 1000));

    static OnboardSchedule schedule() {
        return new OnboardSchedule("sat-1", EPOCH, 25_000, WINDOWS, List.of(),
                LightingProfile.alwaysLit(), SunDirectionProfile.constant(1, 0, 0));
    }

    /** A lossy channel: drops or flips a bit in a share of packets, seeded. */
    static Consumer<byte[]> lossy(SplittableRandom r, double drop, double corrupt, Consumer<byte[]> to, long[] faults) {
        return p -> {
            double u = r.nextDouble();
            if (u < drop) {
                faults[0]++;
                return;
            }
            if (u < drop + corrupt) {
                faults[1]++;
                p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
            }
            to.accept(p);
        };
    }

    /** The ground's archive and ingest, as the ground segment builds them. */
    static final class Ground implements AutoCloseable {
        final Archive archive;
        final Ingest ingest;
        final double[] now = {0};

        Ground(Path dir, ApidPlan plan) {
            archive = Archive.open(dir.resolve("archive.db"));
            ingest = Ingest.forLink(archive, ReviewPolicy.DEFAULT, plan, KEYS);
        }

        GroundLink link(ApidPlan plan, int packetBytes, PassGatedRadio radio, LongConsumer archived) {
            return new GroundLink("sat-1", plan, new Packetizer(packetBytes, plan.number("sat-1")), radio, ingest, archived, 30);
        }

        Consumer<byte[]> receiver(GroundLink[] link) {
            return p -> link[0].receive(p, new Ingest.Pass(0, "gs", EPOCH.plusMillis(Math.round(now[0] * 1000))));
        }

        /** @return the archived deltas, decoded from their stored bytes, by sequence */
        Map<Long, WeightDelta> archived() throws io.onorbit.flight.delta.DeltaFormatException {
            Map<Long, WeightDelta> out = new HashMap<>();
            for (DeltaRecord r : archive.deltas()) {
                WeightDelta d = DeltaCodec.decode(r.delta().encoded());
                assertThat(out.put(d.sequence(), d)).as("archived twice").isNull();
            }
            return out;
        }

        @Override
        public void close() {
            archive.close();
        }
    }

    @Test
    void deltasCrossPassesOverALossyLinkExactlyOnceAndUpdatesGoUp(@TempDir Path dir) throws Exception {
        ApidPlan plan = new ApidPlan(List.of("sat-0", "sat-1"), 32);
        PassGatedRadio radio = new PassGatedRadio(schedule(), MARGIN_S);
        DeltaQueue queue = DeltaQueue.open(dir, 10_000_000, DiskFileOps.withoutDeviceFlush());
        List<byte[]> updates = new ArrayList<>();
        SpacecraftLink sat = new SpacecraftLink("sat-1", plan, new Packetizer(1024, plan.number("sat-1")), radio, queue, updates::add, 2, 30, KEY);
        Ground g = new Ground(groundDir, plan);
        Map<Long, Double> deliveredAtS = new HashMap<>();
        double[] now = g.now;
        GroundLink[] gl = new GroundLink[1];
        GroundLink ground = gl[0] = g.link(plan, 1024, radio,
                seq -> assertThat(deliveredAtS.put(seq, now[0])).as("archived twice").isNull());
        SplittableRandom r = new SplittableRandom(77);
        long[] downFaults = new long[2];
        long[] upFaults = new long[2];
        // Every packet sent, read from the header bits (CCSDS 133.0-B-2 4.1.3) before the channel touches it.
        Map<Integer, List<Integer>> countsByApid = new HashMap<>();
        Consumer<byte[]> downChannel = lossy(r, 0.05, 0.05, g.receiver(gl), downFaults);
        radio.connect(PassGatedRadio.Direction.DOWNLINK, p -> {
            countsByApid.computeIfAbsent(((p[0] & 0x07) << 8) | (p[1] & 0xFF), a -> new ArrayList<>())
                    .add(((p[2] & 0x3F) << 8) | (p[3] & 0xFF));
            downChannel.accept(p);
        });
        radio.connect(PassGatedRadio.Direction.UPLINK, lossy(r, 0.05, 0.05, p -> {
            try {
                sat.receive(p);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, upFaults));

        // Three deltas: a large dense one (more than a pass holds) and two small sparse ones.
        int n = 40_000;
        float[] base = new float[n];
        ModelVersion bv = ModelVersion.of(0, base);
        Map<Long, WeightDelta> offered = new HashMap<>();
        SplittableRandom w = new SplittableRandom(5);
        CompressionSettings[] settings = {CompressionSettings.uncompressed(),
            new CompressionSettings(0.01, 4, ScaleMode.PER_DELTA, true), new CompressionSettings(0.001, 2, ScaleMode.PER_DELTA, true)};
        for (CompressionSettings cs : settings) {
            float[] on = new float[n];
            for (int i = 0; i < n; i++) {
                on[i] = (float) w.nextGaussian();
            }
            long seq = queue.reserveSequence();
            WeightDelta d = new DeltaEncoder(cs, TensorLayout.single(n))
                    .encode(new DeltaHeader("sat-1", seq, bv, 10, Instant.EPOCH), base, on);
            assertThat(queue.offer(d)).isInstanceOf(DeltaQueue.Stored.class);
            offered.put(seq, d);
        }
        byte[] update = new byte[20_000];
        w.nextBytes(update);
        ground.sendModelUpdate(42, update);

        double dt = 5;
        for (double t = 0; t < 25_000; t += dt) {
            now[0] = t;
            sat.step(t, t + dt);
            ground.step(t, t + dt);
            // Invariant at every step: nothing lost (queued or delivered), nothing delivered twice.
            for (long seq : offered.keySet()) {
                assertThat(queue.get(seq).isPresent() || deliveredAtS.containsKey(seq)).isTrue();
            }
        }
        assertThat(g.archived()).isEqualTo(offered);
        assertThat(queue.size()).as("acknowledged deltas are deleted").isZero();
        assertThat(sat.deltasAcknowledged()).isEqualTo(3);
        // The dense delta (160 kB) does not fit one pass (145 kB): it completed in a later pass.
        assertThat(deliveredAtS.get(0L)).isGreaterThan(WINDOWS.get(1).aosS());
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0)).isEqualTo(update);
        assertThat(ground.updatesAcknowledged()).isEqualTo(1);
        assertThat(ground.updatePending(42)).isFalse();
        // Faults happened and were repaired by selective repeat.
        assertThat(downFaults[0] + downFaults[1]).isPositive();
        assertThat(ground.rejects().count(RejectReason.BAD_CHECK)).isPositive();
        assertThat(sat.outbox().resentPackets()).isPositive();
        // A resend is a new packet: per APID the counts of all packets sent run 0, 1, 2, ... with no repeat.
        int deltaApid = plan.apid("sat-1", io.onorbit.flight.packet.Product.DELTA);
        assertThat(countsByApid.get(deltaApid).size()).isGreaterThan(sat.outbox().resentPackets() > 0 ? 1 : 0);
        for (List<Integer> counts : countsByApid.values()) {
            for (int i = 0; i < counts.size(); i++) {
                assertThat(counts.get(i)).isEqualTo(i % 16384);
            }
        }
        for (ContactWindow cw : WINDOWS) {
            for (PassGatedRadio.Direction d : PassGatedRadio.Direction.values()) {
                assertThat(radio.bytesSent(cw, d)).isLessThanOrEqualTo(radio.capacityBytes(cw, d));
            }
        }
    }

    @Test
    void aResetMidPassLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        ApidPlan plan = new ApidPlan(List.of("sat-1"), 32);
        PassGatedRadio radio = new PassGatedRadio(schedule(), MARGIN_S);
        DeltaQueue[] queue = {DeltaQueue.open(dir, 10_000_000, DiskFileOps.withoutDeviceFlush())};
        SpacecraftLink[] sat = new SpacecraftLink[1];
        Ground g = new Ground(groundDir, plan);
        Map<Long, Boolean> delivered = new HashMap<>();
        GroundLink[] gl = new GroundLink[1];
        GroundLink ground = gl[0] = g.link(plan, 512, radio,
                seq -> assertThat(delivered.put(seq, true)).as("archived twice").isNull());
        radio.connect(PassGatedRadio.Direction.DOWNLINK, g.receiver(gl));
        radio.connect(PassGatedRadio.Direction.UPLINK, toCurrent(sat));
        sat[0] = new SpacecraftLink("sat-1", plan, new Packetizer(512, plan.number("sat-1")), radio, queue[0], u -> { }, 2, 30, KEY);
        int n = 30_000;
        float[] base = new float[n];
        ModelVersion bv = ModelVersion.of(0, base);
        Map<Long, WeightDelta> offered = new HashMap<>();
        SplittableRandom w = new SplittableRandom(8);
        for (int k = 0; k < 4; k++) {
            float[] on = new float[n];
            for (int i = 0; i < n; i++) {
                on[i] = (float) w.nextGaussian();
            }
            long seq = queue[0].reserveSequence();
            WeightDelta d = new DeltaEncoder(new CompressionSettings(k == 0 ? 1.0 : 0.05, k == 0 ? 32 : 8,
                    ScaleMode.PER_DELTA, true), TensorLayout.single(n))
                    .encode(new DeltaHeader("sat-1", seq, bv, 1, Instant.EPOCH), base, on);
            queue[0].offer(d);
            offered.put(seq, d);
        }
        int resets = 0;
        for (double t = 0; t < 25_000; t += 5) {
            // The flight computer resets every 100 s of a pass: link state in RAM is lost, the queue reloads.
            if (radio.usableWindowAt(t).isPresent() && ((long) t) % 100 == 50) {
                queue[0] = DeltaQueue.open(dir, 10_000_000, DiskFileOps.withoutDeviceFlush());
                sat[0] = new SpacecraftLink("sat-1", plan, new Packetizer(512, plan.number("sat-1")), radio, queue[0], u -> { }, 2, 30, KEY);
                resets++;
            }
            sat[0].step(t, t + 5);
            g.now[0] = t;
            ground.step(t, t + 5);
            for (long seq : offered.keySet()) {
                assertThat(queue[0].get(seq).isPresent() || delivered.containsKey(seq)).isTrue();
            }
        }
        assertThat(resets).isGreaterThan(10);
        assertThat(g.archived()).isEqualTo(offered);
        assertThat(queue[0].size()).isZero();
    }

    /** The uplink into whichever spacecraft instance is current (one is replaced on a reset). */
    static Consumer<byte[]> toCurrent(SpacecraftLink[] sat) {
        return p -> {
            try {
                sat[0].receive(p);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static WeightDelta gaussianDelta(long seq, ModelVersion bv, float[] base, long seed) {
        SplittableRandom w = new SplittableRandom(seed);
        float[] on = new float[base.length];
        for (int i = 0; i < on.length; i++) {
            on[i] = (float) w.nextGaussian();
        }
        return new DeltaEncoder(new CompressionSettings(0.2, 8, ScaleMode.PER_DELTA, false), TensorLayout.single(base.length))
                .encode(new DeltaHeader("sat-1", seq, bv, seed, Instant.EPOCH), base, on);
    }

    /** Runs both ends over every pass of the schedule. */
    static void runPasses(SpacecraftLink sat, GroundLink ground) throws IOException {
        for (double t = 0; t < 25_000; t += 5) {
            sat.step(t, t + 5);
            ground.step(t, t + 5);
        }
    }

    /**
     * A delta id seen again: with the same content (a resend after a lost ack, or a queue
     * restored from a copy) it is acknowledged and not delivered twice; with other content
     * (an id reused after the counter was lost) it is an ID_CONFLICT, not acknowledged, not
     * delivered, and stays queued onboard instead of being dropped.
     */
    @Test
    void aReusedIdIsAConflictNotADuplicate(@TempDir Path dir) throws Exception {
        ApidPlan plan = new ApidPlan(List.of("sat-1"), 32);
        PassGatedRadio radio = new PassGatedRadio(schedule(), MARGIN_S);
        Ground g = new Ground(groundDir, plan);
        List<Long> delivered = new ArrayList<>();
        GroundLink[] gl = new GroundLink[1];
        GroundLink ground = gl[0] = g.link(plan, 512, radio, delivered::add);
        SpacecraftLink[] sat = new SpacecraftLink[1];
        radio.connect(PassGatedRadio.Direction.DOWNLINK, g.receiver(gl));
        radio.connect(PassGatedRadio.Direction.UPLINK, toCurrent(sat));
        int n = 2_000;
        float[] base = new float[n];
        ModelVersion bv = ModelVersion.of(0, base);
        WeightDelta first = gaussianDelta(0, bv, base, 1);
        WeightDelta other = gaussianDelta(0, bv, base, 2);
        DeltaQueue[] queues = new DeltaQueue[3];
        WeightDelta[] contents = {first, first, other};
        for (int k = 0; k < 3; k++) {
            queues[k] = DeltaQueue.open(java.nio.file.Files.createDirectories(dir.resolve("q" + k)), 10_000_000,
                    DiskFileOps.withoutDeviceFlush());
            assertThat(queues[k].reserveSequence()).isZero(); // every queue starts its ids afresh
            queues[k].offer(contents[k]);
            sat[0] = new SpacecraftLink("sat-1", plan, new Packetizer(512, plan.number("sat-1")), radio, queues[k], u -> { }, 2, 30, KEY);
            runPasses(sat[0], ground);
        }
        assertThat(delivered).containsExactly(0L);
        assertThat(g.archived()).containsExactly(Map.entry(0L, first));
        assertThat(queues[0].size()).isZero();
        assertThat(queues[1].size()).as("same id, same content: acknowledged as a duplicate").isZero();
        assertThat(queues[2].entries()).as("same id, other content: kept onboard, not dropped")
                .extracting(DeltaQueue.Entry::sequence).containsExactly(0L);
        assertThat(ground.rejects().count(RejectReason.ID_CONFLICT)).isPositive();
        assertThat(ground.deltasDelivered()).isEqualTo(1);
    }

    /**
     * The spacecraft resets while an update is coming up and stays down for the rest of the
     * pass: the ground has sent every packet, the spacecraft forgot the part it had and will
     * never NACK it. The ground must offer it again at the next pass until it is acknowledged.
     */
    @Test
    void anUpdateInterruptedByAResetIsOfferedAgainNextPass(@TempDir Path dir) throws IOException {
        ApidPlan plan = new ApidPlan(List.of("sat-1"), 32);
        PassGatedRadio radio = new PassGatedRadio(schedule(), MARGIN_S);
        DeltaQueue queue = DeltaQueue.open(dir, 10_000_000, DiskFileOps.withoutDeviceFlush());
        List<byte[]> updates = new ArrayList<>();
        Ground g = new Ground(groundDir, plan);
        GroundLink[] gl = new GroundLink[1];
        GroundLink ground = gl[0] = g.link(plan, 512, radio, seq -> { });
        SpacecraftLink[] sat = {new SpacecraftLink("sat-1", plan, new Packetizer(512, plan.number("sat-1")), radio, queue, updates::add, 2, 30, KEY)};
        double rebootAtS = WINDOWS.get(0).aosS() + MARGIN_S + 5;
        double upAgainS = WINDOWS.get(0).losS();
        double[] now = {0};
        int[] receivedBeforeReset = {0};
        radio.connect(PassGatedRadio.Direction.DOWNLINK, g.receiver(gl));
        radio.connect(PassGatedRadio.Direction.UPLINK, p -> {
            if (now[0] >= rebootAtS && now[0] < upAgainS) {
                return; // the flight computer is rebooting
            }
            if (now[0] < rebootAtS) {
                receivedBeforeReset[0]++;
            }
            toCurrent(sat).accept(p);
        });
        byte[] update = new byte[20_000];
        new SplittableRandom(3).nextBytes(update);
        ground.sendModelUpdate(7, update);
        boolean reset = false;
        double ackedAtS = Double.NaN;
        for (double t = 0; t < 25_000; t += 5) {
            now[0] = t;
            if (!reset && t >= rebootAtS) {
                sat[0] = new SpacecraftLink("sat-1", plan, new Packetizer(512, plan.number("sat-1")), radio, queue, updates::add, 2, 30, KEY);
                reset = true;
            }
            sat[0].step(t, t + 5);
            ground.step(t, t + 5);
            if (Double.isNaN(ackedAtS) && !ground.updatePending(7)) {
                ackedAtS = t;
            }
        }
        assertThat(receivedBeforeReset[0]).as("part of the update arrived before the reset").isPositive();
        assertThat(ground.outbox().packetsSent()).as("the ground sent it all in the first pass")
                .isGreaterThanOrEqualTo(new Packetizer(512, plan.number("sat-1")).packetCount(update.length));
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0)).isEqualTo(update);
        assertThat(ground.updatePending(7)).isFalse();
        assertThat(ground.updatesAcknowledged()).isEqualTo(1);
        // Delivered in the second pass, the first after the reset.
        assertThat(ackedAtS).isBetween(WINDOWS.get(1).aosS(), WINDOWS.get(1).losS());
    }

    /**
     * Acknowledged means archived: every DELTA_ACK the ground sends finds its delta already in
     * the archive file, seen through a connection of its own; while the archive cannot commit
     * (a trigger makes every delta insert fail, as a full disk would), nothing is acknowledged and
     * the spacecraft keeps the delta; once it can, the resent delta is archived and acknowledged.
     */
    @Test
    void aDeltaIsAcknowledgedOnlyAfterItsArchiveCommit(@TempDir Path dir) throws Exception {
        ApidPlan plan = new ApidPlan(List.of("sat-1"), 32);
        PassGatedRadio radio = new PassGatedRadio(schedule(), MARGIN_S);
        DeltaQueue queue = DeltaQueue.open(dir, 10_000_000, DiskFileOps.withoutDeviceFlush());
        Ground g = new Ground(groundDir, plan);
        String url = "jdbc:sqlite:" + groundDir.resolve("archive.db").toAbsolutePath();
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = other.createStatement()) {
            st.execute("CREATE TRIGGER full_disk BEFORE INSERT ON deltas BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }
        GroundLink[] gl = {g.link(plan, 512, radio, seq -> { })};
        SpacecraftLink sat = new SpacecraftLink("sat-1", plan, new Packetizer(512, plan.number("sat-1")), radio, queue, u -> { }, 2, 30, KEY);
        int[] failures = {0};
        Consumer<byte[]> receiver = g.receiver(gl);
        radio.connect(PassGatedRadio.Direction.DOWNLINK, p -> {
            try {
                receiver.accept(p);
            } catch (io.onorbit.ground.archive.ArchiveException e) {
                failures[0]++;
            }
        });
        int ackApid = plan.apid("sat-1", io.onorbit.flight.packet.Product.DELTA_ACK);
        List<Long> archivedAtAck = new ArrayList<>();
        radio.connect(PassGatedRadio.Direction.UPLINK, p -> {
            if ((((p[0] & 0x07) << 8) | (p[1] & 0xFF)) == ackApid) {
                archivedAtAck.add(countDeltas(url));
            }
            toCurrent(new SpacecraftLink[] {sat}).accept(p);
        });
        float[] base = new float[3_000];
        WeightDelta d = gaussianDelta(queue.reserveSequence(), ModelVersion.of(0, base), base, 4);
        queue.offer(d);
        for (double t = 0; t < 25_000; t += 5) {
            g.now[0] = t;
            if (t == WINDOWS.get(2).aosS()) {
                try (java.sql.Connection other = java.sql.DriverManager.getConnection(url);
                     java.sql.Statement st = other.createStatement()) {
                    st.execute("DROP TRIGGER full_disk"); // the operator freed the disk
                }
            }
            sat.step(t, t + 5);
            gl[0].step(t, t + 5);
            if (t < WINDOWS.get(2).aosS()) {
                assertThat(queue.size()).as("not archived, so never acknowledged: still onboard at %s s", t).isEqualTo(1);
            }
        }
        assertThat(failures[0]).as("the failing archive was reached").isPositive();
        assertThat(archivedAtAck).as("acknowledgements sent").isNotEmpty();
        assertThat(archivedAtAck).as("each found its delta already committed").allMatch(n -> n == 1);
        assertThat(queue.size()).isZero();
        assertThat(g.archived()).containsExactly(Map.entry(d.sequence(), d));
        g.close();
    }

    private static long countDeltas(String url) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM deltas")) {
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

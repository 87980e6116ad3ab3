package io.onorbit.flight.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.learning.model.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaQueueTest {

    static final int N = 64;
    static final int K = 8;
    static final float[] BASE_A = fill(0.5f);
    static final float[] BASE_B = fill(-0.25f);
    static final ModelVersion A = ModelVersion.of(1, BASE_A);
    static final ModelVersion B = ModelVersion.of(2, BASE_B);

    static float[] fill(float v) {
        float[] x = new float[N];
        java.util.Arrays.fill(x, v);
        return x;
    }

    /** A float32 delta on the fixed support 0..K-1, so merges are exact (nothing dropped). */
    static WeightDelta delta(long seq, ModelVersion base, float[] baseParams, int salt) {
        float[] on = baseParams.clone();
        for (int i = 0; i < K; i++) {
            on[i] += (i + 1) * 0.125f * salt;
        }
        DeltaEncoder enc = new DeltaEncoder(new CompressionSettings((double) K / N, 32,
                io.onorbit.flight.delta.ScaleMode.PER_DELTA, false), TensorLayout.single(N));
        return enc.encode(new DeltaHeader("sat-1", seq, base, 100L * salt, Instant.ofEpochSecond(salt)), baseParams, on);
    }

    /** Content of a queue: per base, the sum of its deltas and of their samples. */
    record Content(double[] sumA, double[] sumB, long samples, int entries) {
        boolean sameAs(Content o) {
            return samples == o.samples && close(sumA, o.sumA) && close(sumB, o.sumB);
        }

        static boolean close(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > 1e-5) {
                    return false;
                }
            }
            return true;
        }
    }

    static Content content(DeltaQueue q) {
        double[] a = new double[N];
        double[] b = new double[N];
        long samples = 0;
        for (DeltaQueue.Entry e : q.entries()) {
            float[] d = e.delta().toDense();
            double[] t = e.delta().base().equals(A) ? a : b;
            for (int i = 0; i < N; i++) {
                t[i] += d[i];
            }
            samples += e.delta().sampleCount();
        }
        return new Content(a, b, samples, q.size());
    }

    interface Step {
        void run(DeltaQueue q) throws IOException;
    }

    static Step offer(ModelVersion base, float[] params, int salt) {
        return q -> {
            long s = q.reserveSequence();
            assertThat(q.offer(delta(s, base, params, salt))).isInstanceOf(DeltaQueue.Stored.class);
        };
    }

    /** Four plain entries and room for the merge records (superseded ids) in each of their copies. */
    static final long CAPACITY = 4 * DeltaQueue.entryBytes(
            io.onorbit.flight.delta.DeltaCodec.encode(delta(0, A, BASE_A, 1)).length) + DeltaQueue.COPIES * 40;

    static List<Step> scenario() {
        List<Step> steps = new ArrayList<>();
        steps.add(offer(A, BASE_A, 1));
        steps.add(offer(A, BASE_A, 2));
        steps.add(offer(A, BASE_A, 3));
        steps.add(q -> q.markInFlight(q.head().orElseThrow().sequence()));
        steps.add(offer(A, BASE_A, 4));            // fills the queue
        steps.add(offer(A, BASE_A, 5));            // full: merged with the newest open entry
        steps.add(q -> q.ack(q.head().orElseThrow().sequence()));
        steps.add(offer(B, BASE_B, 6));
        steps.add(q -> q.markInFlight(q.entries().get(q.size() - 1).sequence()));
        steps.add(offer(B, BASE_B, 7));            // full, no B partner open: merges an A pair first
        steps.add(q -> q.ack(q.head().orElseThrow().sequence()));
        return steps;
    }

    /** Resets are simulated, so flushing to the device adds only time (one test keeps it real). */
    static final FileOps FAST = DiskFileOps.withoutDeviceFlush();

    static DeltaQueue open(Path dir, FileOps ops) throws IOException {
        return DeltaQueue.open(dir, CAPACITY, ops);
    }

    static void assertClean(Path dir, DeltaQueue q) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(q.corrupted()).isEmpty();
        assertThat(q.usedBytes()).isLessThanOrEqualTo(CAPACITY);
        long onDisk;
        try (Stream<Path> s = Files.list(dir)) {
            onDisk = s.filter(p -> p.getFileName().toString().endsWith(".dlt")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(onDisk).isEqualTo(q.usedBytes());
    }

    @Test
    void cleanRunMergesInsteadOfDroppingAndDeletesOnlyOnAck(@TempDir Path dir) throws IOException {
        DeltaQueue q = open(dir, new DiskFileOps());
        List<Step> steps = scenario();
        long expectedSamples = 0;
        for (int i = 0; i < steps.size() - 1; i++) {
            steps.get(i).run(q);
            assertClean(dir, q);
        }
        // 0 in flight then acked; 3 merged into 4; to make room for B 6, A 1 and 2 became 7.
        assertThat(q.entries()).extracting(DeltaQueue.Entry::sequence).containsExactly(4L, 5L, 6L, 7L);
        // Samples: 100 x (1..7) minus the acked first delta (100): none lost to merging.
        expectedSamples = 100L * (2 + 3 + 4 + 5 + 6 + 7);
        assertThat(content(q).samples()).isEqualTo(expectedSamples);
        assertThat(q.size()).isLessThan(6);
        // Sums per base survive the merges exactly (float32 deltas on one support).
        double[] a = content(q).sumA();
        for (int i = 0; i < K; i++) {
            assertThat(a[i]).isCloseTo((i + 1) * 0.125 * (2 + 3 + 4 + 5), org.assertj.core.data.Offset.offset(1e-5));
        }
        DeltaQueue reopened = open(dir, FAST);
        assertThat(content(reopened).sameAs(content(q))).isTrue();
        assertThat(reopened.entries()).extracting(DeltaQueue.Entry::sequence)
                .isEqualTo(q.entries().stream().map(DeltaQueue.Entry::sequence).toList());
        steps.get(steps.size() - 1).run(reopened);
        for (DeltaQueue.Entry e : reopened.entries()) {
            reopened.ack(e.sequence());
        }
        assertThat(reopened.size()).isZero();
        assertThat(open(dir, FAST).size()).isZero();
        assertThat(open(dir, FAST).nextSequence()).isGreaterThanOrEqualTo(8);
    }

    /** Kill the writer after every possible number of file operations of every step, restart, check. */
    @Test
    void survivesACrashAtEveryStepOfEveryWrite(@TempDir Path root) throws IOException {
        List<Step> steps = scenario();
        int crashPoints = 0;
        for (int s = 0; s < steps.size(); s++) {
            for (int n = 0; ; n++) {
                Path dir = Files.createDirectory(root.resolve("s" + s + "-n" + n));
                DeltaQueue q = open(dir, FAST);
                for (int i = 0; i < s; i++) {
                    steps.get(i).run(q);
                }
                Content pre = content(q);
                CrashingFileOps crashing = new CrashingFileOps(FAST, n);
                DeltaQueue victim = open(dir, crashing);
                boolean crashed = false;
                try {
                    steps.get(s).run(victim);
                } catch (CrashingFileOps.SimulatedCrash e) {
                    crashed = true;
                }
                DeltaQueue restarted = open(dir, FAST);
                assertClean(dir, restarted);
                Content after = content(restarted);
                // The post state: the same step on an untouched copy of the pre state.
                Path ref = Files.createDirectory(root.resolve("ref" + s + "-n" + n));
                DeltaQueue r = open(ref, FAST);
                for (int i = 0; i <= s; i++) {
                    steps.get(i).run(r);
                }
                Content post = content(r);
                assertThat(after.sameAs(pre) || after.sameAs(post))
                        .as("step %d, crash after %d operations: neither before nor after", s, n).isTrue();
                if (after.sameAs(pre) && !pre.sameAs(post)) {
                    // Nothing committed: doing the step again after the restart reaches the post state.
                    steps.get(s).run(restarted);
                    assertThat(content(restarted).sameAs(post)).isTrue();
                    assertClean(dir, restarted);
                }
                if (!crashed) {
                    break;
                }
                crashPoints++;
            }
        }
        System.out.println("DeltaQueue crash test: " + crashPoints + " crash points over " + steps.size() + " steps");
        assertThat(crashPoints).isGreaterThan(50);
    }

    static Path copy(Path dir, long seq, String prefix) {
        return dir.resolve(String.format("%s%019d.dlt", prefix, seq));
    }

    @Test
    void anEntryWithBothCopiesCorruptedIsReportedLostAndTheRestLoad(@TempDir Path dir) throws IOException {
        DeltaQueue q = open(dir, FAST);
        for (int salt = 1; salt <= 3; salt++) {
            offer(A, BASE_A, salt).run(q);
        }
        for (String prefix : new String[] {"q-", "m-"}) {
            damage(copy(dir, 1, prefix), false);
            damage(copy(dir, 2, prefix), true);
        }
        DeltaQueue r = open(dir, FAST);
        assertThat(r.corrupted()).extracting(DeltaQueue.Corruption::file).containsExactly(copy(dir, 1, "q-"), copy(dir, 2, "q-"));
        assertThat(r.repaired()).isEmpty();
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.head().orElseThrow().delta().sampleCount()).isEqualTo(100);
        for (String prefix : new String[] {"q-", "m-"}) {
            Path f = copy(dir, 1, prefix);
            assertThat(f.resolveSibling(f.getFileName() + ".corrupt")).exists();
            assertThat(f).doesNotExist();
        }
        // Reopening again is quiet: the damaged files are set aside, and sequences are never reused.
        DeltaQueue again = open(dir, FAST);
        assertThat(again.corrupted()).isEmpty();
        assertThat(again.reserveSequence()).isEqualTo(3);
    }

    /**
     * A single corrupted flash file never loses a delta: for either copy and every kind of damage
     * the soak injects (a flipped byte, a truncation) and a copy missing, the entry loads with
     * its bytes intact, the copy is rewritten, and a later fault in the other copy is again a
     * single fault.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"q-,flip", "q-,truncate", "q-,delete", "m-,flip", "m-,truncate", "m-,delete"})
    void oneCorruptedCopyIsRepairedFromTheOtherAndTheDeltaStaysIntact(String prefix, String harm, @TempDir Path dir)
            throws IOException {
        DeltaQueue q = open(dir, FAST);
        for (int salt = 1; salt <= 3; salt++) {
            offer(A, BASE_A, salt).run(q);
        }
        List<byte[]> sent = q.entries().stream().map(DeltaQueue.Entry::encoded).toList();
        Path hit = copy(dir, 1, prefix);
        switch (harm) {
            case "flip" -> damage(hit, false);
            case "truncate" -> damage(hit, true);
            default -> Files.delete(hit);
        }
        DeltaQueue r = open(dir, FAST);
        assertThat(r.corrupted()).isEmpty();
        if (harm.equals("delete")) {
            assertThat(r.repaired()).isEmpty();
        } else {
            assertThat(r.repaired()).extracting(DeltaQueue.Corruption::file).containsExactly(hit);
        }
        assertThat(r.entries()).extracting(DeltaQueue.Entry::sequence).containsExactly(0L, 1L, 2L);
        for (int i = 0; i < 3; i++) {
            assertThat(r.entries().get(i).encoded()).as("delta %d", i).isEqualTo(sent.get(i));
        }
        assertThat(Files.readAllBytes(hit)).isEqualTo(Files.readAllBytes(copy(dir, 1, prefix.equals("q-") ? "m-" : "q-")));
        assertClean(dir, r);
        // Repaired on open: now the other copy may fail too.
        damage(copy(dir, 1, prefix.equals("q-") ? "m-" : "q-"), harm.equals("truncate"));
        DeltaQueue again = open(dir, FAST);
        assertThat(again.corrupted()).isEmpty();
        assertThat(again.get(1).orElseThrow().encoded()).isEqualTo(sent.get(1));
    }

    @Test
    void refusesOnlyWhenNothingCanMerge(@TempDir Path dir) throws IOException {
        DeltaQueue q = open(dir, FAST);
        for (int salt = 1; salt <= 4; salt++) {
            offer(salt % 2 == 0 ? A : B, salt % 2 == 0 ? BASE_A : BASE_B, salt).run(q);
            q.markInFlight(q.entries().get(q.size() - 1).sequence());
        }
        long s = q.reserveSequence();
        DeltaQueue.OfferResult r = q.offer(delta(s, A, BASE_A, 9));
        assertThat(r).isInstanceOf(DeltaQueue.Refused.class);
        assertThat(q.size()).isEqualTo(4);
        assertThat(open(dir, FAST).entries()).allMatch(DeltaQueue.Entry::inFlight);
    }

    /** Damages a counter slot the way the soak does: a flipped byte or a truncation. */
    static void damage(Path f, boolean truncate) throws IOException {
        byte[] b = Files.readAllBytes(f);
        if (truncate) {
            Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        } else {
            b[5] ^= 0x40;
            Files.write(f, b);
        }
    }

    static Path slot(Path dir, int i) {
        return dir.resolve("next-sequence." + i);
    }

    /**
     * The soak's failure: a counter damaged while the queue is empty restarted ids at 0. For
     * every slot, every number of reservations since the last reset (so the damaged slot is the
     * newest, the oldest or in between) and both kinds of damage: ids handed out after the
     * restart are strictly above every id handed out before.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2})
    void anyOneDamagedCounterSlotNeverReusesAnIdEvenWhenTheQueueIsEmpty(int damagedSlot, @TempDir Path root)
            throws IOException {
        for (int reservations = DeltaQueue.COUNTER_SLOTS; reservations < 3 * DeltaQueue.COUNTER_SLOTS + 1; reservations++) {
            for (boolean truncate : new boolean[] {false, true}) {
                Path dir = Files.createDirectories(root.resolve(reservations + "-" + truncate));
                DeltaQueue q = open(dir, FAST);
                long highest = -1;
                for (int i = 0; i < reservations; i++) {
                    long s = q.reserveSequence();
                    assertThat(s).isGreaterThan(highest);
                    highest = s;
                    assertThat(q.offer(delta(s, A, BASE_A, 1))).isInstanceOf(DeltaQueue.Stored.class);
                    q.ack(s); // delivered: the queue is empty again
                }
                damage(slot(dir, damagedSlot), truncate);
                DeltaQueue r = open(dir, FAST);
                assertThat(r.size()).isZero();
                assertThat(r.corrupted()).extracting(c -> c.file().getFileName().toString())
                        .containsExactly("next-sequence." + damagedSlot);
                for (int i = 0; i < 2 * DeltaQueue.COUNTER_SLOTS; i++) {
                    long s = r.reserveSequence();
                    assertThat(s).as("reservations %d, slot %d, truncate %s", reservations, damagedSlot, truncate)
                            .isGreaterThan(highest);
                    highest = s;
                }
                // The slot was repaired on open: damaging another one now is again a single fault.
                damage(slot(dir, (damagedSlot + 1) % DeltaQueue.COUNTER_SLOTS), truncate);
                assertThat(open(dir, FAST).reserveSequence()).isGreaterThan(highest);
            }
        }
    }

    @Test
    void everyCounterSlotDamagedRecoversFromQueuedAndSetAsideEntries(@TempDir Path dir) throws IOException {
        DeltaQueue q = open(dir, FAST);
        long highest = -1;
        for (int salt = 1; salt <= 3; salt++) {
            long s = q.reserveSequence();
            q.offer(delta(s, A, BASE_A, salt));
            highest = s;
        }
        q.ack(0);
        for (int i = 0; i < DeltaQueue.COUNTER_SLOTS; i++) {
            damage(slot(dir, i), i % 2 == 0);
        }
        DeltaQueue r = open(dir, FAST);
        assertThat(r.corrupted()).hasSize(DeltaQueue.COUNTER_SLOTS);
        assertThat(r.entries()).extracting(DeltaQueue.Entry::sequence).containsExactly(1L, 2L);
        long next = r.reserveSequence();
        assertThat(next).isGreaterThan(highest);
        highest = next;
        // Now the newest entry itself is damaged too: its file name still bars its id.
        r.offer(delta(next, A, BASE_A, 4));
        damage(copy(dir, next, "q-"), true);
        damage(copy(dir, next, "m-"), false);
        for (int i = 0; i < DeltaQueue.COUNTER_SLOTS; i++) {
            damage(slot(dir, i), false);
        }
        DeltaQueue again = open(dir, FAST);
        assertThat(again.reserveSequence()).isGreaterThan(highest);
    }

    @Test
    void aQueueWrittenWithTheSingleCounterFileKeepsItsIds(@TempDir Path dir) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putInt(0x4F514331).putLong(41);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b.array(), 0, 12);
        b.putInt((int) c.getValue());
        Files.write(dir.resolve("next-sequence"), b.array());
        DeltaQueue q = open(dir, FAST);
        assertThat(q.reserveSequence()).isEqualTo(41);
        assertThat(Files.exists(dir.resolve("next-sequence"))).isFalse();
        assertThat(open(dir, FAST).reserveSequence()).isGreaterThan(41);
    }

    /** File names carry the sequence as the JDK's %019d prints it, over the whole range of a long. */
    @Test
    void sequenceDigitsAreTheFormattersZeroPaddedDigits() {
        long[] values = {0, 1, 9, 10, 123_456_789, 999_999_999_999_999_999L, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long v : values) {
            assertThat(DeltaQueue.sequenceDigits(v)).isEqualTo(String.format("%019d", v));
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int k = 0; k < 10_000; k++) {
            long v = rng.nextLong() >>> rng.nextInt(64);
            assertThat(DeltaQueue.sequenceDigits(v)).isEqualTo(String.format("%019d", v));
        }
    }
}

package io.onorbit.ground.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.RejectEntry;
import io.onorbit.ground.review.ReviewPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest over the real flight-sw packets and delta codec. */
class LinkIngestTest {

    static final Instant T = Instant.parse("2026-06-21T02:00:00Z");
    static final List<String> SATS = List.of("sat-1", "sat-2", "sat-3");
    static final int DIM = 300;

    @TempDir
    Path dir;
    final ApidPlan plan = new ApidPlan(SATS, 64);
    float[] v0;
    ModelVersion mv0;
    final Ingest.Pass pass = new Ingest.Pass(12, "svalbard", T);

    @BeforeEach
    void setUp() {
        SplittableRandom r = new SplittableRandom(5);
        v0 = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v0[i] = (float) r.nextGaussian();
        }
        mv0 = ModelVersion.of(0, v0);
    }

    /** Each satellite's packets carry its number. */
    Packetizer packetizer(String satellite) {
        return new Packetizer(40, plan.number(satellite));
    }

    WeightDelta delta(String sat, long seq, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] onboard = v0.clone();
        for (int i = 0; i < DIM; i++) {
            onboard[i] += (float) (0.01 * r.nextGaussian());
        }
        DeltaEncoder enc = new DeltaEncoder(CompressionSettings.defaults().withTopKFraction(0.3), TensorLayout.single(DIM));
        return enc.encode(new DeltaHeader(sat, seq, mv0, 100 + seed, T.minusSeconds(600)), v0, onboard);
    }

    List<byte[]> packets(WeightDelta d) {
        return packetizer(d.satellite()).segment(plan.apid(d.satellite(), Product.DELTA), false, d.sequence(),
                DeltaCodec.encode(d));
    }

    @Test
    void shuffledDuplicatedCorruptedPacketsYieldEachDeltaOnceWithRejectsRecorded() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan);
            List<WeightDelta> sent = new ArrayList<>();
            List<byte[]> wire = new ArrayList<>();
            for (int s = 0; s < SATS.size(); s++) {
                WeightDelta d = delta(SATS.get(s), 1, s);
                sent.add(d);
                List<byte[]> p = packets(d);
                assertThat(p.size()).as("multi-packet delta").isGreaterThan(3);
                wire.addAll(p);
                wire.add(p.get(1).clone()); // a retransmitted segment
            }
            byte[] corrupt = wire.get(2).clone();
            corrupt[corrupt.length / 2] ^= 0x10;
            wire.add(corrupt);
            wire.add(new byte[] {1, 2, 3});
            Collections.shuffle(wire, new Random(3));
            for (byte[] p : wire) {
                ingest.accept(p, pass);
            }
            List<DeltaRecord> stored = a.deltas();
            assertThat(stored).hasSize(3);
            for (WeightDelta d : sent) {
                DeltaRecord r = stored.stream().filter(x -> x.satellite().equals(d.satellite())).findFirst().orElseThrow();
                assertThat(r.delta().indices()).containsExactly(d.indices());
                for (int j = 0; j < d.size(); j++) {
                    assertThat(r.delta().values()[j]).isEqualTo(d.value(j));
                }
                assertThat(r.delta().encoded()).containsExactly(DeltaCodec.encode(d));
                assertThat(r.sampleCount()).isEqualTo(d.sampleCount());
                assertThat(r.passNumber()).isEqualTo(12);
                assertThat(r.flags()).as("nominal delta on the current base").isEmpty();
            }
            assertThat(a.rejects()).extracting(RejectEntry::reason).contains("bad-check", "truncated");
            assertThat(a.passes()).hasSize(3);
            // the same delta again, whole, through the path GroundLink users take: dropped
            assertThat(ingest.acceptDelta(sent.get(0), pass)).isEqualTo(Ingest.Result.DUPLICATE);
            assertThat(a.deltas()).hasSize(3);
        }
    }

    @Test
    void deltaWithBadDigestOrWrongChannelIsRejectedWithReason() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan);
            byte[] bytes = DeltaCodec.encode(delta("sat-1", 4, 9));
            bytes[10] ^= 1; // inside the delta, after the packet checks were computed
            for (byte[] p : packetizer("sat-1").segment(plan.apid("sat-1", Product.DELTA), false, 4, bytes)) {
                ingest.accept(p, pass);
            }
            byte[] fromSat2 = DeltaCodec.encode(delta("sat-2", 5, 10));
            for (byte[] p : packetizer("sat-3").segment(plan.apid("sat-3", Product.DELTA), false, 5, fromSat2)) {
                ingest.accept(p, pass);
            }
            assertThat(a.deltas()).isEmpty();
            assertThat(a.rejects()).extracting(RejectEntry::reason).containsExactly("delta-digest", "satellite-mismatch");
            assertThat(ingest.rejectReasons()).containsEntry("delta-digest", 1L).containsEntry("satellite-mismatch", 1L);
        }
    }

    @Test
    void fuzzedPacketsNeverThrow() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan);
            List<byte[]> good = packets(delta("sat-2", 7, 3));
            SplittableRandom r = new SplittableRandom(17);
            for (int k = 0; k < 300; k++) {
                byte[] p = good.get(r.nextInt(good.size())).clone();
                switch (r.nextInt(3)) {
                    case 0 -> p[r.nextInt(p.length)] ^= (byte) (1 + r.nextInt(255));
                    case 1 -> p = java.util.Arrays.copyOf(p, r.nextInt(p.length));
                    default -> r.nextBytes(p);
                }
                assertThat(ingest.accept(p, pass)).isNotNull();
            }
            assertThat(a.deltas()).isEmpty();
            assertThat(ingest.acceptDeltaBytes("sat-2", new byte[0], pass)).isEqualTo(Ingest.Result.REJECTED);
            assertThat(ingest.acceptDeltaBytes("sat-2", null, pass)).isEqualTo(Ingest.Result.REJECTED);
        }
    }
}

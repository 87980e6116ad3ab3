package io.onorbit.ground.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.link.DeltaSeal;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.RejectEntry;
import io.onorbit.ground.review.ReviewPolicy;
import io.onorbit.ground.uplink.UplinkKeys;
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
    static final UplinkKeys KEYS = UplinkKeys.derivedFromSeed(SATS, 11);

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
        return packetizer(d.satellite()).segment(plan.apid(d.satellite(), Product.DELTA), false, d.sequence(), sealed(d));
    }

    static byte[] sealed(WeightDelta d) {
        return DeltaSeal.seal(KEYS.key(d.satellite()), DeltaCodec.encode(d));
    }

    @Test
    void shuffledDuplicatedCorruptedPacketsYieldEachDeltaOnceWithRejectsRecorded() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan, KEYS);
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
                assertThat(r.delta().values().indices()).containsExactly(d.indices());
                for (int j = 0; j < d.size(); j++) {
                    assertThat(r.delta().values().value(j)).isEqualTo(d.value(j));
                }
                assertThat(r.delta().encoded()).containsExactly(DeltaCodec.encode(d));
                assertThat(r.sampleCount()).isEqualTo(d.sampleCount());
                assertThat(r.passNumber()).isEqualTo(12);
                assertThat(r.flags()).as("nominal delta on the current base").isEmpty();
            }
            assertThat(a.rejects()).extracting(RejectEntry::reason).contains("bad-check", "truncated");
            assertThat(a.passes()).hasSize(3);
            // the same delta again, whole, through the path GroundLink users take: dropped
            WeightDelta again = sent.get(0);
            assertThat(ingest.acceptDelta(again.satellite(), again.sequence(), sealed(again), pass).result())
                    .isEqualTo(Ingest.Result.DUPLICATE);
            assertThat(a.deltas()).hasSize(3);
        }
    }

    @Test
    void deltaWithBadDigestOrWrongChannelIsRejectedWithReason() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan, KEYS);
            byte[] bytes = DeltaCodec.encode(delta("sat-1", 4, 9));
            bytes[10] ^= 1; // inside the delta, before it was sealed: the seal is right, the digest is not
            send(ingest, "sat-1", 4, DeltaSeal.seal(KEYS.key("sat-1"), bytes));
            byte[] fromSat2 = DeltaCodec.encode(delta("sat-2", 5, 10));
            // sat-2's delta with sat-3's key, on sat-3's channel: authentic channel, wrong sender inside
            send(ingest, "sat-3", 5, DeltaSeal.seal(KEYS.key("sat-3"), fromSat2));
            // sat-2's delta with its own key, but on sat-3's channel: not sat-3's seal
            send(ingest, "sat-3", 6, DeltaSeal.seal(KEYS.key("sat-2"), fromSat2));
            // no seal at all
            send(ingest, "sat-2", 7, fromSat2);
            assertThat(a.deltas()).isEmpty();
            assertThat(a.rejects()).extracting(RejectEntry::reason)
                    .containsExactly("delta-digest", "satellite-mismatch", "unauthenticated", "unauthenticated");
            assertThat(ingest.rejectReasons()).containsEntry("delta-digest", 1L).containsEntry("satellite-mismatch", 1L)
                    .containsEntry("unauthenticated", 2L);
        }
    }

    @Test
    void fuzzedPacketsNeverThrow() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan, KEYS);
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
            assertThat(ingest.acceptDelta("sat-2", 0, new byte[0], pass).result()).isEqualTo(Ingest.Result.REJECTED);
            assertThat(ingest.acceptDelta("sat-2", 0, null, pass).result()).isEqualTo(Ingest.Result.REJECTED);
        }
    }

    void send(Ingest ingest, String channel, long messageId, byte[] message) {
        for (byte[] p : packetizer(channel).segment(plan.apid(channel, Product.DELTA), false, messageId, message)) {
            ingest.accept(p, pass);
        }
    }

    /**
     * The message of issue #12: 105 bytes announcing a model of 1e9 parameters, all sent. Unsealed
     * it is refused as unauthenticated; sealed with the right key (a compromised satellite) it is
     * refused by the decoder's bounds, in either case without allocating for the announced size
     * (the heap of a test JVM could not hold 4 GB of indices).
     */
    @Test
    void aForgedOversizedDeltaIsRejectedBeforeAllocating() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(v0, "initial", List.of(), T);
            Ingest ingest = Ingest.forLink(a, ReviewPolicy.DEFAULT, plan, KEYS);
            byte[] forged = io.onorbit.flight.delta.DeltaForgery.announcing("sat-1", 1_000_000_000);
            assertThat(forged).hasSize(105);
            assertThat(ingest.acceptDelta("sat-1", 0, forged, pass).result()).isEqualTo(Ingest.Result.REJECTED);
            assertThat(ingest.acceptDelta("sat-1", 0, DeltaSeal.seal(KEYS.key("sat-1"), forged), pass).result())
                    .isEqualTo(Ingest.Result.REJECTED);
            assertThat(a.rejects()).extracting(RejectEntry::reason).containsExactly("unauthenticated", "delta-format");
            assertThat(a.rejects().get(1).detail()).contains("1000000000 parameters, larger than the " + DIM + " known");
        }
    }
}

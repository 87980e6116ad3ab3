package io.onorbit.verification.review;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.link.DeltaSeal;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.archive.PassRecord;
import io.onorbit.ground.ingest.Ingest;
import io.onorbit.ground.review.ReviewDesk;
import io.onorbit.ground.review.ReviewPolicy;
import io.onorbit.ground.uplink.UplinkKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One simulated ground pass over a small constellation on the linear stand-in task, through the
 * real link layer: each satellite refits the newest global model on its own samples, encodes the
 * change with the flight-sw delta codec, and its packets reach the ground shuffled, with one
 * duplicated and one corrupted (then resent) packet per satellite; {@link Ingest} archives them.
 * Poisoned satellites send their change sign-flipped and x20. For demos and end-to-end tests of
 * the review desk; the closed-loop simulator is the real thing.
 *
 * @param satellites how many satellites (&ge; 1)
 * @param poisoned   how many of them (the first ones) send poisoned deltas, in [0, satellites]
 * @param samples    samples per satellite per pass (&gt; dimension)
 * @param seed       seed of the task (keep it across passes) and of this pass's draws
 */
public record PassSimulator(int satellites, int poisoned, int samples, long seed) {

    /** Model parameters of the stand-in task. */
    public static final int DIMENSION = 12;
    /** Start of the first pass (UTC). */
    public static final Instant EPOCH = Instant.parse("2026-06-21T00:00:00Z");
    /** The station every simulated pass is received at. */
    public static final String STATION = "svalbard";
    private static final Duration PASS_SPACING = Duration.ofMinutes(95);

    public PassSimulator {
        if (satellites < 1 || poisoned < 0 || poisoned > satellites) {
            throw new IllegalArgumentException("satellites must be >= 1 and poisoned in [0, satellites]");
        }
        if (samples <= DIMENSION) {
            throw new IllegalArgumentException("samples " + samples + " must be > " + DIMENSION);
        }
    }

    /** @return the task (same for every pass with this seed) */
    public StandInRegressionTask task() {
        return new StandInRegressionTask(DIMENSION, 0.5, 0.7, seed);
    }

    /** What the pass did. */
    public record Outcome(long passNumber, String station, Instant at, int packets, java.util.Map<Ingest.Result, Long> results,
            java.util.Map<String, Long> rejectReasons) {
    }

    /**
     * Runs one pass into the archive (creating global v0 = the deployed model if it has none).
     *
     * @return what was received
     */
    public Outcome run(Archive archive) {
        StandInRegressionTask task = task();
        if (archive.latestGlobal().isEmpty()) {
            archive.recordGlobalVersion(task.deployed(), "initial", List.of(), EPOCH);
        }
        GlobalVersion global = archive.latestGlobal().orElseThrow();
        float[] base = global.params();
        if (base.length != DIMENSION) {
            throw new IllegalArgumentException("archive's model has " + base.length + " parameters, this simulator "
                    + DIMENSION + ": use a fresh archive");
        }
        List<String> names = new ArrayList<>();
        for (int s = 1; s <= satellites; s++) {
            names.add("sat-" + s);
        }
        long passNumber = archive.passes().stream().mapToLong(PassRecord::passNumber).max().orElse(0) + 1;
        Instant at = EPOCH.plus(PASS_SPACING.multipliedBy(passNumber));
        ApidPlan plan = new ApidPlan(names, 64);
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + passNumber);
        // The simulated satellites and this ground share keys made for this pass, in memory only.
        UplinkKeys keys = UplinkKeys.generate(names, new SecureRandom());
        List<byte[]> wire = new ArrayList<>();
        for (int s = 0; s < satellites; s++) {
            float[] local = task.leastSquares(task.samples(samples, r));
            float[] onboard = base.clone();
            for (int i = 0; i < DIMENSION; i++) {
                float change = local[i] - base[i];
                onboard[i] = base[i] + (s < poisoned ? -20f * change : change);
            }
            DeltaEncoder encoder = new DeltaEncoder(CompressionSettings.defaults().withTopKFraction(1.0).withBits(8),
                    TensorLayout.single(DIMENSION));
            WeightDelta d = encoder.encode(new DeltaHeader(names.get(s), passNumber, global.modelVersion(), samples,
                    at.minusSeconds(600)), base, onboard);
            Packetizer packetizer = new Packetizer(64, plan.number(names.get(s)));
            List<byte[]> packets = packetizer.segment(plan.apid(names.get(s), Product.DELTA), false, passNumber,
                    DeltaSeal.seal(keys.key(names.get(s)), DeltaCodec.encode(d)));
            wire.addAll(packets);
            wire.add(packets.get(0).clone()); // duplicated on the link
            byte[] hit = packets.get(packets.size() - 1).clone();
            hit[hit.length / 2] ^= 0x04; // a bit error: refused, the intact copy above still arrives
            wire.add(hit);
        }
        Collections.shuffle(wire, new Random(r.nextLong()));
        Ingest ingest = Ingest.forLink(archive, ReviewPolicy.DEFAULT, plan, keys);
        Ingest.Pass pass = new Ingest.Pass(passNumber, STATION, at);
        for (byte[] p : wire) {
            ingest.accept(p, pass);
        }
        new ReviewDesk(archive).refreshFlags(ReviewPolicy.DEFAULT); // the whole pass is in: re-check early arrivals
        return new Outcome(passNumber, STATION, at, wire.size(), ingest.counts(), ingest.rejectReasons());
    }
}

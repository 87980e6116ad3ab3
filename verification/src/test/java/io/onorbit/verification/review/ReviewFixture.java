package io.onorbit.verification.review;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaSubmission;
import io.onorbit.ground.review.ReviewPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small seeded archive: 4 satellites x 3 passes of least-squares deltas on a linear task
 * (y = w* . x + noise) from a drifted v0, one poisoned delta, plus a validation CSV.
 */
final class ReviewFixture {

    static final Instant T0 = Instant.parse("2026-06-21T00:00:00Z");
    static final int DIM = 6;

    private ReviewFixture() {
    }

    static void build(Path archiveFile, Path validationCsv, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        double[] truth = new double[DIM];
        float[] v0 = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            truth[i] = r.nextGaussian();
            v0[i] = (float) (truth[i] + 0.5 * r.nextGaussian());
        }
        StringBuilder csv = new StringBuilder("# x1..x6,y\n");
        for (int k = 0; k < 2000; k++) {
            double y = 0;
            for (int i = 0; i < DIM; i++) {
                double x = r.nextGaussian();
                y += truth[i] * x;
                csv.append(String.format(Locale.ROOT, "%.6f,", x));
            }
            csv.append(String.format(Locale.ROOT, "%.6f%n", y + 0.1 * r.nextGaussian()));
        }
        Files.writeString(validationCsv, csv);
        try (Archive a = Archive.open(archiveFile)) {
            a.recordGlobalVersion(v0, "initial", List.of(), T0);
            ReviewPolicy policy = ReviewPolicy.DEFAULT;
            for (int pass = 1; pass <= 3; pass++) {
                for (int s = 1; s <= 4; s++) {
                    float[] delta = new float[DIM];
                    for (int i = 0; i < DIM; i++) {
                        delta[i] = (float) ((truth[i] - v0[i]) + 0.05 * r.nextGaussian());
                    }
                    if (pass == 3 && s == 4) {
                        for (int i = 0; i < DIM; i++) {
                            delta[i] *= -40; // poisoned
                        }
                    }
                    int[] idx = {0, 1, 2, 3, 4, 5};
                    byte[] enc = (s + ":" + pass + ":" + seed).repeat(2 + pass + s).getBytes(StandardCharsets.UTF_8);
                    DeltaSubmission d = new DeltaSubmission("sat-" + s, pass, "svalbard", 0, ModelVersion.digestOf(v0),
                            com.google.common.hash.Hashing.sha256().hashBytes(enc).asBytes(), 50 + 10L * s,
                            T0.plusSeconds(5400L * pass + 60L * s), new SparseVector(DIM, idx, delta), enc);
                    a.storeDelta(d, policy.auto(d, a), T0.plusSeconds(5400L * pass + 60L * s + 30));
                }
            }
        }
    }
}

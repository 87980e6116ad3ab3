package io.onorbit.ground.aggregation;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.DeltaSubmission;
import io.onorbit.ground.archive.GlobalVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AggregationBasis#LATEST_MODELS}: the global model as the average of every satellite's latest model. */
class LatestModelsAggregationTest {

    private static final Aggregator MODELS = Aggregator.fedAvg().withBasis(AggregationBasis.LATEST_MODELS);

    @Test
    void deltasOnOneBaseAddUpToTheSatellitesModelAndTheNextVersionIsTheMeanOfTheModels(@TempDir Path dir) {
        float[] v0 = {1, 2, 3, 4};
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(v0, "launch", List.of(), T0);
            // sat-1 sends its progress on v0 in two pieces (the second carries only what the first did not)
            approve(a, delta("sat-1", 1, v0, 0, new float[] {0.5f, 0, 0, 0}));
            approve(a, delta("sat-1", 2, v0, 0, new float[] {0.25f, 0, 1, 0}));
            float[] v1 = AggregationRun.run(a, MODELS, T0.plusSeconds(1)).orElseThrow().params();
            assertThat(v1).as("one satellite heard from, fresh: its model, both pieces summed")
                    .containsExactly(new float[] {1.75f, 2, 4, 4}, within(1e-6f));

            // sat-2 on v1, fresh; sat-1's model (base v0, one version ago) keeps its place in the mean
            approve(a, delta("sat-2", 3, v1, 1, new float[] {0, 2, 0, -2}));
            GlobalVersion v2 = AggregationRun.run(a, MODELS.withStalenessExponent(0), T0.plusSeconds(2)).orElseThrow();
            float[] m1 = {1.75f, 2, 4, 4};
            float[] m2 = {1.75f, 4, 4, 2};
            for (int i = 0; i < v0.length; i++) {
                assertThat(v2.params()[i]).as("coordinate %d: (m1 + m2) / 2", i).isCloseTo((m1[i] + m2[i]) / 2, within(1e-6f));
            }
            assertThat(a.delta(v2.lineage().get(0).deltaId()).orElseThrow().status()).isEqualTo(DeltaStatus.MERGED);
        }
    }

    @Test
    void aSatellitesDeltasOnABaseItHasLeftAreSupersededByThoseOnItsNewerBase(@TempDir Path dir) {
        float[] v0 = {0, 0};
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(v0, "launch", List.of(), T0);
            float[] v1 = {10, 10};
            a.recordGlobalVersion(v1, "by hand", List.of(), T0);
            approve(a, delta("sat-1", 1, v1, 1, new float[] {1, 1}));
            approve(a, delta("sat-1", 2, v0, 0, new float[] {5, 5})); // arrives late, on the base it has left
            float[] v2 = AggregationRun.run(a, MODELS, T0.plusSeconds(1)).orElseThrow().params();
            assertThat(v2).containsExactly(new float[] {11, 11}, within(1e-6f));
        }
    }

    /**
     * Twelve satellites whose models are the truth plus independent Gaussian errors of variance
     * sigma^2, heard one at a time on ever older bases: the global model is their mean, whose error
     * variance is sigma^2 / 12 (the mean of N independent unbiased estimators). Adding each delta
     * (model minus its base) to the current model instead (FedBuff's rebase) piles the models up.
     */
    @Test
    void theAverageOfTwelveNoisyModelsHasAOneTwelfthOfTheirErrorVariance(@TempDir Path dir) {
        int n = 12;
        int dim = 4000;
        double sigma = 0.1;
        float[] truth = new float[dim];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < dim; i++) {
            truth[i] = (float) r.nextGaussian();
        }
        double models = errorVariance(dir.resolve("m.db"), MODELS.withStalenessExponent(0), truth, sigma, n);
        double deltas = errorVariance(dir.resolve("d.db"), Aggregator.fedAvg().withStalenessExponent(0), truth, sigma, n);
        double expected = sigma * sigma / n;
        // the sample variance of 4000 coordinates is within 3 standard errors (sqrt(2 / 4000) = 2.2 %)
        assertThat(models).isCloseTo(expected, within(0.07 * expected));
        assertThat(deltas).as("the rebase piles the models up").isGreaterThan(4 * expected);
    }

    private static double errorVariance(Path file, Aggregator aggregator, float[] truth, double sigma, int n) {
        SplittableRandom r = new SplittableRandom(5);
        try (Archive a = Archive.open(file)) {
            float[] v0 = new float[truth.length];
            a.recordGlobalVersion(v0, "launch", List.of(), T0);
            for (int s = 1; s <= n; s++) {
                float[] d = new float[truth.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (truth[i] + sigma * r.nextGaussian()); // model minus the zero launch model
                }
                approve(a, delta("sat-" + s, s, v0, 0, d));
                AggregationRun.run(a, aggregator, T0.plusSeconds(s)).orElseThrow();
            }
            float[] g = a.latestGlobal().orElseThrow().params();
            double sum = 0;
            for (int i = 0; i < g.length; i++) {
                sum += (g[i] - truth[i]) * (double) (g[i] - truth[i]);
            }
            return sum / g.length;
        }
    }

    @Test
    void theMedianOfTheLatestModelsIgnoresOnePoisonedSatellite(@TempDir Path dir) {
        float[] v0 = {0, 0};
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(v0, "launch", List.of(), T0);
            approve(a, delta("sat-1", 1, v0, 0, new float[] {1, 2}));
            approve(a, delta("sat-2", 2, v0, 0, new float[] {2, 3}));
            approve(a, delta("sat-3", 3, v0, 0, new float[] {1e6f, -1e6f}));
            float[] v1 = AggregationRun.run(a, Aggregator.median().withBasis(AggregationBasis.LATEST_MODELS), T0.plusSeconds(1))
                    .orElseThrow().params();
            assertThat(v1).containsExactly(new float[] {2, 2}, within(1e-6f));
        }
    }

    private static void approve(Archive a, DeltaSubmission d) {
        long id = a.storeDelta(d, Set.of(), d.createdAt()).orElseThrow();
        a.review(id, DeltaStatus.APPROVED, "op", "ok", d.createdAt());
    }

    private static DeltaSubmission delta(String satellite, long seq, float[] base, long baseVersion, float[] dense) {
        int[] idx = new int[dense.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        byte[] encoded = (satellite + ":" + seq).getBytes(StandardCharsets.UTF_8);
        byte[] digest = com.google.common.hash.Hashing.sha256().hashBytes(encoded).asBytes();
        return new DeltaSubmission(satellite, seq, "svalbard", baseVersion, ModelVersion.digestOf(base), digest, 100,
                T0.plusSeconds(seq), new SparseVector(dense.length, idx, dense.clone()), encoded);
    }
}

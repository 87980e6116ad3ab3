package io.onorbit.verification.review;

import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.LinearValidationSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The goal, measured on the stand-in regression task: 10 satellites, 20% poisoned.
 * Figures are printed so the report can quote them; assertions check the claims.
 */
class AggregationExperimentTest {

    static final int SATELLITES = 10;
    static final int POISONED = 2; // 20 %
    static final long SEED = 20260621L;

    record Outcome(double[] singleErrors, double fedAvgClean, double fedAvgPoisoned, double medianClean,
            double medianPoisoned, double trimmedClean, double trimmedPoisoned, double deployed) {
    }

    static Outcome run(long seed) {
        StandInRegressionTask task = new StandInRegressionTask(10, 0.5, 0.7, seed);
        LinearValidationSet validation = task.validationSet(20_000, seed + 1);
        SplittableRandom r = new SplittableRandom(seed + 2);
        List<float[]> honest = new ArrayList<>();
        long[] samples = new long[SATELLITES];
        double[] single = new double[SATELLITES];
        for (int s = 0; s < SATELLITES; s++) {
            samples[s] = 25 + r.nextInt(36); // 25..60 samples per satellite
            float[] local = task.leastSquares(task.samples((int) samples[s], r));
            single[s] = validation.error(local);
            float[] delta = new float[task.dimension];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = local[i] - task.deployed()[i];
            }
            honest.add(delta);
        }
        // Poisoned senders replace their delta with a scaled, sign-flipped one and claim many samples.
        List<float[]> poisoned = new ArrayList<>(honest);
        long[] poisonedSamples = samples.clone();
        for (int s = 0; s < POISONED; s++) {
            float[] bad = honest.get(s).clone();
            for (int i = 0; i < bad.length; i++) {
                bad[i] *= -20f;
            }
            poisoned.set(s, bad);
            poisonedSamples[s] = 60;
        }
        Aggregator trimmed = Aggregator.trimmedMean(0.2);
        return new Outcome(single,
                errorOf(task, validation, Aggregator.fedAvg(), honest, samples),
                errorOf(task, validation, Aggregator.fedAvg(), poisoned, poisonedSamples),
                errorOf(task, validation, Aggregator.median(), honest, samples),
                errorOf(task, validation, Aggregator.median(), poisoned, poisonedSamples),
                errorOf(task, validation, trimmed, honest, samples),
                errorOf(task, validation, trimmed, poisoned, poisonedSamples),
                validation.error(task.deployed()));
    }

    static double errorOf(StandInRegressionTask task, LinearValidationSet v, Aggregator a, List<float[]> deltas, long[] w) {
        double[] c = a.combine(deltas, w);
        float[] merged = new float[task.dimension];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = (float) (task.deployed()[i] + c[i]);
        }
        // the sampled validation MSE agrees with the closed form sigma^2 + |w - w*|^2
        assertThat(v.error(merged)).isCloseTo(task.expectedError(merged), org.assertj.core.data.Percentage.withPercentage(5));
        return v.error(merged);
    }

    @Test
    void mergedBeatsEverySatelliteAndRobustRulesResistTwentyPercentPoison() {
        for (long seed = SEED; seed < SEED + 3; seed++) {
            Outcome o = run(seed);
            double bestSingle = java.util.Arrays.stream(o.singleErrors()).min().orElseThrow();
            double meanSingle = java.util.Arrays.stream(o.singleErrors()).average().orElseThrow();
            System.out.printf(Locale.ROOT,
                    "seed %d: deployed %.4f | single sats best %.4f mean %.4f | fedavg clean %.4f poisoned %.4f"
                            + " | median clean %.4f poisoned %.4f | trimmed(0.2) clean %.4f poisoned %.4f%n",
                    seed, o.deployed(), bestSingle, meanSingle, o.fedAvgClean(), o.fedAvgPoisoned(), o.medianClean(),
                    o.medianPoisoned(), o.trimmedClean(), o.trimmedPoisoned());
            double floor = 0.25; // sigma^2: the error no model can beat
            System.out.printf(Locale.ROOT, "  excess over the noise floor: single best %.4f | fedavg clean %.4f |"
                    + " median poisoned %.4f | trimmed poisoned %.4f%n", bestSingle - floor, o.fedAvgClean() - floor,
                    o.medianPoisoned() - floor, o.trimmedPoisoned() - floor);
            assertThat(o.fedAvgClean()).as("merged beats every satellite's own model").isLessThan(bestSingle);
            assertThat(o.trimmedClean()).isLessThan(bestSingle);
            assertThat(o.trimmedPoisoned()).as("trimmed mean within 10%% of the clean FedAvg error")
                    .isLessThanOrEqualTo(1.10 * o.fedAvgClean());
            assertThat(o.medianPoisoned()).as("median within 10%% of the clean FedAvg error")
                    .isLessThanOrEqualTo(1.10 * o.fedAvgClean());
            assertThat(o.fedAvgPoisoned()).as("FedAvg is moved by the poison").isGreaterThan(1.10 * o.fedAvgClean());
        }
    }
}

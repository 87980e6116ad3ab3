package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.learning.task.SeaTask;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analog engine never throws on a valid configuration: seeded draws over the documented
 * ranges of the learning settings (mission-configs/SCHEMA.md, section learning), both step rules
 * (the normalised one over its whole rate range (0, 2)), plus the two settings that diverged
 * before the definiteness check (proximal_weight 0.05 with a larger replay; sparse_rows with
 * learning rate 0.5), the normalised step at its limit on single samples, and the output layer's
 * recursive least squares ({@code output_rls}) at the ends of its ranges and in half the draws. Every update is
 * accounted for: applied, not converged, or rejected as non-finite.
 */
class AnalogTrainingSweepTest {

    private static final int SAMPLES = 160;

    static Stream<Arguments> settings() {
        LearningSettings base = LearningSettings.defaults().withMemoryBudgetBytes(1L << 22);
        Stream<Arguments> reported = Stream.of(
                Arguments.of("last_layer proximal 0.05 replay 512/128",
                        base.withSubset(TrainableSubset.Kind.LAST_LAYER).withProximalWeight(0.05).withReplay(512, 128)),
                Arguments.of("sparse_rows rate 0.5",
                        base.withSubset(TrainableSubset.Kind.SPARSE_ROWS).withStepRule(StepRule.SGD).withLearningRate(0.5)
                                .withSparseRowFraction(0.5)),
                Arguments.of("full nlms rate 1.999 batch 1, no replay",
                        base.withSubset(TrainableSubset.Kind.FULL).withStepRule(StepRule.NLMS).withLearningRate(1.999)
                                .withBatchSize(1).withReplay(0, 0)),
                Arguments.of("sparse_rows output_rls memory 2 proximal 1e-9 batch 1",
                        base.withOutputRls(java.util.Optional.of(new OutputRlsSettings(2, 1e-9))).withBatchSize(1)),
                Arguments.of("last_layer output_rls memory 1e9 proximal 1e-9",
                        base.withSubset(TrainableSubset.Kind.LAST_LAYER)
                                .withOutputRls(java.util.Optional.of(new OutputRlsSettings(1e9, 1e-9)))),
                Arguments.of("full vss_nlms largest rate 1.999 batch 1, no replay",
                        base.withSubset(TrainableSubset.Kind.FULL).withStepRule(StepRule.VSS_NLMS).withLearningRate(1.999)
                                .withBatchSize(1).withReplay(0, 0)));
        Stream<Arguments> drawn = LongStream.rangeClosed(1, 16).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            TrainableSubset.Kind kind = TrainableSubset.Kind.values()[r.nextInt(TrainableSubset.Kind.values().length)];
            int capacity = r.nextInt(0, 513);
            StepRule rule = StepRule.values()[r.nextInt(StepRule.values().length)];
            double rate = rule.normalised() // (1e-9, 2) for the normalised steps, (1e-9, 100] otherwise
                    ? Math.min(Math.pow(10, -9 + (9 + Math.log10(StepRule.NLMS_MAX_RATE)) * r.nextDouble()),
                            Math.nextDown(StepRule.NLMS_MAX_RATE))
                    : Math.pow(10, -9 + 11 * r.nextDouble());
            LearningSettings s = base.withMinLearningRate(1e-9).withSubset(kind).withStepRule(rule)
                    .withSparseRowFraction(1e-6 + r.nextDouble() * (1 - 1e-6))
                    .withLearningRate(rate)
                    .withProximalWeight(Math.pow(10, -9 + 15 * r.nextDouble()))   // (1e-9, 1e6]
                    .withBatchSize(r.nextInt(1, 33))
                    .withReplay(capacity, capacity == 0 ? 0 : r.nextInt(0, 129))
                    .withSeed(seed);
            if (rule == StepRule.VSS_NLMS) { // the variable step's floor: (0, rate]
                s = s.withMinLearningRate(rate * (1e-3 + (1 - 1e-3) * r.nextDouble()));
            }
            if (kind != TrainableSubset.Kind.BIASES && r.nextBoolean()) { // output_rls over its ranges
                s = s.withOutputRls(java.util.Optional.of(new OutputRlsSettings(Math.pow(10, Math.log10(2)
                        + (9 - Math.log10(2)) * r.nextDouble()), Math.pow(10, -9 + 15 * r.nextDouble()))));
            }
            if (r.nextBoolean()) { // iterate averaging over its window's range, served always or after a change
                s = s.withIterateAveraging(java.util.Optional.of(new IterateAveragingSettings(Math.pow(10, 6 * r.nextDouble()),
                        r.nextBoolean() ? IterateAveragingSettings.Serving.ALWAYS : IterateAveragingSettings.Serving.AFTER_CHANGE)));
            }
            return Arguments.of("seed " + seed + ": " + s, s);
        });
        return Stream.concat(reported, drawn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void analogTrainingNeverThrowsAndAccountsForEveryUpdate(String label, LearningSettings s) {
        SeaTask task = new SeaTask(s.seed(), 10, 60, 60.0 * SAMPLES);
        OnboardTrainer t = OnboardTrainer.create(task.featureCount(), s, AnalogOptimizer.withDefaults());
        float[] x = new float[task.featureCount()];
        assertThatCode(() -> {
            while (task.hasNext()) {
                float y = task.next(x);
                t.step(x, y, 1e-3);
            }
        }).doesNotThrowAnyException();
        long attempted = SAMPLES / s.batchSize();
        assertThat(t.updates() + t.unconvergedUpdates() + t.rejectedUpdates()).isEqualTo(attempted);
        assertThat(t.skippedUpdates()).isZero();
    }
}

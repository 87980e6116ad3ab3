package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IterateAverageTest {

    /** Features; on the sphere of radius sqrt(D), so E[x x^T] = I and |J|^2 = |x|^2 + 1 = D + 1 for every sample. */
    private static final int D = 4;
    private static final double[] TRUTH = {0.8, -0.5, 0.3, 0.1, 0.2};
    private static final double[] CHANGED = {-0.6, 0.4, 0.9, -0.3, -0.1};

    /** A linear model, every weight and the bias trained by the fixed-rate normalised step on one sample at a time. */
    private static LearningSettings lms(double rate, long seed) {
        return LearningSettings.defaults().withHiddenLayers().withSubset(TrainableSubset.Kind.FULL)
                .withStepRule(StepRule.NLMS).withLearningRate(rate).withBatchSize(1).withReplay(0, 0).withSeed(seed)
                .withChangeDetector(Optional.empty());
    }

    /** Writes a point uniform on the sphere of radius sqrt(D) into x and returns its noise-free label under {@code w}. */
    private static double sample(double[] w, float[] x, SplittableRandom rng) {
        double norm = 0;
        double[] g = new double[D];
        for (int i = 0; i < D; i++) {
            g[i] = rng.nextGaussian();
            norm += g[i] * g[i];
        }
        double scale = Math.sqrt(D / norm);
        double clean = w[D];
        for (int i = 0; i < D; i++) {
            x[i] = (float) (g[i] * scale);
            clean += w[i] * x[i];
        }
        return clean;
    }

    /**
     * The weights of an average restarted k iterates ago, against their closed forms: the k-th
     * weight 2 / (k + 1) while k &lt; W (so the average is sum_j 2 j w_j / (k (k + 1))), then 2 / (W + 1).
     */
    @Test
    void theWeightIsLinearInTheIterateUntilTheWindowThenExponential() {
        double w = 9;
        assertThat(IterateAverage.weight(1, w)).isEqualTo(1.0);
        // Unrolling the recursion gives iterate j of k the weight 2 j / (k (k + 1)) (Shamir and Zhang 2013).
        int k = 7;
        double[] coefficient = new double[k + 1];
        for (int step = 1; step <= k; step++) {
            double c = IterateAverage.weight(step, 1e6);
            for (int j = 1; j < step; j++) {
                coefficient[j] *= 1 - c;
            }
            coefficient[step] = c;
        }
        for (int j = 1; j <= k; j++) {
            assertThat(coefficient[j]).isCloseTo(2.0 * j / (k * (k + 1.0)), within(1e-15));
        }
        assertThat(IterateAverage.weight(8, w)).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(IterateAverage.weight(1_000, w)).isEqualTo(2.0 / (w + 1));
    }

    /**
     * Variance reduction against LMS theory, exact here. With inputs a = [x, 1], x uniform on the
     * sphere of radius sqrt(D), the normalised step is LMS at the constant rate m = eta / (delta + R),
     * R = |a|^2 = D + 1, and E[a a^T] = I, so the weight error e = w - w* has the stationary
     * covariance p I with p = m sigma^2 / (2 - m R) (the recursion
     * p' = p (1 - 2 m + m^2 R) + m^2 sigma^2; Haykin, Adaptive Filter Theory, ch. 6), the iterate's
     * excess error (R) p = the NLMS misadjustment, and E[e_(k+j) e_k^T] = (1 - m)^j p I: the second
     * moments of an AR(1) with rho = 1 - m. An exponential average of weight c of such a sequence has
     * the variance p c (1 + b rho) / ((2 - c)(1 - b rho)), b = 1 - c. So the served (averaged)
     * model's excess error over the iterate's is that factor: 0.152 at eta 1 and W = 50, 0.038 at
     * W = 200. Both measured on 120,000 samples, against the formula within 4 standard errors of
     * batch means (batches of 20 windows).
     */
    @ParameterizedTest
    @ValueSource(ints = {50, 200})
    void theAveragedModelsExcessErrorIsTheIteratesReducedAsTheoryPredicts(int window) {
        double rate = 1.0;
        double sigma = 0.1;
        OnboardTrainer trainer = OnboardTrainer.create(D, lms(rate, 5)
                .withIterateAveraging(Optional.of(new IterateAveragingSettings(window, IterateAveragingSettings.Serving.ALWAYS))), new ExactTestOptimizer(0));
        SplittableRandom rng = new SplittableRandom(11);
        double r = D + 1;
        double m = rate / (StepRule.NLMS_REGULARISER + r);
        double rawTheory = r * m * sigma * sigma / (2 - m * r);
        double c = 2.0 / (window + 1);
        double b = 1 - c;
        double rho = 1 - m;
        double factor = c * (1 + b * rho) / ((2 - c) * (1 - b * rho));
        int burnIn = 20 * window;
        int batch = 20 * window;
        int batches = 120_000 / batch;
        double[] rawMeans = new double[batches];
        double[] servedMeans = new double[batches];
        float[] x = new float[D];
        for (int k = 0; k < burnIn + batches * batch; k++) {
            double clean = sample(TRUTH, x, rng);
            float y = (float) (clean + sigma * rng.nextGaussian());
            double raw = trainer.model().predict(x) - clean; // the iterate's a-priori error
            double served = trainer.step(x, y, 1.0) - clean;
            if (k >= burnIn) {
                int i = (k - burnIn) / batch;
                rawMeans[i] += raw * raw / batch;
                servedMeans[i] += served * served / batch;
            }
        }
        double[] rawStats = meanAndStandardError(rawMeans);
        double[] servedStats = meanAndStandardError(servedMeans);
        assertThat(rawStats[0]).as("the iterate's excess error (LMS theory %.3e)", rawTheory)
                .isCloseTo(rawTheory, within(4 * rawStats[1]));
        assertThat(servedStats[0]).as("the average's excess error (theory %.3e = %.3f of the iterate's)",
                        rawTheory * factor, factor)
                .isCloseTo(rawTheory * factor, within(4 * servedStats[1]));
    }

    private static double[] meanAndStandardError(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1) / v.length)};
    }

    /**
     * An injected abrupt change: when the detector fires, the served model becomes the iterate, and
     * each later served weight is sum_j 2 j w_j / (k (k + 1)) over the k iterates since the detection
     * only (recorded here from the trained model, summed here in double); none from before.
     */
    @Test
    void aDetectionRestartsTheAverageAtTheIterate() {
        int window = 400;
        OnboardTrainer trainer = OnboardTrainer.create(D, lms(1.0, 7)
                .withChangeDetector(Optional.of(ChangeDetectorSettings.defaults()))
                .withIterateAveraging(Optional.of(new IterateAveragingSettings(window, IterateAveragingSettings.Serving.ALWAYS))), new ExactTestOptimizer(0));
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[D];
        int change = 5_000;
        int n = D + 1;
        java.util.List<float[]> since = new java.util.ArrayList<>();
        int detectedAt = -1;
        for (int k = 0; k < change + 300; k++) {
            double clean = sample(k < change ? TRUTH : CHANGED, x, rng);
            long detections = trainer.changesDetected();
            trainer.step(x, (float) (clean + 0.05 * rng.nextGaussian()), 1.0);
            detectedAt = recordIterates(trainer, detections, k, change, detectedAt, since);
            if (detectedAt >= 0) {
                int kk = since.size();
                for (int i = 0; i < n; i++) {
                    double expected = closedFormAverage(since, i);
                    assertThat((double) trainer.servedParameters()[i]).as("served weight %d, %d iterates after the detection", i, kk)
                            .isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
                }
            }
        }
        assertThat(detectedAt).as("the change was detected").isBetween(change, change + 20);
        assertThat(trainer.changesDetected()).isEqualTo(1);
    }

    /**
     * A model written from outside (a deployed or merged global model) is served as written at the
     * next sample, and the average restarts there: the iterates before it were of another model.
     */
    @Test
    void aModelWrittenFromOutsideIsServedAsWritten() {
        LearningSettings s = lms(0.5, 9).withIterateAveraging(Optional.of(new IterateAveragingSettings(100, IterateAveragingSettings.Serving.ALWAYS)));
        OnboardTrainer trainer = OnboardTrainer.create(D, s, new ExactTestOptimizer(0));
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[D];
        for (int k = 0; k < 500; k++) {
            trainer.step(x, (float) sample(TRUTH, x, rng), 1.0);
        }
        DenseNetwork written = new DenseNetwork(s.widths(D), 42, MemoryAccountant.unbounded());
        trainer.model().setParameters(written.parameters(), 7);
        sample(TRUTH, x, rng);
        float expected = written.predict(x);
        assertThat(trainer.step(x, 0f, 1.0)).isEqualTo(expected);
    }

    /**
     * The average starts as a copy of the trained network as it is when the trainer is made (here a model written
     * before it, as a deployment would), and afterwards follows only whole-vector replacements: the trainer's own
     * writes by {@code setParameter} are iterates, averaged in by {@code add}, not copies to serve.
     */
    @Test
    void theAverageStartsAsACopyOfTheTrainedNetworkAndFollowsOnlyItsReplacements() {
        MemoryAccountant m = MemoryAccountant.unbounded();
        int[] widths = {D, 3, 1};
        DenseNetwork trained = new DenseNetwork(widths, 4, m);
        float[] deployed = new DenseNetwork(widths, 99, m).parameters();
        trained.setParameters(deployed);
        TrainableSubset subset = TrainableSubset.of(TrainableSubset.Kind.FULL, 1.0, 5, trained, m);
        IterateAverage average = new IterateAverage(new IterateAveragingSettings(10, IterateAveragingSettings.Serving.ALWAYS),
                trained, subset, m);
        assertThat(average.servedParameters(trained)).containsExactly(deployed);
        average.follow(trained);
        assertThat(average.servedParameters(trained)).as("no replacement since: nothing to copy").containsExactly(deployed);
        average.add(trained); // the first iterate has weight 2 / (1 + 1) = 1
        trained.setParameter(0, deployed[0] + 1f);
        average.follow(trained);
        assertThat(average.iteratesSinceRestart()).as("an own write restarts nothing").isEqualTo(1);
        assertThat(average.servedParameters(trained)[0]).isEqualTo(deployed[0]);
        float[] x = {0.3f, -0.7f, 0.2f};
        float[] before = trained.parameters();
        float averaged = average.predict(trained, java.util.Arrays.copyOf(x, D));
        assertThat(trained.parameters()).as("the swap restores the trained weights bit for bit").containsExactly(before);
        DenseNetwork copy = new DenseNetwork(widths, 0, m);
        copy.setParameters(average.servedParameters(trained));
        assertThat(averaged).as("the swapped pass is the averaged network's").isEqualTo(copy.predict(java.util.Arrays.copyOf(x, D)));
        float[] merged = new DenseNetwork(widths, 123, m).parameters();
        trained.setParameters(merged);
        average.follow(trained);
        assertThat(average.iteratesSinceRestart()).isZero();
        assertThat(average.servedParameters(trained)).containsExactly(merged);
    }

    /**
     * Served after a change (the default): before the injected change every served prediction is the iterate's (a
     * copy of the trained weights, forwarded here); from the detection the average of the iterates since it is
     * served (the closed form sum_j 2 j w_j / (k (k + 1)) over the iterates recorded here, W large) while the
     * opened rate eta_max tau / (tau + u) is above the floor, i.e. for u &lt; tau (eta_max / floor - 1) = 112
     * updates at 1.9, 0.5 and tau 40 (batches of one, one update per sample); the iterate's again from then on.
     */
    @Test
    void afterAChangeTheAverageIsServedWhileTheOpenedStepIsAboveTheFloor() {
        ChangeDetectorSettings d = ChangeDetectorSettings.defaults();
        ChangeDetectorSettings detector = new ChangeDetectorSettings(d.allowance(), d.threshold(), d.referenceSamples(),
                40, 0, 0, java.util.OptionalDouble.empty());
        LearningSettings s = lms(1.9, 13).withStepRule(StepRule.VSS_NLMS).withMinLearningRate(0.5)
                .withChangeDetector(Optional.of(detector)).withIterateAveraging(Optional.of(new IterateAveragingSettings(
                        IterateAveragingSettings.MAX_WINDOW_UPDATES, IterateAveragingSettings.Serving.AFTER_CHANGE)));
        OnboardTrainer trainer = OnboardTrainer.create(D, s, new ExactTestOptimizer(0));
        DenseNetwork iterate = new DenseNetwork(s.widths(D), 0, MemoryAccountant.unbounded());
        DenseNetwork averaged = new DenseNetwork(s.widths(D), 0, MemoryAccountant.unbounded());
        SplittableRandom rng = new SplittableRandom(21);
        float[] x = new float[D];
        int change = 3_000;
        int openUpdates = 112;
        java.util.List<float[]> since = new java.util.ArrayList<>();
        int detectedAt = -1;
        int servedAverage = 0;
        for (int k = 0; k < change + 400; k++) {
            double clean = sample(k < change ? TRUTH : CHANGED, x, rng);
            iterate.setParameters(trainer.model().parameters());
            float expectedIterate = iterate.predict(x);
            float expected = expectedIterate;
            if (detectedAt >= 0 && k - detectedAt < openUpdates) {
                float[] w = trainer.model().parameters();
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) closedFormAverage(since, i);
                }
                averaged.setParameters(w);
                expected = averaged.predict(x);
                servedAverage++;
            }
            long detections = trainer.changesDetected();
            float served = trainer.step(x, (float) (clean + 0.05 * rng.nextGaussian()), 1.0);
            assertThat((double) served).as("sample %d (detection at %d)", k, detectedAt)
                    .isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
            detectedAt = recordIterates(trainer, detections, k, change, detectedAt, since);
        }
        assertThat(detectedAt).as("the change was detected").isBetween(change, change + 30);
        assertThat(trainer.changesDetected()).isEqualTo(1);
        assertThat(servedAverage).as("the average served for the opened step's updates above the floor")
                .isEqualTo(openUpdates - 1);
    }

    /**
     * A false alarm taken back leaves the average's service to the opened step: a burst of wrong labels is
     * detected, the model of before the excursion then errs no more than before on the next {@code confirm_samples}
     * (360) samples and the detection is taken back, but the step it opened anneals on, so the average is served
     * (it differs from the iterate) across the take-back until the opened rate 1.9 tau / (tau + u) reaches the
     * floor 0.5 (u = tau (1.9 / 0.5 - 1) = 2,240 updates of one sample, tau = 800), and from then on the iterate is
     * served (its prediction, forwarded here from a copy of the trained weights, exactly).
     */
    @Test
    void aTakeBackLeavesTheAveragesServiceToTheOpenedStep() {
        ChangeDetectorSettings d = ChangeDetectorSettings.defaults();
        ChangeDetectorSettings detector = new ChangeDetectorSettings(d.allowance(), d.threshold(), d.referenceSamples(),
                d.openStepUpdates(), 0, 360, java.util.OptionalDouble.empty());
        LearningSettings s = lms(1.9, 17).withStepRule(StepRule.VSS_NLMS).withMinLearningRate(0.5)
                .withChangeDetector(Optional.of(detector)).withIterateAveraging(Optional.of(IterateAveragingSettings.defaults()));
        OnboardTrainer trainer = OnboardTrainer.create(D, s, new ExactTestOptimizer(0));
        DenseNetwork iterate = new DenseNetwork(s.widths(D), 0, MemoryAccountant.unbounded());
        SplittableRandom rng = new SplittableRandom(8);
        float[] x = new float[D];
        int burst = 3_000;
        long openUpdates = Math.round(d.openStepUpdates() * (1.9 / 0.5 - 1)); // 2,240
        int detectedAt = -1;
        int takenBackAt = -1;
        int servedAverageAfterTakeBack = 0;
        int servedIterateAfterAnnealing = 0;
        for (int k = 0; k < burst + 4_000; k++) {
            double clean = sample(TRUTH, x, rng);
            double noise = k >= burst && k < burst + 8 ? 3.0 : 0.05; // the burst: wrong labels, no new concept
            iterate.setParameters(trainer.model().parameters());
            float iteratePrediction = iterate.predict(x);
            float served = trainer.step(x, (float) (clean + noise * rng.nextGaussian()), 1.0);
            if (detectedAt < 0 && trainer.changesDetected() > 0) {
                detectedAt = k;
            } else if (detectedAt < 0) {
                assertThat(served).as("sample %d, before any detection: the iterate", k).isEqualTo(iteratePrediction);
            }
            if (takenBackAt >= 0 && k - detectedAt < openUpdates - 2) {
                servedAverageAfterTakeBack += served != iteratePrediction ? 1 : 0;
            } else if (detectedAt >= 0 && k - detectedAt > openUpdates + 2) {
                assertThat(served).as("sample %d, the opened step annealed: the iterate", k)
                        .isEqualTo(iteratePrediction);
                servedIterateAfterAnnealing++;
            }
            if (takenBackAt < 0 && trainer.changesTakenBack() > 0) {
                takenBackAt = k;
            }
        }
        assertThat(trainer.changesDetected()).as("the burst was detected").isEqualTo(1);
        assertThat(trainer.changesTakenBack()).as("and taken back").isEqualTo(1);
        assertThat(takenBackAt - detectedAt).as("taken back at the 360th sample after the detection").isEqualTo(360);
        assertThat(servedAverageAfterTakeBack).as("the average served after the take-back, to the floor")
                .isGreaterThan((int) (0.9 * (openUpdates - 360)));
        assertThat(servedIterateAfterAnnealing).isGreaterThan(1_000);
    }

    /** The average costs one float per trainable weight in the training budget (no second network). */
    @Test
    void theAverageCostsOneFloatPerTrainableWeight() {
        LearningSettings with = LearningSettings.defaults().withSubset(TrainableSubset.Kind.FULL).withReplay(8, 2)
                .withIterateAveraging(Optional.of(new IterateAveragingSettings(60, IterateAveragingSettings.Serving.ALWAYS)));
        OnboardTrainer a = OnboardTrainer.create(D, with, new ExactTestOptimizer(0));
        OnboardTrainer b = OnboardTrainer.create(D, with.withIterateAveraging(Optional.empty()), new ExactTestOptimizer(0));
        int trainable = a.subset().size();
        assertThat(trainable).isEqualTo(a.model().parameters().length);
        assertThat(a.memoryBytes() - b.memoryBytes()).isEqualTo(4L * trainable);
        OnboardTrainer idle = OnboardTrainer.create(D, with.withIterateAveraging(Optional.of(
                        IterateAveragingSettings.defaults())).withChangeDetector(Optional.empty()), new ExactTestOptimizer(0));
        OnboardTrainer none = OnboardTrainer.create(D, with.withIterateAveraging(Optional.empty())
                .withChangeDetector(Optional.empty()), new ExactTestOptimizer(0));
        assertThat(idle.memoryBytes()).as("served after a change without a detector: never served, nothing allocated")
                .isEqualTo(none.memoryBytes());
    }

    /**
     * After sample k's step: on a detection (none before the change) the iterates since it restart; from then on
     * each step's iterate is recorded (batches of one: the update of the detection's step came after it).
     *
     * @return the sample of the detection, or -1 before it
     */
    private static int recordIterates(OnboardTrainer trainer, long detectionsBefore, int k, int change, int detectedAt,
                                      java.util.List<float[]> since) {
        if (trainer.changesDetected() > detectionsBefore) {
            assertThat(k).as("detected after the change").isGreaterThanOrEqualTo(change);
            detectedAt = k;
            since.clear();
        }
        if (detectedAt >= 0) {
            since.add(trainer.model().parameters());
        }
        return detectedAt;
    }

    /** @return parameter i of sum_j 2 j w_j / (k (k + 1)) over the k iterates recorded, in double */
    private static double closedFormAverage(java.util.List<float[]> since, int i) {
        int k = since.size();
        double sum = 0;
        for (int j = 1; j <= k; j++) {
            sum += 2.0 * j * since.get(j - 1)[i] / (k * (k + 1.0));
        }
        return sum;
    }

    /** Without the setting nothing is averaged: the served model is the trained one. */
    @Test
    void withoutAveragingTheTrainedModelIsServed() {
        OnboardTrainer trainer = OnboardTrainer.create(D, lms(0.5, 9), new ExactTestOptimizer(0));
        assertThat(trainer.servedParameters()).containsExactly(trainer.model().parameters());
    }
}

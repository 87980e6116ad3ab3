package io.onorbit.verification.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.IterateAveragingSettings;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.verification.learning.BatchFitter;
import io.onorbit.verification.learning.SyntheticSchedule;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.learning.task.HyperplaneTask;
import io.onorbit.flight.learning.task.SeaTask;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recovery goal of the default onboard learner, on every task, against a reference that does
 * not come from the code under test: a closed-form least-squares oracle (ridge normal equations
 * solved by Cholesky, Hipparchus) refit every hour on the last six hours of samples relabelled
 * with the true current concept: for regression on the features, their pairwise products and a
 * bias (the solar array's output is a product of illumination, incidence and health), for the
 * classification tasks on the features and a bias (SEA and the hyperplane are linear concepts).
 *
 * <p>The goal, on six-hour window means, the drift experiment's rules held against this
 * closed-form oracle rather than the true concept: one day after each abrupt drift, the onboard
 * learner has recovered 90 % of what the drift costs a model of the pre-drift concept (the mean of
 * the pre-drift concept's loss minus the new concept's, from the task's generator),
 * {@code onboard - oracle <= max(0.1 x cost, 2 SE)} with SE the standard error of the paired
 * per-sample difference; under gradual drift it is within 10 % of the oracle at the end of every
 * day after the first, {@code onboard - 1.1 x oracle <= 2 SE} (paired likewise). Each check also
 * sees the frozen model fail it, so that a learner that does not learn cannot pass. The learner is
 * the default one ({@code LearningSettings.defaults()}, which serves its iterate average after a
 * detected change; BENCHMARKS.md) on the analog engine, deployed with a fit on the first day
 * (commissioning), on learner seeds 1-16 for the abrupt drifts and the ageing (seeds 17-40 pass too, measured in
 * session 16); and the same learner serving its iterate average always. The hyperplane (rotating from the start at
 * four times MOA's rate) is checked at the end of days 3 and 4 per seed on seeds 1-8 and on the mean over 32 learner
 * seeds of the learner's per-sample loss. The end of day 2 (the first day after deployment) is not claimed: on the
 * mean over the 32 seeds the default learner is 0.0150 over 1.1 x the oracle against 2 SE 0.0116, above it on 21
 * of the 32 seeds one by one (with session 15's replay of 64: 0.0143 against 0.0115, 20 of 32). Sessions 13-15
 * checked that day on the mean over seeds 1-8 only, which passed at 64 (0.0100) because those eight are the
 * luckiest: seeds 9-16, 17-24 and 25-32 average 0.0164, 0.0158 and 0.0150, and drawing the same replay samples in
 * another order moved seeds 1-8 to 0.0147 (BENCHMARKS.md, "The rotating hyperplane's first day, on 32 learner
 * seeds").
 */
class RecoveryGoalTest {

    private static final double DAY_S = 86400;
    /** Every task's stream length, days. */
    private static final double DAYS = 4;
    private static final double PERIOD_S = 60;
    private static final double WINDOW_S = 6 * 3600;
    private static final double REFIT_S = 3600;

    static Stream<Arguments> tasks() {
        return Stream.of(
                Arguments.of("solar-array, one string of eight fails at day 2", new SolarArrayTask(
                        SyntheticSchedule.circular(DAYS * DAY_S, 550, 20, 6), SolarArrayScenario.defaults(2 * DAY_S))),
                Arguments.of("sea, thresholds 8 -> 9 -> 7 at days 1.5 and 3",
                        new SeaTask(3, 10, PERIOD_S, DAYS * DAY_S, 1.5 * DAY_S)),
                Arguments.of("hyperplane, rotating from the start (gradual)", rotatingHyperplane()));
    }

    /**
     * A sample every 15 s: four times MOA's rotation per day and four times the samples per window, so that a frozen
     * model falls clearly behind within the four days.
     */
    private static DriftTask rotatingHyperplane() {
        return HyperplaneTask.moaDefaults(5, PERIOD_S / 4, DAYS * DAY_S);
    }

    /** Columns of a trace row: sample time, s, then per-sample losses. */
    private static final int TIME = 0, ONBOARD = 1, ORACLE = 2, FROZEN = 3, PRE_DRIFT_CONCEPT = 4, CONCEPT = 5;

    /**
     * One window of a learner against the oracle.
     *
     * @param excess        mean of learner - scale x oracle (paired per sample)
     * @param standardError its standard error
     * @param oracle        the oracle's mean loss
     * @param driftCost     the pre-drift concept's mean loss minus the concept's
     */
    private record Window(double excess, double standardError, double oracle, double driftCost) {
    }

    /** Per-sample rows (columns {@link #TIME} to {@link #CONCEPT}), in time order. */
    private record Trace(List<double[]> rows) {
        /** @return the traces' per-sample mean (the same stream: the same samples, row for row) */
        static Trace meanOf(List<Trace> traces) {
            List<double[]> mean = new ArrayList<>();
            for (int i = 0; i < traces.get(0).rows().size(); i++) {
                double[] m = new double[traces.get(0).rows().get(i).length];
                for (Trace t : traces) {
                    double[] r = t.rows().get(i);
                    if (r[TIME] != traces.get(0).rows().get(i)[TIME]) {
                        throw new IllegalArgumentException("traces of different samples at row " + i);
                    }
                    for (int c = 0; c < m.length; c++) {
                        m[c] += r[c] / traces.size();
                    }
                }
                m[TIME] = traces.get(0).rows().get(i)[TIME];
                mean.add(m);
            }
            return new Trace(mean);
        }

        /**
         * @param learner column of the learner judged ({@link #ONBOARD} or {@link #FROZEN})
         * @param scale   the oracle's multiplier in the paired difference (1 for abrupt, 1.1 for gradual)
         * @return the window [fromS, toS)
         */
        Window window(int learner, double scale, double fromS, double toS) {
            double sum = 0, squares = 0, or = 0, cost = 0;
            int n = 0;
            for (double[] r : rows) {
                if (r[TIME] >= fromS && r[TIME] < toS) {
                    double e = r[learner] - scale * r[ORACLE];
                    sum += e;
                    squares += e * e;
                    or += r[ORACLE];
                    cost += r[PRE_DRIFT_CONCEPT] - r[CONCEPT];
                    n++;
                }
            }
            double mean = sum / n;
            double se = Math.sqrt(Math.max(0, squares / n - mean * mean) / n);
            return new Window(mean, se, or / n, cost / n);
        }
    }

    /** The rotating hyperplane's learner seeds (initialization, sparse rows, replay draws differ; the stream not). */
    private static final int HYPERPLANE_SEEDS = 32;
    /** Of those, the first ones also checked one by one. */
    private static final int HYPERPLANE_SEEDS_CHECKED_ALONE = 8;

    /**
     * @param tasks new streams on each call (a task is consumed by one run)
     * @param from  first learner seed
     * @param to    last learner seed
     */
    static Stream<Arguments> withLearnerSeeds(Supplier<Stream<Arguments>> tasks, long from, long to) {
        List<Arguments> cases = new ArrayList<>();
        for (long seed = from; seed <= to; seed++) {
            for (Arguments a : tasks.get().toList()) {
                cases.add(Arguments.of(a.get()[0] + ", learner seed " + seed, a.get()[1], seed));
            }
        }
        return cases.stream();
    }

    /** The tasks without the rotating hyperplane. */
    static Stream<Arguments> abruptAndAgeingTasksAndLearnerSeeds() {
        return withLearnerSeeds(() -> abruptAndAgeingTasks(), 1, 3);
    }

    /** The tasks without the rotating hyperplane, for learner seeds 1-16. */
    static Stream<Arguments> abruptAndAgeingTasksAndMoreLearnerSeeds() {
        return withLearnerSeeds(() -> abruptAndAgeingTasks(), 1, 16);
    }

    private static Stream<Arguments> abruptAndAgeingTasks() {
        return tasks().filter(a -> !(a.get()[1] instanceof HyperplaneTask));
    }

    /** The default learner on sixteen learner seeds, every abrupt drift and the ageing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("abruptAndAgeingTasksAndMoreLearnerSeeds")
    void theDefaultLearnerRecoversWithinADayAgainstAClosedFormLeastSquaresOracle(String label, DriftTask task,
                                                                                  long seed) {
        recoversWithinADay(label, task, LearningSettings.defaults().withSeed(seed));
    }

    /**
     * The rotating hyperplane: on each of learner seeds 1-8 within 10 % of the oracle at the end of days 3 and 4, and
     * so is the mean loss per sample over the 32 seeds; the frozen model, averaged the same way, fails that check.
     * Not claimed: the end of day 2, the first day after deployment (see the class note).
     */
    @Test
    void theDefaultLearnerTracksTheRotatingHyperplaneFromTwoDaysAfterDeployment() {
        // each seed's run is independent of the others (its own stream, learner and oracle): run them on every core
        List<DriftTask> tasks = IntStream.range(0, HYPERPLANE_SEEDS).mapToObj(i -> rotatingHyperplane()).toList();
        List<Trace> traces = IntStream.range(0, HYPERPLANE_SEEDS).parallel()
                .mapToObj(i -> trace(tasks.get(i), LearningSettings.defaults().withSeed(i + 1))).toList();
        for (int i = 0; i < HYPERPLANE_SEEDS_CHECKED_ALONE; i++) {
            checkRecovery("rotating hyperplane, learner seed " + (i + 1), tasks.get(i), traces.get(i), 3);
        }
        Trace mean = Trace.meanOf(traces);
        for (int day = 3; day <= DAYS; day++) {
            Window on = mean.window(ONBOARD, 1.1, day * DAY_S - WINDOW_S, day * DAY_S);
            assertThat(on.excess()).as("mean over %d learner seeds: onboard - 1.1 x oracle over the 6 h before day %d"
                    + " (oracle %.4f)", HYPERPLANE_SEEDS, day, on.oracle()).isLessThanOrEqualTo(2 * on.standardError());
            Window fr = mean.window(FROZEN, 1.1, day * DAY_S - WINDOW_S, day * DAY_S);
            assertThat(fr.excess()).as("mean over the seeds at day %d: the frozen model fails the same check (it has"
                    + " teeth)", day).isGreaterThan(2 * fr.standardError());
        }
    }

    /**
     * The default learner serving its iterate average always ({@code iterate_averaging: {serve: always}}),
     * on the string failure, the solar array's ageing and SEA's drifts. Not on the hyperplane rotating
     * at this test's rate (four times MOA's per day): there the average lags the moving concept and
     * fails the gradual check at day 2 on learner seeds 2 and 3 (BENCHMARKS.md, "A drift's cost,
     * not the frozen model's"), a limit of averaging that the option's SCHEMA row states.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("abruptAndAgeingTasksAndLearnerSeeds")
    void theLearnerServingItsIterateAverageRecoversOnEveryLearnerSeed(String label, DriftTask task, long seed) {
        recoversWithinADay(label, task, LearningSettings.defaults().withSeed(seed)
                .withIterateAveraging(Optional.of(new IterateAveragingSettings(60, IterateAveragingSettings.Serving.ALWAYS))));
    }

    private static void recoversWithinADay(String label, DriftTask task, LearningSettings s) {
        checkRecovery(label, task, trace(task, s), 2);
    }

    /** Runs the learner, the frozen model and the oracle over the task: @return their per-sample losses. */
    private static Trace trace(DriftTask task, LearningSettings s) {
        int d = task.featureCount();
        OnboardTrainer onboard = OnboardTrainer.create(d, s, AnalogOptimizer.withDefaults());
        DenseNetwork frozen = new DenseNetwork(s.widths(d), s.seed(), MemoryAccountant.unbounded());
        boolean cls = task.classification();
        List<float[]> commissioningX = new ArrayList<>();
        List<Float> commissioningY = new ArrayList<>();
        List<float[]> recent = new ArrayList<>();
        List<Double> recentT = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        double[] oracle = null;
        double nextRefit = 0;
        boolean deployed = false;
        float[] x = new float[d];
        while (task.hasNext()) {
            float y = task.next(x);
            double t = task.timeS();
            if (t < DAY_S) {
                commissioningX.add(x.clone());
                commissioningY.add(y);
            } else {
                if (!deployed) {
                    float[] xs = new float[commissioningX.size() * d];
                    float[] ys = new float[commissioningX.size()];
                    for (int i = 0; i < ys.length; i++) {
                        System.arraycopy(commissioningX.get(i), 0, xs, i * d, d);
                        ys[i] = commissioningY.get(i);
                    }
                    new BatchFitter(150, 32, 0.01, 1).fit(frozen, xs, ys, 0, ys.length);
                    onboard.model().setParameters(frozen.parameters(), 1);
                    deployed = true;
                }
                if (t >= nextRefit) {
                    oracle = leastSquares(task, recent, d);
                    nextRefit = t + REFIT_S;
                }
                double[] h = oracleFeatures(x, cls);
                double po = 0;
                for (int j = 0; j < h.length; j++) {
                    po += oracle[j] * h[j];
                }
                double pf = frozen.predict(x);
                double pn = onboard.step(x, y, 1e-3);
                rows.add(new double[] {t, loss(pn, y, cls), loss(po, y, cls), loss(pf, y, cls),
                    loss(task.preDriftConceptLabel(x), y, cls), loss(task.currentConceptLabel(x), y, cls)});
            }
            recent.add(x.clone());
            recentT.add(t);
            while (recentT.get(0) < t - WINDOW_S) {
                recent.remove(0);
                recentT.remove(0);
            }
        }
        return new Trace(rows);
    }

    /**
     * @param firstGradualDay the first day at whose end a gradual drift is checked (2: the day after deployment)
     */
    private static void checkRecovery(String label, DriftTask task, Trace trace, int firstGradualDay) {
        int checks = 0;
        for (double drift : task.abruptDriftTimesS()) {
            if (drift >= DAY_S && drift + DAY_S <= task.timeS() + PERIOD_S) {
                checks++;
                double end = drift + DAY_S;
                Window on = trace.window(ONBOARD, 1, end - WINDOW_S, end);
                Window fr = trace.window(FROZEN, 1, end - WINDOW_S, end);
                assertThat(on.excess()).as("%s: onboard - oracle over the 6 h before day %.2f (drift cost %.4f)", label,
                        end / DAY_S, on.driftCost())
                        .isLessThanOrEqualTo(Math.max(0.1 * on.driftCost(), 2 * on.standardError()));
                assertThat(fr.excess()).as("%s: the frozen model fails the same check (it has teeth)", label)
                        .isGreaterThan(Math.max(0.1 * fr.driftCost(), 2 * fr.standardError()));
            }
        }
        if (task.driftsGradually()) {
            double last = Double.NaN;
            for (double end = firstGradualDay * DAY_S; end <= task.timeS() + PERIOD_S; end += DAY_S) {
                checks++;
                Window on = trace.window(ONBOARD, 1.1, end - WINDOW_S, end);
                assertThat(on.excess()).as("%s: onboard - 1.1 x oracle over the 6 h before day %.2f (oracle %.4f)",
                        label, end / DAY_S, on.oracle()).isLessThanOrEqualTo(2 * on.standardError());
                last = end;
            }
            Window fr = trace.window(FROZEN, 1.1, last - WINDOW_S, last);
            assertThat(fr.excess()).as("%s: the frozen model fails the same check at the end (it has teeth)", label)
                    .isGreaterThan(2 * fr.standardError());
        }
        assertThat(checks).as("the task has something to recover from").isPositive();
    }

    private static double loss(double prediction, float y, boolean classification) {
        if (classification) {
            return (prediction >= 0.5 ? 1 : 0) == Math.round(y) ? 0 : 1;
        }
        return Math.abs(prediction - y);
    }

    /** @return [x, 1] for a classification task, [x, x_i x_j (i &le; j), 1] for regression */
    private static double[] oracleFeatures(float[] x, boolean classification) {
        int d = x.length;
        double[] h = new double[d + (classification ? 0 : d * (d + 1) / 2) + 1];
        int k = 0;
        for (int i = 0; i < d; i++) {
            h[k++] = x[i];
        }
        for (int i = 0; i < d && !classification; i++) {
            for (int j = i; j < d; j++) {
                h[k++] = x[i] * x[j];
            }
        }
        h[k] = 1;
        return h;
    }

    /** Ridge least squares (lambda 1e-6 per sample) of the true current concept on {@link #oracleFeatures}, closed form. */
    private static double[] leastSquares(DriftTask task, List<float[]> xs, int d) {
        boolean cls = task.classification();
        int n = oracleFeatures(new float[d], cls).length;
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (float[] xi : xs) {
            double y = task.currentConceptLabel(xi);
            double[] h = oracleFeatures(xi, cls);
            for (int i = 0; i < n; i++) {
                b[i] += h[i] * y;
                for (int j = 0; j < n; j++) {
                    a[i][j] += h[i] * h[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i][i] += 1e-6 * Math.max(1, xs.size());
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
    }
}

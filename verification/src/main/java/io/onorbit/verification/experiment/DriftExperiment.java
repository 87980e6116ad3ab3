package io.onorbit.verification.experiment;

import io.onorbit.verification.learning.DriftExperimentSettings;
import io.onorbit.verification.learning.BatchFitter;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.schedule.ContactWindow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs four learners on the same drifting stream and scores them prequentially (test, then train):
 * <ol>
 *   <li><b>frozen</b>: the deployed model, never updated;</li>
 *   <li><b>onboard</b>: an {@link OnboardTrainer} stepping on every sample with the envelope power;</li>
 *   <li><b>ground retrain</b>: every retrain interval the ground refits (warm start, whole network) on
 *       the samples of a sliding window ({@code ground_window_days}) downlinked by then (a sample is
 *       downlinked at the end of the first contact after it); the new model is used from the first
 *       contact at least the latency after the refit;</li>
 *   <li><b>oracle</b>: refit at every abrupt drift and every oracle interval on the recent samples
 *       relabeled with the true current concept.</li>
 * </ol>
 * The deployed model is fitted on the warm-up span's samples (commissioning data); scoring starts
 * after it. All four start from that model. Errors are per-sample losses averaged over the
 * evaluation span; recovery from each drift is judged on trailing-window means
 * ({@link DriftOutcome.Recovery}). In this single-satellite experiment the onboard learner is the
 * local-only learner (it never receives a global model). Deterministic given the seeds.
 */
public final class DriftExperiment {

    private final LearningSettings learning;
    private final DriftExperimentSettings settings;
    private final Optimizer optimizer;

    public DriftExperiment(LearningSettings learning, DriftExperimentSettings settings, Optimizer optimizer) {
        this.learning = learning;
        this.settings = settings;
        this.optimizer = optimizer;
    }

    /**
     * @param task     the stream (consumed)
     * @param contacts the spacecraft's contact windows (downlink and uplink opportunities)
     * @param power    the training envelope
     * @return the measured outcome
     */
    public DriftOutcome run(DriftTask task, List<ContactWindow> contacts, BudgetedTrainingPower power) {
        int d = task.featureCount();
        OnboardTrainer trainer = OnboardTrainer.create(d, learning, optimizer);
        int[] widths = learning.widths(d);
        DenseNetwork frozen = new DenseNetwork(widths, learning.seed(), MemoryAccountant.unbounded());
        DenseNetwork ground = new DenseNetwork(widths, learning.seed(), MemoryAccountant.unbounded());
        DenseNetwork oracle = new DenseNetwork(widths, learning.seed(), MemoryAccountant.unbounded());
        DenseNetwork groundSide = new DenseNetwork(widths, learning.seed(), MemoryAccountant.unbounded());
        boolean cls = task.classification();
        double[] drifts = task.abruptDriftTimesS();
        List<ContactWindow> passes = new ArrayList<>(contacts);
        passes.sort((a, b) -> Double.compare(a.aosS(), b.aosS()));

        GrowingSamples history = new GrowingSamples(d);
        float[] x = new float[d];
        GrowingSeries series = new GrowingSeries();
        ArrayDeque<double[]> pendingGround = new ArrayDeque<>(); // {deliveryTimeS, params...}
        int delivered = 0;
        boolean deployed = false;
        double nextGroundRefit = Double.NaN;
        double nextOracleRefit = Double.NaN;
        int nextDrift = 0;
        int passIndex = 0;
        int downlinked = 0;
        long seed = settings.seed();

        while (task.hasNext()) {
            float y = task.next(x);
            double t = task.timeS();
            // Passes that ended before this sample have downlinked everything recorded before them.
            while (passIndex < passes.size() && passes.get(passIndex).losS() <= t) {
                downlinked = history.countUpTo(passes.get(passIndex).losS());
                passIndex++;
            }
            if (t < settings.warmupS()) {
                history.add(x, y, t);
                continue;
            }
            if (!deployed) {
                DenseNetwork fit = trainer.model();
                new BatchFitter(settings.pretrainEpochs(), 32, 0.01, seed++).fit(fit, history.xs(), history.ys(), 0,
                        history.size());
                float[] p0 = fit.parameters();
                fit.setParameters(p0, 1);
                frozen.setParameters(p0, 1);
                ground.setParameters(p0, 1);
                oracle.setParameters(p0, 1);
                groundSide.setParameters(p0, 1);
                deployed = true;
                nextGroundRefit = t + settings.groundRetrainIntervalS();
                nextOracleRefit = t;
                while (nextDrift < drifts.length && drifts[nextDrift] <= t) {
                    nextDrift++;
                }
            }
            if (t >= nextGroundRefit) {
                // The ground keeps refitting its own copy (warm start) on the samples of the sliding
                // window that have been downlinked by now.
                int from = Math.min(history.countUpTo(t - settings.groundWindowS()), downlinked);
                if (downlinked > from) {
                    new BatchFitter(settings.refitEpochs(), 32, 0.003, seed++).fit(groundSide, history.xs(), history.ys(),
                            from, downlinked - from);
                }
                double arrival = firstAosAtOrAfter(passes, t + settings.groundLatencyS());
                if (Double.isFinite(arrival)) {
                    pendingGround.addLast(withTime(arrival, groundSide.parameters()));
                }
                nextGroundRefit += settings.groundRetrainIntervalS();
            }
            while (!pendingGround.isEmpty() && pendingGround.peekFirst()[0] <= t) {
                double[] p = pendingGround.pollFirst();
                float[] f = new float[p.length - 1];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) p[i + 1];
                }
                ground.setParameters(f, ground.versionNumber() + 1);
                delivered++;
            }
            boolean driftNow = nextDrift < drifts.length && t >= drifts[nextDrift];
            if (driftNow) {
                nextDrift++;
            }
            if (task.knowsConcept() && (driftNow || t >= nextOracleRefit)) {
                refitOracle(task, oracle, history, x, t, seed++);
                nextOracleRefit = t + settings.oracleRefitIntervalS();
            }
            history.add(x, y, t);
            // Test (all four), then train (onboard only).
            double pf = frozen.predict(x);
            double pg = ground.predict(x);
            boolean known = task.knowsConcept();
            double oracleLoss = known ? loss(oracle.predict(x), y, cls) : Double.NaN;
            // The noise-free label's own loss is the label noise every learner meets on this sample.
            double conceptLoss = known ? loss(task.currentConceptLabel(x), y, cls) : Double.NaN;
            double preDriftConceptLoss = known ? loss(task.preDriftConceptLabel(x), y, cls) : Double.NaN;
            double pb = trainer.step(x, y, power.powerW(t));
            power.charge(trainer.lastStepEnergyJ());
            series.add(t, loss(pf, y, cls), loss(pb, y, cls), loss(pg, y, cls), oracleLoss, conceptLoss,
                    preDriftConceptLoss);
        }
        WindowedRecovery w = new WindowedRecovery(series.t, series.size(), settings.recoveryWindowS(),
                settings.recoveryHoldS());
        List<DriftOutcome.Recovery> recoveries = w.all(drifts, task.driftsGradually(),
                w.learners(series.frozen, series.onboard, series.oracle),
                w.excessOver(series.concept, series.preDriftConcept, series.onboard, series.oracle));
        return new DriftOutcome(task.name(), task.labelUnit(), cls, series.size(), mean(series.frozen, series.size()),
                mean(series.onboard, series.size()), mean(series.ground, series.size()),
                task.knowsConcept() ? mean(series.oracle, series.size()) : Double.NaN, recoveries,
                trainer.energySpentJ(), trainer.memoryBytes(), trainer.updates(), trainer.skippedUpdates(), delivered,
                trainer.changesDetected(), trainer.changesTakenBack());
    }

    private void refitOracle(DriftTask task, DenseNetwork oracle, GrowingSamples history, float[] current, double t,
                             long seed) {
        int from = history.countUpTo(t - settings.oracleWindowS());
        int count = history.size() - from;
        if (count <= 0) {
            return;
        }
        int d = history.features;
        float[] xs = Arrays.copyOfRange(history.xs(), from * d, (from + count) * d);
        float[] ys = new float[count];
        float[] row = new float[d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(xs, i * d, row, 0, d);
            ys[i] = (float) task.currentConceptLabel(row);
        }
        new BatchFitter(settings.refitEpochs(), 32, 0.003, seed).fit(oracle, xs, ys, 0, count);
    }

    private static double mean(double[] v, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double loss(double prediction, float y, boolean classification) {
        if (classification) {
            return (prediction >= 0.5 ? 1 : 0) == Math.round(y) ? 0 : 1;
        }
        return Math.abs(prediction - y);
    }

    private static double firstAosAtOrAfter(List<ContactWindow> passes, double tS) {
        for (ContactWindow c : passes) {
            if (c.aosS() >= tS) {
                return c.aosS();
            }
        }
        return Double.NaN;
    }

    private static double[] withTime(double tS, float[] p) {
        double[] out = new double[p.length + 1];
        out[0] = tS;
        for (int i = 0; i < p.length; i++) {
            out[i + 1] = p[i];
        }
        return out;
    }

    /** Ground-side record of every sample (features, labels, times); grows by doubling. */
    private static final class GrowingSamples {
        final int features;
        float[] xs;
        float[] ys = new float[128];
        double[] ts = new double[128];
        int size;

        GrowingSamples(int features) {
            this.features = features;
            xs = new float[128 * features];
        }

        void add(float[] x, float y, double t) {
            if (size == ys.length) {
                ys = Arrays.copyOf(ys, size * 2);
                ts = Arrays.copyOf(ts, size * 2);
                xs = Arrays.copyOf(xs, size * 2 * features);
            }
            System.arraycopy(x, 0, xs, size * features, features);
            ys[size] = y;
            ts[size] = t;
            size++;
        }

        /** @return number of samples with time &le; tS */
        int countUpTo(double tS) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[mid] <= tS) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        float[] xs() {
            return xs;
        }

        float[] ys() {
            return ys;
        }

        int size() {
            return size;
        }
    }

    /**
     * Per-sample losses of the four learners, of the true concept's noise-free label and of the
     * concept's before the latest abrupt drift (NaN if unknown), for the time averages and the
     * recovery analysis.
     */
    private static final class GrowingSeries {
        double[] t = new double[256];
        double[] frozen = new double[256];
        double[] onboard = new double[256];
        double[] ground = new double[256];
        double[] oracle = new double[256];
        double[] concept = new double[256];
        double[] preDriftConcept = new double[256];
        int size;

        void add(double time, double f, double o, double g, double or, double c, double p) {
            if (size == t.length) {
                t = Arrays.copyOf(t, size * 2);
                frozen = Arrays.copyOf(frozen, size * 2);
                onboard = Arrays.copyOf(onboard, size * 2);
                ground = Arrays.copyOf(ground, size * 2);
                oracle = Arrays.copyOf(oracle, size * 2);
                concept = Arrays.copyOf(concept, size * 2);
                preDriftConcept = Arrays.copyOf(preDriftConcept, size * 2);
            }
            t[size] = time;
            frozen[size] = f;
            onboard[size] = o;
            ground[size] = g;
            oracle[size] = or;
            concept[size] = c;
            preDriftConcept[size] = p;
            size++;
        }

        int size() {
            return size;
        }
    }
}

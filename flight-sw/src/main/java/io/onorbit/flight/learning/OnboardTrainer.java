package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.SampleBatch;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.optimizer.SolveFigures;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.QuadraticEnergy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Test-then-train on a sample stream, inside a power envelope and a memory budget.
 *
 * <p>Each {@link #step} first predicts the label (the prequential test) and then adds the sample
 * to the current batch. When {@code batchSize} new samples have been seen, and only if the
 * envelope power is above zero and at least the optimizer's minimum, the batch plus
 * {@code replayPerUpdate} replayed samples is posed as an energy and handed to the
 * {@link Optimizer}; its solution becomes the new trainable weights and its energy is charged.
 * Otherwise the batch is dropped (the samples stay in the replay buffer). An update the optimizer
 * reports as not converged is charged but not applied ({@link #unconvergedUpdates()}).
 *
 * <p>Both energies are posed in the step d = w - w0 from the current weights w0 (start 0), so an
 * analog engine's relative errors scale with the step and vanish at convergence:
 * <ul>
 *   <li>Last layer only (squared error): the update is exact: E(d) = 1/(2B) sum (h.(w0 + d) - y)^2 +
 *       mu/2 |d|^2 (up to a constant), a {@link QuadraticEnergy} with A = H^T H / B + mu I and
 *       b = H^T (y - H w0) / B.</li>
 *   <li>Any other subset: the local quadratic model eta g.d + |d|^2 / 2
 *       ({@link ProximalGradientEnergy}), whose minimum is the damped step d = -eta g, with g the
 *       batch mean of the per-sample gradients, each normalised by its output gradient's squared
 *       norm under {@link StepRule#NLMS} (stable for every eta below 2).</li>
 * </ul>
 *
 * <p>In the gradient modes a batch sample's gradient is added when it is predicted (at the weights it
 * was predicted with: a global model may be merged into them before the update); an update's replayed
 * samples pass forward together in one {@link SampleBatch} and backward slot by slot, in the order
 * they were drawn, so that the sums are those of one sample at a time.
 *
 * <p>With iterate averaging ({@link LearningSettings#iterateAveraging()}) each step predicts twice:
 * the iterate's forward pass feeds the gradient (or the normal equations), and the averaged model's
 * ({@link IterateAverage}) prediction is the one returned, scored and watched by the change
 * detector; a detection restarts the average at the iterate. {@link #model()} stays the iterate (what
 * deltas and checkpoints carry), {@link #servedModel()} is the averaged one.
 *
 * <p>All arrays (model, gradients, anchors, normal-equation sums, replay, the update's sample batch) are allocated through
 * one {@link MemoryAccountant} when the trainer is created, so the budget is checked here and
 * never exceeded later; what the optimizer interface allocates per update (its copy of the
 * problem and the solution) is reserved in the budget too. A step without an update allocates
 * nothing. Not thread-safe.
 */
public final class OnboardTrainer {

    private final LearningSettings settings;
    private final Optimizer optimizer;
    private final MemoryAccountant memory;
    private final DenseNetwork model;
    private final TrainableSubset subset;
    private final ReplayBuffer replay;
    private final boolean exactLastLayer;
    private final int n;
    /** Trainable weights at the start of the update (the proximal anchor). */
    private final double[] anchor;
    /** The optimizer's start point: the zero step. */
    private final double[] zeroStep;
    /** The step the optimizer found, written by it each update (no copy per update). */
    private final double[] step;
    /** Gradient mode: batch-mean gradient. */
    private final float[] grad;
    /** {@link StepRule#VSS_NLMS}: the smoothed normalised gradient p (empty for the other rules). */
    private final float[] smoothedGrad;
    /** {@link StepRule#VSS_NLMS}: the smoothed squared norm q of the normalised gradients. */
    private double smoothedSquaredNorm;
    /** Step size eta of the latest gradient-mode update (the fixed rate unless {@link StepRule#VSS_NLMS}). */
    private double lastStepSize;
    /** Exact mode: sum of h h^T (row-major, n x n) and of h y over the batch, h = [last hidden, 1]. */
    private final double[] normalMatrix;
    private final double[] normalVector;
    private final float[] replayX;
    /**
     * Gradient mode: an update's replayed samples, passed forward together and backward slot by slot;
     * null in exact mode.
     */
    private final SampleBatch replayed;
    /** Gradient mode: the label of each slot of {@link #replayed} */
    private final float[] replayedLabels;
    private final ProximalGradientEnergy proximal;
    /** The concept-change detector on the prequential squared error, if configured. */
    private final Optional<ChangeDetector> detector;
    /** With catch-up passes: the features' serial correlation, which gates them ({@link #catchUp}). */
    private final Optional<SerialCorrelation> inputCorrelation;
    /** With iterate averaging: the served model, whose trainable weights average the iterates. */
    private final Optional<IterateAverage> average;
    /** With {@link ChangeDetectorSettings#confirms}: the test that confirms or takes back each detection. */
    private final Optional<ChangeConfirmation> confirmation;
    /**
     * With a confirmation: the trainable weights when the CUSUM statistic last left 0 (its estimate of the
     * change's start), scored by it after a detection (swapped in and out of the model around one forward pass;
     * empty without a confirmation).
     */
    private final float[] changePointWeights;
    private long changesTakenBack;
    /** Updates attempted ({@link #updateAttempts}) at the latest detection (empty before any). */
    private OptionalLong changeUpdate = OptionalLong.empty();
    /** Catch-up updates posed since the latest detection (not counted in the step's annealing). */
    private long catchUpAttempts;
    private int batchCount;
    private long updates;
    private long skippedUpdates;
    private long rejectedUpdates;
    private long unconvergedUpdates;
    private double energySpentJ;
    private double lastStepEnergyJ;

    private OnboardTrainer(int inputs, LearningSettings settings, Optimizer optimizer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.memory = new MemoryAccountant(settings.memoryBudgetBytes());
        this.model = new DenseNetwork(settings.widths(inputs), settings.seed(), memory);
        this.subset = TrainableSubset.of(settings.subset(), settings.sparseRowFraction(), settings.seed() + 1, model,
                memory);
        this.n = subset.size();
        this.exactLastLayer = settings.subset() == TrainableSubset.Kind.LAST_LAYER;
        this.anchor = memory.doubles("update anchor w0", MemoryCategory.OPTIMIZER_STATE, n);
        this.zeroStep = memory.doubles("optimizer start (zero step)", MemoryCategory.OPTIMIZER_STATE, n);
        if (exactLastLayer) {
            grad = memory.floats("gradient (unused in exact mode)", MemoryCategory.GRADIENTS, 0);
            normalMatrix = memory.doubles("normal matrix H^T H", MemoryCategory.OPTIMIZER_STATE, n * n);
            normalVector = memory.doubles("normal vector H^T y", MemoryCategory.OPTIMIZER_STATE, n);
            // QuadraticEnergy copies A and b; the optimizer result holds two copies of the solution.
            memory.reserve("quadratic energy copy (optimizer interface)", MemoryCategory.OPTIMIZER_STATE,
                    8L * (n * (long) n + n));
            proximal = null;
        } else {
            grad = memory.floats("gradient", MemoryCategory.GRADIENTS, n);
            normalMatrix = null;
            normalVector = null;
            proximal = new ProximalGradientEnergy(grad);
            proximal.setStepSize(settings.learningRate());
        }
        smoothedGrad = memory.floats("smoothed normalised gradient (variable step)", MemoryCategory.OPTIMIZER_STATE,
                !exactLastLayer && settings.stepRule() == StepRule.VSS_NLMS ? n : 0);
        lastStepSize = settings.learningRate();
        this.step = memory.doubles("optimizer solution (written by the optimizer)", MemoryCategory.OPTIMIZER_STATE, n);
        // the optimizer's own output before it is written out: the analog engine's ADC read-out, the
        // digital optimizer's iterate
        memory.reserve("optimizer output (inside the optimizer)", MemoryCategory.OPTIMIZER_STATE, 8L * n);
        this.replay = new ReplayBuffer(settings.replayCapacity(), inputs, settings.seed() + 2, memory);
        this.replayX = memory.floats("replay draw", MemoryCategory.REPLAY, inputs);
        int slots = Math.max(1, settings.replayPerUpdate());
        this.replayed = exactLastLayer ? null : model.newBatch(slots, memory);
        this.replayedLabels = memory.floats("replayed sample labels", MemoryCategory.REPLAY, exactLastLayer ? 0 : slots);
        this.detector = settings.changeDetector().map(ChangeDetector::new);
        if (detector.isPresent()) {
            memory.reserve("change detector state", MemoryCategory.OPTIMIZER_STATE, ChangeDetector.stateBytes(settings.changeDetector().orElseThrow()));
        }
        this.inputCorrelation = settings.changeDetector().filter(c -> c.catchUpPasses() > 0)
                .map(c -> new SerialCorrelation(inputs, c.referenceSamples(), memory));
        this.average = settings.iterateAveraging()
                .map(a -> new IterateAverage(a, settings.widths(inputs), settings.seed(), subset, memory));
        this.confirmation = settings.changeDetector().filter(ChangeDetectorSettings::confirms)
                .map(ChangeConfirmation::new);
        if (confirmation.isPresent()) {
            memory.reserve("change confirmation state", MemoryCategory.OPTIMIZER_STATE, ChangeConfirmation.STATE_BYTES);
        }
        this.changePointWeights = memory.floats("weights when the CUSUM last left 0 (confirmation)",
                MemoryCategory.OPTIMIZER_STATE, confirmation.isPresent() ? n : 0);
    }

    /**
     * Configures a trainer: allocates the model and every buffer within the memory budget.
     *
     * @param inputs    number of features
     * @param settings  learning settings
     * @param optimizer the optimizer that solves each update
     * @return the trainer, with a freshly initialized model (load deployed weights with
     *         {@code model().setParameters(p, version)})
     * @throws io.onorbit.flight.learning.memory.MemoryBudgetException if it does not fit
     */
    public static OnboardTrainer create(int inputs, LearningSettings settings, Optimizer optimizer) {
        return new OnboardTrainer(inputs, settings, optimizer);
    }

    /**
     * One test-then-train step.
     *
     * @param x               features (not kept)
     * @param y               label
     * @param envelopePowerW  power the training may draw now, W; no update below the optimizer's minimum or at 0
     * @return the prediction made before training on this sample
     */
    public float step(float[] x, float y, double envelopePowerW) {
        float output = model.predict(x); // the gradient (or the normal equations' sums) at the iterate
        float prediction = output;
        if (average.isPresent()) {
            average.get().follow(model);
            prediction = average.get().predict(x); // served, tested and watched by the detector
        }
        lastStepEnergyJ = 0;
        inputCorrelation.ifPresent(c -> c.observe(x));
        double e = (double) prediction - y;
        boolean detected = false;
        // A diverged model's infinite or NaN prediction is no error measurement for the detector.
        if (detector.isPresent() && Double.isFinite(e)) {
            ChangeDetector d = detector.get();
            double referenceBefore = d.referenceLevel();
            long countBefore = d.referenceCount();
            boolean fromZero = d.statistic() == 0;
            detected = d.observe(e * e);
            if (confirmation.isPresent() && fromZero && (detected || d.statistic() > 0)) {
                keepChangePointWeights(); // an excursion starts: the model has not trained on its samples
            }
            if (detected) {
                openStep();
                confirmation.ifPresent(c -> c.start(referenceBefore, countBefore));
            }
        }
        if (exactLastLayer) {
            accumulateExact(y);
        } else {
            addGradient(output - y);
        }
        // after the gradient: the model's forward pass is overwritten here
        if (!detected && confirmation.isPresent() && confirmation.get().running()) {
            confirm(x, y);
        }
        replay.add(x, y);
        batchCount++;
        if (batchCount >= settings.batchSize()) {
            if (envelopePowerW > 0 && envelopePowerW >= optimizer.minimumOperatingPowerW()) {
                addReplayDraws();
                update(batchCount + Math.min(settings.replayPerUpdate(), replay.size()), envelopePowerW, false);
                catchUp(envelopePowerW);
            } else {
                skippedUpdates++;
            }
            clearBatch();
        }
        return prediction;
    }

    /**
     * A detected concept change: the step restarts from its largest rate ({@link #stepSize}) and the
     * replay buffer keeps only the samples since the CUSUM's estimate of the change (the older ones
     * belong to the old concept and would pull each update back towards it).
     */
    private void openStep() {
        changeUpdate = OptionalLong.of(updateAttempts());
        long age = detector.get().lastChangeAgeSamples().orElseThrow();
        replay.keepNewest((int) Math.min(Integer.MAX_VALUE, age));
        catchUpAttempts = 0;
        average.ifPresent(a -> a.restartAt(model));
    }

    /** With a confirmation: keeps the trainable weights as they are now, at the start of a CUSUM excursion. */
    private void keepChangePointWeights() {
        for (int k = 0; k < n; k++) {
            changePointWeights[k] = model.parameter(subset.index(k));
        }
    }

    /**
     * Scores the weights of the excursion's start on this sample ({@link ChangeConfirmation}); if the test takes the
     * detection back, the step closes (the rule's own rate from the next update, no more catch-up passes) and the
     * detector resumes with its reference of before the false alarm. The replay buffer's older samples, dropped
     * at the detection, are not restored: the buffer refills with new samples.
     */
    private void confirm(float[] x, float y) {
        swapChangePointWeights();
        double e = (double) model.predict(x) - y;
        swapChangePointWeights();
        ChangeConfirmation c = confirmation.get();
        // a diverged model's error is no measurement (as for the detector): the sample is skipped
        if (Double.isFinite(e) && c.observe(e * e) == ChangeConfirmation.Verdict.TAKEN_BACK) {
            changesTakenBack++;
            changeUpdate = OptionalLong.empty();
            catchUpAttempts = 0;
            detector.orElseThrow().takeBack(c.referenceLevelBefore(), c.referenceCountBefore());
        }
    }

    /** Exchanges the model's trainable weights with {@link #changePointWeights} (twice restores both). */
    private void swapChangePointWeights() {
        for (int k = 0; k < n; k++) {
            int i = subset.index(k);
            float w = model.parameter(i);
            model.setParameter(i, changePointWeights[k]);
            changePointWeights[k] = w;
        }
    }

    /**
     * While the opened step is above half its largest rate (fewer than tau regular updates since a
     * detection), {@link ChangeDetectorSettings#catchUpPasses} more updates on replay draws only (the
     * buffer holds only samples since the change), at the rate of the regular update just made: the
     * new concept is rehearsed several times per new sample (experience replay, Lin 1992). Each pass
     * is solved and charged like a regular update, at the same envelope power. None while the
     * features are serially correlated ({@link SerialCorrelation#looksWhite}): the buffer then holds
     * one stretch of an orbit-driven stream, and repeated passes would fit that stretch.
     */
    private void catchUp(double envelopePowerW) {
        // Only while the features look serially independent: then the replay buffer is a fair sample
        // of the new concept; correlated features mean it holds one stretch of the orbit.
        if (changeUpdate.isEmpty() || !inputCorrelation.map(SerialCorrelation::looksWhite).orElse(false)) {
            return;
        }
        ChangeDetectorSettings c = settings.changeDetector().orElseThrow();
        // the regular update just made is counted: it was the u-th (from 0) with u = count - 1 < tau
        for (int p = 0; p < c.catchUpPasses() && regularUpdatesSinceChange() <= c.openStepUpdates(); p++) {
            clearBatch();
            int rows = addReplayDraws();
            if (rows == 0) {
                return;
            }
            catchUpAttempts++;
            update(rows, envelopePowerW, true);
        }
    }

    /** @return regular (not catch-up) updates posed since the latest detection (0 before any) */
    private long regularUpdatesSinceChange() {
        return changeUpdate.isEmpty() ? 0 : updateAttempts() - changeUpdate.getAsLong() - catchUpAttempts;
    }

    /**
     * Adds {@code replay_per_update} draws from the replay buffer (fewer if it is empty) to the batch sums.
     *
     * @return samples drawn
     */
    private int addReplayDraws() {
        int drawn = 0;
        for (int r = 0; r < settings.replayPerUpdate() && replay.size() > 0; r++) {
            float ry = replay.draw(replayX);
            if (exactLastLayer) {
                model.predict(replayX);
                accumulateExact(ry);
            } else {
                replayed.setInput(r, replayX);
                replayedLabels[r] = ry;
            }
            drawn++;
        }
        if (!exactLastLayer) {
            addReplayedGradients(drawn);
        }
        return drawn;
    }

    /** Exact mode: adds the sample just predicted to the normal equations' sums. */
    private void accumulateExact(float y) {
        int m = n - 1;
        for (int i = 0; i < n; i++) {
            double hi = i < m ? model.lastHidden(i) : 1.0;
            normalVector[i] += hi * y;
            int row = i * n;
            for (int j = i; j < n; j++) {
                normalMatrix[row + j] += hi * (j < m ? model.lastHidden(j) : 1.0);
            }
        }
    }

    /** Gradient mode: adds the gradient of the sample just predicted (the model's latest forward pass). */
    private void addGradient(float error) {
        if (!settings.stepRule().normalised()) {
            model.backward(error, subset, grad, 1f);
        } else if (error != 0f) { // a zero error adds nothing
            model.propagate(error, subset);
            model.addGradient(subset, grad, normalisedScale(error, model.gradientSquaredNorm(subset)));
        }
    }

    /**
     * Gradient mode: the forward pass of the {@code drawn} replayed slots together, then each slot's
     * gradient in the order drawn, as {@link #addGradient(float)} adds one sample's.
     */
    private void addReplayedGradients(int drawn) {
        model.predict(replayed, 0, drawn);
        for (int s = 0; s < drawn; s++) {
            float error = replayed.output(s) - replayedLabels[s];
            if (!settings.stepRule().normalised()) {
                model.backward(replayed, s, error, subset, grad, 1f);
            } else if (error != 0f) {
                model.propagate(replayed, s, error, subset);
                model.addGradient(replayed, s, subset, grad,
                        normalisedScale(error, model.gradientSquaredNorm(replayed, s, subset)));
            }
        }
    }

    /**
     * The factor of a sample's gradient e J in the batch sum, 1 / (delta + |J|^2), J = dy/dw over the
     * trained parameters ({@link StepRule#NLMS}, {@link StepRule#VSS_NLMS}): e J / (delta + |J|^2) is
     * added. |J|^2 is the squared norm of e J (in closed form, {@link DenseNetwork#gradientSquaredNorm})
     * divided by e^2; a regularised normalisation written as e^2 / (delta e^2 + |e J|^2).
     *
     * @param error         the sample's error e (not 0)
     * @param squaredNorm   |e J|^2
     * @return the factor, dimensionless
     */
    private static float normalisedScale(float error, double squaredNorm) {
        double e2 = (double) error * error;
        return (float) (e2 / (StepRule.NLMS_REGULARISER * e2 + squaredNorm));
    }

    /** @param catchUp a catch-up pass ({@link #catchUp}): it keeps the rate of the regular update before it */
    private void update(int rows, double envelopePowerW, boolean catchUp) {
        readAnchor();
        SolveFigures result;
        if (exactLastLayer) {
            finishNormalEquations(rows);
            result = optimizer.minimizeInto(new QuadraticEnergy(normalMatrix, normalVector), zeroStep, envelopePowerW,
                    step);
        } else {
            scaleGradient(1f / rows);
            if (!catchUp && (settings.stepRule() == StepRule.VSS_NLMS || changeUpdate.isPresent())) {
                lastStepSize = stepSize();
                proximal.setStepSize(lastStepSize);
            }
            result = optimizer.minimizeInto(proximal, zeroStep, envelopePowerW, step);
        }
        energySpentJ += result.energyJ();
        lastStepEnergyJ += result.energyJ();
        if (!result.converged()) {
            // The optimizer did not settle (an analog array whose programmed matrix lost positive
            // definiteness, or a flow that ran out of time): its output is not the step posed.
            unconvergedUpdates++;
            return;
        }
        if (!allFinite(step)) {
            rejectedUpdates++; // an optimizer fault must not poison the model
            return;
        }
        applyStep(step);
        updates++;
        average.ifPresent(a -> a.add(model));
    }

    /*
     * update's per-parameter loops are methods of their own, moved as they were: their iterations
     * made the JIT compile update (once per update, with the solve it calls) on-stack three times
     * before compiling it whole; now these small loops are compiled, and update for its calls.
     */

    /** The anchor w0 is the trainable weights now. */
    private void readAnchor() {
        for (int k = 0; k < n; k++) {
            anchor[k] = model.parameter(subset.index(k));
        }
    }

    /** b = H^T y / B - (H^T H / B) w0 (the upper triangle holds the sums), then A = H^T H / B + mu I. */
    private void finishNormalEquations(int rows) {
        double mu = settings.proximalWeight();
        for (int i = 0; i < n; i++) {
            double hw = 0;
            for (int j = 0; j < n; j++) {
                hw += normalMatrix[i <= j ? i * n + j : j * n + i] * anchor[j];
            }
            normalVector[i] = (normalVector[i] - hw) / rows;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = normalMatrix[i * n + j] / rows + (i == j ? mu : 0.0);
                normalMatrix[i * n + j] = v;
                normalMatrix[j * n + i] = v;
            }
        }
    }

    /** The summed gradient times {@code inv} (1 / rows: the mean). */
    private void scaleGradient(float inv) {
        for (int k = 0; k < n; k++) {
            grad[k] *= inv;
        }
    }

    /** @return whether every entry of {@code w} is finite */
    private static boolean allFinite(double[] w) {
        for (double v : w) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The trainable weights become w0 + {@code w} (float32). */
    private void applyStep(double[] w) {
        for (int k = 0; k < n; k++) {
            model.setParameter(subset.index(k), (float) (anchor[k] + w[k]));
        }
    }

    /**
     * The rule's rate ({@link #variableStepSize} or the fixed rate), and after a detected change at
     * least eta_max tau / (tau + u) at the u-th update since it (search then converge, Darken and
     * Moody 1992: the full step while far from the new optimum, then a falling one that averages
     * the noise out; tau = {@link ChangeDetectorSettings#openStepUpdates}).
     */
    private double stepSize() {
        double eta = settings.stepRule() == StepRule.VSS_NLMS ? variableStepSize() : settings.learningRate();
        if (changeUpdate.isPresent()) {
            double tau = settings.changeDetector().orElseThrow().openStepUpdates();
            double u = regularUpdatesSinceChange(); // this update not yet counted
            eta = Math.max(eta, settings.learningRate() * tau / (tau + u));
        }
        return eta;
    }

    /** @return updates posed to the optimizer so far: applied, not converged or rejected (count) */
    private long updateAttempts() {
        return updates + unconvergedUpdates + rejectedUpdates;
    }

    /**
     * Updates p and q with this update's mean normalised gradient and returns
     * max(eta_min, eta_max r / (r + C)), r = |p|^2 / q ({@link StepRule#VSS_NLMS}). A zero gradient
     * (every error 0) leaves the step at its smallest; r is at most 1 (|p|^2 &le; q by Jensen), so the
     * step never exceeds eta_max &lt; 2.
     */
    private double variableStepSize() {
        double a = StepRule.VSS_SMOOTHING;
        double gSquared = 0;
        double pSquared = 0;
        for (int k = 0; k < n; k++) {
            float g = grad[k];
            float p = (float) (a * smoothedGrad[k] + (1 - a) * g);
            smoothedGrad[k] = p;
            gSquared += (double) g * g;
            pSquared += (double) p * p;
        }
        smoothedSquaredNorm = a * smoothedSquaredNorm + (1 - a) * gSquared;
        double coherence = smoothedSquaredNorm > 0 ? Math.min(1.0, pSquared / smoothedSquaredNorm) : 0.0;
        double eta = settings.learningRate() * coherence / (coherence + StepRule.VSS_HALF_STEP_COHERENCE);
        return Math.max(eta, settings.minLearningRate());
    }

    private void clearBatch() {
        batchCount = 0;
        if (exactLastLayer) {
            java.util.Arrays.fill(normalMatrix, 0.0);
            java.util.Arrays.fill(normalVector, 0.0);
        } else {
            java.util.Arrays.fill(grad, 0f);
        }
    }

    /**
     * @return step size eta of the latest gradient-mode update: the fixed {@code learningRate},
     *         or with {@link StepRule#VSS_NLMS} the variable one (dimensionless, in (0, 2))
     */
    public double lastStepSize() {
        return lastStepSize;
    }

    /** @return concept changes the detector has found (count; 0 without a detector) */
    public long changesDetected() {
        return detector.map(ChangeDetector::detections).orElse(0L);
    }

    /**
     * @return the served model: with iterate averaging the trained model's parameters with the
     *         trainable ones averaged ({@link IterateAverage}), else the trained model itself
     */
    public DenseNetwork servedModel() {
        return average.map(IterateAverage::served).orElse(model);
    }

    /** @return detections the confirmation took back as false alarms (count; 0 without a confirmation) */
    public long changesTakenBack() {
        return changesTakenBack;
    }

    /** @return the model being trained (its parameters, layout and version) */
    public DenseNetwork model() {
        return model;
    }

    public TrainableSubset subset() {
        return subset;
    }

    public LearningSettings settings() {
        return settings;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the accountant every training array was allocated through */
    public MemoryAccountant memory() {
        return memory;
    }

    /** @return training memory held (allocated + reserved), bytes */
    public long memoryBytes() {
        return memory.usedBytes();
    }

    /** @return updates applied */
    public long updates() {
        return updates;
    }

    /** @return batches dropped because the envelope was below the optimizer's minimum */
    public long skippedUpdates() {
        return skippedUpdates;
    }

    /** @return updates whose solution was not finite and was therefore discarded */
    public long rejectedUpdates() {
        return rejectedUpdates;
    }

    /** @return updates the optimizer reported as not converged; charged, not applied */
    public long unconvergedUpdates() {
        return unconvergedUpdates;
    }

    /** @return energy charged by all updates so far, J */
    public double energySpentJ() {
        return energySpentJ;
    }

    /** @return energy charged by the latest {@link #step} (0 if it made no update), J */
    public double lastStepEnergyJ() {
        return lastStepEnergyJ;
    }
}

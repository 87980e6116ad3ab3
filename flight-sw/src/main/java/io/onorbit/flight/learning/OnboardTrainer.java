package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.optimizer.SolveFigures;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.QuadraticEnergy;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

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
 *       batch mean of the per-sample gradients ({@link BatchGradient}), each normalised by its output
 *       gradient's squared norm under {@link StepRule#NLMS} (stable for every eta below 2), at the rule's
 *       rate ({@link VariableStepSize} for {@link StepRule#VSS_NLMS}); with
 *       {@link LearningSettings#outputRls} the output layer is refitted apart ({@link OutputRefit}).</li>
 * </ul>
 *
 * <p>With a change detector ({@link LearningSettings#changeDetector}) each step's error is watched and a
 * detected change is answered ({@link ChangeResponse}): the step opens, the replay buffer is trimmed, catch-up
 * passes may follow a regular update, and a detection may be taken back.
 *
 * <p>With iterate averaging ({@link LearningSettings#iterateAveraging()}) each step predicts twice:
 * the iterate's forward pass feeds the gradient (or the normal equations), and the averaged model's
 * ({@link IterateAverage}) prediction is the one returned, scored and watched by the change
 * detector; a detection restarts the average at the iterate. {@link #model()} stays the iterate (what
 * deltas and checkpoints carry), {@link #servedParameters()} the averaged one's. With
 * {@link IterateAveragingSettings.Serving#AFTER_CHANGE} (the default) the average is served only while a detected
 * change's opened step is above the variable step's floor: the opened rate's jitter is what it divides, and a
 * stationary or slowly moving concept is served by the iterate as without it.
 *
 * <p>All arrays (model, gradients, anchors, normal-equation sums, replay, the update's sample batch) are
 * allocated through one {@link MemoryAccountant} when the trainer is created, so the budget is checked here and
 * never exceeded later; what the optimizer interface allocates per update (its copy of the problem and the
 * solution) is reserved in the budget too. A step without an update allocates nothing. Not thread-safe.
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
    /** Gradient mode with {@link StepRule#VSS_NLMS}: the variable rate's state; else empty. */
    private final Optional<VariableStepSize> variableStep;
    /** Step size eta of the latest gradient-mode update (the fixed rate unless {@link StepRule#VSS_NLMS}). */
    private double lastStepSize;
    /**
     * The output layer's normal equations, h = [last hidden, 1]: in exact mode the batch's (or, with
     * {@link LearningSettings#outputRls}, faded) sums; in gradient mode with it, the refit's faded sums; else empty.
     */
    private final Optional<FadedNormalEquations> outputFit;
    /** Gradient mode with {@link LearningSettings#outputRls}: the output layer's refit, out of the gradient step. */
    private final Optional<OutputRefit> outputRefit;
    private final float[] replayX;
    /** Gradient mode: the batch's gradient, summed into {@link #grad}; empty in exact mode. */
    private final Optional<BatchGradient> gradient;
    /** With a change detector: the response to a detected concept change. */
    private final Optional<ChangeResponse> changeResponse;
    /** With iterate averaging (where it can be served): the average of the trainable weights' iterates. */
    private final Optional<IterateAverage> average;
    /** The average is served on every sample ({@link IterateAveragingSettings.Serving#ALWAYS}). */
    private final boolean averageAlways;
    private int batchCount;
    private long updates;
    private long skippedUpdates;
    private long rejectedUpdates;
    private long unconvergedUpdates;
    private double energySpentJ;
    private double lastStepEnergyJ;

    private OnboardTrainer(int inputs, LearningSettings settings, Optimizer optimizer, Optional<ReplayBuffer> replayOf) {
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
        int outputOffset = exactLastLayer ? 0 : subset.layerStart(model.layerCount() - 1);
        int outputs = n - outputOffset;
        Optional<OutputRlsSettings> rls = settings.outputRls();
        if (!exactLastLayer && rls.isPresent() && outputs != model.lastHiddenWidth() + 1) {
            throw new IllegalArgumentException("learning: output RLS needs the whole output layer trained ("
                    + (model.lastHiddenWidth() + 1) + " parameters), the subset trains " + outputs);
        }
        if (exactLastLayer) {
            grad = memory.floats("gradient (unused in exact mode)", MemoryCategory.GRADIENTS, 0);
            OptionalDouble forgetting = rls.isPresent() ? OptionalDouble.of(rls.get().forgettingFactor())
                    : OptionalDouble.empty();
            outputFit = Optional.of(new FadedNormalEquations(n, forgetting, memory));
            outputRefit = Optional.empty();
        } else {
            grad = memory.floats("gradient", MemoryCategory.GRADIENTS, n);
            outputRefit = rls.map(r -> new OutputRefit(r, outputOffset, outputs, memory));
            outputFit = outputRefit.map(OutputRefit::sums);
        }
        this.variableStep = !exactLastLayer && settings.stepRule() == StepRule.VSS_NLMS
                ? Optional.of(new VariableStepSize(settings.learningRate(), settings.minLearningRate(), n, memory))
                : Optional.empty();
        lastStepSize = settings.learningRate();
        this.step = memory.doubles("optimizer solution (written by the optimizer)", MemoryCategory.OPTIMIZER_STATE, n);
        // the optimizer's own output before it is written out: the analog engine's ADC read-out, the
        // digital optimizer's iterate
        memory.reserve("optimizer output (inside the optimizer)", MemoryCategory.OPTIMIZER_STATE, 8L * n);
        if (replayOf.isPresent() && replayOf.get().capacity() != settings.replayCapacity()) {
            throw new IllegalArgumentException("a shared replay ring holds " + replayOf.get().capacity() + " samples, the settings "
                    + settings.replayCapacity());
        }
        this.replay = replayOf.map(r -> r.sharing(settings.seed() + 2))
                .orElseGet(() -> new ReplayBuffer(settings.replayCapacity(), inputs, settings.seed() + 2, memory));
        this.replayX = memory.floats("replay draw", MemoryCategory.REPLAY, inputs);
        this.gradient = exactLastLayer ? Optional.empty() : Optional.of(new BatchGradient(model, subset,
                settings.stepRule(), grad, Math.max(1, settings.replayPerUpdate()), memory));
        // Allocated in this order, the average between the detector's state and the confirmation's: an
        // over-budget message names the first block that does not fit.
        Optional<ChangeDetector> detector = settings.changeDetector().map(ChangeDetector::new);
        detector.ifPresent(d -> memory.reserve("change detector state", MemoryCategory.OPTIMIZER_STATE,
                ChangeDetector.stateBytes(d.settings())));
        Optional<SerialCorrelation> inputCorrelation = settings.changeDetector().filter(c -> c.catchUpPasses() > 0)
                .map(c -> new SerialCorrelation(inputs, c.referenceSamples(), memory));
        this.average = settings.iterateAveraging().filter(a -> servesEver(a, settings))
                .map(a -> new IterateAverage(a, model, subset, memory));
        this.averageAlways = average.isPresent()
                && settings.iterateAveraging().get().serving() == IterateAveragingSettings.Serving.ALWAYS;
        Optional<FadedNormalEquations> fadedFit = rls.isPresent() ? outputFit : Optional.empty();
        this.changeResponse = detector.map(d -> new ChangeResponse(d, inputCorrelation, model, subset, replay, fadedFit,
                replayX, memory));
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
        return new OnboardTrainer(inputs, settings, optimizer, Optional.empty());
    }

    /**
     * Configures a trainer fed the same samples, in the same order and each after {@code other}, as
     * {@code other}: it replays from {@code other}'s replay storage (the samples are stored once,
     * in {@code other}'s budget) while keeping its own count and draws, so it trains exactly as with
     * a replay buffer of its own.
     *
     * @throws IllegalArgumentException if the settings' replay capacity differs from {@code other}'s
     * @throws IllegalStateException    if {@code other} has been given samples already
     */
    public static OnboardTrainer sharingReplay(int inputs, LearningSettings settings, Optimizer optimizer,
                                               OnboardTrainer other) {
        return new OnboardTrainer(inputs, settings, optimizer, Optional.of(other.replay));
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
        boolean averaged = servesAverage(); // per sample: no capturing lambda on this path
        // the averaged model's pass first: the iterate's pass after it leaves the activations the gradient uses
        float averagePrediction = averaged ? average.get().predict(model, x) : Float.NaN;
        float output = model.predict(x); // the gradient (or the normal equations' sums) at the iterate
        float prediction = averaged ? averagePrediction : output; // served, tested and watched by the detector
        lastStepEnergyJ = 0;
        boolean detected = changeResponse.isPresent()
                && changeResponse.get().observe(x, (double) prediction - y, updateAttempts());
        if (detected) {
            average.ifPresent(a -> a.restartAt(model)); // the iterates before a change belong to the old concept
        }
        if (!exactLastLayer) {
            gradient.get().addPredicted(output - y);
        }
        if (outputFit.isPresent()) {
            outputFit.get().add(model, y);
        }
        replay.add(x, y);
        if (changeResponse.isPresent()) {
            changeResponse.get().afterTraining(x, y, detected); // after the gradient: it overwrites the forward pass
        }
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
     * Whether this sample's served prediction is the iterate average's: always with
     * {@link IterateAveragingSettings.Serving#ALWAYS}; with {@link IterateAveragingSettings.Serving#AFTER_CHANGE} while
     * a detected change's opened step is above the rule's floor ({@link ChangeResponse#openedAbove}). A model
     * written from outside since the last sample restarts the average first.
     */
    private boolean servesAverage() {
        if (average.isEmpty()) {
            return false;
        }
        average.get().follow(model);
        return averageAlways
                || changeResponse.get().openedAbove(settings.minLearningRate(), settings.learningRate(), updateAttempts());
    }

    /**
     * @return whether the average would ever be served: always, or after a change only where a detected change
     *         opens the step above the rule's floor (the variable step with a change detector); otherwise nothing
     *         is allocated for it
     */
    private static boolean servesEver(IterateAveragingSettings averaging, LearningSettings settings) {
        return averaging.serving() == IterateAveragingSettings.Serving.ALWAYS || settings.changeOpensStepAboveFloor();
    }

    /**
     * While a detection's step is open, the catch-up passes it asks for ({@link ChangeResponse#catchUpPassesDue}):
     * updates on replay draws only, each solved and charged like a regular update at the same envelope power.
     */
    private void catchUp(double envelopePowerW) {
        int passes = changeResponse.isPresent() ? changeResponse.get().catchUpPassesDue(updateAttempts()) : 0;
        for (int p = 0; p < passes; p++) {
            clearBatch();
            int rows = addReplayDraws();
            if (rows == 0) {
                return;
            }
            changeResponse.get().catchUpPosed();
            update(rows, envelopePowerW, true);
        }
    }

    /**
     * Adds {@code replay_per_update} draws from the replay buffer (fewer if it is empty) to the batch sums.
     *
     * @return samples drawn
     */
    private int addReplayDraws() {
        int drawn = 0;
        for (int r = 0; r < settings.replayPerUpdate() && replay.size() > 0; r++) {
            if (fadedExact()) {
                break; // the faded sums are the memory: a replayed sample would count twice
            }
            float ry = replay.draw(replayX);
            if (exactLastLayer) {
                model.predict(replayX);
                outputFit.get().add(model, ry);
            } else {
                gradient.get().setReplayed(r, replayX, ry);
            }
            drawn++;
        }
        if (!exactLastLayer) {
            gradient.get().addReplayed(drawn);
        }
        return drawn;
    }

    /** @return exact mode on faded sums ({@link LearningSettings#outputRls} with {@code last_layer}) */
    private boolean fadedExact() {
        return exactLastLayer && settings.outputRls().isPresent();
    }

    /** @param catchUp a catch-up pass ({@link #catchUp}): it keeps the rate of the regular update before it */
    private void update(int rows, double envelopePowerW, boolean catchUp) {
        readAnchor();
        SolveFigures result;
        if (exactLastLayer) {
            double mu = settings.outputRls().map(OutputRlsSettings::proximalWeight).orElse(settings.proximalWeight());
            result = optimizer.minimizeInto(outputFit.get().pose(anchor, 0, mu), zeroStep, envelopePowerW, step);
        } else {
            gradient.get().mean(rows);
            if (!catchUp && (variableStep.isPresent() || changeResponse.map(ChangeResponse::stepOpen).orElse(false))) {
                lastStepSize = stepSize();
            }
            result = optimizer.minimizeInto(gradient.get().energy(lastStepSize), zeroStep, envelopePowerW, step);
        }
        if (!charge(result)) {
            // The optimizer did not settle (an analog array whose programmed matrix lost positive
            // definiteness, or a flow that ran out of time): its output is not the step posed.
            unconvergedUpdates++;
            return;
        }
        if (outputRefit.isPresent() && catchUp) {
            outputRefit.get().keep(step); // no new sample came: the output layer stays (and nothing is charged)
        } else if (outputRefit.isPresent() && !charge(outputRefit.get().solveInto(optimizer, anchor, envelopePowerW, step))) {
            unconvergedUpdates++;
            return;
        }
        if (!allFinite(step)) {
            rejectedUpdates++; // an optimizer fault must not poison the model
            return;
        }
        applyStep(step);
        updates++;
        if (average.isPresent()) { // per update: no capturing lambda on this path
            average.get().add(model);
        }
    }

    /** Charges a solve's energy, converged or not. @return whether it converged */
    private boolean charge(SolveFigures solve) {
        energySpentJ += solve.energyJ();
        lastStepEnergyJ += solve.energyJ();
        return solve.converged();
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

    /** The rule's rate (the variable or the fixed one), at least the opened one after a detected change. */
    private double stepSize() {
        double eta = variableStep.isPresent() ? variableStep.get().next(grad) : settings.learningRate();
        return changeResponse.isPresent()
                ? changeResponse.get().openedStepSize(eta, settings.learningRate(), updateAttempts()) : eta;
    }

    /** @return updates posed to the optimizer so far: applied, not converged or rejected (count) */
    private long updateAttempts() {
        return updates + unconvergedUpdates + rejectedUpdates;
    }

    private void clearBatch() {
        batchCount = 0;
        if (exactLastLayer) {
            if (!fadedExact()) {
                outputFit.get().reset();
            }
        } else {
            gradient.get().clear();
        }
    }

    /** Tag of {@link #saveAdaptation}'s format. */
    private static final int ADAPTATION_FORMAT = 0x4F4E4131;

    /**
     * The learner's adaptation state besides its weights, for a checkpoint (a reset loses RAM): the replay
     * buffer's samples, the variable step's smoothed gradient, the change response's state (the detector's
     * reference and statistic, a standing detection and its confirmation, the features' correlation), the iterate
     * average, and the output layer's faded sums where they are a memory. Without it every reset restarted
     * the learner's adaptation (an empty replay buffer, the variable step's coherence from nothing, a detector
     * re-learning its reference from the errors just after the reset, a standing detection's opened step closed),
     * which cost a walker-12 soak with a reset per satellite-day 0.9 % of its served error, against 0.3 % with it
     * (BENCHMARKS.md, "What a reset costs the learner"). Not kept: the samples of a batch in progress and the replay
     * draws' generator (a resumed trainer draws again from its seed's sequence).
     *
     * @return a tagged byte array for {@link #resumeAdaptation}
     */
    public byte[] saveAdaptation() {
        // a model written from outside since the last sample (a merged global model) restarts the average first,
        // as the next prediction would: else the checkpoint would pair the new weights with the old average
        average.ifPresent(a -> a.follow(model));
        int bytes = adaptationBytes();
        ByteBuffer b = ByteBuffer.allocate(8 + bytes);
        b.putInt(ADAPTATION_FORMAT).putInt(bytes);
        replay.save(b);
        variableStep.ifPresent(v -> v.save(b));
        changeResponse.ifPresent(c -> c.save(b, updateAttempts()));
        average.ifPresent(a -> a.save(b));
        fadedMemory().ifPresent(f -> f.save(b));
        return b.array();
    }

    /**
     * Resumes the adaptation state {@link #saveAdaptation} wrote, after the weights of the same checkpoint were
     * set: the next update starts a new batch.
     *
     * @param state what a trainer of the same settings and inputs saved
     * @return true if resumed; false (nothing changed) if {@code state} is not this trainer's format or size
     */
    public boolean resumeAdaptation(byte[] state) {
        int bytes = adaptationBytes();
        ByteBuffer b = ByteBuffer.wrap(state);
        if (state.length != 8 + bytes || b.getInt() != ADAPTATION_FORMAT || b.getInt() != bytes) {
            return false;
        }
        try {
            replay.resume(b); // first: the only part that checks what it reads, before anything is written
        } catch (IllegalArgumentException e) {
            return false;
        }
        variableStep.ifPresent(v -> v.resume(b));
        changeResponse.ifPresent(c -> c.resume(b, updateAttempts()));
        average.ifPresent(a -> a.resume(b, model));
        fadedMemory().ifPresent(f -> f.resume(b));
        clearBatch();
        return true;
    }

    /** @return bytes of {@link #saveAdaptation}'s state after its tag and size */
    private int adaptationBytes() {
        return replay.savedBytes() + variableStep.map(VariableStepSize::savedBytes).orElse(0)
                + changeResponse.map(ChangeResponse::savedBytes).orElse(0)
                + average.map(IterateAverage::savedBytes).orElse(0)
                + fadedMemory().map(FadedNormalEquations::savedBytes).orElse(0);
    }

    /**
     * @return the output layer's faded sums where they remember past batches (output RLS, or the exact last layer's
     *         faded sums); empty where they hold only the batch in progress
     */
    private Optional<FadedNormalEquations> fadedMemory() {
        return outputRefit.isPresent() || fadedExact() ? outputFit : Optional.empty();
    }

    /** @return step size eta of the latest gradient-mode update (dimensionless): the fixed, variable or opened rate */
    public double lastStepSize() {
        return lastStepSize;
    }

    /** @return concept changes the detector has found (count; 0 without a detector) */
    public long changesDetected() {
        return changeResponse.map(ChangeResponse::changesDetected).orElse(0L);
    }

    /**
     * @return the parameters of the model the next sample will be served by, in layout order (a copy): with iterate
     *         averaging, while it is served, the trained model's with the trainable ones averaged
     *         ({@link IterateAverage}), else the trained model's
     */
    public float[] servedParameters() {
        return servesAverage() ? average.get().servedParameters(model) : model.parameters();
    }

    /** @return detections the confirmation took back as false alarms (count; 0 without a confirmation) */
    public long changesTakenBack() {
        return changeResponse.map(ChangeResponse::changesTakenBack).orElse(0L);
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

package io.onorbit.flight.payload;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.MixingWeight;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.learning.ServedLearner;
import io.onorbit.flight.optimizer.DigitalEnergyCosts;
import io.onorbit.flight.optimizer.ObservedOptimizer;
import io.onorbit.flight.optimizer.SolveFigures;
import io.onorbit.flight.optimizer.Optimizer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The training payload: the hardware that trains, with its power states, the sensor samples
 * waiting for it, and honest books of what it drew and what it did.
 *
 * <p>Each step: the sensor's samples are {@link #offer offered} as they arrive (into the
 * {@link SampleBuffer}, the oldest dropped and counted when it is full); then {@link #run} splits
 * the step between {@link PowerState}s from the envelope's allowance ({@link PayloadAllocation})
 * and, during the training time only, trains on the buffered samples in arrival order. Each sample
 * costs the host's counted work ({@link HostWorkModel}) at {@link PayloadSpec#hostOpsPerS()};
 * each update adds its own host work plus the solver's time; the payload stops when the next
 * sample and update would not fit the training time left, so the rest wait for a later step.
 *
 * <p>Books: time and energy per state (energy = draw x time, the solve is inside it, never
 * charged alone), samples seen, trained and dropped, updates, and the counted work behind them
 * (host operations priced by {@link DigitalEnergyCosts}, plus what the solver reported), so that
 * energy per update can be shown next to the work it paid for.
 *
 * <p>With {@link Personalisation.Kind#INTERPOLATION} the payload trains two models on every sample:
 * the shared one ({@link #trainer()}, at the slower step {@link Personalisation#federatedSettings})
 * and the personal one ({@link #personal()}, the trainer's own step), neither ever given a global
 * model, and holds the global model as a third expert ({@link #holdGlobal}), all inside the one
 * memory budget (the personal trainer, the global model and the sample buffer get what the shared
 * trainer leaves), each sample and update paid for twice plus the global model's forward pass; the
 * prediction served is the interpolation of the two models' mixture with the global model by
 * {@link MixingWeight}s fitted on the samples before it ({@link ServedLearner}). Not thread-safe.
 */
public final class TrainingPayload {

    /** Upper bound on the sample buffer, samples (the same bound as {@code learning.replay_capacity}). */
    public static final int MAX_BUFFER_SAMPLES = 100_000;

    /**
     * Receives each sample as it is trained on, with the predictions made before training on it:
     * the federated model's, and the one served (the interpolation with the personal model, or the
     * federated model's when there is no personal model).
     */
    @FunctionalInterface
    public interface SampleListener {
        void trained(float[] x, float y, float prediction, float served);
    }

    private final PayloadSpec spec;
    private final int inputs;
    private final LearningSettings settings;
    private final Personalisation personalisation;
    private final SolveMeter meter = new SolveMeter();
    private final Optimizer solver;
    private final DigitalEnergyCosts costs;
    private final float[] x;
    /**
     * Time in each power state so far, s, by {@link PowerState#ordinal()}: plain doubles, not a map of
     * boxed ones merged three times a step (their boxing and merges were ~1.1 kB of the bytecode the
     * JIT compiled into {@link #run}).
     */
    private final double[] seconds = new double[PowerState.values().length];
    private ServedLearner learner;
    private HostWorkModel work;
    private SampleBuffer buffer;
    private double energyJ;
    private long samplesSeen;
    private long samplesTrained;
    private long samplesDropped;
    private long samplesLostOnRestart;
    private long updates;
    private HostWork hostWork = HostWork.NONE;
    private double hostWorkJ;
    private double solveJ;
    private double solveS;
    private double longestSolveS;

    /**
     * @param spec      the payload hardware
     * @param inputs    features per sample
     * @param settings  trainer settings (model, subset, replay, memory budget)
     * @param personalisation whether a personal model is trained beside the federated one
     * @param optimizer the engine's solver (analog or digital)
     * @param costs     energy per counted host operation
     * @throws io.onorbit.flight.learning.memory.MemoryBudgetException if not even one buffered sample
     *         fits the memory budget next to the trainer
     */
    public TrainingPayload(PayloadSpec spec, int inputs, LearningSettings settings, Personalisation personalisation,
                           Optimizer optimizer, DigitalEnergyCosts costs) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inputs = inputs;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.personalisation = Objects.requireNonNull(personalisation, "personalisation");
        this.solver = new ObservedOptimizer(Objects.requireNonNull(optimizer, "optimizer"), meter);
        this.costs = Objects.requireNonNull(costs, "costs");
        this.x = new float[inputs];
        boot();
    }

    /** @return a payload with one (federated) model, pricing host work at Horowitz ISSCC 2014 (45 nm) */
    public static TrainingPayload of(PayloadSpec spec, int inputs, LearningSettings settings, Optimizer optimizer) {
        return of(spec, inputs, settings, Personalisation.none(), optimizer);
    }

    /** @return a payload pricing host work at Horowitz ISSCC 2014 (45 nm) */
    public static TrainingPayload of(PayloadSpec spec, int inputs, LearningSettings settings,
                                     Personalisation personalisation, Optimizer optimizer) {
        return new TrainingPayload(spec, inputs, settings, personalisation, optimizer, DigitalEnergyCosts.horowitz45nm());
    }

    /**
     * Resolves {@link Personalisation.Kind#AUTO} before launch: interpolation if a payload with a personal model fits
     * the memory budget, else none (a chosen kind is kept as it is).
     *
     * @return the personalisation to fly
     */
    public static Personalisation chosenPersonalisation(PayloadSpec spec, int inputs, LearningSettings settings,
                                                        Personalisation personalisation, Optimizer optimizer) {
        if (personalisation.kind() != Personalisation.Kind.AUTO) {
            return personalisation;
        }
        try {
            of(spec, inputs, settings, personalisation.resolvedFor(true), optimizer);
            return personalisation.resolvedFor(true);
        } catch (io.onorbit.flight.learning.memory.MemoryBudgetException e) {
            return personalisation.resolvedFor(false);
        }
    }

    private void boot() {
        learner = ServedLearner.create(inputs, settings, personalisation, solver);
        work = new HostWorkModel(inputs, settings, learner.federated().subset().size());
        // The buffer gets what both models leave of the budget.
        var left = learner.lastMemory();
        int capacity = Math.max(1, SampleBuffer.fitting(inputs, left, MAX_BUFFER_SAMPLES));
        buffer = new SampleBuffer(capacity, inputs, left);
    }

    /**
     * The payload's memory is lost (a flight-computer reset): a fresh trainer and an empty buffer.
     * The samples that were waiting are counted in {@link #samplesDropped()} and
     * {@link #samplesLostOnRestart()}; the books carry on. Load the model afterwards through
     * {@link #trainer()}.
     */
    public void restart() {
        samplesLostOnRestart += buffer.size();
        samplesDropped += buffer.size();
        boot();
    }

    /** A sample arrives from the sensor. */
    public void offer(float[] features, float label) {
        samplesSeen++;
        if (buffer.offer(features, label)) {
            samplesDropped++;
        }
    }

    /**
     * Runs one step.
     *
     * @param envelopeW the envelope's mean allowance over the step, W
     * @param dtS       step length, s (&gt; 0)
     * @param listener  told of each sample trained on
     * @return what the step drew and did
     */
    public PayloadStep run(double envelopeW, double dtS, SampleListener listener) {
        PayloadAllocation a = PayloadAllocation.of(spec, envelopeW, dtS);
        seconds[PowerState.TRAINING.ordinal()] += a.trainingS();
        seconds[PowerState.IDLE.ordinal()] += a.idleS();
        seconds[PowerState.OFF.ordinal()] += a.offS();
        energyJ += a.drawnJ();
        // The engine never runs above the envelope, nor above what the payload draws while training.
        double solveCapW = Math.min(spec.activeW(), envelopeW > 0 ? envelopeW : 0);
        int models = learner.models();
        // a global model held as an expert costs a forward pass per sample
        HostWork sampleWork = work.perSample().times(models).plus(learner.holdsGlobal() ? work.forward() : HostWork.NONE);
        double sampleS = sampleWork.timeS(spec.hostOpsPerS());
        // host time of one model's update; a sample may bring an update of each model
        double oneUpdateS = work.perUpdate().timeS(spec.hostOpsPerS());
        long workingSet = memoryBytes();
        double usedS = 0;
        int trained = 0;
        int stepUpdates = 0;
        long changesBefore = learner.changesDetected();
        long takenBackBefore = learner.changesTakenBack();
        HostWork stepWork = HostWork.NONE;
        double stepSolveJ = 0;
        while (buffer.size() > 0 && usedS + sampleS + models * oneUpdateS + models * longestSolveS <= a.trainingS()) {
            float y = buffer.poll(x);
            long attemptsBefore = learner.attempts();
            long updatesBefore = learner.updates();
            meter.drain();
            float served = learner.step(x, y, solveCapW);
            float prediction = learner.federatedPrediction();
            usedS += sampleS;
            stepWork = stepWork.plus(sampleWork);
            long attempted = learner.attempts() - attemptsBefore;
            if (attempted > 0) {
                stepWork = stepWork.plus(work.perUpdate().times(attempted));
                usedS += oneUpdateS * attempted;
            }
            double[] s = meter.drain();
            usedS += s[0];
            stepSolveJ += s[1];
            solveS += s[0];
            longestSolveS = Math.max(longestSolveS, s[2]);
            stepUpdates += (int) (learner.updates() - updatesBefore);
            trained++;
            listener.trained(x, y, prediction, served);
        }
        double stepHostJ = stepWork.energyJ(costs, workingSet);
        samplesTrained += trained;
        updates += stepUpdates;
        hostWork = hostWork.plus(stepWork);
        hostWorkJ += stepHostJ;
        solveJ += stepSolveJ;
        return new PayloadStep(a, trained, stepUpdates, stepHostJ, stepSolveJ,
                (int) (learner.changesDetected() - changesBefore), (int) (learner.changesTakenBack() - takenBackBefore));
    }

    public PayloadSpec spec() {
        return spec;
    }

    /** @return the federated model's trainer running on the payload now (replaced by {@link #restart()}) */
    public OnboardTrainer trainer() {
        return learner.federated();
    }

    /** @return the personal model's trainer (replaced by {@link #restart()}), if the payload keeps one */
    public Optional<OnboardTrainer> personal() {
        return learner.personal();
    }

    /** @return the mixing weight of the personal and the shared model (its start value without a personal model) */
    public MixingWeight mixing() {
        return learner.mixing();
    }

    /** @return the weight of the own models' mixture against the global model held (start value without a personal model) */
    public io.onorbit.flight.learning.GlobalExpertWeight globalMixing() {
        return learner.globalMixing();
    }

    /** Resumes both mixing weights (from a checkpoint). */
    public void resumeMixing(MixingWeight m, io.onorbit.flight.learning.GlobalExpertWeight global) {
        learner.resumeMixing(m, global);
    }

    /**
     * A global model arrived or was restored (see {@link ServedLearner#holdGlobal}).
     *
     * @return whether the payload holds it as an expert (a personal model is kept) rather than
     *         leaving the merge into {@link #trainer()} to the caller
     */
    public boolean holdGlobal(float[] parameters, long version) {
        return learner.holdGlobal(parameters, version);
    }

    /** @return whether a global model is held as an expert (a personal model is kept) */
    public boolean holdsGlobal() {
        return learner.holdsGlobal();
    }

    /** @return training memory held by the models and the sample buffer, bytes (within the budget) */
    public long memoryBytes() {
        return learner.memoryBytes();
    }

    /** @return samples waiting in the buffer */
    public int buffered() {
        return buffer.size();
    }

    /** @return buffer capacity, samples (what fits the memory budget next to the trainer) */
    public int bufferCapacity() {
        return buffer.capacity();
    }

    /** @return time spent in {@code state} so far, s */
    public double seconds(PowerState state) {
        return seconds[state.ordinal()];
    }

    /** @return time in every state so far, s */
    public Map<PowerState, Double> secondsByState() {
        Map<PowerState, Double> m = new EnumMap<>(PowerState.class);
        for (PowerState s : PowerState.values()) {
            m.put(s, seconds[s.ordinal()]);
        }
        return Map.copyOf(m);
    }

    /** @return energy drawn so far, J (the sum of every step's draw) */
    public double energyJ() {
        return energyJ;
    }

    /** @return time the books cover, s */
    public double elapsedS() {
        return java.util.Arrays.stream(seconds).sum(); // in ordinal order, compensated: as the map's values were
    }

    /** @return the fraction of the time spent training, in [0, 1] (0 before any step) */
    public double dutyFraction() {
        double t = elapsedS();
        return t > 0 ? seconds(PowerState.TRAINING) / t : 0;
    }

    /** @return samples that arrived from the sensor */
    public long samplesSeen() {
        return samplesSeen;
    }

    /** @return samples trained on */
    public long samplesTrained() {
        return samplesTrained;
    }

    /** @return samples lost: overwritten in a full buffer, or waiting when the payload restarted */
    public long samplesDropped() {
        return samplesDropped;
    }

    /** @return the part of {@link #samplesDropped()} lost in restarts */
    public long samplesLostOnRestart() {
        return samplesLostOnRestart;
    }

    /** @return updates applied */
    public long updates() {
        return updates;
    }

    /** @return the host's counted operations so far */
    public HostWork hostWork() {
        return hostWork;
    }

    /** @return the host's counted dynamic energy so far, J */
    public double hostWorkJ() {
        return hostWorkJ;
    }

    /** @return what the solver reported for all its solves, J */
    public double solveJ() {
        return solveJ;
    }

    /** @return total solver time, s */
    public double solveS() {
        return solveS;
    }

    /** @return counted work (host plus solve), J; a part of {@link #energyJ()} */
    public double countedWorkJ() {
        return hostWorkJ + solveJ;
    }

    /** @return energy drawn per update applied, J (empty before the first update) */
    public OptionalDouble energyPerUpdateJ() {
        return updates > 0 ? OptionalDouble.of(energyJ / updates) : OptionalDouble.empty();
    }

    /** @return counted work per update applied, J (empty before the first update) */
    public OptionalDouble countedWorkPerUpdateJ() {
        return updates > 0 ? OptionalDouble.of(countedWorkJ() / updates) : OptionalDouble.empty();
    }

    /** Records, at the optimizer interface, the time and energy of every solve since the last drain. */
    private static final class SolveMeter implements Consumer<SolveFigures> {
        private double timeS;
        private double energyJ;
        private double longestS;

        @Override
        public void accept(SolveFigures r) {
            timeS += r.settleTimeS();
            energyJ += r.energyJ();
            longestS = Math.max(longestS, r.settleTimeS());
        }

        /** @return {time s, energy J, longest single solve s} since the last call, and starts over */
        double[] drain() {
            double[] out = {timeS, energyJ, longestS};
            timeS = 0;
            energyJ = 0;
            longestS = 0;
            return out;
        }
    }
}

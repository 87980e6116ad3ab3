package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.optimizer.Optimizer;
import java.util.Objects;
import java.util.Optional;

/**
 * What a satellite serves its predictions from: the shared model's trainer (whose progress the
 * deltas carry) and, with {@link Personalisation.Kind#INTERPOLATION}, a personal model's trainer,
 * the {@link MixingWeight} of their interpolation (Mansour et al. 2020; the shared model at the
 * slower step of two time-scales, {@link Personalisation#federatedSettings}), and the global model
 * held as a third expert. One implementation for the flight payload and for any reference that
 * must run the same onboard learning (the local-only baseline, which is this learner never given
 * a global model: its third expert stays the deployed model). Not thread-safe.
 *
 * <p>With interpolation no global model is ever written into a trained model: both trainers learn
 * from this satellite's samples only, so their predictions are those of the same learner without
 * a federation, and the constellation's knowledge enters as an expert of its own. The served
 * prediction is a cascade of two convex combinations, each fitted by {@link MixingWeight}'s faded
 * least squares: first the fast and the slow own model (Arenas-Garc&iacute;a, Figueiras-Vidal, Sayed
 * 2006), then that mixture and the latest global model ({@link GlobalExpertWeight}: a shrinkage
 * of the satellite's own estimate towards the constellation's, the global model's correction
 * clipped at half the own error's recent RMS, weighted by how each predicted this satellite's
 * recent samples). The outer weight goes to 0 when the global model only adds noise, and the clip
 * bounds what a stale global model costs after a drift; it gains when the constellation's model
 * errs differently from the satellite's own (measured in BENCHMARKS.md, "The global model as a
 * third expert" and "The global model made good").
 */
public final class ServedLearner {

    private final OnboardTrainer federated;
    private final Optional<OnboardTrainer> personal;
    /** The global model held (forward passes only), with a personal model; else empty (the model itself is merged). */
    private final Optional<DenseNetwork> global;
    private MixingWeight mixing;
    private GlobalExpertWeight globalMixing;
    private float federatedPrediction;
    private float globalPrediction;
    private boolean stepped;

    private ServedLearner(OnboardTrainer federated, Optional<OnboardTrainer> personal, Optional<DenseNetwork> global,
                          MixingWeight mixing, GlobalExpertWeight globalMixing) {
        this.federated = federated;
        this.personal = personal;
        this.global = global;
        this.mixing = mixing;
        this.globalMixing = globalMixing;
    }

    /**
     * @param inputs          features per sample
     * @param settings        the trainer's settings (the personal model's; the federated model's
     *                        step is scaled from them)
     * @param personalisation whether a personal model is kept (chosen, not {@code AUTO})
     * @param optimizer       the engine both models' updates are solved on
     * @return fresh models; the personal model and the global model held get what the shared one
     *         leaves of the memory budget
     * @throws io.onorbit.flight.learning.memory.MemoryBudgetException if they do not fit
     */
    public static ServedLearner create(int inputs, LearningSettings settings, Personalisation personalisation,
                                       Optimizer optimizer) {
        Objects.requireNonNull(personalisation, "personalisation");
        if (personalisation.kind() == Personalisation.Kind.AUTO) {
            throw new IllegalArgumentException("personalisation must be chosen (resolvedFor), not auto");
        }
        OnboardTrainer federated = OnboardTrainer.create(inputs, personalisation.federatedSettings(settings), optimizer);
        // Both models are trained on every sample, the shared one first: the personal one replays the
        // shared one's samples, stored once (what a second ring would hold is left to the sample buffer).
        Optional<OnboardTrainer> personal = personalisation.personalModel()
                ? Optional.of(OnboardTrainer.sharingReplay(inputs,
                        settings.withMemoryBudgetBytes(Math.max(1, settings.memoryBudgetBytes() - federated.memoryBytes())),
                        optimizer, federated))
                : Optional.empty();
        // The global expert's parameters and activations are counted in the personal model's budget.
        Optional<DenseNetwork> global = personal.map(p -> new DenseNetwork(settings.widths(inputs), settings.seed(),
                p.memory()));
        return new ServedLearner(federated, personal, global, personalisation.startMixing(),
                GlobalExpertWeight.start(personalisation.mixingMemorySamples()));
    }

    /**
     * One test-then-train step of every model: each predicts the sample, then trains on it; the
     * mixing weight is fitted on the sample after serving it.
     *
     * @return the served prediction, made before training on the sample
     */
    public float step(float[] x, float y, double envelopePowerW) {
        float prediction = federated.step(x, y, envelopePowerW);
        federatedPrediction = prediction;
        stepped = true;
        if (personal.isEmpty()) {
            return prediction;
        }
        float own = personal.get().step(x, y, envelopePowerW);
        float mine = mixing.mix(own, prediction);
        float constellation = global.orElseThrow().predict(x);
        globalPrediction = constellation;
        float served = globalMixing.serve(mine, constellation);
        mixing = mixing.observe(own, prediction, y); // after serving: test, then fit
        globalMixing = globalMixing.observe(mine, constellation, y);
        return served;
    }

    /** Loads one parameter vector (the deployed model) into every model, the global expert too. */
    public void deploy(float[] parameters, long version) {
        federated.model().setParameters(parameters, version);
        personal.ifPresent(p -> p.model().setParameters(parameters, version));
        global.ifPresent(g -> g.setParameters(parameters, version));
    }

    /**
     * A global model arrived (or was restored): with a personal model it becomes the third expert and
     * no trained model changes; without one the caller merges it into the shared model itself.
     *
     * @return whether this learner holds the global model as an expert (with a personal model)
     */
    public boolean holdGlobal(float[] parameters, long version) {
        global.ifPresent(g -> g.setParameters(parameters, version));
        return global.isPresent();
    }

    /**
     * @return the federated model's prediction in the latest {@link #step}
     * @throws IllegalStateException before the first step
     */
    public float federatedPrediction() {
        if (!stepped) {
            throw new IllegalStateException("no step yet: there is no federated prediction");
        }
        return federatedPrediction;
    }

    /**
     * @return the global model held's prediction in the latest {@link #step} (the third expert's), so a
     *         caller that needs the same model's output on the same sample does not compute it again
     * @throws IllegalStateException before the first step, or without a global model held ({@link #holdsGlobal()})
     */
    public float globalPrediction() {
        if (!stepped || global.isEmpty()) {
            throw new IllegalStateException(global.isEmpty() ? "no global model held: there is no global prediction"
                    : "no step yet: there is no global prediction");
        }
        return globalPrediction;
    }

    /** @return the federated model's trainer */
    public OnboardTrainer federated() {
        return federated;
    }

    /** @return the personal model's trainer, if kept */
    public Optional<OnboardTrainer> personal() {
        return personal;
    }

    /** @return whether the global model held is an expert of the served prediction (with a personal model) */
    public boolean holdsGlobal() {
        return global.isPresent();
    }

    /** @return how many models train on every sample (1 or 2) */
    public int models() {
        return personal.isPresent() ? 2 : 1;
    }

    /** @return the mixing weight of the fast personal and the slow shared model (its start value without a personal model) */
    public MixingWeight mixing() {
        return mixing;
    }

    /**
     * @return the weight of the own models' mixture against the global model held: its weight's
     *         {@link MixingWeight#personalShare()} is the own mixture's share (start value without a personal model)
     */
    public GlobalExpertWeight globalMixing() {
        return globalMixing;
    }

    /** Resumes both mixing weights (from a checkpoint). */
    public void resumeMixing(MixingWeight m, GlobalExpertWeight g) {
        mixing = Objects.requireNonNull(m, "mixing");
        globalMixing = Objects.requireNonNull(g, "global mixing");
    }

    /** @return the accountant of the last model created, whose budget is what both models leave */
    public MemoryAccountant lastMemory() {
        return personal.map(OnboardTrainer::memory).orElse(federated.memory());
    }

    /** @return training memory held by the models, bytes */
    public long memoryBytes() {
        return federated.memoryBytes() + personal.map(OnboardTrainer::memoryBytes).orElse(0L);
    }

    /**
     * @return updates attempted by every model: applied, skipped for power, rejected, or not converged
     *         (an unsettled solve takes its time and energy like an applied one)
     */
    public long attempts() {
        return attempts(federated) + personal.map(ServedLearner::attempts).orElse(0L);
    }

    private static long attempts(OnboardTrainer t) {
        return t.updates() + t.skippedUpdates() + t.rejectedUpdates() + t.unconvergedUpdates();
    }

    /** @return concept changes detected by every model's change detector (count) */
    public long changesDetected() {
        return federated.changesDetected() + personal.map(OnboardTrainer::changesDetected).orElse(0L);
    }

    /** @return of {@link #changesDetected()}, the detections every model's confirmation took back (count) */
    public long changesTakenBack() {
        return federated.changesTakenBack() + personal.map(OnboardTrainer::changesTakenBack).orElse(0L);
    }

    /** @return updates applied by every model */
    public long updates() {
        return federated.updates() + personal.map(OnboardTrainer::updates).orElse(0L);
    }
}

package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.optimizer.Optimizer;
import java.util.Objects;
import java.util.Optional;

/**
 * What a satellite serves its predictions from: the federated model's trainer and, with
 * {@link Personalisation.Kind#INTERPOLATION}, a personal model's trainer and the
 * {@link MixingWeight} of their interpolation (Mansour et al. 2020; the federated model at the
 * slower step of two time-scales, {@link Personalisation#federatedSettings}). One implementation
 * for the flight payload and for any reference that must run the same onboard learning (the
 * local-only baseline, which is this learner never given a global model). Not thread-safe.
 */
public final class ServedLearner {

    private final OnboardTrainer federated;
    private final Optional<OnboardTrainer> personal;
    private MixingWeight mixing;
    private float federatedPrediction;
    private boolean stepped;

    private ServedLearner(OnboardTrainer federated, Optional<OnboardTrainer> personal, MixingWeight mixing) {
        this.federated = federated;
        this.personal = personal;
        this.mixing = mixing;
    }

    /**
     * @param inputs          features per sample
     * @param settings        the trainer's settings (the personal model's; the federated model's
     *                        step is scaled from them)
     * @param personalisation whether a personal model is kept (chosen, not {@code AUTO})
     * @param optimizer       the engine both models' updates are solved on
     * @return fresh models; the personal model gets what the federated one leaves of the memory budget
     * @throws io.onorbit.flight.learning.memory.MemoryBudgetException if they do not fit
     */
    public static ServedLearner create(int inputs, LearningSettings settings, Personalisation personalisation,
                                       Optimizer optimizer) {
        Objects.requireNonNull(personalisation, "personalisation");
        if (personalisation.kind() == Personalisation.Kind.AUTO) {
            throw new IllegalArgumentException("personalisation must be chosen (resolvedFor), not auto");
        }
        OnboardTrainer federated = OnboardTrainer.create(inputs, personalisation.federatedSettings(settings), optimizer);
        Optional<OnboardTrainer> personal = personalisation.personalModel()
                ? Optional.of(OnboardTrainer.create(inputs,
                        settings.withMemoryBudgetBytes(Math.max(1, settings.memoryBudgetBytes() - federated.memoryBytes())),
                        optimizer))
                : Optional.empty();
        return new ServedLearner(federated, personal, personalisation.startMixing());
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
        float served = mixing.mix(own, prediction);
        mixing = mixing.observe(own, prediction, y); // after serving: test, then fit
        return served;
    }

    /** Loads one parameter vector (the deployed model) into every model. */
    public void deploy(float[] parameters, long version) {
        federated.model().setParameters(parameters, version);
        personal.ifPresent(p -> p.model().setParameters(parameters, version));
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

    /** @return the federated model's trainer */
    public OnboardTrainer federated() {
        return federated;
    }

    /** @return the personal model's trainer, if kept */
    public Optional<OnboardTrainer> personal() {
        return personal;
    }

    /** @return how many models train on every sample (1 or 2) */
    public int models() {
        return personal.isPresent() ? 2 : 1;
    }

    /** @return the mixing weight (its start value without a personal model) */
    public MixingWeight mixing() {
        return mixing;
    }

    /** Resumes the mixing weight (from a checkpoint). */
    public void resumeMixing(MixingWeight m) {
        mixing = Objects.requireNonNull(m, "mixing");
    }

    /** @return the accountant of the last model created, whose budget is what both models leave */
    public MemoryAccountant lastMemory() {
        return personal.map(OnboardTrainer::memory).orElse(federated.memory());
    }

    /** @return training memory held by the models, bytes */
    public long memoryBytes() {
        return federated.memoryBytes() + personal.map(OnboardTrainer::memoryBytes).orElse(0L);
    }

    /** @return updates attempted by every model: applied, skipped for power, or rejected */
    public long attempts() {
        long a = federated.updates() + federated.skippedUpdates() + federated.rejectedUpdates();
        return personal.map(p -> a + p.updates() + p.skippedUpdates() + p.rejectedUpdates()).orElse(a);
    }

    /** @return concept changes detected by every model's change detector (count) */
    public long changesDetected() {
        return federated.changesDetected() + personal.map(OnboardTrainer::changesDetected).orElse(0L);
    }

    /** @return updates applied by every model */
    public long updates() {
        return federated.updates() + personal.map(OnboardTrainer::updates).orElse(0L);
    }
}

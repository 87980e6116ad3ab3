package io.onorbit.verification.sim;

import io.onorbit.flight.model.ModelVersion;
import java.util.Optional;

/**
 * One spacecraft's onboard learner (adapter over {@code flight.learning}): it evaluates and
 * trains on its own drifting sensor stream inside the envelope it is given, and keeps the
 * frozen and federated reference learners on the same stream so errors can be compared.
 */
public interface LearningStage {

    /**
     * Test-then-train on the samples of one step.
     *
     * @param onboardTimeS step start, flight-computer time, s since epoch
     * @param trueTimeS    step start, true time (the physical stream follows true time)
     * @param dtS          step length, s
     * @param envelopeW    the most power the optimizer may draw, W (0: evaluate only)
     * @return what the step cost and did
     */
    TrainingStep step(double onboardTimeS, double trueTimeS, double dtS, double envelopeW);

    /** @return onboard parameters now (a copy) */
    float[] parameters();

    /** @return the global model the onboard one builds on */
    ModelVersion base();

    /** @return that global model's parameters (a copy) */
    float[] baseParameters();

    /** @return sizes of the parameter tensors in layout order (they sum to the parameter count) */
    int[] tensorSizes();

    /** @return samples trained on since the base was applied */
    long samplesSinceBase();

    /** @return bytes the trainer holds now (weights, gradients, optimizer state, activations, replay) */
    long memoryUsedBytes();

    /** @return the trainer's memory budget, bytes */
    long memoryBudgetBytes();

    /** @return prequential errors (fading factor) of frozen, onboard and federated learners */
    Errors errors();

    /** Installs a verified global model received by uplink. */
    void applyGlobal(float[] parameters, ModelVersion version);

    /** Writes what must survive a reset to the flight computer's storage. */
    void checkpoint();

    /** Flight-computer reset: forget volatile state, restart from the last checkpoint. */
    void reset();

    /** @return a short name of the implementation for the summary */
    String name();

    /** @return the training payload's books so far, empty if this learner models no payload */
    default Optional<PayloadBooks> payloadBooks() {
        return Optional.empty();
    }

    /**
     * What the training payload did over the run.
     *
     * @param dutyFraction   fraction of the elapsed time it was training, in [0, 1]
     * @param samplesSeen    samples that arrived from the sensor
     * @param samplesTrained samples it trained on
     * @param samplesDropped samples that arrived while it could not take them and did not fit its buffer
     */
    record PayloadBooks(double dutyFraction, long samplesSeen, long samplesTrained, long samplesDropped) { }

    /**
     * Prequential errors, NaN where a learner has no samples yet.
     *
     * @param frozen    the model deployed at launch, never updated
     * @param onboard   this spacecraft's trainer
     * @param federated the latest global model received from the ground, not trained on board
     */
    record Errors(double frozen, double onboard, double federated) { }

    /**
     * @param energyJ   optimizer energy drawn in the step, J
     * @param peakPowerW highest operating power of any update in the step, W
     * @param samples   samples evaluated
     * @param updates   updates applied
     */
    record TrainingStep(double energyJ, double peakPowerW, int samples, int updates) {
        public static final TrainingStep IDLE = new TrainingStep(0, 0, 0, 0);
    }
}

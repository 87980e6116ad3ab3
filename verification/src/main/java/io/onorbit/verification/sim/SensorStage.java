package io.onorbit.verification.sim;

import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.model.ModelVersion;

/**
 * One spacecraft's environment as its payload sensor sees it (a drifting stream, following true
 * time), and the instruments that score the onboard model against references on the same samples:
 * the frozen launch model and the latest global model the spacecraft applied. Survives resets:
 * it is the world, not the flight computer.
 */
public interface SensorStage {

    /** @return the samples the sensor delivers during [trueTimeS, trueTimeS + dtS) */
    SensorBatch samples(double trueTimeS, double dtS);

    /** Scores every learner on {@code batch}; {@code onboardPredictions} are the flight model's. */
    void score(SensorBatch batch, float[] onboardPredictions);

    /** The spacecraft applied the global model {@code parameters}: the federated reference follows. */
    void globalApplied(float[] parameters, ModelVersion version);

    /** @return prequential errors (fading factor) of frozen, onboard and federated learners */
    Errors errors();

    /** @return a short name of the implementation for the summary */
    String name();

    /**
     * Prequential errors, NaN where a learner has no samples yet.
     *
     * @param frozen    the model deployed at launch, never updated
     * @param onboard   this spacecraft's trainer
     * @param federated the latest global model received from the ground, not trained on board
     */
    record Errors(double frozen, double onboard, double federated) { }
}

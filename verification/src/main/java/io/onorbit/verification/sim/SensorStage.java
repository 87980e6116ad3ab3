package io.onorbit.verification.sim;

import io.onorbit.flight.executive.SensorBatch;

/**
 * One spacecraft's environment as its payload sensor sees it (a drifting stream, following true
 * time), and the instruments that score the onboard model against references on the same samples:
 * the frozen launch model, a local-only learner (the same onboard learning, personal model and
 * mixture included, on the same samples and envelope, never receiving a global model); the onboard and the served (federated, personalised)
 * predictions are the flight software's own. Survives resets: it is the world, not the flight computer.
 *
 * <p>{@link #score} and {@link #errors} may be called from another thread than {@link #samples}
 * (the scoring beside the loop, in order, never concurrently with each other): an implementation
 * keeps the stream's state and the scoring state apart.
 */
public interface SensorStage {

    /** @return the samples the sensor delivers during [trueTimeS, trueTimeS + dtS) */
    SensorBatch samples(double trueTimeS, double dtS);

    /**
     * Scores every learner on the samples the flight model trained on in one tick.
     *
     * @param trained            the samples, in order
     * @param onboardPredictions the flight model's prediction of each, made before training on it
     * @param servedPredictions  the prediction the spacecraft served for each (its personalised
     *                           federated prediction), made before training on it
     * @param envelopeW          the tick's training envelope, W (the local-only learner trains under it)
     */
    void score(SensorBatch trained, float[] onboardPredictions, float[] servedPredictions, double envelopeW);

    /** @return prequential errors (fading factor) of frozen, local-only, onboard and federated learners */
    Errors errors();

    /** @return a short name of the implementation for the summary */
    String name();

    /**
     * @return the unit of {@link #errors()}: "mean absolute error, &lt;label unit&gt;" for
     *         regression, "misclassification rate (fraction of samples)" for classes
     */
    String errorUnit();

    /**
     * Prequential errors, NaN where a learner has no samples yet; in the task's error unit (mean
     * absolute error in the label's unit for regression, misclassification rate for classes).
     *
     * @param frozen    the model deployed at launch, never updated
     * @param onboard   this spacecraft's trained shared model (with {@code personalisation: none} each
     *                  global model it applies merged with its local progress, FedPer's personal head
     *                  its own; with interpolation trained on its own samples only)
     * @param federated what the spacecraft serves: with {@code learning.personalisation: interpolation}
     *                  its personal model interpolated with the onboard one, that mixture with the
     *                  global model held, by weights it fitted on its own earlier samples; with
     *                  {@code none} the onboard model
     * @param local     the same onboard learning (models, steps, mixture) on the same samples and
     *                  envelope, never given a global model: what the spacecraft would serve alone
     */
    record Errors(double frozen, double onboard, double federated, double local) {

        /**
         * Learner names in the order of {@link #values()} (the index of
         * {@code SimulationResult.meanError}): the JSON keys and table columns.
         */
        public static final java.util.List<String> NAMES = java.util.List.of("frozen", "onboard", "federated", "local");

        /** @return the four errors in the order of {@link #NAMES} */
        public double[] values() {
            return new double[] {frozen, onboard, federated, local};
        }
    }
}

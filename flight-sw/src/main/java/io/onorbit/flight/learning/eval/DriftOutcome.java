package io.onorbit.flight.learning.eval;

import java.util.List;

/**
 * What the drift experiment measured on one task. Errors are time-averaged over the evaluation
 * span (after the warm-up): mean absolute error in the task's label unit, or the misclassification
 * rate for a classification task. The oracle's error is NaN when the task's concept is unknown.
 *
 * @param task                    task name
 * @param labelUnit               unit of the regression errors
 * @param classification          true if errors are misclassification rates
 * @param evaluatedSamples        samples scored
 * @param errorFrozen             the deployed model, never updated
 * @param errorOnboard            the onboard trainer
 * @param errorGroundRetrain      ground refits on all data downlinked so far, delivered after the latency
 * @param errorOracle             refit on the true current concept
 * @param recoveries              one entry per abrupt drift inside the evaluation span
 * @param trainingEnergyJ         energy charged by the onboard updates, J
 * @param peakTrainingMemoryBytes training memory held by the onboard trainer, bytes
 * @param updates                 onboard updates applied
 * @param skippedUpdates          onboard updates skipped for lack of envelope power
 * @param groundModelsDelivered   ground models that reached the spacecraft
 */
public record DriftOutcome(String task, String labelUnit, boolean classification, long evaluatedSamples,
                           double errorFrozen, double errorOnboard, double errorGroundRetrain, double errorOracle,
                           List<Recovery> recoveries, double trainingEnergyJ, long peakTrainingMemoryBytes,
                           long updates, long skippedUpdates, int groundModelsDelivered) {

    public DriftOutcome {
        recoveries = List.copyOf(recoveries);
    }

    /**
     * Recovery from one abrupt drift, from the faded prequential errors.
     *
     * @param driftTimeS        when the drift happened, s since epoch
     * @param errorLost         how much the frozen model's faded error rose (peak in the day after minus just before)
     * @param recovery90TimeS   time until the onboard faded error is back within 10% of the error lost
     *                          above its pre-drift level (and stays there for the hold), s; NaN if never
     * @param recoveryTimeS     time until the onboard faded error is within 10% of the oracle's (and stays
     *                          there for the hold), s; NaN if never or no oracle
     */
    public record Recovery(double driftTimeS, double errorLost, double recovery90TimeS, double recoveryTimeS) {
    }

    /** @return the first drift's recovery time vs the oracle, s (NaN if there is none) */
    public double firstRecoveryTimeS() {
        return recoveries.isEmpty() ? Double.NaN : recoveries.get(0).recoveryTimeS();
    }

    /** @return the first drift's 90 %-recovery time, s (NaN if there is none) */
    public double firstRecovery90TimeS() {
        return recoveries.isEmpty() ? Double.NaN : recoveries.get(0).recovery90TimeS();
    }
}

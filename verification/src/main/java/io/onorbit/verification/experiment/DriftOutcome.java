package io.onorbit.verification.experiment;

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
 * @param errorGroundRetrain      ground refits on a sliding window of downlinked data, delivered after the latency
 * @param errorOracle             refit on the true current concept
 * @param recoveries              one entry per abrupt drift inside the evaluation span, then one
 *                                for gradual drift if the task drifts gradually
 * @param trainingEnergyJ         energy charged by the onboard updates, J
 * @param peakTrainingMemoryBytes training memory held by the onboard trainer, bytes
 * @param updates                 onboard updates applied
 * @param skippedUpdates          onboard updates skipped for lack of envelope power
 * @param groundModelsDelivered   ground models that reached the spacecraft
 * @param changesDetected         concept changes the onboard trainer's detector found (count; 0 without one)
 * @param changesTakenBack        of those, detections its confirmation took back as false alarms (count; 0 without one)
 */
public record DriftOutcome(String task, String labelUnit, boolean classification, long evaluatedSamples,
                           double errorFrozen, double errorOnboard, double errorGroundRetrain, double errorOracle,
                           List<Recovery> recoveries, double trainingEnergyJ, long peakTrainingMemoryBytes,
                           long updates, long skippedUpdates, int groundModelsDelivered, long changesDetected,
                           long changesTakenBack) {

    public DriftOutcome {
        recoveries = List.copyOf(recoveries);
    }

    /** What kind of drift a recovery entry measures. */
    public enum DriftKind {
        /** A step change of the concept at a known time (recovery: back near the pre-drift error). */
        ABRUPT,
        /** A concept that keeps moving (recovery: tracking the oracle). */
        GRADUAL
    }

    /**
     * Recovery from one drift, judged on trailing-window mean losses (window
     * {@code learning.experiment.recovery_window_h}), never on a single sample.
     *
     * <p>Abrupt drift at td, judged on each learner's excess loss over the true concept's on the same
     * samples (loss minus the loss of the noise-free label, i.e. minus the label noise every learner
     * meets: a paired comparison, so a stretch of harder samples does not move it): the pre-drift
     * level of a learner is its mean excess over the window ending just before td; the error lost
     * is what the drift costs a model that had learned the pre-drift concept exactly: the mean
     * excess of the pre-drift concept's noise-free label over the new one's in the day after td
     * (or until the next drift), a fact of the task's generator that no learner enters (on SEA,
     * (1 - 2 x noise) x the share of inputs between the two thresholds). A learner has recovered
     * 90 % at the end of the first window j entirely after td where a one-sided Welch test finds no excess above the 90 % level, mean_j -
     * mean_pre &le; 10 % of the error lost + 2 sqrt(SE_j^2 + SE_pre^2) (standard errors by batch
     * means, which see losses correlated in time), and that stays so for the hold (by default one
     * window, so that the claim rests on two disjoint windows), before the next abrupt drift. The
     * oracle is held to exactly the same rule.
     *
     * <p>Gradual drift: from the start of the evaluation, the onboard learner has recovered when its
     * window mean is within 10 % of the oracle's and stays so for the hold (paired on the same
     * samples: the window mean of loss - 1.1 x oracle loss at most 2 of its standard errors);
     * the oracle meets that rule by construction (0 s).
     *
     * @param kind                  abrupt or gradual
     * @param driftTimeS            when the drift happened (gradual: when evaluation started), s since epoch
     * @param errorLost             abrupt: the drift's cost to a model of the pre-drift concept (mean excess
     *                              of its label over the new concept's in the day after); gradual: the rise
     *                              of the frozen model's window mean loss, last window minus first; in the
     *                              task's error unit
     * @param recovery90TimeS       onboard learner's recovery time after driftTimeS, s; NaN if never
     * @param oracleRecovery90TimeS the oracle's recovery time under the same rule, s; NaN if never or no oracle
     * @param recoveryTimeS         time until the onboard window mean is within 10 % of the oracle's (paired,
     *                              2 standard errors) and stays there for the hold, s; NaN if never or no oracle
     */
    public record Recovery(DriftKind kind, double driftTimeS, double errorLost, double recovery90TimeS,
                           double oracleRecovery90TimeS, double recoveryTimeS) {
    }

    /** @return the first drift's recovery time vs the oracle, s (NaN if there is none) */
    public double firstRecoveryTimeS() {
        return recoveries.isEmpty() ? Double.NaN : recoveries.get(0).recoveryTimeS();
    }

    /** @return the first drift's 90 %-recovery time, s (NaN if there is none) */
    public double firstRecovery90TimeS() {
        return recoveries.isEmpty() ? Double.NaN : recoveries.get(0).recovery90TimeS();
    }

    /** @return the first drift's oracle 90 %-recovery time under the same rule, s (NaN if there is none) */
    public double firstOracleRecovery90TimeS() {
        return recoveries.isEmpty() ? Double.NaN : recoveries.get(0).oracleRecovery90TimeS();
    }
}

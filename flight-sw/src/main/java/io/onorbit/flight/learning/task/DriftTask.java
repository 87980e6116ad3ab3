package io.onorbit.flight.learning.task;

/**
 * A stream of (features, label) samples in time order with a known drift schedule. Features are
 * scaled to roughly [-1, 1]; each task documents its features' and label's units.
 *
 * <p>Use: {@code while (task.hasNext()) { float y = task.next(x); double t = task.timeS(); ... }}.
 * {@link #next} writes into the caller's array and allocates nothing on the hot path.
 */
public interface DriftTask {

    /** @return short name used on the command line and in reports ("solar-array", "sea", ...) */
    String name();

    /** @return number of features per sample */
    int featureCount();

    /** @return the label's unit, for reports */
    String labelUnit();

    /** @return true if labels are classes 0/1 (error = misclassification at threshold 0.5) */
    boolean classification();

    /** @return true while samples remain */
    boolean hasNext();

    /**
     * Advances to the next sample.
     *
     * @param xOut receives the features (length {@link #featureCount()})
     * @return the label, noise included
     */
    float next(float[] xOut);

    /** @return time of the latest sample, s since the schedule epoch */
    double timeS();

    /** @return times of abrupt drifts, s since the schedule epoch (empty if none) */
    double[] abruptDriftTimesS();

    /**
     * @return true if the concept also moves continuously (gradual drift: ageing, a rotating
     *         hyperplane), so that a learner must keep tracking it rather than recover once
     */
    default boolean driftsGradually() {
        return false;
    }

    /** @return true if {@link #currentConceptLabel} is known (synthetic tasks), false for recorded data */
    boolean knowsConcept();

    /**
     * @param x features
     * @return the noise-free label of {@code x} under the concept in force at the latest sample
     *         (what an oracle would be refit on); NaN if the concept is unknown
     */
    double currentConceptLabel(float[] x);

    /**
     * What the latest abrupt drift changed: the label a model that had learned the concept before
     * that drift exactly would still give. Its loss minus {@link #currentConceptLabel}'s, after
     * the drift, is what the drift costs such a model, a fact of the generator that no learner's
     * behaviour enters (the drift experiment's error lost).
     *
     * @param x features
     * @return the noise-free label of {@code x} under the concept in force just before the latest
     *         abrupt drift, everything else as at the latest sample (the gradual part of a concept
     *         keeps moving); the current concept's label before the first abrupt drift or for a task
     *         without abrupt drifts; NaN if the concept is unknown
     */
    double preDriftConceptLabel(float[] x);
}

package io.onorbit.flight.payload;

/**
 * What the payload did in one step.
 *
 * @param allocation     how the step was split between power states, and the energy drawn
 * @param samplesTrained samples taken from the buffer and trained on (test-then-train)
 * @param updates        updates applied
 * @param hostWorkJ      counted dynamic energy of the host's work in the step, J
 * @param solveJ         energy the solver reported for its solves in the step (analog settle and
 *                       conversions, or digital counted operations), J
 * @param changesDetected concept changes the learners' change detectors found in the step (count)
 * @param changesTakenBack detections (of this step or an earlier one) the learners' confirmation took back in
 *                         the step (count)
 */
public record PayloadStep(PayloadAllocation allocation, int samplesTrained, int updates, double hostWorkJ,
                          double solveJ, int changesDetected, int changesTakenBack) {

    /** @return energy drawn from the bus in the step, J */
    public double drawnJ() {
        return allocation.drawnJ();
    }

    /** @return counted work (host plus solve) in the step, J; part of what was drawn */
    public double countedWorkJ() {
        return hostWorkJ + solveJ;
    }
}

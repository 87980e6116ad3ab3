package io.onorbit.verification.experiment;

import io.onorbit.flight.schedule.OnboardSchedule;

/** The power training may draw at a time, W (the training envelope as the experiment sees it). */
@FunctionalInterface
public interface TrainingPower {

    /** @return power available for training at {@code tS} (s since the schedule epoch), W, &ge; 0 */
    double powerW(double tS);

    /**
     * Tells the envelope what training actually drew, so that a battery model behind it can
     * discharge accordingly. Called after every step, in time order. Default: ignored.
     *
     * @param tS      time of the step, s since the schedule epoch
     * @param energyJ energy the training drew in that step, J (&ge; 0)
     */
    default void charge(double tS, double energyJ) {
    }

    /**
     * A documented stand-in for the power budget's training envelope: a constant surplus while the
     * spacecraft is (almost) fully lit, nothing in penumbra or eclipse, when the battery must not be
     * spent on training.
     *
     * @param schedule  lighting source
     * @param surplusW  surplus in sunlight, W (&ge; 0)
     * @return the envelope
     */
    static TrainingPower sunlitSurplus(OnboardSchedule schedule, double surplusW) {
        if (!(surplusW >= 0)) {
            throw new IllegalArgumentException("sunlit surplus " + surplusW + " W must be >= 0");
        }
        return tS -> schedule.lightingRatioAt(tS) >= 0.99 ? surplusW : 0.0;
    }
}

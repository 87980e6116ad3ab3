package io.onorbit.flight.power;

/**
 * Decides the training draw for a step from the time and the battery's stored energy: the one
 * interface for "what may training draw now" ({@link TrainingEnvelope} is the onboard one;
 * studies pass others), stepped by {@link PowerRun}.
 */
@FunctionalInterface
public interface TrainingPolicy {

    /**
     * @param tS       step start, s since the schedule epoch
     * @param dtS      step length, s
     * @param storedWh battery energy at step start, Wh
     * @return training power for the step, W (&ge; 0)
     */
    double trainingPowerW(double tS, double dtS, double storedWh);
}

package io.onorbit.verification.sim;

/**
 * What the loop reports of one spacecraft's onboard learning. The learner itself is the flight
 * executive's ({@code flight.executive}); the loop only keeps these books.
 */
public final class LearningStage {

    private LearningStage() {
    }

    /**
     * What the training payload did over the run.
     *
     * @param dutyFraction   fraction of the elapsed time it was training, in [0, 1]
     * @param samplesSeen    samples that arrived from the sensor
     * @param samplesTrained samples it trained on
     * @param samplesDropped samples that arrived while it could not take them and did not fit its
     *                       buffer, or were in its buffer at a reset
     */
    public record PayloadBooks(double dutyFraction, long samplesSeen, long samplesTrained, long samplesDropped) { }
}

package io.onorbit.verification.sim;

/**
 * What one spacecraft's training payload did over the run, as the loop booked it from the flight
 * executive's telemetry (the learner itself is the executive's, {@code flight.executive}).
 *
 * @param dutyFraction   fraction of the elapsed time it was training, in [0, 1]
 * @param samplesSeen    samples that arrived from the sensor
 * @param samplesTrained samples it trained on
 * @param samplesDropped samples that arrived while it could not take them and did not fit its
 *                       buffer, or were in its buffer at a reset
 * @param changesDetected concept changes the learners' change detectors found (count)
 * @param changesTakenBack of those, detections the learners' confirmation took back (count)
 */
public record PayloadTotals(double dutyFraction, long samplesSeen, long samplesTrained, long samplesDropped,
                            long changesDetected, long changesTakenBack) { }

package io.onorbit.flight.executive;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.learning.model.ModelVersion;
import java.util.List;

/**
 * What the executive did since the events were last drained: telemetry for the ground and for the
 * books of a simulation.
 *
 * @param generatedIds deltas cut and queued
 * @param mergedIds    queued deltas the full queue merged into a newer one (their content travels on)
 * @param corruptedIds queued deltas found damaged on flash at boot, set aside
 * @param applied      model updates verified, merged and persisted (then acknowledged)
 * @param refused      model updates refused (answered with a refusal naming the version held)
 * @param payload      what the training payload drew and did
 * @param beaconsAcceptedMs ground times of the time beacons that verified and set the clock, ms, in order
 * @param beaconsRefused    time beacons refused (forged, replayed or late, malformed, not ours)
 */
public record ExecutiveEvents(long[] generatedIds, long[] mergedIds, long[] corruptedIds, List<AppliedUpdate> applied,
                              List<UpdateRefusal> refused, PayloadBooks payload, long[] beaconsAcceptedMs,
                              List<UpdateRefusal> beaconsRefused) {

    public static final ExecutiveEvents NONE = new ExecutiveEvents(new long[0], new long[0], new long[0], List.of(), List.of(),
            PayloadBooks.NONE, new long[0], List.of());

    /**
     * The training payload's books over the period (a reset loses what it held in its buffer:
     * {@code buffered} is the level now, for whoever counts those samples as dropped).
     *
     * @param drawnJ         energy drawn from the bus (power states x time), J
     * @param trainingS      time in the training state, s
     * @param idleS          time powered and idle, s
     * @param offS           time switched off, s
     * @param samplesSeen    samples that arrived
     * @param samplesTrained samples trained on
     * @param samplesDropped samples the full buffer dropped
     * @param updates        trainer updates applied
     * @param hostWorkJ      counted host work, J (part of drawnJ)
     * @param solveJ         the solver's reported energy, J (part of drawnJ)
     * @param buffered       samples waiting in the buffer now
     * @param changesDetected concept changes the learners' change detectors found (count)
     * @param changesTakenBack detections the learners' confirmation took back (count)
     */
    public record PayloadBooks(double drawnJ, double trainingS, double idleS, double offS, long samplesSeen,
                               long samplesTrained, long samplesDropped, long updates, double hostWorkJ, double solveJ,
                               int buffered, long changesDetected, long changesTakenBack) {
        public static final PayloadBooks NONE = new PayloadBooks(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * @param globalParams the global model as uplinked (before the merge with local progress)
     * @param version      its version
     * @param counter      the command counter it carried
     */
    public record AppliedUpdate(float[] globalParams, ModelVersion version, long counter) {
    }
}

package io.onorbit.flight.executive;

import io.onorbit.flight.command.RejectReason;
import io.onorbit.flight.model.ModelVersion;
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
 */
public record ExecutiveEvents(long[] generatedIds, long[] mergedIds, long[] corruptedIds, List<AppliedUpdate> applied,
                              List<RejectReason> refused) {

    public static final ExecutiveEvents NONE = new ExecutiveEvents(new long[0], new long[0], new long[0], List.of(), List.of());

    /**
     * @param globalParams the global model as uplinked (before the merge with local progress)
     * @param version      its version
     * @param counter      the command counter it carried
     */
    public record AppliedUpdate(float[] globalParams, ModelVersion version, long counter) {
    }
}

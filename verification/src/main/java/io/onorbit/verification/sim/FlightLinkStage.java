package io.onorbit.verification.sim;

import io.onorbit.flight.model.ModelVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * One spacecraft's data path to and from the ground (adapter over {@code flight.delta},
 * {@code flight.packet}, {@code flight.storage}, {@code flight.link} and {@code flight.command}):
 * encode a delta, keep it in the crash-safe queue, send it through the pass-gated radio, take
 * acknowledgements and signed model updates from the uplink.
 */
public interface FlightLinkStage {

    /**
     * Encodes {@code parameters - base} as a delta and stores it in the queue.
     *
     * @return the new delta's id (unique and increasing per satellite), or empty if the encoder
     *         had nothing to send
     */
    OptionalLong enqueueDelta(double onboardTimeS, float[] parameters, float[] baseParameters, ModelVersion base,
                              int[] tensorSizes, long samples);

    /**
     * Lets the radio transmit while the ground's carrier is locked, over the flight-computer time
     * interval [onboardStartS, onboardEndS). The radio itself must also refuse any time outside
     * the contact windows of its own schedule.
     *
     * @return the packets sent, in order
     */
    List<byte[]> transmit(double onboardStartS, double onboardEndS);

    /**
     * Hands the radio what came up the uplink (acknowledgements, signed model updates, possibly
     * corrupted by the channel).
     *
     * @return model updates that verified and were accepted, in order
     */
    List<AcceptedUpdate> receive(double onboardTimeS, List<byte[]> packets);

    /** @return ids of the deltas still held in the queue */
    long[] queuedDeltaIds();

    /**
     * @return what the queue did on its own since the last call: deltas it found corrupted in
     *         storage and had to skip, deltas it merged into a newer one because it was full
     */
    QueueEvents drainQueueEvents();

    /** @return the folder holding the queue and every other persisted flight state */
    Path storageDir();

    /** Flight-computer reset: drop every in-memory object, reopen from storage. */
    void reset();

    /** @return a short name of the implementation for the summary */
    String name();

    /**
     * A model update that passed authentication and applies to the base the spacecraft holds.
     *
     * @param parameters the new global parameters
     * @param version    their version and digest
     * @param counter    the command counter it carried (strictly increasing)
     */
    record AcceptedUpdate(float[] parameters, ModelVersion version, long counter) { }

    /**
     * @param corruptedIds deltas found corrupted in storage, detected and reported, skipped
     * @param mergedIds    deltas folded into a newer queued delta (their content is carried on)
     */
    record QueueEvents(long[] corruptedIds, long[] mergedIds) {
        public static final QueueEvents NONE = new QueueEvents(new long[0], new long[0]);
    }
}

package io.onorbit.flight.executive;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The flight software as the spacecraft's hardware drives it: a rate-group tick, the radio's
 * downlink and uplink ports, the time beacon. {@link FlightExecutive} is the implementation;
 * a simulator drives this interface and nothing else.
 */
public interface FlightSoftware {

    /** One tick: sensor samples and power telemetry in, decisions and energy out. */
    TickReport tick(double dtS, SensorBatch samples, PowerTelemetry power);

    /**
     * The ground's time beacon, heard on carrier lock ({@code flight.command.TimeBeacon}: ground
     * time, authenticated); it sets the clock only if it verifies and is newer than the last one.
     */
    void beacon(byte[] frame);

    /**
     * The transmitter may send during [fromS, untilS) of the flight computer's clock (the carrier
     * is locked); the pass-gated radio still refuses anything outside its own schedule.
     *
     * @return packets handed to the transmitter (see {@link Hardware#transmitter()})
     */
    int downlink(double fromS, double untilS);

    /** Packets the receiver decoded (possibly corrupted), in order. */
    void uplink(List<byte[]> packets);

    /** @return what happened since the last call, and starts over */
    ExecutiveEvents drainEvents();

    /** @return the training envelope of the latest tick, W (telemetry; empty before the first tick) */
    OptionalDouble envelopeW();

    /** @return sequences of the deltas held in the queue */
    long[] queuedDeltaIds();

    /**
     * @return the global model this boot holds as its base, as restored from flash at boot or
     *         applied since: its parameters (a copy), version, and the counter of the uplink
     *         command that brought it (0 for the golden image). Housekeeping telemetry: an update
     *         applied just before a reset is reported by the next boot even if its event was lost.
     */
    ExecutiveEvents.AppliedUpdate heldGlobal();

    /** @return bytes the trainer holds now */
    long memoryUsedBytes();

    /** @return the trainer's memory budget, bytes */
    long memoryBudgetBytes();

    /** @return the onboard model's parameters now, personal head included (telemetry; a copy) */
    float[] parameters();
}

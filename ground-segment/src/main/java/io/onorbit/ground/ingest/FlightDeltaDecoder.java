package io.onorbit.ground.ingest;

import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaFormatException;
import io.onorbit.flight.delta.WeightDelta;
import java.util.function.IntSupplier;

/**
 * {@link DeltaDecoder} over flight-sw's {@link DeltaCodec} (format and SHA-256 digest checked
 * there), with every count bounded by the bytes present and by the known model size.
 */
public final class FlightDeltaDecoder implements DeltaDecoder {

    private final IntSupplier maxDimension;

    /** Bounds counts by the bytes present only (no model known). */
    public FlightDeltaDecoder() {
        this(() -> Integer.MAX_VALUE);
    }

    /** @param maxDimension the model size the ground knows, parameters (asked at each decode) */
    public FlightDeltaDecoder(IntSupplier maxDimension) {
        this.maxDimension = maxDimension;
    }

    @Override
    public Decoded decode(byte[] message) throws Refusal {
        WeightDelta d;
        try {
            d = DeltaCodec.decode(message, maxDimension.getAsInt());
        } catch (DeltaFormatException e) {
            throw new Refusal(e.getMessage().startsWith("digest") ? "delta-digest" : "delta-format", e.getMessage());
        }
        return new Decoded(d.satellite(), d.sequence(), d.base().version(), d.base().digest(), d.sampleCount(),
                d.createdAt(), d.sentValues());
    }
}

package io.onorbit.ground.ingest;

import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaFormatException;
import io.onorbit.flight.delta.WeightDelta;

/** {@link DeltaDecoder} over flight-sw's {@link DeltaCodec} (format and SHA-256 digest checked there). */
public final class FlightDeltaDecoder implements DeltaDecoder {

    @Override
    public Decoded decode(byte[] message) throws Refusal {
        WeightDelta d;
        try {
            d = DeltaCodec.decode(message);
        } catch (DeltaFormatException e) {
            throw new Refusal(e.getMessage().startsWith("digest") ? "delta-digest" : "delta-format", e.getMessage());
        }
        float[] values = new float[d.size()];
        for (int j = 0; j < values.length; j++) {
            values[j] = d.value(j);
        }
        return new Decoded(d.satellite(), d.sequence(), d.base().version(), d.base().digest(), d.sampleCount(),
                d.createdAt(), d.dimension(), d.indices(), values);
    }
}

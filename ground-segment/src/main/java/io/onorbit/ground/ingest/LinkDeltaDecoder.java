package io.onorbit.ground.ingest;

import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaFormatException;
import io.onorbit.flight.delta.WeightDelta;
import java.util.Locale;

/** {@link DeltaDecoder} over the flight-sw {@link DeltaCodec} (its trailing SHA-256 is checked there). */
public final class LinkDeltaDecoder implements DeltaDecoder {

    @Override
    public Decoded decode(byte[] message) throws Refusal {
        WeightDelta d;
        try {
            d = DeltaCodec.decode(message);
        } catch (DeltaFormatException e) {
            String m = String.valueOf(e.getMessage());
            throw new Refusal(m.toLowerCase(Locale.ROOT).contains("digest") ? "delta-digest" : "delta-format", m);
        }
        float[] values = new float[d.size()];
        for (int j = 0; j < values.length; j++) {
            values[j] = d.value(j);
        }
        return new Decoded(d.satellite(), d.sequence(), d.base().version(), d.base().digest(), d.sampleCount(), d.createdAt(),
                d.dimension(), d.indices(), values);
    }
}

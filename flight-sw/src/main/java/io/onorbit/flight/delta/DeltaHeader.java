package io.onorbit.flight.delta;

import io.onorbit.flight.learning.model.ModelVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * Who sent a delta and against what: the fields every delta names.
 *
 * @param satellite   sending spacecraft
 * @param sequence    delta number of this satellite, &ge; 0
 * @param base        global model the delta is relative to
 * @param sampleCount training samples behind the delta, &ge; 0
 * @param createdAt   creation time (UTC)
 */
public record DeltaHeader(String satellite, long sequence, ModelVersion base, long sampleCount, Instant createdAt) {

    public DeltaHeader {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sequence < 0 || sampleCount < 0) {
            throw new IllegalArgumentException("sequence and sampleCount must be >= 0");
        }
    }

    /** @return the header of {@code d} */
    public static DeltaHeader of(WeightDelta d) {
        return new DeltaHeader(d.satellite(), d.sequence(), d.base(), d.sampleCount(), d.createdAt());
    }
}

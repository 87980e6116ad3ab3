package io.onorbit.ground.ingest;

import io.onorbit.flight.learning.model.SparseVector;
import java.time.Instant;

/**
 * The narrow view ingest needs of the delta codec: bytes in, sparse delta out, the codec's own
 * digest verified. Production wraps the flight-sw delta codec.
 */
public interface DeltaDecoder {

    /**
     * A decoded delta.
     *
     * @param satellite   sender as written in the delta
     * @param sequence    the sender's delta number
     * @param baseVersion global version it builds on
     * @param baseDigest  SHA-256 of that base as the satellite holds it (32 bytes)
     * @param sampleCount training samples behind it
     * @param createdAt   creation time (UTC)
     * @param values      sent values at their parameter indices, parameter units
     */
    record Decoded(String satellite, long sequence, long baseVersion, byte[] baseDigest, long sampleCount, Instant createdAt,
            SparseVector values) {
    }

    /** Refusal with a short reason ("delta-digest", "delta-format") and one line of detail. */
    final class Refusal extends Exception {
        private final String reason;

        public Refusal(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        /** @return short machine-readable reason */
        public String reason() {
            return reason;
        }
    }

    /**
     * @return the delta
     * @throws Refusal if the bytes are not a well-formed delta whose digest matches
     */
    Decoded decode(byte[] message) throws Refusal;
}

package io.onorbit.ground.archive;

import io.onorbit.flight.learning.model.SparseVector;
import java.time.Instant;
import java.util.Objects;

/**
 * A decoded delta as it arrives from a satellite, before it is archived: sparse values on top of
 * a global model version, plus the encoded bytes that carried it.
 *
 * @param satellite   satellite name
 * @param passNumber  the satellite's pass counter (&ge; 0) in which the delta came down
 * @param station     ground station that received it ("" if unknown)
 * @param baseVersion global model version the delta builds on (&ge; 0)
 * @param baseDigest  SHA-256 of that base model as the satellite holds it (32 bytes)
 * @param digest      SHA-256 of the encoded delta (32 bytes), its identity for duplicate detection
 * @param sampleCount number of training samples behind the delta (&ge; 0)
 * @param createdAt   when the satellite produced the delta (UTC)
 * @param values      the sent delta values at their parameter indices, parameter units (may be
 *                    non-finite: review flags them)
 * @param encoded     the delta's encoded bytes as received
 */
public record DeltaSubmission(String satellite, long passNumber, String station, long baseVersion,
        byte[] baseDigest, byte[] digest, long sampleCount, Instant createdAt,
        SparseVector values, byte[] encoded) {

    public DeltaSubmission {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(values, "values");
        station = station == null ? "" : station;
        if (satellite.isBlank()) {
            throw new IllegalArgumentException("satellite must not be blank");
        }
        if (passNumber < 0) {
            throw new IllegalArgumentException("passNumber " + passNumber + " must be >= 0");
        }
        if (baseVersion < 0) {
            throw new IllegalArgumentException("baseVersion " + baseVersion + " must be >= 0");
        }
        if (baseDigest == null || baseDigest.length != 32) {
            throw new IllegalArgumentException("baseDigest must be 32 bytes");
        }
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount " + sampleCount + " must be >= 0");
        }
        baseDigest = baseDigest.clone();
        digest = digest.clone();
        encoded = encoded == null ? new byte[0] : encoded.clone();
    }

    @Override
    public byte[] baseDigest() {
        return baseDigest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}

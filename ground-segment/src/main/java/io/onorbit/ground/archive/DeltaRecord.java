package io.onorbit.ground.archive;

import java.time.Instant;
import java.util.Set;

/**
 * One archived delta, as read back from the archive.
 *
 * @param id           archive row id
 * @param satellite    satellite name
 * @param passNumber   the satellite's pass counter in which it came down
 * @param station      receiving station ("" if unknown)
 * @param baseVersion  global version it builds on
 * @param baseDigest   hex SHA-256 of the base model as the satellite holds it
 * @param digest       hex SHA-256 of the encoded delta
 * @param sampleCount  training samples behind it
 * @param createdAt    when the satellite made it (UTC)
 * @param receivedAt   when the ground archived it (UTC)
 * @param dimension    number of model parameters
 * @param indices      parameter indices of the non-zeros
 * @param values       the non-zero values
 * @param encoded      encoded bytes as received
 * @param norm         L2 norm of the values
 * @param flags        automatic flags
 * @param status       review status
 */
public record DeltaRecord(long id, String satellite, long passNumber, String station, long baseVersion,
        String baseDigest, String digest, long sampleCount, Instant createdAt, Instant receivedAt,
        int dimension, int[] indices, float[] values, byte[] encoded, double norm, Set<DeltaFlag> flags,
        DeltaStatus status) {

    public DeltaRecord {
        flags = Set.copyOf(flags);
        indices = indices.clone();
        values = values.clone();
        encoded = encoded.clone();
    }

    /** @return number of non-zero entries */
    public int nnz() {
        return indices.length;
    }

    /** @return size of the encoded delta, bytes */
    public int bytes() {
        return encoded.length;
    }

    /** @return the delta as a dense vector of {@link #dimension()} values */
    public float[] dense() {
        return SparseVectors.dense(dimension, indices, values);
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}

package io.onorbit.ground.archive;

import com.google.common.io.BaseEncoding;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;

/**
 * One archived delta, as read back from the archive: the delta as it arrived plus what the
 * ground added (row id, reception time, flags, review status).
 *
 * @param id         archive row id
 * @param delta      the delta as received
 * @param receivedAt when the ground archived it (UTC)
 * @param flags      automatic flags
 * @param status     review status
 */
public record DeltaRecord(long id, DeltaSubmission delta, Instant receivedAt, Set<DeltaFlag> flags, DeltaStatus status) {

    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

    /**
     * Oldest first by reception time (UTC), then satellite name, then row id (one satellite's
     * deltas are archived in its own order): an order that does not depend on which thread
     * committed first.
     */
    public static final Comparator<DeltaRecord> RECEPTION_ORDER = Comparator.comparing(DeltaRecord::receivedAt)
            .thenComparing(DeltaRecord::satellite).thenComparingLong(DeltaRecord::id);

    public DeltaRecord {
        Objects.requireNonNull(delta, "delta");
        flags = Set.copyOf(flags);
    }

    /** @return sending satellite */
    public String satellite() {
        return delta.satellite();
    }

    /** @return the satellite's pass counter in which it came down */
    public long passNumber() {
        return delta.passNumber();
    }

    /** @return global version it builds on */
    public long baseVersion() {
        return delta.baseVersion();
    }

    /** @return training samples behind it */
    public long sampleCount() {
        return delta.sampleCount();
    }

    /** @return when the satellite made it (UTC) */
    public Instant createdAt() {
        return delta.createdAt();
    }

    /** @return number of model parameters */
    public int dimension() {
        return delta.values().dimension();
    }

    /** @return number of non-zero entries */
    public int nnz() {
        return delta.values().size();
    }

    /** @return size of the encoded delta, bytes */
    public int bytes() {
        return delta.encoded().length;
    }

    /** @return L2 norm of the values (non-finite if a value is) */
    public double norm() {
        return delta.values().norm();
    }

    /** @return hex SHA-256 of the base model as the satellite holds it */
    public String baseDigestHex() {
        return HEX.encode(delta.baseDigest());
    }

    /** @return hex SHA-256 of the encoded delta */
    public String digestHex() {
        return HEX.encode(delta.digest());
    }

    /** @return the delta as a dense vector of {@link #dimension()} values */
    public float[] dense() {
        return delta.values().toDense();
    }
}

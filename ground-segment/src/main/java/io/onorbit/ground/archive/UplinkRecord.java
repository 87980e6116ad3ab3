package io.onorbit.ground.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One signed model update the ground issued, as the archive recorded it.
 *
 * @param satellite   addressee
 * @param counter     its command counter (unique per satellite)
 * @param fromVersion global version it builds on
 * @param toVersion   global version it installs
 * @param bytes       size of the signed frame, bytes
 * @param createdAt   when it was signed (UTC)
 */
public record UplinkRecord(String satellite, long counter, long fromVersion, long toVersion, long bytes, Instant createdAt) {

    public UplinkRecord {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

package io.onorbit.ground.archive;

import java.time.Instant;

/**
 * Input that ingest refused, with its reason; kept so that operators can see what the link lost.
 *
 * @param receivedAt when it arrived (UTC)
 * @param satellite  satellite name if known, else ""
 * @param reason     short machine-readable reason (e.g. "bad-check" for a packet CRC, "delta-digest", "satellite-mismatch")
 * @param detail     one human-readable line
 * @param bytes      size of the refused input, bytes
 */
public record RejectEntry(Instant receivedAt, String satellite, String reason, String detail, long bytes) {
}

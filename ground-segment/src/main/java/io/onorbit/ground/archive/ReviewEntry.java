package io.onorbit.ground.archive;

import java.time.Instant;

/**
 * One operator decision in the audit trail.
 *
 * @param deltaId  reviewed delta
 * @param decision new status (APPROVED or REJECTED)
 * @param operator who decided
 * @param reason   why
 * @param at       when (UTC)
 */
public record ReviewEntry(long deltaId, DeltaStatus decision, String operator, String reason, Instant at) {
}

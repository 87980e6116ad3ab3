/**
 * The {@code onorbit} command line: one picocli command per job (plan, simulate, soak, power,
 * experiment, review). Exit codes: 0 success, 1 a check failed (soak invariants), 2 bad input
 * (one line naming file, field and reason), 3 internal error.
 */
package io.onorbit.verification.cli;

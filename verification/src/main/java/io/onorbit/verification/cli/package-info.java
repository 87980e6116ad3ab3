/**
 * The {@code onorbit} command line: one picocli command per job (plan, simulate, soak, power,
 * experiment, review). Exit codes: 0 success, 1 a check failed (soak invariants), 2 bad input
 * (one line naming file, field and reason; a usage error is one line naming the option and what it
 * accepts, the usage is printed only on {@code --help}), 3 internal error. {@link
 * io.onorbit.verification.cli.Outputs} checks every output destination before a command works: never
 * an input, never a folder OnOrbit did not write, an earlier output only with {@code --force}.
 */
package io.onorbit.verification.cli;

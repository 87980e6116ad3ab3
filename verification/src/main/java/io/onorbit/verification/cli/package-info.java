/**
 * The {@code onorbit} command line: one picocli command per job (plan, simulate, soak, power,
 * experiment, review; campaign and worker live in {@code verification.campaign}), and what they share.
 * The root command that registers them all is {@code verification.launcher}, so that every command
 * package depends on this one and this one on none of them. Exit codes ({@link
 * io.onorbit.verification.cli.ExitCode}): 0 success, 1 a check failed (soak invariants), 2 bad input
 * (one line naming file, field and reason; a usage error is one line naming the option and what it
 * accepts, the usage is printed only on {@code --help}), 3 internal error. {@link
 * io.onorbit.verification.cli.Outputs} checks every output destination before a command works: never
 * an input, never a folder OnOrbit did not write, an earlier output only with {@code --force}.
 * {@link io.onorbit.verification.cli.ProgressBar} shows a long command's progress on stderr
 * ({@code me.tongfei:progressbar}): a bar with rate and ETA on a terminal, a plain line every 10 s
 * in a log, nothing with {@code --quiet}; {@link io.onorbit.verification.cli.StopNotice} makes
 * Ctrl-C say what was kept and where. Option families several commands share are declared once,
 * as picocli mixins: {@link io.onorbit.verification.cli.MissionOptions} (mission file, {@code --days},
 * {@code --orekit-data}), {@link io.onorbit.verification.cli.CommonOptions} ({@code --format
 * table|json}, {@code --out FILE}, {@code --seed}) and {@code Outputs.Force} ({@code --force}).
 */
package io.onorbit.verification.cli;

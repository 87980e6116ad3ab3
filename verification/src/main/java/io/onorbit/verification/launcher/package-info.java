/**
 * The {@code onorbit} launcher's entry point ({@link io.onorbit.verification.launcher.OnOrbitCli}):
 * the root command, the one place where every subcommand is registered, and the handlers that turn
 * any error into one line and an exit code. It sits above every command package (cli, review,
 * experiment, campaign) so that none of them depends back on the root.
 */
package io.onorbit.verification.launcher;

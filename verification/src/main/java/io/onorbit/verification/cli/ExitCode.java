package io.onorbit.verification.cli;

/** The exit codes every {@code onorbit} command answers with; README.md documents them. */
public final class ExitCode {

    /** Everything asked for was done and every check passed. */
    public static final int OK = 0;
    /** A check the user asked for failed (e.g. a soak invariant, a lost delta). */
    public static final int CHECK_FAILED = 1;
    /** Bad input: a config, file or argument the user can fix. */
    public static final int BAD_INPUT = 2;
    /** A defect in OnOrbit itself. */
    public static final int INTERNAL = 3;

    private ExitCode() {
    }
}

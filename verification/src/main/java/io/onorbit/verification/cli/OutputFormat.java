package io.onorbit.verification.cli;

/** How a command prints its result. */
public enum OutputFormat {
    /** Aligned columns for a person (the default). */
    TABLE,
    /** Machine-readable JSON. */
    JSON,
    /** Comma-separated values for spreadsheets (where a command supports it). */
    CSV
}

package io.onorbit.ground.archive;

/** The archive cannot be opened, read or written (unchecked wrapper of the SQL cause). */
public final class ArchiveException extends RuntimeException {

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    public ArchiveException(String message) {
        super(message);
    }
}

package io.onorbit.flight.delta;

/** Encoded delta bytes that cannot be decoded: truncated, wrong digest, impossible field. */
public final class DeltaFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeltaFormatException(String message) {
        super(message);
    }
}

package io.onorbit.flight.optimizer;

/** Thrown when an optimizer is asked to run below the power it needs; it refuses rather than overdraw. */
public final class PowerEnvelopeException extends RuntimeException {

    public PowerEnvelopeException(String message) {
        super(message);
    }
}

package io.onorbit.flight.power;

/** Constructor checks whose messages name the field and the allowed range. */
final class Checks {

    private Checks() {
    }

    static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " " + v + " must be > 0");
        }
    }

    static void nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " " + v + " must be >= 0");
        }
    }

    static void inRange(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(field + " " + v + " must be in [" + min + ", " + max + "]");
        }
    }
}

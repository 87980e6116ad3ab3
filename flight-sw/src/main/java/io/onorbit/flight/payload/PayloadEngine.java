package io.onorbit.flight.payload;

import java.util.Locale;

/** What solves the training update on the payload. */
public enum PayloadEngine {
    /** A host MCU builds the problem; the analog engine ({@code flight.optimizer.AnalogOptimizer}) solves it. */
    ANALOG,
    /** A digital processor does everything, the solve too ({@code flight.optimizer.DigitalOptimizer}). */
    DIGITAL;

    /** @return the mission-file spelling ({@code analog}, {@code digital}) */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

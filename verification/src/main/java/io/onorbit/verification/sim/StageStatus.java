package io.onorbit.verification.sim;

import java.util.Objects;

/**
 * Whether one stage of the loop ran, and why not if it did not.
 *
 * @param stage     stage name ("power", "learning", "link", "ground", "planning")
 * @param available true if the real module's adapter was plugged in
 * @param note      which implementation ran, or why the stage was skipped
 */
public record StageStatus(String stage, boolean available, String note) {

    public StageStatus {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(note, "note");
    }

    /** @return a stage that ran with implementation {@code impl} */
    public static StageStatus available(String stage, String impl) {
        return new StageStatus(stage, true, impl);
    }

    /** @return a stage that was skipped because {@code reason} */
    public static StageStatus missing(String stage, String reason) {
        return new StageStatus(stage, false, "not available: " + reason);
    }
}

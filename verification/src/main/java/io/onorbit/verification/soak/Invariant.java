package io.onorbit.verification.soak;

import io.onorbit.verification.soak.StepState;
import java.util.Optional;

/**
 * One property that must hold at every step of every satellite. An instance belongs to one
 * satellite (some invariants remember the previous step).
 */
public interface Invariant {

    /** @return the invariant's name as it appears in summaries ("soc_floor", ...) */
    String name();

    /**
     * @param state what the satellite did in the step
     * @return empty if the invariant holds, otherwise why it does not (one line)
     */
    Optional<String> check(StepState state);

    /**
     * Checks what the spacecraft did since the last ground synchronization against what the
     * ground's archive really holds (properties whose truth lives on the ground: delivery,
     * genuine commands, update lag). Called after each synchronization, between steps.
     *
     * @param ground what the archive newly holds for this satellite
     * @return empty if the invariant holds, otherwise why it does not (one line)
     */
    default Optional<String> groundSynced(GroundRecord ground) {
        return Optional.empty();
    }
}

package io.onorbit.verification.cli;

import io.onorbit.verification.sim.MissionSetup;
import java.nio.file.Path;

/** Turns a mission file into a {@link MissionSetup}: loader, planner, simulation section, stages. */
public final class MissionSetups {

    private MissionSetups() {
    }

    /**
     * @param missionFile the mission YAML
     * @param days        span to simulate, days (null: the mission's duration)
     * @return the setup
     */
    public static MissionSetup load(Path missionFile, Double days) {
        // The mission loader and planner (issue 2) are not in this build yet; say so instead of guessing.
        throw new UserInputException("cannot plan " + missionFile
                + ": the mission loader and planner (orbit-sim, MissionPlanner) are not in this build yet");
    }
}

package io.onorbit.verification.cli;

import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.SimulationSettings;
import io.onorbit.verification.sim.modules.ModuleStages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Turns a mission file into a {@link MissionSetup}: loader, planner, simulation section, stages. */
public final class MissionSetups {

    private MissionSetups() {
    }

    /**
     * @param missionFile the mission YAML
     * @param days        span to simulate, days (null: the mission's duration)
     * @return the setup, with every section validated
     */
    public static MissionSetup load(Path missionFile, Double days) {
        MissionConfig m = MissionLoader.load(missionFile);
        if (days != null) {
            if (!(days > 0) || days > 3660) {
                throw new UserInputException("--days " + days + " must be in (0, 3660]");
            }
            m = m.withDuration(Duration.ofMillis(Math.round(days * 86_400_000L)));
        }
        SimulationSettings settings = SimulationSettings.read(m.root().child("simulation").orElse(null));
        ModuleStages stages = new ModuleStages(m, settings);
        List<OnboardSchedule> schedules = MissionPlanner.fileFree().schedules(m);
        return new MissionSetup(m.name(), m.seed(), m.durationS(), schedules, settings, stages);
    }
}

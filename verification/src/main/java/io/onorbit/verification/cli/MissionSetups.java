package io.onorbit.verification.cli;

import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.uplink.KeyOrigin;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.SimulationSettings;
import io.onorbit.verification.sim.modules.ModuleStages;
import java.nio.file.Path;
import java.util.List;

/** Turns a mission file into a {@link MissionSetup}: loader, planner, simulation section, stages. */
public final class MissionSetups {

    /**
     * Most satellites the closed loop runs (simulate, soak, campaign): 1000 satellites over a day
     * were measured at a 2.2 GB peak heap on 2 cores (BENCHMARKS.md, constellation scaling); 10000
     * did not get past set-up in minutes. {@code plan} takes the schema's 10000.
     */
    public static final int MAX_SIMULATED_SATELLITES = 1000;

    private MissionSetups() {
    }

    /**
     * @param missionFile the mission YAML
     * @param days        span to simulate, days (null: the mission's duration)
     * @return the setup, with every section validated
     */
    public static MissionSetup load(Path missionFile, Double days) {
        return of(MissionOptions.load(missionFile, days), OrbitContext.fileFree());
    }

    /**
     * @param file    the loaded mission (span already applied)
     * @param context the Orekit context the planner uses
     * @return the setup
     */
    public static MissionSetup of(MissionFile file, OrbitContext context) {
        return of(file, context, KeyOrigin.GENERATED);
    }

    /**
     * @param file           the loaded mission (span already applied)
     * @param context        the Orekit context the planner uses
     * @param withoutKeyFile where the keys come from if the mission names no key file
     * @return the setup
     */
    public static MissionSetup of(MissionFile file, OrbitContext context, KeyOrigin withoutKeyFile) {
        return of(file, context, withoutKeyFile, java.util.Optional.empty());
    }

    /**
     * @param ackJournal where the ground records each delta it acknowledges (a new file), or empty
     * @return the setup
     */
    public static MissionSetup of(MissionFile file, OrbitContext context, KeyOrigin withoutKeyFile,
                                  java.util.Optional<Path> ackJournal) {
        MissionConfig m = file.config();
        if (m.satellites().size() > MAX_SIMULATED_SATELLITES) {
            throw m.error("satellites", m.satellites().size() + " satellites (Walker constellations expanded): simulate, soak"
                    + " and campaign run at most " + MAX_SIMULATED_SATELLITES + " (measured within a 4 GB heap on 2 cores);"
                    + " plan takes up to 10000");
        }
        SimulationSettings settings = file.simulation();
        MissionPlanner planner = new MissionPlanner(context);
        ModuleStages stages = new ModuleStages(file, withoutKeyFile, ackJournal, planner.clusters(m));
        List<OnboardSchedule> schedules = planner.schedules(m);
        if (!schedules.isEmpty()) {
            stages.checkMemoryBudget(schedules.get(0)); // a bad budget is one line, before any progress
            stages.fitLaunchModel(schedules);
        }
        return new MissionSetup(m.name(), m.seed(), m.durationS(), schedules, settings, stages);
    }
}

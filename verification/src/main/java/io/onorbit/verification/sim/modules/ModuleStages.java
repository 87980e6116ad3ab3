package io.onorbit.verification.sim.modules;

import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.PowerConfigReader;
import io.onorbit.verification.sim.FlightLinkStage;
import io.onorbit.verification.sim.GroundStage;
import io.onorbit.verification.sim.LearningStage;
import io.onorbit.verification.sim.PowerStage;
import io.onorbit.verification.sim.SimulationSettings;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real parts of this build, configured from the mission file. Each section is read once,
 * here, so that a bad value fails before the run starts.
 */
public final class ModuleStages implements StageFactory {

    private final MissionConfig mission;
    private final SimulationSettings settings;
    private final PowerSystem power;

    /**
     * @param mission  the loaded mission
     * @param settings the loop's settings
     */
    public ModuleStages(MissionConfig mission, SimulationSettings settings) {
        this.mission = mission;
        this.settings = settings;
        this.power = PowerConfigReader.read(mission.root());
    }

    @Override
    public List<StageStatus> statuses() {
        List<StageStatus> s = new ArrayList<>();
        s.add(StageStatus.available("planning", "orbit-sim timeline -> ground.planning MissionPlanner -> OnboardSchedule"));
        s.add(StageStatus.available("power", "flight.power PowerBudget + TrainingEnvelope (spacecraft.power)"));
        s.add(StageStatus.missing("learning", "adapter to flight.learning not wired yet"));
        s.add(StageStatus.missing("link", "adapter to flight.delta/storage/link not wired yet"));
        s.add(StageStatus.missing("ground", "adapter to ground ingest/review/aggregation/uplink not wired yet"));
        return s;
    }

    @Override
    public PowerStage power(OnboardSchedule schedule, int index, long seed) {
        return new FlightPowerStage(schedule, power, settings.stepS());
    }

    @Override
    public LearningStage learning(OnboardSchedule schedule, int index, long seed, Path storageDir) {
        return null;
    }

    @Override
    public FlightLinkStage link(OnboardSchedule schedule, int index, long seed, Path storageDir) {
        return null;
    }

    @Override
    public GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile) {
        return null;
    }
}

package io.onorbit.verification.sim.modules;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.ground.config.LearningConfigReader;
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
    private final LearningConfig learning;
    private DeployedModel deployed;

    /**
     * @param mission  the loaded mission
     * @param settings the loop's settings
     */
    public ModuleStages(MissionConfig mission, SimulationSettings settings) {
        this.mission = mission;
        this.settings = settings;
        this.power = PowerConfigReader.read(mission.root());
        this.learning = LearningConfigReader.read(mission.root());
    }

    /** @return the launch model of the constellation, fitted once on the first schedule asked for */
    synchronized DeployedModel deployed(OnboardSchedule schedule) {
        if (deployed == null) {
            deployed = DeployedModel.fit(schedule, learning);
        }
        return deployed;
    }

    private Optimizer optimizer(long seed) {
        if (settings.optimizer().equals("digital")) {
            return DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        }
        AnalogOptimizer.Settings d = AnalogOptimizer.Settings.defaults();
        // Each satellite's engine has its own device mismatch and noise.
        return new AnalogOptimizer(new AnalogOptimizer.Settings(d.minOperatingPowerW(), d.maxOperatingPowerW(),
                d.tauEnergyPerCellJ(), d.dacBits(), d.adcBits(), d.mismatchSigma(), d.capacitanceF(), d.temperatureK(),
                d.fullScaleV(), d.conversionFomJ(), d.settleTolerance(), d.proximalStrength(), seed));
    }

    @Override
    public List<StageStatus> statuses() {
        List<StageStatus> s = new ArrayList<>();
        s.add(StageStatus.available("planning", "orbit-sim timeline -> ground.planning MissionPlanner -> OnboardSchedule"));
        s.add(StageStatus.available("power", "flight.power PowerBudget + TrainingEnvelope (spacecraft.power)"));
        s.add(StageStatus.available("learning", "flight.learning OnboardTrainer on the solar-array task, "
                + settings.optimizer() + " optimizer (learning, simulation.optimizer)"));
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
        DeployedModel launch = deployed(schedule);
        SolarArrayTask task = new SolarArrayTask(schedule, learning.solarFor(schedule.durationS()).withSeed(seed));
        return new FlightLearningStage(task, learning.trainer(), optimizer(seed), launch.parameters(), launch.version(),
                learning.experiment().fadingFactor(), storageDir);
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

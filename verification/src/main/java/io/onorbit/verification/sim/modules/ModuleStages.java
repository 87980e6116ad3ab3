package io.onorbit.verification.sim.modules;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.executive.FlightConfig;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.ground.config.GroundConfig;
import io.onorbit.ground.uplink.KeyOrigin;
import io.onorbit.ground.uplink.UplinkKeys;
import io.onorbit.ground.uplink.UplinkSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.flight.payload.PayloadEngine;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.payload.TrainingPayload;
import io.onorbit.flight.learning.memory.MemoryBudgetException;
import io.onorbit.verification.learning.DriftExperimentSettings;
import io.onorbit.verification.sim.FlightStage;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.sim.GroundStage;
import io.onorbit.verification.sim.SensorStage;
import io.onorbit.verification.sim.PowerStage;
import io.onorbit.verification.sim.SimulationSettings;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real parts of this build, configured from the typed mission ({@link MissionFile}: every
 * section was read once, when the file loaded, so a bad value failed before the run started).
 */
public final class ModuleStages implements StageFactory {

    private final MissionConfig mission;
    private final SimulationSettings settings;
    private final PowerSystem power;
    private final PayloadSpec payload;
    private final LearningConfig learning;
    private final DriftExperimentSettings experiment;
    private DeployedModel deployed;
    private final LinkConfig link;
    private final GroundConfig ground;
    private final ApidPlan apids;
    private final UplinkKeys keys;
    private final KeyOrigin keyOrigin;
    private final Optional<Path> ackJournal;
    private final AnalogOptimizer.FlowSolution analogFlow;
    /** Each satellite's federation cluster; empty for one chain of global versions. */
    private final Map<String, String> clusters;
    /** The personalisation chosen for this mission (its {@code auto} resolved), once known. */
    private volatile Personalisation chosenPersonalisation;

    /**
     * @param file         the loaded mission, every section typed
     * @param withoutFile  where the keys come from when the mission names no {@code ground.uplink_keys_file}:
     *                     {@link KeyOrigin#GENERATED} (a secure random source) or {@link KeyOrigin#DEMO_FROM_SEED}
     * @param ackJournal   a file (new) in which the ground records every delta it acknowledges, one line
     *                     each as it happens (see {@link io.onorbit.ground.link.AckJournal}); empty for none
     * @param clusters     each satellite's federation cluster (the planner's {@code clusters}); empty for one
     *                     chain of global versions
     * @throws io.onorbit.ground.config.ConfigException if the mission names a key file and demonstration keys are asked for
     */
    public ModuleStages(MissionFile file, KeyOrigin withoutFile, Optional<Path> ackJournal, Map<String, String> clusters) {
        MissionConfig mission = file.config();
        this.ackJournal = ackJournal;
        this.clusters = Map.copyOf(clusters);
        this.mission = mission;
        this.settings = file.simulation();
        this.experiment = file.driftExperiment();
        this.power = mission.power();
        this.payload = mission.payload();
        this.learning = mission.learning();
        this.link = mission.link();
        this.ground = mission.ground();
        List<String> names = mission.satellites().stream().map(s -> s.name()).toList();
        this.apids = new ApidPlan(names, link.apidBase());
        if (withoutFile == KeyOrigin.KEY_FILE) {
            throw new IllegalArgumentException("the origin of keys without a key file is GENERATED or DEMO_FROM_SEED");
        }
        if (ground.uplinkKeysFile().isPresent()) {
            if (withoutFile == KeyOrigin.DEMO_FROM_SEED) {
                throw mission.error("ground.uplink_keys_file",
                        "names a key file, and --demo-keys-from-seed asks for keys derived from the seed; give only one");
            }
            this.keyOrigin = KeyOrigin.KEY_FILE;
            this.keys = UplinkKeys.read(ground.uplinkKeysFile().get());
        } else {
            this.keyOrigin = withoutFile;
            this.keys = withoutFile == KeyOrigin.DEMO_FROM_SEED ? UplinkKeys.derivedFromSeed(names, mission.seed())
                    : UplinkKeys.generate(names, new java.security.SecureRandom());
        }
        this.analogFlow = AnalogOptimizer.FlowSolution.EXACT;
    }

    private ModuleStages(ModuleStages o, AnalogOptimizer.FlowSolution analogFlow) {
        this.mission = o.mission;
        this.settings = o.settings;
        this.power = o.power;
        this.payload = o.payload;
        this.learning = o.learning;
        this.experiment = o.experiment;
        this.link = o.link;
        this.ground = o.ground;
        this.apids = o.apids;
        this.keys = o.keys;
        this.keyOrigin = o.keyOrigin;
        this.ackJournal = o.ackJournal;
        this.clusters = o.clusters;
        this.analogFlow = analogFlow;
    }

    /**
     * @param flow how the analog engine's settle is computed (the benchmark's reference runs the
     *             integrated flow)
     * @return these stages with the analog engine solving its flow that way
     */
    public ModuleStages withAnalogFlow(AnalogOptimizer.FlowSolution flow) {
        return new ModuleStages(this, flow);
    }

    @Override
    public Optional<KeyOrigin> keyOrigin() {
        return Optional.of(keyOrigin);
    }

    @Override
    public Optional<UplinkKeys> generatedKeys() {
        return keyOrigin == KeyOrigin.GENERATED ? Optional.of(keys) : Optional.empty();
    }

    /**
     * Builds the training payload once (trainer and sample buffer) to refuse, before any run
     * starts and before any progress is drawn, a model that does not fit the memory budget.
     *
     * @param schedule any satellite's schedule (the stream's shape is the same for all)
     * @throws io.onorbit.ground.config.ConfigException naming {@code learning.memory_budget_bytes}
     */
    public void checkMemoryBudget(OnboardSchedule schedule) {
        int features = learning.createTask(schedule, 0).featureCount();
        try {
            TrainingPayload.of(payload, features, learning.trainer(), personalisation(schedule), optimizer(0));
        } catch (MemoryBudgetException e) {
            throw mission.error("learning.memory_budget_bytes", e.getMessage());
        }
    }

    /**
     * Fits the constellation's launch model on every satellite's commissioning span (see
     * {@link DeployedModel}); the loop's stages all carry it. Called once with the mission's
     * schedules before the stages are built (the ground stage does it if nobody did).
     *
     * @param schedules every satellite's schedule
     * @return the launch model
     */
    public synchronized DeployedModel fitLaunchModel(List<OnboardSchedule> schedules) {
        if (deployed == null) {
            deployed = DeployedModel.fit(schedules, learning, experiment);
        }
        return deployed;
    }

    private synchronized DeployedModel deployed() {
        if (deployed == null) {
            throw new IllegalStateException("the launch model is fitted on the whole constellation first (fitLaunchModel)");
        }
        return deployed;
    }



    @Override
    public java.util.OptionalDouble passMarginS() {
        return java.util.OptionalDouble.of(link.passMarginS());
    }

    @Override
    public Optional<String> trainingEngine() {
        return Optional.of(payload.engine().key());
    }

    private Optimizer optimizer(long seed) {
        if (payload.engine() == PayloadEngine.DIGITAL) {
            return DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        }
        AnalogOptimizer.Settings d = AnalogOptimizer.Settings.defaults();
        // Each satellite's engine has its own device mismatch and noise.
        return new AnalogOptimizer(new AnalogOptimizer.Settings(d.minOperatingPowerW(), d.maxOperatingPowerW(),
                d.tauEnergyPerCellJ(), d.dacBits(), d.adcBits(), d.mismatchSigma(), d.capacitanceF(), d.temperatureK(),
                d.fullScaleV(), d.conversionFomJ(), d.settleTolerance(), d.proximalStrength(), seed), analogFlow);
    }

    @Override
    public List<StageStatus> statuses() {
        List<StageStatus> s = new ArrayList<>();
        s.add(StageStatus.available("planning", "contact windows and eclipses computed on the ground from the orbits, "
                + "uplinked to each satellite as its onboard schedule"));
        s.add(StageStatus.available("power", "battery and solar array stepped with what the training payload really drew; "
                + "the training envelope is planned on board from the schedule (spacecraft.power)"));
        s.add(StageStatus.available("learning", "the onboard trainer on the " + learning.task().kind().label()
                + " task, run by the training payload (" + payload.engine().key() + " engine, " + payload.activeW()
                + " W training, " + payload.idleW() + " W idle) when the envelope allows, personalisation "
                + (chosenPersonalisation != null ? chosenPersonalisation : learning.personalisation()).kind().label()
                + " (learning, spacecraft.training_payload)"));
        s.add(StageStatus.available("link", "weight deltas compressed with error feedback, queued on flash and sent only "
                + "inside passes, in " + link.packetBytes() + " B packets (link)"));
        s.add(StageStatus.available("ground", "deltas archived (SQLite) and reviewed automatically (approved unless a "
                + "blocking flag; a stale base is not one), merged by " + ground.aggregator().rule().label()
                + " of the " + ground.aggregator().basis().label() + " weighted by staleness, "
                + (clusters.isEmpty() ? "one global model for all"
                        : "one global model per cluster (" + new java.util.TreeSet<>(clusters.values()).size() + " by "
                                + ground.clusters().label() + ")")
                + ", and uplinked as signed model updates"
                + " (keys " + keyOrigin.description() + ")"
                + " (ground)"));
        return s;
    }

    @Override
    public PowerStage power(OnboardSchedule schedule, int index, long seed) {
        return new FlightPowerStage(schedule, power);
    }

    /**
     * @param schedule any satellite's schedule (the stream's shape is the same for every satellite)
     * @return the mission's personalisation, {@code auto} chosen once: interpolation if the training payload fits
     *         the memory budget with a personal model, else none
     */
    private synchronized Personalisation personalisation(OnboardSchedule schedule) {
        if (chosenPersonalisation == null) {
            chosenPersonalisation = TrainingPayload.chosenPersonalisation(payload,
                    learning.createTask(schedule, 0).featureCount(), learning.trainer(), learning.personalisation(),
                    optimizer(0));
        }
        return chosenPersonalisation;
    }

    @Override
    public SensorStage sensors(OnboardSchedule schedule, int index, long seed) {
        DeployedModel launch = deployed();
        // The local-only baseline trains on an engine of its own with this satellite's devices.
        return new SensorStream(learning.createTask(schedule, seed), learning.trainer(), personalisation(schedule), optimizer(seed),
                launch.parameters(), launch.version(), experiment.fadingFactor());
    }

    @Override
    public FlightStage flight(OnboardSchedule schedule, int index, long seed) {
        DeployedModel launch = deployed();
        FlightConfig config = new FlightConfig(schedule, power, learning.trainer(), learning.createTask(schedule, seed).featureCount(),
                payload, link, apids, schedule.satellite(), keys.key(schedule.satellite()), launch.parameters(),
                launch.version(), settings.stepS(), settings.checkpointIntervalS(), FlightConfig.DEFAULT_DELTA_CADENCE_S,
                personalisation(schedule));
        return new FlightComputerStage(config, optimizer(seed));
    }

    @Override
    public GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile) {
        Path file = archiveFile;
        if (file == null) {
            try {
                file = Files.createTempFile("onorbit-archive-", ".db");
                Files.delete(file);
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary archive", e);
            }
        }
        DeployedModel launch = fitLaunchModel(schedules);
        int features = learning.createTask(schedules.get(0), 0).featureCount();
        return new GroundSegmentStage(schedules, link, apids, ground.review(), ground.aggregator(),
                new UplinkSigner(keys), keys, launch, learning.trainer().sharedParameterCount(features), file,
                ackJournal.map(io.onorbit.ground.link.AckJournal::create), clusters);
    }
}

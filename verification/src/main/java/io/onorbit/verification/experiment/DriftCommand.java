package io.onorbit.verification.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.task.TaskSpec;
import io.onorbit.verification.experiment.DriftExperiment;
import io.onorbit.verification.experiment.DriftOutcome;
import io.onorbit.flight.learning.memory.MemoryBudgetException;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.learning.task.TaskDataException;
import io.onorbit.verification.experiment.BudgetedTrainingPower;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.payload.PayloadEngine;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.verification.learning.DriftExperimentSettings;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.cli.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.onorbit.verification.cli.CommonOptions;
import io.onorbit.verification.cli.MissionOptions;
import io.onorbit.verification.cli.Outputs;
import io.onorbit.verification.cli.TextOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code onorbit experiment drift MISSION.yaml}: frozen vs onboard vs ground-retrain vs oracle on
 * drifting tasks, with recovery time, training energy and training memory.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Recovery from drift: frozen vs onboard vs ground-retrained vs oracle learners.")
public final class DriftCommand implements Callable<Integer> {

    /** Tasks run when --task is not given. */
    static final List<String> DEFAULT_TASKS = List.of("solar-array", "sea", "hyperplane");

    @Mixin
    MissionOptions missionOptions;

    @Option(names = "--task", paramLabel = "NAME",
            description = "solar-array (the default task), sea, hyperplane or csv:FILE; default: the first three.")
    String task;

    @Mixin
    CommonOptions.TableOrJson format;

    @Mixin
    CommonOptions.OutFile out;

    @Option(names = "--optimizer", defaultValue = "analog",
            description = "analog (default: the analog engine model) or digital (CPU baseline, SGD).")
    PayloadEngine engine;

    @Mixin
    Outputs.Force force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        boolean asJson = format.json("experiment drift");
        MissionFile file = missionOptions.loadFile();
        MissionConfig m = file.config();
        DriftExperimentSettings settings = file.driftExperiment();
        if (out.file().isPresent()) {
            Path csv = task != null && task.startsWith("csv:") ? Path.of(task.substring(4)) : null;
            Outputs.checkFile("--out", out.file().get(), force.on(), missionOptions.inputs()[0], missionOptions.inputs()[1], csv);
        }
        LearningConfig config = m.learning();
        PowerSystem powerSystem = m.power();
        Optimizer optimizer = switch (engine) {
            case ANALOG -> AnalogOptimizer.withDefaults();
            case DIGITAL -> DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        };
        OnboardSchedule schedule = MissionScheduleSource.firstSatellite(m, missionOptions.orbitContext());
        if (settings.warmupS() >= schedule.durationS()) {
            throw new UserInputException("the span (" + schedule.durationS() / 86400 + " days) must be longer than"
                    + " learning.experiment.warmup_days (" + settings.warmupS() / 86400 + ")");
        }
        DriftExperiment experiment = new DriftExperiment(config.trainer(), settings, optimizer);
        List<DriftOutcome> outcomes = new ArrayList<>();
        boolean taskInFile = config.taskChosen();
        List<String> tasks = task != null ? List.of(task)
                : taskInFile ? List.of(config.task().kind() == TaskSpec.Kind.CSV
                        ? "csv:" + config.task().csvFile().orElseThrow() : config.task().kind().label())
                : DEFAULT_TASKS;
        io.onorbit.verification.cli.ProgressBar bar = io.onorbit.verification.cli.ProgressBar.start("experiment drift", spec,
                io.onorbit.verification.cli.ProgressBar.Mode.of(spec), tasks.size(), " tasks", 1);
        try (var stop = io.onorbit.verification.cli.StopNotice.register(spec.commandLine().getErr(), bar,
                () -> "nothing was written (the results are printed only when every task has run)")) {
        for (String name : tasks) {
            try {
                // A fresh battery and envelope per task: every task sees the same power history.
                BudgetedTrainingPower power = BudgetedTrainingPower.envelope(schedule, powerSystem, config.solar().samplePeriodS());
                outcomes.add(experiment.run(createTask(name, schedule, config), schedule.contacts(), power));
            } catch (MemoryBudgetException e) {
                throw new UserInputException(missionOptions.file().getFileName() + ": learning.memory_budget_bytes: " + e.getMessage());
            }
            bar.stepTo(outcomes.size());
        }
        } finally {
            bar.finish();
        }
        String name = m.name();
        String text = asJson ? json(name, schedule, optimizer, config, settings, outcomes)
                : table(name, schedule, optimizer, config, settings, outcomes);
        TextOutput.write(text, out.file().orElse(null), spec.commandLine().getOut());
        return 0;
    }

    private DriftTask createTask(String name, OnboardSchedule schedule, LearningConfig config) {
        long seed = config.trainer().seed();
        String lower = name.toLowerCase(Locale.ROOT);
        TaskSpec spec;
        if (lower.startsWith("csv:")) {
            spec = config.task().withCsvFile(Path.of(name.substring(4)));
        } else {
            try {
                spec = config.task().withKind(TaskSpec.Kind.parse(lower));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--task '" + name + "' is not one of solar-array, sea, hyperplane, csv:FILE");
            }
            if (spec.kind() == TaskSpec.Kind.CSV) {
                throw new UserInputException("--task csv needs a file: csv:FILE");
            }
        }
        try {
            return config.withTask(spec).createTask(schedule, seed);
        } catch (TaskDataException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    static String json(String mission, OnboardSchedule schedule, Optimizer optimizer, LearningConfig config,
                       DriftExperimentSettings settings, List<DriftOutcome> outcomes) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("mission", mission);
        root.put("satellite", schedule.satellite());
        root.put("days", schedule.durationS() / 86400);
        root.put("schedule", "mission planner, first satellite");
        root.put("envelope", ENVELOPE);
        root.put("optimizer", optimizer.name());
        root.put("memory_budget_bytes", config.trainer().memoryBudgetBytes());
        ArrayNode tasks = root.putArray("tasks");
        double energyJ = 0;
        long peak = 0;
        for (DriftOutcome o : outcomes) {
            ObjectNode t = tasks.addObject();
            t.put("name", o.task());
            t.put("error_unit", errorUnit(o));
            t.put("samples", o.evaluatedSamples());
            ObjectNode e = t.putObject("error");
            number(e, "frozen", o.errorFrozen());
            number(e, "onboard", o.errorOnboard());
            number(e, "ground_retrain", o.errorGroundRetrain());
            number(e, "oracle", o.errorOracle());
            number(t, "recovery_time_s", o.firstRecoveryTimeS());
            number(t, "recovery_90_time_s", o.firstRecovery90TimeS());
            number(t, "oracle_recovery_90_time_s", o.firstOracleRecovery90TimeS());
            t.put("recovery_window_s", settings.recoveryWindowS());
            t.put("recovery_hold_s", settings.recoveryHoldS());
            ArrayNode drifts = t.putArray("drifts");
            for (DriftOutcome.Recovery r : o.recoveries()) {
                ObjectNode d = drifts.addObject();
                d.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
                d.put("time_s", r.driftTimeS());
                d.put("rule", r.kind() == DriftOutcome.DriftKind.ABRUPT
                        ? "window mean excess over the true concept's loss back within 10 % of the error lost + 2 standard"
                                + " errors (Welch, batch means) of its pre-drift level, held; error lost = the pre-drift"
                                + " concept's mean excess over the new one in the day after the drift"
                        : "window mean within 10 % of the oracle's (paired on the same samples, 2 standard errors)");
                number(d, "error_lost", r.errorLost());
                d.put("error_lost_unit", errorUnit(o));
                number(d, "recovery_90_time_s", r.recovery90TimeS());
                number(d, "oracle_recovery_90_time_s", r.oracleRecovery90TimeS());
                number(d, "recovery_time_s", r.recoveryTimeS());
            }
            t.put("training_energy_wh", o.trainingEnergyJ() / 3600);
            t.put("peak_training_memory_bytes", o.peakTrainingMemoryBytes());
            t.put("updates", o.updates());
            t.put("skipped_updates", o.skippedUpdates());
            t.put("changes_detected", o.changesDetected());
            t.put("changes_taken_back", o.changesTakenBack());
            t.put("ground_models_delivered", o.groundModelsDelivered());
            ObjectNode goal = t.putObject("goal");
            List<DriftOutcome.Recovery> abrupt = o.recoveries().stream()
                    .filter(r -> r.kind() == DriftOutcome.DriftKind.ABRUPT).toList();
            if (abrupt.isEmpty()) {
                goal.putNull("recovered_90_within_one_day");
            } else {
                goal.put("recovered_90_within_one_day", abrupt.stream().allMatch(r -> r.recovery90TimeS() <= 86400));
            }
            Optional<DriftOutcome.Recovery> gradual = o.recoveries().stream()
                    .filter(r -> r.kind() == DriftOutcome.DriftKind.GRADUAL).findFirst();
            if (gradual.isEmpty() || !Double.isFinite(gradual.get().oracleRecovery90TimeS())) {
                goal.putNull("tracks_gradual_drift_within_one_day");
            } else {
                goal.put("tracks_gradual_drift_within_one_day", gradual.get().recovery90TimeS() <= 86400);
            }
            goal.put("beats_frozen", o.errorOnboard() < o.errorFrozen());
            goal.put("within_memory_budget", o.peakTrainingMemoryBytes() <= config.trainer().memoryBudgetBytes());
            goal.put("not_above_ground_retrain", o.errorOnboard() <= o.errorGroundRetrain());
            energyJ += o.trainingEnergyJ();
            peak = Math.max(peak, o.peakTrainingMemoryBytes());
        }
        root.put("training_energy_wh", energyJ / 3600);
        root.put("peak_training_memory_bytes", peak);
        try {
            return mapper.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    private static String errorUnit(DriftOutcome o) {
        return o.classification() ? "misclassification rate (fraction of samples)" : "mean absolute error, " + o.labelUnit();
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static final String ENVELOPE = "power budget training envelope (spacecraft.power), battery stepped"
            + " with the training energy drawn";

    static String table(String mission, OnboardSchedule schedule, Optimizer optimizer, LearningConfig config,
                        DriftExperimentSettings settings, List<DriftOutcome> outcomes) {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        w.printf(Locale.ROOT, "drift experiment: %s, %s, %.1f days%n", mission, schedule.satellite(),
                schedule.durationS() / 86400);
        w.printf(Locale.ROOT, "envelope: %s%noptimizer: %s%n%n", ENVELOPE, optimizer.name());
        w.printf(Locale.ROOT, "%-12s %9s %9s %9s %9s %12s %12s %12s %11s %9s%n", "task", "frozen", "onboard", "ground",
                "oracle", "recover90 h", "oracle90 h", "vs oracle h", "energy J", "memory B");
        double energyJ = 0;
        long peak = 0;
        for (DriftOutcome o : outcomes) {
            w.printf(Locale.ROOT, "%-12s %9s %9s %9s %9s %12s %12s %12s %11.3g %9d%n", o.task(), fmt(o.errorFrozen()),
                    fmt(o.errorOnboard()), fmt(o.errorGroundRetrain()), fmt(o.errorOracle()),
                    hours(o.firstRecovery90TimeS(), o.recoveries().isEmpty()),
                    hours(o.firstOracleRecovery90TimeS(), o.recoveries().isEmpty()),
                    hours(o.firstRecoveryTimeS(), o.recoveries().isEmpty()), o.trainingEnergyJ(),
                    o.peakTrainingMemoryBytes());
            for (DriftOutcome.Recovery r : o.recoveries()) {
                w.printf(Locale.ROOT, "  %-8s drift at %8.2f h: error lost %s, recovered (90 %%) after %s h, oracle %s h, "
                        + "within 10 %% of oracle after %s h%n", r.kind().name().toLowerCase(Locale.ROOT),
                        r.driftTimeS() / 3600, fmt(r.errorLost()), hours(r.recovery90TimeS(), false),
                        hours(r.oracleRecovery90TimeS(), false), hours(r.recoveryTimeS(), false));
            }
            energyJ += o.trainingEnergyJ();
            peak = Math.max(peak, o.peakTrainingMemoryBytes());
        }
        w.printf(Locale.ROOT, "%nerrors: time-averaged mean absolute error (regression, label units) or"
                + " misclassification rate (sea, hyperplane); '-' = not applicable or never%n");
        w.printf(Locale.ROOT, "recovery: judged on %.1f h trailing-window mean errors held %.0f s (h = hours after the drift);"
                + " ground: refit every %.1f days on a %.1f-day sliding window, used from the first contact %.1f days later%n",
                settings.recoveryWindowS() / 3600, settings.recoveryHoldS(),
                settings.groundRetrainIntervalS() / 86400, settings.groundWindowS() / 86400,
                settings.groundLatencyS() / 86400);
        w.printf(Locale.ROOT, "training energy %.3g Wh, peak training memory %d B of %d B%n", energyJ / 3600, peak,
                config.trainer().memoryBudgetBytes());
        w.flush();
        return sw.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    private static String hours(double s, boolean none) {
        return none || !Double.isFinite(s) ? "-" : String.format(Locale.ROOT, "%.2f", s / 3600);
    }
}

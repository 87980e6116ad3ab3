package io.onorbit.ground.config;

import io.onorbit.flight.learning.ChangeDetectorSettings;
import io.onorbit.flight.learning.IterateAveragingSettings;
import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OutputRlsSettings;
import io.onorbit.flight.learning.StepRule;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import io.onorbit.flight.learning.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the mission file's {@code learning} section (see mission-configs/SCHEMA.md) into a
 * {@link LearningConfig}. Every key is optional; unknown keys and out-of-range values are reported
 * as one line naming file, field and reason. {@code learning.experiment} is allowed here but not
 * read: it holds the ground's drift study settings, which {@code verification} reads from the same
 * parsed document (the way {@code link.experiment} is left to the compression study).
 */
public final class LearningConfigReader {

    private static final double DAY_S = 86400.0;

    private LearningConfigReader() {
    }

    /**
     * {@code learning.change_detector}: {@code enabled} (true when the section is there) and the
     * CUSUM's settings, each defaulting to the default learner's detector (to
     * {@link ChangeDetectorSettings#defaults()} when the default learner has none).
     */
    private static Optional<ChangeDetectorSettings> changeDetector(ConfigNode learning,
                                                                   Optional<ChangeDetectorSettings> byDefault) {
        if (!learning.has("change_detector")) {
            return byDefault;
        }
        ConfigNode c = learning.required("change_detector");
        c.allowOnly(List.of("enabled", "allowance", "threshold", "reference_samples", "open_step_updates",
                "catch_up_passes", "confirm_samples", "in_control_run_samples"));
        ChangeDetectorSettings d = byDefault.orElse(ChangeDetectorSettings.defaults());
        if (!c.bool("enabled", true)) {
            if (c.has("allowance") || c.has("threshold") || c.has("reference_samples") || c.has("open_step_updates")
                    || c.has("catch_up_passes") || c.has("confirm_samples") || c.has("in_control_run_samples")) {
                throw c.error("enabled", "false takes no other change_detector key");
            }
            return Optional.empty();
        }
        if (c.has("threshold") && c.has("in_control_run_samples")) {
            throw c.error("in_control_run_samples", "derives the threshold; set one of threshold and in_control_run_samples");
        }
        OptionalDouble runSamples = c.has("in_control_run_samples")
                ? OptionalDouble.of(c.number("in_control_run_samples", ChangeDetectorSettings.MIN_IN_CONTROL_RUN_SAMPLES,
                        ChangeDetectorSettings.MAX_IN_CONTROL_RUN_SAMPLES))
                : d.inControlRunSamples();
        return Optional.of(new ChangeDetectorSettings(c.number("allowance", d.allowance(), 1e-6, 100),
                c.number("threshold", d.threshold(), 1e-6, 1e6),
                (int) c.integer("reference_samples", d.referenceSamples(), 2, 100_000_000),
                c.number("open_step_updates", d.openStepUpdates(), 1e-6, 1e9),
                (int) c.integer("catch_up_passes", d.catchUpPasses(), 0, ChangeDetectorSettings.MAX_CATCH_UP_PASSES),
                confirmSamples(c, d.confirmSamples()),
                c.has("threshold") ? OptionalDouble.empty() : runSamples));
    }

    /** {@code change_detector.confirm_samples}: 0 (off) or a count in the confirmation's range. */
    private static int confirmSamples(ConfigNode c, int byDefault) {
        int v = (int) c.integer("confirm_samples", byDefault, 0, ChangeDetectorSettings.MAX_CONFIRM_SAMPLES);
        if (v != 0 && v < ChangeDetectorSettings.MIN_CONFIRM_SAMPLES) {
            throw c.error("confirm_samples", v + " must be 0 (off) or at least " + ChangeDetectorSettings.MIN_CONFIRM_SAMPLES);
        }
        return v;
    }

    /**
     * {@code learning.iterate_averaging}: {@code enabled} (true when the section is there), {@code window_updates}
     * and {@code serve}, each defaulting to the default learner's (to {@link IterateAveragingSettings#defaults()}
     * when it has none); absent: the default learner's choice. {@code serve: after_change} needs the change
     * detector and the variable step, checked by the caller once both are read.
     */
    private static Optional<IterateAveragingSettings> iterateAveraging(ConfigNode learning,
                                                                       Optional<IterateAveragingSettings> byDefault) {
        if (!learning.has("iterate_averaging")) {
            return byDefault;
        }
        ConfigNode a = learning.required("iterate_averaging");
        a.allowOnly(List.of("enabled", "window_updates", "serve"));
        if (!a.bool("enabled", true)) {
            if (a.has("window_updates") || a.has("serve")) {
                throw a.error("enabled", "false takes no other iterate_averaging key");
            }
            return Optional.empty();
        }
        IterateAveragingSettings d = byDefault.orElse(IterateAveragingSettings.defaults());
        IterateAveragingSettings.Serving serving = IterateAveragingSettings.Serving.valueOf(a.choice("serve",
                d.serving().label(), Set.of("always", "after_change")).toUpperCase(Locale.ROOT));
        return Optional.of(new IterateAveragingSettings(a.number("window_updates", d.windowUpdates(), 1,
                IterateAveragingSettings.MAX_WINDOW_UPDATES), serving));
    }

    /**
     * {@code learning.output_rls}: {@code memory_samples} and {@code proximal_weight}, each defaulting
     * to the default learner's (to {@link OutputRlsSettings#defaults()} when it has none); absent: the
     * default learner's choice.
     */
    private static Optional<OutputRlsSettings> outputRls(ConfigNode learning, TrainableSubset.Kind subset,
                                                         Optional<OutputRlsSettings> byDefault) {
        if (!learning.has("output_rls")) {
            return byDefault;
        }
        ConfigNode c = learning.required("output_rls");
        c.allowOnly(List.of("enabled", "memory_samples", "proximal_weight"));
        if (!c.bool("enabled", true)) {
            if (c.has("memory_samples") || c.has("proximal_weight")) {
                throw c.error("enabled", "false takes no other output_rls key");
            }
            return Optional.empty();
        }
        if (subset == TrainableSubset.Kind.BIASES) {
            throw learning.error("output_rls", "needs trainable full, last_layer or sparse_rows (the output layer's"
                    + " weights), not biases");
        }
        OutputRlsSettings d = byDefault.orElse(OutputRlsSettings.defaults());
        return Optional.of(new OutputRlsSettings(c.number("memory_samples", d.memorySamples(), 2, 1e9),
                c.number("proximal_weight", d.proximalWeight(), 1e-9, 1e6)));
    }

    /**
     * @param root the mission file's root node
     * @return the learning configuration (defaults where absent)
     */
    public static LearningConfig read(ConfigNode root) {
        LearningConfig d = LearningConfig.defaults();
        if (!root.has("learning")) {
            return d;
        }
        ConfigNode n = root.required("learning");
        n.allowOnly(List.of("model", "trainable", "sparse_row_fraction", "learning_rate", "proximal_weight",
                "batch_size", "replay_capacity", "replay_per_update", "memory_budget_bytes", "seed", "task",
                "experiment", "personal_layers", "step_rule", "personalisation", "mixing_memory_samples",
                "federated_step_scale", "min_learning_rate", "change_detector", "iterate_averaging", "output_rls"));
        LearningSettings t = d.trainer();
        int[] hidden = t.hiddenLayers();
        if (n.has("model")) {
            ConfigNode m = n.required("model");
            m.allowOnly(List.of("hidden_layers"));
            if (m.has("hidden_layers")) {
                List<ConfigNode> widths = m.list("hidden_layers");
                if (widths.size() > 8) {
                    throw m.error("hidden_layers", "at most 8 hidden layers, got " + widths.size());
                }
                hidden = new int[widths.size()];
                for (int i = 0; i < hidden.length; i++) {
                    ConfigNode w = widths.get(i);
                    if (!w.raw().isIntegralNumber() || w.raw().asLong() < 1 || w.raw().asLong() > 4096) {
                        throw w.error("'" + w.raw().asText() + "' must be a whole number in [1, 4096]");
                    }
                    hidden[i] = w.raw().asInt();
                }
            }
        }
        TrainableSubset.Kind subset = TrainableSubset.Kind.valueOf(n.choice("trainable",
                t.subset().name().toLowerCase(Locale.ROOT), Set.of("full", "last_layer", "biases", "sparse_rows"))
                .toUpperCase(Locale.ROOT));
        int replayCapacity = (int) n.integer("replay_capacity", t.replayCapacity(), 0, 100_000);
        int replayPerUpdate = (int) n.integer("replay_per_update", replayCapacity == 0 ? 0 : t.replayPerUpdate(), 0, 100_000);
        if (replayCapacity == 0 && replayPerUpdate > 0) {
            throw n.error("replay_per_update", "must be 0 when replay_capacity is 0");
        }
        StepRule stepRule = StepRule.valueOf(n.choice("step_rule", t.stepRule().name().toLowerCase(Locale.ROOT),
                Set.of("sgd", "nlms", "vss_nlms")).toUpperCase(Locale.ROOT));
        double learningRate = n.number("learning_rate", t.learningRate(), 1e-9, 100);
        if (stepRule.normalised() && !(learningRate < StepRule.NLMS_MAX_RATE)) {
            throw n.error("learning_rate", learningRate + " must be below " + StepRule.NLMS_MAX_RATE
                    + " with step_rule " + stepRule.name().toLowerCase(Locale.ROOT)
                    + " (the normalised step is stable only below 2)");
        }
        double minLearningRate = Math.min(t.minLearningRate(), learningRate);
        if (n.has("min_learning_rate")) {
            if (stepRule != StepRule.VSS_NLMS) {
                throw n.error("min_learning_rate", "applies only to step_rule vss_nlms (the variable step); step_rule is "
                        + stepRule.name().toLowerCase(Locale.ROOT));
            }
            minLearningRate = n.number("min_learning_rate", minLearningRate, 1e-9, StepRule.NLMS_MAX_RATE);
            if (minLearningRate > learningRate) {
                throw n.error("min_learning_rate", minLearningRate + " must not exceed learning_rate " + learningRate
                        + " (the variable step's largest rate)");
            }
        }
        LearningSettings trainer = new LearningSettings(hidden, subset,
                n.number("sparse_row_fraction", t.sparseRowFraction(), 1e-6, 1), learningRate, minLearningRate, stepRule,
                n.number("proximal_weight", t.proximalWeight(), 1e-9, 1e6),
                (int) n.integer("batch_size", t.batchSize(), 1, 100_000), replayCapacity, replayPerUpdate,
                n.integer("memory_budget_bytes", t.memoryBudgetBytes(), 1024, 1L << 40),
                n.integer("seed", t.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                (int) n.integer("personal_layers", Math.min(t.personalLayers(), hidden.length), 0, hidden.length),
                changeDetector(n, t.changeDetector()), iterateAveraging(n, t.iterateAveraging()),
                outputRls(n, subset, t.outputRls()));
        if (n.child("iterate_averaging").map(a -> a.has("serve")).orElse(false)
                && trainer.iterateAveraging().get().serving() == IterateAveragingSettings.Serving.AFTER_CHANGE
                && !trainer.changeOpensStepAboveFloor()) {
            throw n.required("iterate_averaging").error("serve", "after_change needs the change detector, step_rule"
                    + " vss_nlms and a trainable subset other than last_layer (the opened step above the variable"
                    + " step's floor is when it serves); use always");
        }

        SolarArrayScenario s = d.solar();
        TaskSpec task = d.task();
        if (n.has("task")) {
            ConfigNode k = n.required("task");
            k.allowOnly(List.of("kind", "file", "sea_concept_days", "sample_period_s", "strings", "failed_strings",
                    "string_failure_day", "degradation_pct_per_year", "sensor_bias_drift_k_per_day", "noise_pct"));
            TaskSpec.Kind kind = TaskSpec.Kind.parse(k.choice("kind", task.kind().label(),
                    Set.of("solar-array", "sea", "hyperplane", "csv")));
            int strings = (int) k.integer("strings", s.strings(), 1, 1000);
            int failed = (int) k.integer("failed_strings", s.failedStrings(), 0, 999);
            if (failed >= strings) {
                throw k.error("failed_strings", failed + " must be below strings (" + strings + ")");
            }
            double failureS = k.number("string_failure_day", s.stringFailureTimeS() / DAY_S, 0, 36_500) * DAY_S;
            double periodS = k.number("sample_period_s", s.samplePeriodS(), 1, 86_400);
            s = new SolarArrayScenario(periodS, strings, failed, failureS,
                    k.number("degradation_pct_per_year", s.degradationPerYear() * 100, 0, 50) / 100,
                    k.number("sensor_bias_drift_k_per_day", s.sensorBiasDriftKPerDay(), -10, 10),
                    k.number("noise_pct", s.noiseFraction() * 100, 0, 50) / 100, trainer.seed());
            task = task.withSamplePeriodS(periodS)
                    .withSeaConceptS(k.number("sea_concept_days", task.seaConceptS() / DAY_S, 0.001, 36_500) * DAY_S);
            if (kind == TaskSpec.Kind.CSV) {
                if (!k.has("file")) {
                    throw k.error("file", "kind csv needs a file (columns time_s,<features...>,label)");
                }
                Path file = Path.of(k.string("file")); // relative: to the working directory, like every command-line path
                if (!Files.isReadable(file)) {
                    throw k.error("file", file + " cannot be read");
                }
                task = task.withCsvFile(file);
            } else if (k.has("file")) {
                throw k.error("file", "only kind csv reads a file");
            } else {
                task = task.withKind(kind);
            }
        }
        boolean taskChosen = n.child("task").map(k -> k.has("kind")).orElse(false);
        Personalisation p = d.personalisation();
        Personalisation.Kind kind = Personalisation.Kind.valueOf(n.choice("personalisation", p.kind().label(),
                Set.of("auto", "interpolation", "none")).toUpperCase(Locale.ROOT));
        p = new Personalisation(kind, n.number("mixing_memory_samples", p.mixingMemorySamples(), 2, 1e9),
                n.number("federated_step_scale", p.federatedStepScale(), 1e-6, 1));
        return new LearningConfig(trainer, s, task, taskChosen, p);
    }
}

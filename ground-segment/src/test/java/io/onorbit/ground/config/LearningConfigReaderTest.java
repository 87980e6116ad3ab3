package io.onorbit.ground.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.learning.IterateAveragingSettings;
import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningConfigReaderTest {

    @TempDir
    Path dir;

    private ConfigNode yaml(String text) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, "mission: t\n" + text);
        return YamlFiles.read(f);
    }

    @Test
    void absentSectionGivesTheDefaults() throws Exception {
        LearningConfig c = LearningConfigReader.read(yaml("seed: 1\n"));
        assertThat(c).isEqualTo(LearningConfig.defaults());
        assertThat(c.trainer().memoryBudgetBytes()).isEqualTo(65536);
    }

    @Test
    void readsEveryGroup() throws Exception {
        LearningConfig c = LearningConfigReader.read(yaml("""
                learning:
                  model: {hidden_layers: [16, 8]}
                  trainable: sparse_rows
                  sparse_row_fraction: 0.5
                  batch_size: 4
                  memory_budget_bytes: 32768
                  task: {string_failure_day: 2.5, degradation_pct_per_year: 4, noise_pct: 2}
                  experiment: {ground_latency_days: 5, fading_factor: 0.99}
                """));
        assertThat(c.trainer().hiddenLayers()).containsExactly(16, 8);
        assertThat(c.trainer().subset()).isEqualTo(TrainableSubset.Kind.SPARSE_ROWS);
        assertThat(c.trainer().sparseRowFraction()).isEqualTo(0.5);
        assertThat(c.trainer().batchSize()).isEqualTo(4);
        assertThat(c.trainer().memoryBudgetBytes()).isEqualTo(32768);
        assertThat(c.solar().stringFailureTimeS()).isEqualTo(2.5 * 86400);
        assertThat(c.task().kind()).isEqualTo(io.onorbit.flight.learning.task.TaskSpec.Kind.SOLAR_ARRAY);
        assertThat(c.solar().degradationPerYear()).isEqualTo(0.04);
        assertThat(c.solar().noiseFraction()).isEqualTo(0.02);
        // learning.experiment is the ground's drift study (read by verification): allowed, not read here.
    }

    @Test
    void taskKindAndAbsoluteDriftOnsets() throws Exception {
        LearningConfig c = LearningConfigReader.read(yaml("""
                learning:
                  task: {kind: sea, sea_concept_days: 1.5}
                """));
        assertThat(c.task().kind()).isEqualTo(io.onorbit.flight.learning.task.TaskSpec.Kind.SEA);
        assertThat(c.task().seaConceptS()).isEqualTo(1.5 * 86400);
        assertThat(LearningConfigReader.read(yaml("mission: x\n")).solar().stringFailureTimeS())
                .as("absolute default, not a fraction of the span").isEqualTo(2 * 86400.0);
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  task: {kind: csv}\n")))
                .hasMessageContaining("learning.task.file: kind csv needs a file");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  task: {kind: moa}\n")))
                .hasMessageContaining("learning.task.kind: 'moa' is not one of");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  task: {kind: csv, file: /nonexistent/x.csv}\n")))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void personalisationAndItsMixingMemory() throws Exception {
        assertThat(LearningConfigReader.read(yaml("seed: 1\n")).personalisation())
                .isEqualTo(io.onorbit.flight.learning.Personalisation.defaults());
        LearningConfig c = LearningConfigReader.read(yaml("learning:\n  personalisation: none\n  mixing_memory_samples: 500\n"));
        assertThat(c.personalisation().kind()).isEqualTo(io.onorbit.flight.learning.Personalisation.Kind.NONE);
        assertThat(c.personalisation().mixingMemorySamples()).isEqualTo(500);
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  personalisation: ditto\n")))
                .hasMessageContaining("learning.personalisation: 'ditto' is not one of");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  mixing_memory_samples: 1\n")))
                .hasMessageContaining("learning.mixing_memory_samples");
        assertThat(LearningConfigReader.read(yaml("learning:\n  federated_step_scale: 0.5\n")).personalisation()
                .federatedStepScale()).isEqualTo(0.5);
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  federated_step_scale: 0\n")))
                .hasMessageStartingWith("m.yaml: learning.federated_step_scale:");
    }

    @Test
    void theStepRuleIsReadAndANormalisedRateAtTheStabilityLimitIsRefused() throws Exception {
        assertThat(LearningConfigReader.read(yaml("learning:\n  step_rule: sgd\n  learning_rate: 100\n")).trainer().stepRule())
                .isEqualTo(io.onorbit.flight.learning.StepRule.SGD);
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  step_rule: sgd\n  learning_rate: 100.5\n")))
                .hasMessageStartingWith("m.yaml: learning.learning_rate:");
        assertThat(LearningConfigReader.read(yaml("learning:\n  learning_rate: 1.999\n")).trainer().learningRate())
                .as("the default rule is normalised").isEqualTo(1.999);
        assertThat(LearningConfigReader.read(yaml("learning:\n  step_rule: vss_nlms\n")).trainer().stepRule())
                .isEqualTo(io.onorbit.flight.learning.StepRule.VSS_NLMS);
        assertThat(LearningConfigReader.read(yaml("learning:\n  step_rule: vss_nlms\n  min_learning_rate: 0.4\n")).trainer()
                .minLearningRate()).isEqualTo(0.4);
        assertThat(LearningConfigReader.read(yaml("learning:\n  step_rule: sgd\n  learning_rate: 0.2\n")).trainer()
                .minLearningRate()).as("the default floor is capped at a smaller rate").isEqualTo(0.2);
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  step_rule: nlms\n  min_learning_rate: 0.4\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: learning.min_learning_rate: applies only to step_rule vss_nlms (the variable step);"
                        + " step_rule is nlms");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml(
                "learning:\n  step_rule: vss_nlms\n  learning_rate: 0.5\n  min_learning_rate: 0.6\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.min_learning_rate: 0.6 must not exceed learning_rate 0.5");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  step_rule: vss_nlms\n  learning_rate: 2\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.learning_rate: 2.0 must be below 2.0 with step_rule vss_nlms");
        assertThat(LearningConfigReader.read(yaml("learning:\n  step_rule: nlms\n  learning_rate: 1.5\n")).trainer()
                .learningRate()).isEqualTo(1.5);
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  step_rule: nlms\n  learning_rate: 2\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.learning_rate: 2.0 must be below 2.0 with step_rule nlms");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  step_rule: adam\n")))
                .hasMessageContaining("learning.step_rule: 'adam' is not one of");
    }

    @Test
    void badValuesAreOneLineNamingTheField() throws Exception {
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  batch_sise: 4\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.batch_sise: unknown key (did you mean 'batch_size'?)");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  trainable: everything\n")))
                .hasMessageContaining("learning.trainable: 'everything' is not one of");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  model: {hidden_layers: [16, 0]}\n")))
                .hasMessageContaining("learning.model.hidden_layers[1]: '0' must be a whole number in [1, 4096]");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  task: {strings: 4, failed_strings: 4}\n")))
                .hasMessageContaining("learning.task.failed_strings: 4 must be below strings (4)");
    }

    @Test
    void changeDetectorIsReadWithDefaultsForTheKeysLeftOutAndCanBeSwitchedOff() throws Exception {
        var defaults = io.onorbit.flight.learning.ChangeDetectorSettings.defaults();
        var d = LearningConfigReader.read(yaml("learning:\n  change_detector: {threshold: 80}\n")).trainer()
                .changeDetector().orElseThrow();
        assertThat(d.threshold()).isEqualTo(80);
        assertThat(d.allowance()).isEqualTo(defaults.allowance());
        assertThat(d.referenceSamples()).isEqualTo(defaults.referenceSamples());
        assertThat(d.openStepUpdates()).isEqualTo(defaults.openStepUpdates());
        assertThat(d.catchUpPasses()).isEqualTo(defaults.catchUpPasses());
        assertThat(d.confirmSamples()).isEqualTo(defaults.confirmSamples()).isEqualTo(360);
        var all = LearningConfigReader.read(yaml("learning:\n  change_detector: {allowance: 0.3, threshold: 40,"
                + " reference_samples: 720, open_step_updates: 100, catch_up_passes: 3, confirm_samples: 360}\n"))
                .trainer().changeDetector().orElseThrow();
        assertThat(all).isEqualTo(new io.onorbit.flight.learning.ChangeDetectorSettings(0.3, 40, 720, 100, 3, 360));
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {confirm_samples: 5}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: learning.change_detector.confirm_samples: 5 must be 0 (off) or at least 16");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {catch_up_passes: 17}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.change_detector.catch_up_passes:");
        assertThat(LearningConfigReader.read(yaml("learning:\n  change_detector: {enabled: false}\n")).trainer()
                .changeDetector()).isEmpty();
        assertThat(LearningConfigReader.read(yaml("learning:\n  seed: 3\n")).trainer().changeDetector())
                .isEqualTo(io.onorbit.flight.learning.LearningSettings.defaults().changeDetector());
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {enabled: false, threshold: 3}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: learning.change_detector.enabled: false takes no other change_detector key");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {threshold: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: learning.change_detector.threshold:");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {delay: 3}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("learning.change_detector");
    }

    @Test
    void outputRlsIsOffByDefaultAndReadWithItsOwnDefaultsAndRanges() throws Exception {
        assertThat(LearningConfigReader.read(yaml("learning:\n  seed: 3\n")).trainer().outputRls()).isEmpty();
        var defaults = io.onorbit.flight.learning.OutputRlsSettings.defaults();
        assertThat(LearningConfigReader.read(yaml("learning:\n  output_rls: {}\n")).trainer().outputRls())
                .contains(defaults);
        assertThat(LearningConfigReader.read(yaml("learning:\n  output_rls: {memory_samples: 200, proximal_weight: 0.3}\n"))
                .trainer().outputRls()).contains(new io.onorbit.flight.learning.OutputRlsSettings(200, 0.3));
        assertThat(LearningConfigReader.read(yaml("learning:\n  output_rls: {enabled: false}\n")).trainer().outputRls())
                .isEmpty();
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  output_rls: {memory_samples: 1}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.output_rls.memory_samples:");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  output_rls: {enabled: false, memory_samples: 9}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: learning.output_rls.enabled: false takes no other output_rls key");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  trainable: biases\n  output_rls: {}\n")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: learning.output_rls:");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  output_rls: {lambda: 0.99}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("learning.output_rls");
    }

    @Test
    void iterateAveragingIsServedAfterAChangeByDefaultAndAlwaysOnRequest() throws Exception {
        IterateAveragingSettings afterChange = new IterateAveragingSettings(60, IterateAveragingSettings.Serving.AFTER_CHANGE);
        assertThat(LearningConfigReader.read(yaml("learning:\n  seed: 3\n")).trainer().iterateAveraging())
                .contains(afterChange);
        assertThat(LearningConfigReader.read(yaml("learning:\n  iterate_averaging: {serve: always}\n")).trainer()
                .iterateAveraging()).contains(afterChange.withServing(IterateAveragingSettings.Serving.ALWAYS));
        assertThat(LearningConfigReader.read(yaml("learning:\n  iterate_averaging: {window_updates: 30}\n")).trainer()
                .iterateAveraging()).contains(new IterateAveragingSettings(30, IterateAveragingSettings.Serving.AFTER_CHANGE));
        assertThat(LearningConfigReader.read(yaml("learning:\n  iterate_averaging: {enabled: false}\n")).trainer()
                .iterateAveraging()).isEmpty();
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  iterate_averaging: {window_updates: 0.5}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.iterate_averaging.window_updates:");
        assertThatThrownBy(() -> LearningConfigReader.read(
                yaml("learning:\n  iterate_averaging: {enabled: false, window_updates: 60}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: learning.iterate_averaging.enabled: false takes no other iterate_averaging key");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  iterate_averaging: {span: 3}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("learning.iterate_averaging");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  iterate_averaging: {serve: sometimes}\n")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: learning.iterate_averaging.serve:");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  step_rule: nlms\n"
                + "  iterate_averaging: {serve: after_change}\n")))
                .isInstanceOf(ConfigException.class).hasMessage("m.yaml: learning.iterate_averaging.serve: after_change"
                        + " needs the change detector, step_rule vss_nlms and a trainable subset other than last_layer"
                        + " (the opened step above the variable step's floor is when it serves); use always");
        assertThat(LearningConfigReader.read(yaml("learning:\n  change_detector: {enabled: false}\n")).trainer()
                .iterateAveraging()).as("the default is kept; the trainer allocates nothing for it without a detector")
                .contains(afterChange);
    }

    @Test
    void aTargetRunLengthReplacesTheThresholdAndIsOffByDefault() throws Exception {
        assertThat(LearningConfigReader.read(yaml("learning:\n  seed: 3\n")).trainer().changeDetector().orElseThrow()
                .inControlRunSamples()).isEmpty();
        var d = LearningConfigReader.read(yaml("learning:\n  change_detector: {in_control_run_samples: 28800}\n"))
                .trainer().changeDetector().orElseThrow();
        assertThat(d.inControlRunSamples()).hasValue(28800);
        assertThat(d.withInControlRunSamples(java.util.OptionalDouble.empty()))
                .isEqualTo(io.onorbit.flight.learning.ChangeDetectorSettings.defaults());
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {threshold: 40,"
                + " in_control_run_samples: 28800}\n"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.change_detector.in_control_run_samples:");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {in_control_run_samples: 99}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.yaml: learning.change_detector.in_control_run_samples:");
        assertThatThrownBy(() -> LearningConfigReader.read(yaml("learning:\n  change_detector: {enabled: false,"
                + " in_control_run_samples: 1000}\n"))).isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: learning.change_detector.enabled: false takes no other change_detector key");
    }
}

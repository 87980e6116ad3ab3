package io.onorbit.verification.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.ground.config.ConfigException;
import io.onorbit.ground.config.ConfigNode;
import io.onorbit.verification.sim.MissionFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftExperimentSettingsTest {

    /** The {@code learning.experiment} node of a mission file's text, as the mission loader leaves it. */
    private static Optional<ConfigNode> section(String text) throws Exception {
        return ConfigNode.root("m.yaml", new ObjectMapper(new YAMLFactory()).readTree(text)).child("learning")
                .flatMap(l -> l.child("experiment"));
    }

    @Test
    void readsEveryKeyInItsUnitAndDefaultsTheRest() throws Exception {
        DriftExperimentSettings s = DriftExperimentSettings.read(section("""
                learning:
                  experiment: {warmup_days: 0.5, fading_factor: 0.99, ground_latency_days: 5,
                               ground_retrain_interval_days: 2, ground_window_days: 3, oracle_refit_interval_h: 12,
                               oracle_window_days: 0.25, pretrain_epochs: 7, refit_epochs: 3, recovery_window_h: 2,
                               recovery_hold_s: 600}
                """), 42);
        // days and hours to seconds by hand: 0.5 d = 43200 s, 5 d = 432000 s, 12 h = 43200 s, 0.25 d = 21600 s
        assertThat(s).isEqualTo(new DriftExperimentSettings(43_200, 0.99, 432_000, 172_800, 259_200, 43_200, 21_600,
                7, 3, 7_200, 600, 42));
        DriftExperimentSettings some = DriftExperimentSettings.read(section("learning: {experiment: {fading_factor: 0.9}}\n"), 42);
        assertThat(some.fadingFactor()).isEqualTo(0.9);
        assertThat(some.warmupS()).as("documented default: 1 day").isEqualTo(86_400);
        assertThat(some.recoveryHoldS()).as("documented default hold: one window, 6 h").isEqualTo(21_600);
        assertThat(DriftExperimentSettings.read(section("learning: {experiment: {recovery_window_h: 12}}\n"), 42)
                .recoveryHoldS()).as("the default hold follows the window: 12 h").isEqualTo(43_200);
        assertThat(some.seed()).as("a given section takes learning.seed").isEqualTo(42);
        assertThat(DriftExperimentSettings.read(section("learning: {seed: 42}\n"), 42))
                .as("absent: the defaults, seed included (as before the move; no bundled figure moves)")
                .isEqualTo(DriftExperimentSettings.defaults());
    }

    @Test
    void badValuesAreOneLineNamingFileFieldAndReason() {
        assertThatThrownBy(() -> DriftExperimentSettings.read(section("learning: {experiment: {fading_factor: 0.2}}\n"), 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: learning.experiment.fading_factor: ")
                .hasMessageContaining("0.2");
        assertThatThrownBy(() -> DriftExperimentSettings.read(section("learning: {experiment: {pretrain_epochs: 0}}\n"), 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: learning.experiment.pretrain_epochs: ");
        assertThatThrownBy(() -> DriftExperimentSettings.read(section("learning: {experiment: {warmup_day: 1}}\n"), 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: learning.experiment.warmup_day: unknown key")
                .hasMessageContaining("did you mean 'warmup_days'");
    }

    @Test
    void theMissionLoadReadsItAndTheFlightConfigDoesNotCarryIt(@TempDir Path dir) throws Exception {
        Path minimal = Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", "minimal.yaml");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(minimal) + "learning:\n  experiment: {refit_epochs: 0}\n");
        assertThatThrownBy(() -> MissionFile.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.yaml: learning.experiment.refit_epochs: ");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, Files.readString(minimal) + "learning:\n  seed: 9\n  experiment: {ground_latency_days: 5}\n");
        MissionFile m = MissionFile.load(good);
        assertThat(m.driftExperiment().groundLatencyS()).isEqualTo(5 * 86_400.0);
        assertThat(m.driftExperiment().seed()).isEqualTo(9);
        assertThat(LearningConfig.class.getRecordComponents()).extracting(c -> c.getType().getSimpleName())
                .doesNotContain("DriftExperimentSettings");
    }
}

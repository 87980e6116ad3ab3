package io.onorbit.verification.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onorbit.ground.config.ConfigException;
import io.onorbit.ground.config.ConfigNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompressionExperimentSettingsTest {

    /** The {@code link.experiment} node of a mission file's text, as the mission loader hands it over. */
    private static Optional<ConfigNode> section(String text) throws Exception {
        return ConfigNode.root("m.yaml", new ObjectMapper(new YAMLFactory()).readTree(text)).child("link")
                .flatMap(l -> l.child("experiment"));
    }

    @Test
    void readsEveryKeyAndDefaultsTheRest() throws Exception {
        assertThat(CompressionExperimentSettings.read(section(
                "link: {experiment: {rounds: 7, clients: 3, local_steps: 4, hidden_width: 16, seeds: 2}}\n")))
                .isEqualTo(new CompressionExperimentSettings(7, 3, 4, 16, 2));
        assertThat(CompressionExperimentSettings.read(section("link: {experiment: {rounds: 7}}\n")))
                .isEqualTo(new CompressionExperimentSettings(7, 0, 10, 512, 3));
        assertThat(CompressionExperimentSettings.read(section("link: {bits: 4}\n")))
                .isEqualTo(new CompressionExperimentSettings(80, 0, 10, 512, 3));
    }

    @Test
    void everyCommandsLoadChecksThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path minimal = java.nio.file.Path.of("..", "mission-configs", "minimal.yaml");
        java.nio.file.Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, java.nio.file.Files.readString(minimal) + "link:\n  experiment: {seeds: 0}\n");
        assertThatThrownBy(() -> io.onorbit.verification.sim.MissionFile.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("link.experiment.seeds");
        assertThat(io.onorbit.verification.sim.MissionFile.load(minimal).compressionExperiment())
                .isEqualTo(CompressionExperimentSettings.defaults());
    }

    @Test
    void badValuesNameFileFieldAndReason() {
        assertThatThrownBy(() -> CompressionExperimentSettings.read(section("link: {experiment: {rounds: 0}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("m.yaml").hasMessageContaining("link.experiment.rounds");
        assertThatThrownBy(() -> CompressionExperimentSettings.read(section("link: {experiment: {hidden_width: 5000}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("link.experiment.hidden_width");
        assertThatThrownBy(() -> CompressionExperimentSettings.read(section("link: {experiment: {round: 5}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("round");
        assertThatThrownBy(() -> new CompressionExperimentSettings(1, -1, 1, 1, 1)).hasMessageContaining("clients >= 0");
    }
}

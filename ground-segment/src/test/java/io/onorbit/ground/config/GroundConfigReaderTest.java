package io.onorbit.ground.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.ground.aggregation.AggregationBasis;
import io.onorbit.ground.aggregation.AggregationRule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundConfigReaderTest {

    @TempDir
    Path dir;

    private ConfigNode yaml(String text) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, "mission: x\n" + text);
        return YamlFiles.read(f);
    }

    @Test
    void absentSectionGivesDefaults() throws Exception {
        assertThat(GroundConfigReader.read(yaml("start: 2026-06-21T00:00:00Z\n"), dir)).isEqualTo(GroundConfig.DEFAULT);
    }

    @Test
    void fullSectionIsRead() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/uplink.keys"), "# none\n");
        GroundConfig g = GroundConfigReader.read(yaml("""
                ground:
                  archive_url: jdbc:sqlite:/tmp/x.db
                  uplink_keys_file: keys/uplink.keys
                  review: {mad_k: 4.5, norm_window: 20, min_history: 6}
                  aggregation: {rule: trimmed-mean, trim_fraction: 0.25, basis: deltas}
                """), dir);
        assertThat(g.archiveUrl()).contains("jdbc:sqlite:/tmp/x.db");
        assertThat(g.uplinkKeysFile()).contains(dir.resolve("keys/uplink.keys"));
        assertThat(g.review().madK()).isEqualTo(4.5);
        assertThat(g.review().window()).isEqualTo(20);
        assertThat(g.review().minHistory()).isEqualTo(6);
        assertThat(g.aggregator().rule()).isEqualTo(AggregationRule.TRIMMED_MEAN);
        assertThat(g.aggregator().trimFraction()).isEqualTo(0.25);
        assertThat(g.aggregator().basis()).isEqualTo(AggregationBasis.DELTAS);
        assertThat(GroundConfigReader.read(yaml("ground: {aggregation: {rule: median}}\n"), dir).aggregator().basis())
                .as("the default").isEqualTo(AggregationBasis.LATEST_MODELS);
    }

    @Test
    void bundledMissionsLoadWithTheirGroundSection() {
        Path configs = Path.of(System.getProperty("onorbit.repo.root", "..")).resolve("mission-configs");
        for (String m : new String[] {"minimal.yaml", "sso-550km.yaml"}) {
            MissionConfig mission = MissionLoader.load(configs.resolve(m));
            GroundConfig g = mission.ground();
            assertThat(g.review()).isNotNull();
            g.uplinkKeysFile().ifPresent(f -> assertThat(f).isAbsolute());
        }
    }

    @Test
    void badValuesNameFileFieldAndReason() throws Exception {
        assertThatThrownBy(() -> GroundConfigReader.read(yaml("ground: {aggregation: {trim_fraction: 0.6}}\n"), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("m.yaml")
                .hasMessageContaining("ground.aggregation.trim_fraction").hasMessageContaining("outside");
        assertThatThrownBy(() -> GroundConfigReader.read(yaml("ground: {archiv_url: x}\n"), dir))
                .hasMessageContaining("did you mean 'archive_url'");
        assertThatThrownBy(() -> GroundConfigReader.read(yaml("ground: {archive_url: /tmp/a.db}\n"), dir))
                .hasMessageContaining("JDBC");
        assertThatThrownBy(() -> GroundConfigReader.read(yaml("ground: {aggregation: {rule: mean}}\n"), dir))
                .hasMessageContaining("fedavg, median, trimmed-mean");
        assertThatThrownBy(() -> GroundConfigReader.read(yaml("ground: {aggregation: {basis: models}}\n"), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ground.aggregation.basis")
                .hasMessageContaining("deltas").hasMessageContaining("latest-models");
        assertThatThrownBy(() -> GroundConfigReader.read(yaml("ground: {uplink_keys_file: nokeys.txt}\n"), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("m.yaml")
                .hasMessageContaining("ground.uplink_keys_file").hasMessageContaining("nokeys.txt");
    }
}

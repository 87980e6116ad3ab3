package io.onorbit.ground.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onorbit.flight.delta.ScaleMode;
import io.onorbit.flight.link.LinkConfig;
import org.junit.jupiter.api.Test;

class LinkConfigReaderTest {

    static ConfigNode yaml(String text) throws Exception {
        return ConfigNode.root("m.yaml", new ObjectMapper(new YAMLFactory()).readTree(text));
    }

    @Test
    void absentSectionGivesTheDefaults() throws Exception {
        assertThat(LinkConfigReader.read(yaml("mission: x\n"))).isEqualTo(LinkConfig.defaults());
    }

    @Test
    void readsEveryKey() throws Exception {
        LinkConfig c = LinkConfigReader.read(yaml("""
                link:
                  packet_bytes: 512
                  apid_base: 100
                  queue_capacity_bytes: 65536
                  top_k_fraction: 0.001
                  bits: 2
                  scale: per_delta
                  error_feedback: false
                  pass_margin_s: 12.5
                  nack_interval_s: 5
                  max_deltas_in_flight: 3
                  experiment: {rounds: 7, clients: 3, local_steps: 4, hidden_width: 16, seeds: 2}
                """));
        assertThat(c.packetBytes()).isEqualTo(512);
        assertThat(c.apidBase()).isEqualTo(100);
        assertThat(c.queueCapacityBytes()).isEqualTo(65536);
        assertThat(c.compression().topKFraction()).isEqualTo(0.001);
        assertThat(c.compression().bits()).isEqualTo(2);
        assertThat(c.compression().scaleMode()).isEqualTo(ScaleMode.PER_DELTA);
        assertThat(c.compression().errorFeedback()).isFalse();
        assertThat(c.passMarginS()).isEqualTo(12.5);
        assertThat(c.nackIntervalS()).isEqualTo(5);
        assertThat(c.maxDeltasInFlight()).isEqualTo(3);
    }

    @Test
    void badValuesNameFileFieldAndReason() {
        assertThatThrownBy(() -> LinkConfigReader.read(yaml("link: {bits: 12}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("m.yaml").hasMessageContaining("link.bits");
        assertThatThrownBy(() -> LinkConfigReader.read(yaml("link: {top_k_fractoin: 0.1}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("top_k_fraction");
        assertThatThrownBy(() -> LinkConfigReader.read(yaml("link: {packet_bytes: 10}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("link.packet_bytes");
    }
}

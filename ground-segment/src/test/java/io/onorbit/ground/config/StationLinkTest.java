package io.onorbit.ground.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StationLinkTest {

    @Test
    void refusesRatesThatCannotBeARadio() {
        assertThatThrownBy(() -> new StationLink("s", -1, 0)).hasMessageContaining("downlinkBps -1.0");
        assertThatThrownBy(() -> new StationLink("s", Double.NaN, 0)).hasMessageContaining("downlinkBps NaN");
        assertThatThrownBy(() -> new StationLink("s", 0, Double.POSITIVE_INFINITY)).hasMessageContaining("uplinkBps Infinity");
        assertThatThrownBy(() -> new StationLink("s", 0, -5)).hasMessageContaining("uplinkBps -5.0");
        // a receive-only or silent station is allowed
        assertThat(new StationLink("s", 0, 0).withDownlinkBps(1e6).downlinkBps()).isEqualTo(1e6);
        assertThat(new StationLink("s", 1e6, 0).withUplinkBps(9600).uplinkBps()).isEqualTo(9600);
    }

    @Test
    void aMissionRefusesRatesThatDoNotMatchItsStations() throws Exception {
        MissionConfig m = MissionLoader.load(MissionLoaderTest.missions().resolve("minimal.yaml"));
        assertThatThrownBy(() -> new MissionConfig(m.file(), m.name(), m.start(), m.duration(), m.seed(), m.satellites(),
                m.stations(), java.util.List.of(new StationLink("elsewhere", 1, 1)), m.power(), m.payload(), m.learning(),
                m.link(), m.ground()))
                .hasMessageContaining("is for elsewhere");
        assertThatThrownBy(() -> new MissionConfig(m.file(), m.name(), m.start(), m.duration(), m.seed(), m.satellites(),
                m.stations(), java.util.List.of(), m.power(), m.payload(), m.learning(),
                m.link(), m.ground()))
                .hasMessageContaining("1 stations but 0 station links");
    }
}

package io.onorbit.ground.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.SolarArray;
import org.junit.jupiter.api.Test;

class PowerConfigReaderTest {

    private static ConfigNode yaml(String text) throws Exception {
        return ConfigNode.root("m.yaml", new ObjectMapper(new YAMLFactory()).readTree(text));
    }

    @Test
    void absentSectionGivesTheDocumented6uDefaults() throws Exception {
        assertThat(PowerConfigReader.read(yaml("mission: x\n"))).isEqualTo(PowerSystem.sixUCubesat());
        assertThat(PowerConfigReader.read(yaml("spacecraft: {}\n"))).isEqualTo(PowerSystem.sixUCubesat());
    }

    @Test
    void readsEveryFieldItDocuments() throws Exception {
        PowerSystem p = PowerConfigReader.read(yaml("""
                spacecraft:
                  power:
                    margin_soc: 0.1
                    solar_array: {area_m2: 0.2, cell_efficiency: 0.3, attitude: body_mounted, normal: [0, 0, 2],
                                  degradation_per_year: 0.01, solar_constant_w_m2: 1360}
                    battery: {capacity_wh: 100, charge_efficiency: 0.9, discharge_efficiency: 0.92, max_charge_w: 30,
                              max_discharge_w: 50, fade_per_year: 0.02, floor_soc: 0.25, initial_soc: 0.7}
                    loads: {bus_w: 5, payload_w: 8, payload_duty_cycle: 0.5, payload_period_s: 3000, radio_tx_w: 10,
                            heater_w: 2}
                """));
        assertThat(p.marginSoc()).isEqualTo(0.1);
        assertThat(p.array().attitude()).isEqualTo(SolarArray.Attitude.BODY_MOUNTED);
        assertThat(p.array().normalZ()).isEqualTo(1.0);
        assertThat(p.array().areaM2()).isEqualTo(0.2);
        assertThat(p.battery().capacityWh()).isEqualTo(100);
        assertThat(p.battery().dischargeEfficiency()).isEqualTo(0.92);
        assertThat(p.battery().floorSoc()).isEqualTo(0.25);
        assertThat(p.loads().payloadPeriodS()).isEqualTo(3000);
        assertThat(p.loads().heaterW()).isEqualTo(2);
    }

    @Test
    void negativeCapacityIsOneClearLine() {
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  power:\n    battery:\n      capacity_wh: -5\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: spacecraft.power.battery.capacity_wh: -5 must be greater than 0");
    }

    @Test
    void efficiencyAboveOneIsOneClearLine() {
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  power:\n    solar_array:\n      cell_efficiency: 1.3\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: spacecraft.power.solar_array.cell_efficiency: 1.3 is not an efficiency; it must be in (0, 1]");
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  power:\n    battery:\n      charge_efficiency: 2\n")))
                .hasMessageStartingWith("m.yaml: spacecraft.power.battery.charge_efficiency: 2 is not an efficiency");
    }

    @Test
    void floorAboveCapacityIsOneClearLine() {
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  power:\n    battery:\n      floor_soc: 1.2\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: spacecraft.power.battery.floor_soc: 1.2 puts the floor at or above the battery "
                        + "capacity; it is a fraction of capacity in [0, 0.999]");
        assertThatThrownBy(() -> PowerConfigReader.read(yaml(
                "spacecraft:\n  power:\n    battery:\n      floor_soc: 0.5\n      initial_soc: 0.4\n")))
                .hasMessageContaining("spacecraft.power.battery.initial_soc: 0.4 is below floor_soc 0.5");
    }

    @Test
    void unknownKeysSuggestTheNearest() {
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  power:\n    battery:\n      capacity_w: 5\n")))
                .hasMessageContaining("spacecraft.power.battery.capacity_w: unknown key (did you mean 'capacity_wh'?)");
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  pwer: {}\n")))
                .hasMessageContaining("did you mean 'power'");
        assertThatThrownBy(() -> PowerConfigReader.read(yaml("spacecraft:\n  power:\n    solar_array: {attitude: spinning}\n")))
                .hasMessageContaining("spacecraft.power.solar_array.attitude: 'spinning' is not one of body_mounted, sun_tracking");
    }
}

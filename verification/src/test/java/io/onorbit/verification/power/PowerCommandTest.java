package io.onorbit.verification.power;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.verification.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerCommandTest {

    private static final Path MINIMAL = Path.of("..", "mission-configs", "minimal.yaml");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void jsonHasTheDocumentedFiguresAndNoViolations(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("p.json");
        CliRun r = run("power", MINIMAL.toString(), "--days", "1", "--step-s", "60", "--format", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        for (String k : new String[] {"min_soc", "soc_floor", "floor_violations", "training_energy_wh",
            "oracle_training_energy_wh", "harvest_ratio"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("floor_violations").asLong()).isZero();
        assertThat(j.get("min_soc").asDouble()).isGreaterThanOrEqualTo(j.get("soc_floor").asDouble());
        assertThat(j.get("harvest_ratio").asDouble()).isBetween(0.9, 1.0);
        assertThat(j.get("training_energy_wh").asDouble()).isPositive();
        assertThat(j.get("satellites").get(0).get("orbits").size()).isBetween(14, 17); // ~15 orbits a day at 550 km
    }

    @Test
    void badPowerSettingIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("bad.yaml");
        Files.writeString(m, Files.readString(MINIMAL) + "spacecraft:\n  power:\n    battery:\n      capacity_wh: -5\n");
        CliRun r = run("power", m.toString(), "--days", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: bad.yaml: spacecraft.power.battery.capacity_wh: -5 must be greater than 0");
    }
}

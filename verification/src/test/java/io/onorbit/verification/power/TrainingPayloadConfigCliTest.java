package io.onorbit.verification.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.verification.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad value of {@code spacecraft.training_payload} is one line naming file, field and reason, exit 2. */
class TrainingPayloadConfigCliTest {

    private static final Path MINIMAL = Path.of("..", "mission-configs", "minimal.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "engine: quantum|spacecraft.training_payload.engine: 'quantum' is not one of analog, digital",
        "active_w: 0|spacecraft.training_payload.active_w: 0 must be in (0, 10000] W",
        "active_w: -2|spacecraft.training_payload.active_w: -2 must be in (0, 10000] W",
        "active_w: lots|spacecraft.training_payload.active_w: 'lots' must be a number",
        "idle_w: -0.1|spacecraft.training_payload.idle_w: -0.1 must be >= 0 W (0 = switched off when not training)",
        "{active_w: 1, idle_w: 1}|spacecraft.training_payload.idle_w: 1 W must be below active_w 1 W (0 = switched off when not training)",
        "{engine: digital, active_w: 0.5}|spacecraft.training_payload.idle_w: 0.6 W (the digital default) must be below active_w 0.5 W (0 = switched off when not training)",
        "host_ops_per_s: 0|spacecraft.training_payload.host_ops_per_s: 0 must be in (0, 1e15] operations per second",
        "active_watts: 1|spacecraft.training_payload.active_watts: unknown key"})
    void badValueIsOneLineWithExitCode2(String entry, String expected) throws Exception {
        Path m = dir.resolve("bad.yaml");
        String body = entry.startsWith("{") ? " " + entry + "\n" : "\n    " + entry + "\n";
        Files.writeString(m, Files.readString(MINIMAL) + "spacecraft:\n  training_payload:" + body);
        for (String command : new String[] {"power", "simulate"}) {
            CliRun r = CliRun.of(command, m.toString(), "--days", "1", "--out", dir.resolve(command).toString());
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("error: bad.yaml: " + expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"analog", "digital"})
    void theOldSimulationOptimizerKeyNamesItsSuccessor(String engine) throws Exception {
        Path m = dir.resolve("old.yaml");
        Files.writeString(m, Files.readString(MINIMAL) + "simulation:\n  optimizer: " + engine + "\n");
        CliRun r = CliRun.of("simulate", m.toString(), "--days", "1", "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: old.yaml: simulation.optimizer: has moved: set "
                + "spacecraft.training_payload.engine (analog or digital)");
    }
}

package io.onorbit.verification.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.verification.launcher.OnOrbitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DriftCommandTest {

    @TempDir
    Path dir;

    private Path mission(String learning) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, """
                mission: drift-test
                start: 2026-06-21T00:00:00Z
                duration: P3D
                satellites:
                  - name: sat-1
                    tle:
                      - "1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995"
                      - "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16"
                ground_stations:
                  - {name: svalbard, latitude_deg: 78.229, longitude_deg: 15.389, altitude_m: 500, min_elevation_deg: 5}
                """ + learning);
        return f;
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = OnOrbitCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        Path m = mission("""
                learning:
                  task: {string_failure_day: 1.5}
                  experiment: {pretrain_epochs: 40, refit_epochs: 3, ground_latency_days: 1}
                """);
        Path outFile = dir.resolve("drift.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "experiment", "drift", m.toString(), "--task", "solar-array", "--format", "json",
                "--out", outFile.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(outFile.toFile());
        JsonNode task = root.get("tasks").get(0);
        assertThat(task.get("name").asText()).isEqualTo("solar-array");
        for (String k : new String[] {"frozen", "onboard", "ground_retrain", "oracle"}) {
            assertThat(task.get("error").get(k).isNumber()).as(k).isTrue();
        }
        assertThat(task.get("error").get("onboard").asDouble()).isLessThan(task.get("error").get("frozen").asDouble());
        assertThat(task.get("recovery_time_s").isNumber() || task.get("recovery_time_s").isNull()).isTrue();
        JsonNode drift = task.get("drifts").get(0);
        assertThat(drift.get("time_s").asDouble()).isEqualTo(1.5 * 86400);
        assertThat(drift.get("kind").asText()).isEqualTo("abrupt");
        assertThat(drift.has("recovery_90_time_s")).isTrue();
        assertThat(drift.has("oracle_recovery_90_time_s")).as("the oracle under the same rule, beside ours").isTrue();
        assertThat(drift.get("error_lost_unit").asText()).startsWith("mean absolute error");
        assertThat(task.get("recovery_window_s").asDouble()).isEqualTo(6 * 3600.0);
        assertThat(root.get("training_energy_wh").asDouble()).isPositive();
        assertThat(root.get("peak_training_memory_bytes").asLong()).isBetween(1L, 65536L);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path m = mission("learning:\n  memory_budget_bytes: 2048\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "experiment", "drift", m.toString(), "--task", "solar-array")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: m.yaml: learning.memory_budget_bytes: memory budget 2048 B exceeded by")
                .hasLineCount(1);
        StringWriter err2 = new StringWriter();
        assertThat(run(new StringWriter(), err2, "experiment", "drift", m.toString(), "--task", "nope")).isEqualTo(2);
        assertThat(err2.toString()).contains("--task 'nope' is not one of");
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "time_s,a,label\n0,1,2\n60,oops,3\n");
        StringWriter err3 = new StringWriter();
        assertThat(run(new StringWriter(), err3, "experiment", "drift", mission("").toString(), "--task",
                "csv:" + csv)).isEqualTo(2);
        assertThat(err3.toString()).contains("t.csv: line 3: column 2 'oops' is not a finite number").hasLineCount(1);
    }
}

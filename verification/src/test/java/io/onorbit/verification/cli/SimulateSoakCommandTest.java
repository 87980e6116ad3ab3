package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateSoakCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = OnOrbitCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static Path minimal() {
        return Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", "minimal.yaml");
    }

    @Test
    void simulateWritesTheReportFolderWithArchiveSummaryAndPlots() throws Exception {
        Path dir = tmp.resolve("report");
        int code = run("simulate", minimal().toString(), "--days", "1", "--out", dir.toString(), "--format", "json");
        assertThat(code).as(err.toString()).isZero();
        for (String f : new String[] {"summary.json", "index.html", "archive.db", "soc.png", "timeline.png", "errors.png"}) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        JsonNode printed = new ObjectMapper().readTree(out.toString());
        JsonNode written = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(printed.get("simulated_s").asDouble()).isEqualTo(86400.0);
        assertThat(written.get("deltas").get("generated")).isEqualTo(printed.get("deltas").get("generated"));
        assertThat(written.get("invariant_violations").asLong()).isZero();
        assertThat(written.get("min_soc").asDouble()).isGreaterThanOrEqualTo(written.get("soc_floor").asDouble());
        assertThat(written.get("error").get("onboard").isNumber()).isTrue();
    }

    @Test
    void soakWritesItsSummaryAndExitsZeroWithoutViolations() throws Exception {
        Path summary = tmp.resolve("s/soak.json");
        int code = run("soak", minimal().toString(), "--days", "0.5", "--faults", "none", "--seed", "3",
                "--summary", summary.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("invariant violations", "0");
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("seed").asLong()).isEqualTo(3);
        assertThat(s.get("faults_injected_total").asLong()).isZero();
        assertThat(s.get("deltas").has("duplicated")).isTrue();
    }

    @Test
    void badFaultPlanAndBadSimulationSectionAreOneLineErrorsWithExitTwo() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, "clock_jump: {per_day: -1}\n");
        assertThat(run("soak", minimal().toString(), "--days", "1", "--faults", plan.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: plan.yaml: clock_jump.per_day:").doesNotContain("\n");

        Path mission = tmp.resolve("m.yaml");
        Files.writeString(mission, Files.readString(minimal()) + "simulation:\n  step_s: 500\n");
        StringWriter err2 = new StringWriter();
        CommandLine cl = OnOrbitCli.commandLine();
        cl.setErr(new PrintWriter(err2));
        assertThat(cl.execute("simulate", mission.toString(), "--days", "1", "--out", tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(err2.toString()).contains("m.yaml: simulation.step_s: 500");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}

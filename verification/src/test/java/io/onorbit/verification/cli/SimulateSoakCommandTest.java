package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateSoakCommandTest {

    @TempDir
    Path tmp;

    private static Path minimal() {
        return Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", "minimal.yaml");
    }

    @Test
    void simulateWritesTheReportFolderWithArchiveSummaryAndPlots() throws Exception {
        Path dir = tmp.resolve("report");
        CliRun run = CliRun.of("simulate", minimal().toString(), "--days", "1", "--out", dir.toString(), "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        for (String f : new String[] {"summary.json", "index.html", "archive.db"}) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        assertThat(dir.resolve("index.html")).content().contains("data:image/png;base64,", "Did the model get better?",
                "<tr><td>sat-1</td>");
        JsonNode printed = new ObjectMapper().readTree(run.out());
        JsonNode written = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(printed.get("simulated_s").asDouble()).isEqualTo(86400.0);
        assertThat(written.get("deltas").get("generated")).isEqualTo(printed.get("deltas").get("generated"));
        assertThat(written.get("invariant_violations").asLong()).isZero();
        assertThat(written.get("min_soc").asDouble()).isGreaterThanOrEqualTo(written.get("soc_floor").asDouble());
        for (JsonNode error : new JsonNode[] {written.get("error"), written.get("per_satellite").get(0).get("error")}) {
            for (String learner : new String[] {"frozen", "local", "onboard", "federated"}) {
                assertThat(error.get(learner).isNumber()).as(learner).isTrue();
            }
            assertThat(error.get("unit").asText()).isEqualTo("mean absolute error, fraction of nominal array power");
        }
        assertThat(written.get("deltas").get("rejected_on_ground").isObject()).isTrue();
        JsonNode byFlags = written.get("deltas").get("rejected_in_review_by_flags");
        assertThat(byFlags.isObject()).isTrue();
        assertThat(byFlags.has("stale-base")).as("nothing is rejected for staleness alone").isFalse();
        long review = written.get("deltas").get("rejected_on_ground").path("review").asLong(0);
        long sum = 0;
        for (JsonNode n : byFlags) {
            sum += n.asLong();
        }
        assertThat(sum).as("every review rejection counted once by its flags").isEqualTo(review);
    }

    /**
     * Last layer trained and personal: nothing is shared, no global model ever arrives, so the
     * baseline (the same onboard learning on the same samples, envelope and engine) must score
     * exactly as what the spacecraft serves. Without a personal model that is the flight model
     * itself; with one (interpolation), the mixture of the personal model and the federated model
     * at its slower step, which alone then scores differently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "interpolation"})
    void withoutAnyGlobalModelTheLocalOnlyBaselineScoresExactlyAsWhatTheSpacecraftServes(String personalisation)
            throws Exception {
        Path mission = tmp.resolve(personalisation + ".yaml");
        Files.writeString(mission, Files.readString(minimal())
                + "learning:\n  trainable: last_layer\n  personal_layers: 1\n  personalisation: " + personalisation + "\n");
        Path dir = tmp.resolve(personalisation);
        CliRun run = CliRun.of("simulate", mission.toString(), "--days", "1", "--out", dir.toString(), "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode written = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(written.get("updates").get("applied").asLong()).isZero();
        JsonNode e = written.get("per_satellite").get(0).get("error");
        assertThat(e.get("federated").asDouble()).isLessThan(e.get("frozen").asDouble());
        assertThat(e.get("local").asDouble()).isEqualTo(e.get("federated").asDouble());
        if (personalisation.equals("none")) {
            assertThat(e.get("onboard").asDouble()).isEqualTo(e.get("federated").asDouble());
        } else {
            assertThat(e.get("onboard").asDouble()).isNotEqualTo(e.get("federated").asDouble());
        }
    }

    @Test
    void soakWritesItsSummaryAndExitsZeroWithoutViolations() throws Exception {
        Path summary = tmp.resolve("s/soak.json");
        CliRun run = CliRun.of("soak", minimal().toString(), "--days", "0.5", "--faults", "none", "--seed", "3",
                "--summary", summary.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("invariant violations", "0");
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("seed").asLong()).isEqualTo(3);
        assertThat(s.get("faults_injected_total").asLong()).isZero();
        assertThat(s.get("deltas").has("duplicated")).isTrue();
    }

    @Test
    void badFaultPlanAndBadSimulationSectionAreOneLineErrorsWithExitTwo() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, "clock_jump: {per_day: -1}\n");
        CliRun bad = CliRun.of("soak", minimal().toString(), "--days", "1", "--faults", plan.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: plan.yaml: clock_jump.per_day:").doesNotContain("\n");

        CliRun typo = CliRun.of("soak", minimal().toString(), "--days", "1", "--faults", "al");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("error: --faults al: neither all, none, nor an existing fault-plan file");

        Path mission = tmp.resolve("m.yaml");
        Files.writeString(mission, Files.readString(minimal()) + "simulation:\n  step_s: 500\n");
        CliRun badSection = CliRun.of("simulate", mission.toString(), "--days", "1", "--out", tmp.resolve("x").toString());
        assertThat(badSection.code()).isEqualTo(2);
        assertThat(badSection.err()).contains("m.yaml: simulation.step_s: 500");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}

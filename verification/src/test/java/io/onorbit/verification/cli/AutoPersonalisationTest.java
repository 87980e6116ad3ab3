package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code learning.personalisation: auto} (the default) is chosen before launch by what fits: a personal model
 * beside the shared one wherever the memory budget holds both, a lone satellite's too, and one model where it does
 * not. The bundled lone missions: {@code minimal} (64 KiB) interpolates; {@code starved-3u} (16 KiB) cannot hold a
 * second model, as forcing {@code interpolation} on it shows (refused at load, naming the budget), so auto keeps one.
 */
class AutoPersonalisationTest {

    private static final Path MISSIONS = Path.of("..", "mission-configs");

    @Test
    void aLoneSatelliteWhoseBudgetHoldsTwoModelsInterpolatesAndServesTheirMixture(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("simulate", MISSIONS.resolve("minimal.yaml").toString(), "--days", "0.5", "--quiet",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("personalisation interpolation");
        JsonNode error = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json"))).get("error");
        // with one model the served prediction is the trained shared model's; with two it is their mixture
        assertThat(error.get("federated").asDouble()).isNotEqualTo(error.get("onboard").asDouble());
    }

    @Test
    void aBudgetThatCannotHoldASecondModelKeepsOne(@TempDir Path dir) throws Exception {
        Path starved = MISSIONS.resolve("starved-3u.yaml");
        CliRun auto = CliRun.of("simulate", starved.toString(), "--days", "0.25", "--quiet", "--out",
                dir.resolve("auto").toString());
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(auto.out()).contains("personalisation none");

        Path forced = dir.resolve("starved-interpolation.yaml");
        String text = Files.readString(starved);
        assertThat(text).contains("\nlearning:");
        Files.writeString(forced, text.replaceFirst("\nlearning:[^\n]*\n", "\nlearning:\n  personalisation: interpolation\n"));
        CliRun r = CliRun.of("simulate", forced.toString(), "--days", "0.25", "--quiet", "--out",
                dir.resolve("forced").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("learning.memory_budget_bytes").doesNotContain("Exception");
    }
}

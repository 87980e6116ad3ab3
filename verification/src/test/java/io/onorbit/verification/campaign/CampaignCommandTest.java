package io.onorbit.verification.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.verification.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignCommandTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> badCampaigns() {
        String head = "campaign: bad\nmission: tiny.yaml\ndays: 0.01\n";
        return Stream.of(
                Arguments.of("unknown field path", head + "vary:\n  spacecraft.power.battery.capacity_whh: [20, 40]\n",
                        "campaign.yaml: vary.spacecraft.power.battery.capacity_whh: value 20: unknown key (did you mean 'capacity_wh'?)"),
                Arguments.of("unknown section", head + "vary:\n  learnin.trainable: [full]\n",
                        "campaign.yaml: vary.learnin.trainable: value \"full\": unknown key (did you mean 'learning'?)"),
                Arguments.of("value out of range", head + "vary:\n  spacecraft.power.battery.capacity_wh: [40, -5]\n",
                        "campaign.yaml: vary.spacecraft.power.battery.capacity_wh: value -5: "),
                Arguments.of("value not allowed", head + "vary:\n  learning.trainable: [last_layer, everything]\n",
                        "campaign.yaml: vary.learning.trainable: value \"everything\": 'everything' is not one of"),
                Arguments.of("empty grid", head + "vary:\n  learning.trainable: []\n",
                        "campaign.yaml: vary.learning.trainable: is an empty grid"),
                Arguments.of("empty vary", head + "vary: {}\n", "campaign.yaml: vary: names no field"),
                Arguments.of("missing mission", "campaign: bad\nmission: nowhere.yaml\nvary:\n  learning.trainable: [full]\n",
                        "campaign.yaml: mission: 'nowhere.yaml' not found"),
                Arguments.of("index past the end", head + "vary:\n  satellites[3].name: [a]\n",
                        "campaign.yaml: vary.satellites[3].name: index 3 is past the end of 'satellites'"),
                Arguments.of("zero days", "campaign: bad\nmission: tiny.yaml\ndays: 0\n", "campaign.yaml: days: 0 must be greater than 0"),
                Arguments.of("seed twice", "campaign: bad\nmission: tiny.yaml\nseeds: [1, 1]\n", "campaign.yaml: seeds[1]: seed 1 is listed twice"),
                Arguments.of("unknown key", "campaign: bad\nmission: tiny.yaml\nseed: [1]\n", "campaign.yaml: seed: unknown key (did you mean 'seeds'?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCampaigns")
    void aBadCampaignIsOneLineWithExitTwoAndNothingRuns(String what, String text, String expected) {
        Path file = CampaignFixtures.write(tmp.resolve("c"), text);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("campaign", file.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        String line = run.err().strip();
        assertThat(line).doesNotContain("\n").doesNotContain("Exception").startsWith("error: " + expected);
        assertThat(out).as("nothing ran, nothing was written").doesNotExist();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFailedRunIsRecordedWithItsErrorTheOthersRunAndTheExitCodeIsOne() throws Exception {
        // A 1 KiB memory budget passes validation (it is in range) but the trainer refuses to start.
        Path file = CampaignFixtures.write(tmp.resolve("c"), """
                campaign: budget
                mission: tiny.yaml
                days: 0.01
                vary:
                  learning.memory_budget_bytes: [1024, 65536]
                """);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("campaign", file.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("FIRST FAILED RUN: run-1:");
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("run-1,1024,7,failed,").doesNotEndWith(",");
        assertThat(rows.get(2)).startsWith("run-2,65536,7,ok,").endsWith(",");
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.get("runs_failed").asInt()).isEqualTo(1);
        assertThat(json.get("runs").get(0).get("error").asText()).isNotBlank();
        assertThat(json.get("runs").get(1).get("figures").get("invariant_violations_count").asLong()).isZero();
        assertThat(Files.readString(out.resolve("index.html"))).contains("1 failed", "data:image/png;base64,");
    }

    @Test
    void anotherCampaignsFolderIsReplacedOnlyWithForceAndTheSameCampaignResumes() throws Exception {
        Path out = tmp.resolve("out");
        Path a = CampaignFixtures.write(tmp.resolve("a"), "campaign: a\nmission: tiny.yaml\ndays: 0.01\n");
        assertThat(CliRun.of("campaign", a.toString(), "--out", out.toString(), "--quiet").code()).isZero();
        CliRun again = CliRun.of("campaign", a.toString(), "--out", out.toString(), "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("(0 run now, 1 resumed from the folder)");
        Path b = CampaignFixtures.write(tmp.resolve("b"), "campaign: b\nmission: tiny.yaml\ndays: 0.01\n");
        CliRun refused = CliRun.of("campaign", b.toString(), "--out", out.toString(), "--quiet");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("holds an earlier OnOrbit output; add --force");
        assertThat(Files.readString(out.resolve(CampaignFolder.MARKER))).isEqualTo("campaign a\n");
        CliRun forced = CliRun.of("campaign", b.toString(), "--out", out.toString(), "--quiet", "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("(1 run now, 0 resumed from the folder)");
        assertThat(Files.readString(out.resolve("results.csv"))).contains("run-1,7,ok,");
    }

    @Test
    void badClusterAndWorkerAddressesAreOneLineWithExitTwoAndNothingRuns() {
        Path file = CampaignFixtures.write(tmp.resolve("c"), "campaign: x\nmission: tiny.yaml\ndays: 0.01\n");
        CliRun c = CliRun.of("campaign", file.toString(), "--cluster", "nowhere", "--out", tmp.resolve("o").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err().strip()).isEqualTo("error: --cluster 'nowhere' is not HOST:PORT (e.g. 127.0.0.1:5701)");
        assertThat(tmp.resolve("o")).doesNotExist();
        CliRun w = CliRun.of("worker", "--listen", "127.0.0.1:99999");
        assertThat(w.code()).isEqualTo(2);
        assertThat(w.err().strip()).isEqualTo("error: --listen '127.0.0.1:99999': port 99999 is outside [1, 65535]");
        CliRun j = CliRun.of("worker", "--listen", "127.0.0.1:5701", "--join", "127.0.0.1");
        assertThat(j.code()).isEqualTo(2);
        assertThat(j.err().strip()).isEqualTo("error: --join '127.0.0.1' is not HOST:PORT (e.g. 127.0.0.1:5701)");
    }

    @Test
    void anOutputFolderOnOrbitDidNotMakeIsLeftAlone() throws Exception {
        Path file = CampaignFixtures.write(tmp.resolve("c"), "campaign: x\nmission: tiny.yaml\ndays: 0.01\n");
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.txt"), "precious");
        CliRun run = CliRun.of("campaign", file.toString(), "--out", out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).contains("holds thesis.txt, which OnOrbit did not write").doesNotContain("\n");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.toList()).containsExactly(out.resolve("thesis.txt"));
        }
    }
}

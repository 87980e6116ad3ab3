package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.ground.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that takes a mission parses the file exactly once and reads each of its sections
 * exactly once: the one parse feeds every section's reader (MissionLoader for the flight and
 * ground sections, MissionFile for the simulator's and the studies'), and nothing reads the file,
 * or a kept tree, again later. Counted by the parser itself ({@link YamlFiles#timesParsed}) and by
 * the tree ({@link YamlFiles#sectionsRead}: every reader checks the keys of the section it reads),
 * on a file only this run touches, with a section of every owner present (so a reader that
 * re-read its section would show). A campaign's runs each fly a changed copy of the document
 * (its overrides), which is not the file and is not counted here.
 */
class MissionParsedOnceTest {

    @TempDir
    static Path tmp;

    /** minimal.yaml plus a section for every owner, the drift warm-up short enough for a short span. */
    private static final String EXTRA = """
            spacecraft:
              power:
                battery:
                  capacity_wh: 80
            learning:
              experiment:
                warmup_days: 0.02
            link:
              pass_margin_s: 20
              experiment:
                rounds: 2
            ground:
              aggregation:
                rule: fedavg
            simulation:
              step_s: 30
            """;

    static Stream<List<String>> commands() {
        return Stream.of(
                List.of("plan", "M", "--days", "0.1", "--format", "json"),
                List.of("power", "M", "--days", "0.1", "--format", "json"),
                List.of("simulate", "M", "--days", "0.05", "--quiet", "--out", "OUT"),
                List.of("soak", "M", "--days", "0.05", "--faults", "none"),
                List.of("experiment", "compression", "M", "--rounds", "1", "--seeds", "1", "--hidden-width", "4"),
                List.of("experiment", "drift", "M", "--days", "0.05", "--task", "hyperplane"),
                List.of("campaign", "C", "--threads", "1", "--quiet", "--out", "OUT"));
    }

    /** Sections of minimal.yaml plus EXTRA that some reader must take, each exactly once. */
    private static final List<String> SECTIONS = List.of("", "satellites[0]", "ground_stations[0]", "spacecraft",
            "spacecraft.power", "spacecraft.power.battery", "learning", "learning.experiment", "link", "link.experiment",
            "ground", "ground.aggregation", "simulation");

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void theMissionFileIsParsedOnce(List<String> command) throws Exception {
        String tag = String.join("-", command.subList(0, 2)).replaceAll("[^a-z-]", "");
        Path mission = tmp.resolve(tag + ".yaml");
        Path minimal = Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", "minimal.yaml");
        Files.writeString(mission, Files.readString(minimal) + EXTRA);
        List<String> args = new ArrayList<>();
        Path campaign = tmp.resolve(tag + "-campaign.yaml");
        Files.writeString(campaign, "campaign: once\nmission: " + mission.getFileName() + "\ndays: 0.02\n");
        for (String a : command) {
            args.add(a.equals("M") ? mission.toString() : a.equals("C") ? campaign.toString()
                    : a.equals("OUT") ? tmp.resolve(tag + "-out").toString() : a);
        }
        assertThat(YamlFiles.timesParsed(mission)).isZero();

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(YamlFiles.timesParsed(mission)).as("parses of the mission file by " + command).isEqualTo(1);
        Map<String, Long> reads = YamlFiles.sectionsRead(mission);
        assertThat(reads).as("sections read by " + command).containsKeys(SECTIONS.toArray(String[]::new));
        assertThat(reads).as("reads of each section by " + command).allSatisfy((section, n) -> assertThat(n).as(section).isEqualTo(1));
    }
}

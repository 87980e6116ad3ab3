package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person reads never names a Java class or package: the commands run on a bundled mission
 * the way a user runs them, and every line they print, and the report pages they write, are
 * searched for the names of the compiled classes and packages of the code base.
 */
class PlainWordsTest {

    @TempDir
    Path tmp;

    private static Path mission(String name) {
        return Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", name);
    }

    @Test
    void theNameListComesFromTheCompiledClassesAndCatchesAClassName() {
        CodeNames names = CodeNames.load();
        // Classes of every module are on the list, found on the class path, not typed in here.
        assertThat(names.classNames).contains(SimulateCommand.class.getSimpleName(),
                io.onorbit.flight.schedule.OnboardSchedule.class.getSimpleName(),
                io.onorbit.ground.archive.DeltaRecord.class.getSimpleName(),
                io.onorbit.orbit.spec.OrbitSpec.class.getSimpleName());
        assertThat(names.classNames).hasSizeGreaterThan(100);
        assertThat(names.packageNames).contains("flight.executive", "ground.planning");
        // The kind of line this test exists to stop, and a plain one.
        assertThat(names.foundIn("orbit-sim timeline -> ground.planning MissionPlanner -> OnboardSchedule"))
                .contains("ground.planning", "OnboardSchedule");
        assertThat(names.foundIn("contact windows computed on the ground, uplinked as the onboard schedule")).isEmpty();
    }

    @Test
    void commandsAndReportsSpeakPlainWords() throws Exception {
        CodeNames names = CodeNames.load();
        String minimal = mission("minimal.yaml").toString();
        Path report = tmp.resolve("report");
        Path soak = tmp.resolve("soak");
        Path db = tmp.resolve("review.db");
        Path csv = tmp.resolve("validation.csv");
        List<String[]> commands = List.of(
                new String[] {"plan", minimal, "--days", "1"},
                new String[] {"power", minimal, "--days", "1"},
                new String[] {"simulate", minimal, "--days", "0.5", "--out", report.toString()},
                new String[] {"soak", minimal, "--days", "0.5", "--faults", "all", "--seed", "5", "--out", soak.toString()},
                new String[] {"review", "simulate-pass", "--archive", db.toString(), "--satellites", "4",
                    "--validation-out", csv.toString()},
                new String[] {"review", "list", "--archive", db.toString()},
                new String[] {"review", "show", "2", "--archive", db.toString()},
                new String[] {"review", "approve", "2", "3", "--archive", db.toString(), "--reason", "nominal", "--operator", "ops"},
                new String[] {"review", "aggregate", "--archive", db.toString(), "--validation", csv.toString(), "--dry-run"},
                new String[] {"review", "report", "--archive", db.toString(), "--validation", csv.toString(), "--out",
                    tmp.resolve("review.html").toString()},
                new String[] {"simulate", tmp.resolve("missing.yaml").toString()});
        List<String> found = new ArrayList<>();
        for (String[] c : commands) {
            CliRun r = CliRun.of(c);
            assertThat(r.code()).as(String.join(" ", c) + "\n" + r.err()).isIn(0, 1, 2);
            for (String n : names.foundIn(r.out() + "\n" + r.err())) {
                found.add(String.join(" ", c) + ": " + n);
            }
        }
        for (Path page : List.of(report.resolve("index.html"), soak.resolve("index.html"), tmp.resolve("review.html"))) {
            String text = Files.readString(page).replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "");
            for (String n : names.foundIn(text)) {
                found.add(page.getParent().getFileName() + "/" + page.getFileName() + ": " + n);
            }
        }
        assertThat(found).as("class or package names in user-facing text").isEmpty();
    }
}

package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every mission command validates the whole file, not only the sections it uses: a typo in the
 * learning section must stop {@code plan} as surely as it stops {@code simulate}.
 */
class MissionOptionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"plan", "power", "simulate"})
    void aTypoInASectionTheCommandDoesNotUseIsStillOneLineAndExit2(String command) throws IOException {
        Path minimal = PlanCommandTest.mission("minimal.yaml");
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(minimal) + "learning:\n  memroy_budget_bytes: 4096\n");

        CliRun r = CliRun.of(command, file.toString(), "--days", "1", "--out", dir.resolve("out").toString());

        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("typo.yaml: learning.memroy_budget_bytes: unknown key")
                .contains("did you mean 'memory_budget_bytes'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "3661", "NaN"})
    void daysOutsideTheAllowedSpanIsRefusedByEveryCommand(String days) {
        CliRun r = CliRun.of("plan", PlanCommandTest.mission("minimal.yaml").toString(), "--days", days);
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("--days").contains("must be in (0, 3660]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "soak"})
    void aModelLargerThanTheMemoryBudgetIsTheUsersToFix(String command) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, Files.readString(PlanCommandTest.mission("minimal.yaml"))
                + "learning:\n  memory_budget_bytes: 1024\n");

        CliRun r = CliRun.of(command, file.toString(), "--days", "1", "--out", dir.resolve("out").toString());

        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        // A loaded machine may take long enough before the check for the progress bar's log line (a
        // status, not an error): the error is still exactly one line, and the last.
        assertThat(r.err().strip().lines().filter(l -> !l.matches("\\w+: \\d+% .*"))).hasSize(1);
        assertThat(r.err().strip().lines().reduce((first, last) -> last).orElse(""))
                .startsWith("error: big.yaml: learning.memory_budget_bytes: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "soak"})
    void anOutputFolderThatCannotBeMadeIsTheUsersToFix(String command) throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");

        CliRun r = CliRun.of(command, PlanCommandTest.mission("minimal.yaml").toString(), "--days", "0.1",
                "--out", blocker.resolve("report").toString());

        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("error: --out ").contains("a-file is not a folder");
        assertThat(blocker).content().isEqualTo("not a folder");
    }
}

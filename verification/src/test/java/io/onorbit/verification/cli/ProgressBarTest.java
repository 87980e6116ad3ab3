package io.onorbit.verification.cli;

import io.onorbit.verification.launcher.OnOrbitCli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProgressBarTest {

    @TempDir
    Path tmp;

    private static CommandLine.Model.CommandSpec spec(StringWriter err, String... args) {
        CommandLine cl = OnOrbitCli.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.parseArgs(args);
        CommandLine sub = cl.getSubcommands().get(args[0]);
        sub.setErr(new PrintWriter(err));
        return sub.getCommandSpec();
    }

    @Test
    void aLogGetsPlainLinesWithRateAndTimeLeftAndNoCarriageReturns() throws Exception {
        StringWriter err = new StringWriter();
        var s = spec(err, "simulate", "m.yaml");
        ProgressBar bar = ProgressBar.start("simulate", s, ProgressBar.Mode.LINES, 7 * 86_400, " days", 86_400,
                Duration.ofMillis(100), Duration.ZERO);
        bar.stepTo(2 * 86_400);
        Thread.sleep(350);
        bar.stepTo(7 * 86_400);
        bar.finish();
        String text = err.toString();
        assertThat(text).doesNotContain("\r").contains("simulate: ").contains(" / 7.00 days)").contains(" days/s")
                .contains(" left").endsWith("\n");
        // 2 of 7 days done: 29 %, whatever the timing.
        assertThat(text.lines().filter(l -> l.contains("29% (2.00 / 7.00 days)"))).isNotEmpty();
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).contains("100% (7.00 / 7.00 days)");
    }

    @Test
    void aLogGetsNothingForShortWork() throws Exception {
        StringWriter err = new StringWriter();
        var s = spec(err, "simulate", "m.yaml");
        ProgressBar bar = ProgressBar.start("simulate", s, ProgressBar.Mode.LINES, 100, " runs", 1);
        bar.stepTo(50);
        bar.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aTerminalGetsABarRedrawnInPlaceAndClearedAtTheEnd() throws Exception {
        StringWriter err = new StringWriter();
        var s = spec(err, "simulate", "m.yaml");
        ProgressBar bar = ProgressBar.start("campaign c", s, ProgressBar.Mode.BAR, 18, " runs", 1);
        bar.stepTo(6);
        Thread.sleep(450);
        bar.finish();
        String text = err.toString();
        assertThat(text).startsWith("\r").contains("campaign c").contains("6/18 runs").doesNotContain("\n");
        assertThat(text).endsWith("\r");
    }

    @Test
    void quietMeansNoProgressAnywhereOnTheCommandLine() {
        StringWriter err = new StringWriter();
        assertThat(ProgressBar.Mode.of(spec(err, "simulate", "m.yaml", "--quiet"))).isEqualTo(ProgressBar.Mode.OFF);
        String before = System.getProperty(ProgressBar.MODE_PROPERTY);
        try {
            // In-process without the launcher's word and without a console (as here): nothing, so a
            // caller's captured stderr holds only what the command says.
            System.clearProperty(ProgressBar.MODE_PROPERTY);
            if (System.console() == null) {
                assertThat(ProgressBar.Mode.of(spec(err, "simulate", "m.yaml"))).isEqualTo(ProgressBar.Mode.OFF);
            }
            System.setProperty(ProgressBar.MODE_PROPERTY, "lines");
            assertThat(ProgressBar.Mode.of(spec(err, "simulate", "m.yaml"))).isEqualTo(ProgressBar.Mode.LINES);
            System.setProperty(ProgressBar.MODE_PROPERTY, "bar");
            assertThat(ProgressBar.Mode.of(spec(err, "simulate", "m.yaml"))).isEqualTo(ProgressBar.Mode.BAR);
        } finally {
            if (before == null) {
                System.clearProperty(ProgressBar.MODE_PROPERTY);
            } else {
                System.setProperty(ProgressBar.MODE_PROPERTY, before);
            }
        }
    }

    @Test
    void aQuietSimulationPrintsNothingOnStandardError() {
        CliRun run = CliRun.of("simulate", PlanCommandTest.mission("minimal.yaml").toString(), "--days", "0.1", "--quiet",
                "--out", tmp.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void stoppingSaysWhatWasKeptAndWhere() {
        StringWriter err = new StringWriter();
        var s = spec(err, "simulate", "m.yaml");
        ProgressBar bar = ProgressBar.start("campaign c", s, ProgressBar.Mode.BAR, 18, " runs", 1);
        bar.stepTo(3);
        try (StopNotice n = StopNotice.register(s.commandLine().getErr(), bar, () -> "3 of 18 runs are kept in out/runs")) {
            n.say();
        }
        assertThat(err.toString()).endsWith("\nonorbit: stopped; 3 of 18 runs are kept in out/runs\n");
    }
}

package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CommonOptionsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        CommonOptions.TableOrJson format;
        @Mixin
        CommonOptions.OutFile out;
        @Mixin
        CommonOptions.SeedOverride seed;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return p;
    }

    @Test
    void eachFamilyMeansTheSameInEveryCommand() {
        Probe none = parse();
        assertThat(none.format.json("probe")).isFalse();
        assertThat(none.out.file()).isEmpty();
        assertThat(none.seed.orElse(42)).isEqualTo(42);
        Probe all = parse("--format", "json", "--out", "r.json", "--seed", "7");
        assertThat(all.format.json("probe")).isTrue();
        assertThat(all.out.file()).contains(Path.of("r.json"));
        assertThat(all.seed.orElse(42)).isEqualTo(7);
    }

    @Test
    void csvIsRefusedByName() {
        assertThatThrownBy(() -> parse("--format", "csv").format.json("simulate")).isInstanceOf(UserInputException.class)
                .hasMessage("--format csv is not supported by simulate; use table or json");
    }

    @Test
    void simulateRefusesCsvBeforeItRuns() {
        CliRun r = CliRun.of("simulate", "no-such-mission.yaml", "--format", "csv");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--format csv is not supported by simulate");
    }
}

package io.onorbit.verification.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The option families several commands share, each declared once as a picocli mixin so that its
 * name, meaning and help text cannot drift apart between commands. The mission file, {@code --days}
 * and {@code --orekit-data} are {@link MissionOptions}; {@code --force} is {@link Outputs.Force};
 * {@code --quiet} is the launcher's, inherited by every command.
 */
public final class CommonOptions {

    private CommonOptions() {
    }

    /** {@code --format table|json} of a command that prints a table for a person or JSON for a program. */
    public static final class TableOrJson {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
        OutputFormat format;

        /**
         * @param command the command as the user typed it (for the message), e.g. {@code experiment drift}
         * @return true for JSON, false for the table
         * @throws UserInputException for {@code --format csv}, which these commands do not write
         */
        public boolean json(String command) {
            if (format == OutputFormat.CSV) {
                throw new UserInputException("--format csv is not supported by " + command + "; use table or json");
            }
            return format == OutputFormat.JSON;
        }
    }

    /** {@code --out FILE} of a command whose result is one text file, printed when it is not given. */
    public static final class OutFile {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        /** @return the file the user named, empty for standard output */
        public Optional<Path> file() {
            return Optional.ofNullable(out);
        }
    }

    /** {@code --seed}: a run's seed in place of the mission file's. */
    public static final class SeedOverride {
        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the run (default: the mission's seed).")
        Long seed;

        /** @return the seed to run with: the one given, else {@code missionSeed} */
        public long orElse(long missionSeed) {
            return seed != null ? seed : missionSeed;
        }
    }
}

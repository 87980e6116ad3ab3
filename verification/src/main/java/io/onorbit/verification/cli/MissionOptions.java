package io.onorbit.verification.cli;

import io.onorbit.ground.config.MissionConfig;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.verification.sim.MissionFile;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments every mission command shares (picocli mixin): the mission file, {@code --days}
 * and {@code --orekit-data}. Loading reads every section of the file once ({@link MissionFile}), not
 * only the ones the command uses, so a typo anywhere is reported by whichever command the user runs first.
 */
public final class MissionOptions {

    /** Longest span a command accepts, days (ten years). */
    static final double MAX_DAYS = 3660;

    @Parameters(index = "0", paramLabel = "MISSION.yaml", description = "Mission file.")
    Path mission;

    @Option(names = "--days", paramLabel = "N",
            description = "Span from the mission start, days (default: the mission's duration; at most 3660).")
    Double days;

    @Option(names = "--orekit-data", paramLabel = "DIR",
            description = "Full orekit-data folder (JPL Sun, real EOP); default: $OREKIT_DATA, else built-in models.")
    Path orekitData;

    /** @return the mission file as given */
    public Path file() {
        return mission;
    }

    /** @return the command's input files and folders (mission file, orekit-data folder if given), which no output may replace */
    public Path[] inputs() {
        return new Path[] {mission, orekitData};
    }

    /**
     * @param m the loaded mission
     * @return the command's inputs and the files the mission names that a run reads (the key file),
     *         none of which an output may replace or be put around (even with {@code --force}: a key
     *         file saved in an earlier report folder and named by the mission keeps that folder)
     */
    public Path[] inputs(MissionConfig m) {
        return new Path[] {mission, orekitData, m.ground().uplinkKeysFile().orElse(null)};
    }

    /**
     * @return the mission's flight and ground sections, with {@code --days} applied and every
     *         section validated (for commands that do not simulate)
     * @throws UserInputException for a bad {@code --days}
     * @throws io.onorbit.ground.config.ConfigException for a bad mission file
     */
    public MissionConfig load() {
        return load(mission, days).config();
    }

    /**
     * @return the mission with every section typed, {@code --days} applied
     * @throws UserInputException for a bad {@code --days}
     * @throws io.onorbit.ground.config.ConfigException for a bad mission file
     */
    public MissionFile loadFile() {
        return load(mission, days);
    }

    /**
     * @param file the mission YAML
     * @param days span from the mission start, days (null: the mission's duration)
     * @return the mission, with the span applied and every section validated
     */
    public static MissionFile load(Path file, Double days) {
        if (days != null && !(days > 0 && days <= MAX_DAYS)) {
            throw new UserInputException("--days " + days + " must be in (0, " + (long) MAX_DAYS + "]");
        }
        MissionFile m = MissionFile.load(file);
        return days == null ? m : m.withDuration(Duration.ofMillis(Math.round(days * 86_400_000L)));
    }

    /** @return the Orekit context for {@code --orekit-data} (or OREKIT_DATA, or the built-in models) */
    public OrbitContext orbitContext() {
        try {
            return OrbitContext.select(orekitData);
        } catch (IllegalArgumentException e) {
            throw new UserInputException((orekitData != null ? "--orekit-data: " : "OREKIT_DATA: ") + e.getMessage());
        }
    }

}

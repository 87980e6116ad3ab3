package io.onorbit.verification.sim;

import io.onorbit.ground.config.ConfigNode;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.config.YamlFiles;
import io.onorbit.verification.compression.CompressionExperimentSettings;
import io.onorbit.verification.learning.DriftExperimentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A mission file with every section typed, as every command receives it: the file is parsed once
 * ({@link YamlFiles}), the sections owned by the flight software and the ground are read from that
 * document by {@link MissionLoader} ({@link MissionConfig}), the simulator's own {@code simulation}
 * section ({@link SimulationSettings}), the compression study's {@code link.experiment}
 * ({@link CompressionExperimentSettings}) and the drift study's {@code learning.experiment}
 * ({@link DriftExperimentSettings}, also the launch-model fit and error scoring of the closed
 * loop) from the same document here; no tree is kept. Loading
 * reads every section whatever the command, so a typo anywhere is reported by whichever command
 * the user runs first.
 *
 * @param config     the mission's flight and ground sections
 * @param simulation the mission's {@code simulation} section (defaults if absent)
 * @param compressionExperiment the mission's {@code link.experiment} settings (defaults if absent)
 * @param driftExperiment the mission's {@code learning.experiment} settings (defaults if absent)
 */
public record MissionFile(MissionConfig config, SimulationSettings simulation,
        CompressionExperimentSettings compressionExperiment, DriftExperimentSettings driftExperiment) {

    public MissionFile {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(compressionExperiment, "compressionExperiment");
        Objects.requireNonNull(driftExperiment, "driftExperiment");
    }

    /**
     * @param file the mission YAML
     * @return the mission, every section validated
     * @throws io.onorbit.ground.config.ConfigException naming file, field and reason
     */
    public static MissionFile load(Path file) {
        return load(file, YamlFiles.read(file));
    }

    /**
     * @param file the mission file the document came from (relative paths resolve against its folder)
     * @param root the document, possibly changed since it was read (a campaign's overrides)
     * @return the mission, every section validated
     * @throws io.onorbit.ground.config.ConfigException naming file, field and reason
     */
    public static MissionFile load(Path file, ConfigNode root) {
        MissionConfig config = MissionLoader.load(file, root);
        return new MissionFile(config, SimulationSettings.read(root.child("simulation").orElse(null)),
                CompressionExperimentSettings.read(root.child("link").flatMap(l -> l.child("experiment"))),
                DriftExperimentSettings.read(root.child("learning").flatMap(l -> l.child("experiment")),
                        config.learning().trainer().seed()));
    }

    /** @return a copy covering another span length */
    public MissionFile withDuration(Duration newDuration) {
        return new MissionFile(config.withDuration(newDuration), simulation, compressionExperiment, driftExperiment);
    }
}

package io.onorbit.verification.compression;

import io.onorbit.ground.config.ConfigNode;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the compression trade study ({@code onorbit experiment compression}): federated
 * rounds of deltas between the clients and the ground. They are the study's, not the link's: the
 * mission file keeps them under {@code link.experiment}, which the mission loader leaves to the
 * study and {@link #read} reads once from the same parsed document, when every command loads the
 * mission ({@code MissionFile}), so a typo there is reported by any command.
 *
 * @param rounds      federated rounds (one delta per client per round), &ge; 1
 * @param clients     clients (satellites) taking part; 0 = the mission's satellite count, at least 2
 * @param localSteps  training steps a client takes between two deltas, &ge; 1
 * @param hiddenWidth hidden width of the experiment's network, units (its size sets the dense delta size)
 * @param seeds       task seeds each point is averaged over (mission seed, +1, ...), &ge; 1
 */
public record CompressionExperimentSettings(int rounds, int clients, int localSteps, int hiddenWidth, int seeds) {

    private static final List<String> KEYS = List.of("rounds", "clients", "local_steps", "hidden_width", "seeds");

    public CompressionExperimentSettings {
        if (rounds < 1 || clients < 0 || localSteps < 1 || hiddenWidth < 1 || seeds < 1) {
            throw new IllegalArgumentException("link.experiment: rounds, local_steps, hidden_width, seeds must be"
                    + " >= 1, clients >= 0");
        }
    }

    /** @return 80 rounds, clients = satellites, 10 local steps, 512 hidden units, 3 seeds */
    public static CompressionExperimentSettings defaults() {
        return new CompressionExperimentSettings(80, 0, 10, 512, 3);
    }

    /**
     * @param section the mission's {@code link.experiment} node, empty if absent
     * @return its settings, defaults for every key not given
     * @throws io.onorbit.ground.config.ConfigException naming file, field and reason, for a bad value
     */
    public static CompressionExperimentSettings read(Optional<ConfigNode> section) {
        CompressionExperimentSettings d = defaults();
        if (section.isEmpty()) {
            return d;
        }
        ConfigNode x = section.get();
        x.allowOnly(KEYS);
        return new CompressionExperimentSettings((int) x.integer("rounds", d.rounds(), 1, 100_000),
                (int) x.integer("clients", d.clients(), 0, 1000), (int) x.integer("local_steps", d.localSteps(), 1, 100_000),
                (int) x.integer("hidden_width", d.hiddenWidth(), 1, 4096), (int) x.integer("seeds", d.seeds(), 1, 100));
    }
}

package io.onorbit.ground.config;

import io.onorbit.ground.aggregation.AggregationBasis;
import io.onorbit.ground.aggregation.AggregationRule;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.ClusterRule;
import io.onorbit.ground.review.ReviewPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the mission file's {@code ground} section (see mission-configs/SCHEMA.md). */
public final class GroundConfigReader {

    private GroundConfigReader() {
    }

    /**
     * @param root       the mission file's root node
     * @param missionDir folder of the mission file, against which relative paths resolve
     * @return the ground settings, defaults for everything absent
     * @throws ConfigException naming file, field and reason for a bad value
     */
    public static GroundConfig read(ConfigNode root, Path missionDir) {
        Optional<ConfigNode> section = root.child("ground");
        if (section.isEmpty()) {
            return GroundConfig.DEFAULT;
        }
        ConfigNode g = section.get().allowOnly(List.of("archive_url", "uplink_keys_file", "review", "aggregation"));
        Optional<String> url = Optional.ofNullable(g.string("archive_url", null));
        if (url.isPresent() && !url.get().startsWith("jdbc:")) {
            throw g.error("archive_url", "'" + url.get() + "' is not a JDBC URL such as jdbc:sqlite:/data/archive.db");
        }
        Optional<Path> keys = Optional.ofNullable(g.string("uplink_keys_file", null)).map(missionDir::resolve);
        // Checked here, not when the first update is signed: the user then sees the mission file and field.
        if (keys.isPresent() && !Files.isRegularFile(keys.get())) {
            throw g.error("uplink_keys_file", "'" + g.string("uplink_keys_file", null) + "' is not a readable file (looked at "
                    + keys.get().toAbsolutePath().normalize() + ")");
        }
        ReviewPolicy review = ReviewPolicy.DEFAULT;
        Optional<ConfigNode> r = g.child("review");
        if (r.isPresent()) {
            ConfigNode rn = r.get().allowOnly(List.of("mad_k", "norm_window", "min_history"));
            int window = (int) rn.integer("norm_window", ReviewPolicy.DEFAULT.window(), 3, 100_000);
            int minHistory = (int) rn.integer("min_history", Math.min(ReviewPolicy.DEFAULT.minHistory(), window), 3, window);
            review = new ReviewPolicy(rn.number("mad_k", ReviewPolicy.DEFAULT.madK(), 0.1, 1000), window, minHistory);
        }
        Aggregator aggregator = GroundConfig.DEFAULT.aggregator();
        ClusterRule clusters = GroundConfig.DEFAULT.clusters();
        Optional<ConfigNode> a = g.child("aggregation");
        if (a.isPresent()) {
            ConfigNode an = a.get().allowOnly(List.of("rule", "trim_fraction", "staleness_exponent", "basis", "clusters"));
            clusters = ClusterRule.parse(an.choice("clusters", clusters.label(), Set.of("single", "orbital-planes")));
            String rule = an.choice("rule", "fedavg", Set.of("fedavg", "median", "trimmed-mean"));
            aggregator = new Aggregator(AggregationRule.parse(rule), an.number("trim_fraction", 0.2, 0, 0.49),
                    an.number("staleness_exponent", Aggregator.FEDBUFF_STALENESS_EXPONENT, 0, 4),
                    AggregationBasis.parse(an.choice("basis", GroundConfig.DEFAULT.aggregator().basis().label(), Set.of("deltas", "latest-models"))));
        }
        return new GroundConfig(url, keys, review, aggregator, clusters);
    }
}

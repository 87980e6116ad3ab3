package io.onorbit.ground.config;

import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a mission file. Strict: unknown keys are rejected with the nearest known
 * key suggested, and every bad value is one {@link ConfigException} line
 * {@code file: field.path: reason}. Every section the flight software and the ground own is read
 * here, exactly once, by the reader that owns its fields (one place per field), into the typed
 * {@link MissionConfig}. The sections the ground cannot see the types of ({@code simulation},
 * {@code link.experiment}, {@code learning.experiment}: the simulator's, the compression study's and
 * the drift study's) are only checked to be
 * mappings here; the caller that owns them reads them from the same document
 * ({@code verification.sim.MissionFile}), so the file is parsed once and no tree is kept.
 */
public final class MissionLoader {

    /** Keys allowed at the top of a mission file. */
    public static final Set<String> TOP_LEVEL_KEYS = Set.of("mission", "start", "duration", "seed", "satellites",
            "ground_stations", "spacecraft", "learning", "link", "ground", "simulation");

    /** Span used when {@code duration} is absent. */
    public static final Duration DEFAULT_DURATION = Duration.ofDays(7);
    /** Earliest mission start (SCHEMA.md): UTC before 1972 drifted against TAI and has no leap-second table. */
    public static final Instant EARLIEST_START = Instant.parse("1972-01-01T00:00:00Z");
    /** Seed used when {@code seed} is absent. */
    public static final long DEFAULT_SEED = 1;

    private static final Set<String> OTHER_SECTIONS = Set.of("spacecraft", "learning", "link", "ground", "simulation");

    private MissionLoader() {
    }

    /**
     * @param file the mission YAML
     * @return the validated mission
     * @throws ConfigException on any problem, as one line
     */
    public static MissionConfig load(Path file) {
        return load(file, YamlFiles.read(file));
    }

    /**
     * Validates a mission document that was read (and possibly changed, e.g. by a campaign's
     * overrides) before; relative paths inside it resolve against {@code file}'s folder.
     *
     * @param file the mission file the document came from
     * @param root the document
     * @return the validated mission
     * @throws ConfigException on any problem, as one line
     */
    public static MissionConfig load(Path file, ConfigNode root) {
        root.allowOnly(TOP_LEVEL_KEYS);
        String name = root.string("mission").trim();
        if (name.isEmpty()) {
            throw root.error("mission", "must not be empty");
        }
        Instant start = root.instant("start");
        if (start.isBefore(EARLIEST_START)) {
            throw root.error("start", start + " is before " + EARLIEST_START
                    + "; missions start in 1972 or later (the first date of the leap-second table UTC needs)");
        }
        Duration duration = root.positiveDuration("duration", DEFAULT_DURATION);
        long seed = root.integer("seed", DEFAULT_SEED, 0, Long.MAX_VALUE);
        for (String section : OTHER_SECTIONS) {
            root.child(section).ifPresent(n -> {
                if (!n.raw().isObject()) {
                    throw n.error("must be a mapping of keys to values");
                }
            });
        }
        Path folder = file.toAbsolutePath().getParent();
        List<SatelliteSpec> satellites = new ArrayList<>();
        List<ConfigNode> satNodes = root.required("satellites").elements();
        if (satNodes.isEmpty()) {
            throw root.error("satellites", "must list at least one satellite");
        }
        Set<String> satNames = new HashSet<>();
        for (ConfigNode n : satNodes) {
            for (SatelliteSpec s : SatelliteReader.read(n, start, folder)) {
                if (!satNames.add(s.name())) {
                    throw n.error("name", "satellite name '" + s.name() + "' is used twice");
                }
                satellites.add(s);
            }
        }
        List<GroundStation> stations = new ArrayList<>();
        List<StationLink> stationLinks = new ArrayList<>();
        List<ConfigNode> stationNodes = root.required("ground_stations").elements();
        if (stationNodes.isEmpty()) {
            throw root.error("ground_stations", "must list at least one ground station");
        }
        Set<String> stationNames = new HashSet<>();
        for (ConfigNode n : stationNodes) {
            GroundStationReader.Entry s = GroundStationReader.read(n);
            if (!stationNames.add(s.station().name())) {
                throw n.error("name", "station name '" + s.station().name() + "' is used twice");
            }
            stations.add(s.station());
            stationLinks.add(s.link());
        }
        Path missionDir = folder == null ? Path.of(".") : folder;
        return new MissionConfig(file, name, start, duration, seed, satellites, stations, stationLinks,
                PowerConfigReader.read(root), TrainingPayloadConfigReader.read(root), LearningConfigReader.read(root),
                LinkConfigReader.read(root), GroundConfigReader.read(root, missionDir));
    }
}

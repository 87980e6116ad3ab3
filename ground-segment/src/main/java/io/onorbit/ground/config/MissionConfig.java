package io.onorbit.ground.config;

import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated mission file: the foundation sections (name, span, seed, satellites, ground
 * stations) as orbit-sim types, plus the whole document as a {@link ConfigNode} so that other
 * sections' readers ({@code spacecraft}, {@code learning}, {@code link}, {@code ground},
 * {@code simulation}) can read theirs from {@link #root()}.
 *
 * @param file       the mission file
 * @param name       mission name
 * @param start      span start (UTC)
 * @param duration   span length (&gt; 0)
 * @param seed       seed for every random choice of the run
 * @param satellites satellites, Walker constellations expanded, in file order
 * @param stations   ground stations, in file order
 * @param root       the whole document
 */
public record MissionConfig(Path file, String name, Instant start, Duration duration, long seed,
                            List<SatelliteSpec> satellites, List<GroundStation> stations, ConfigNode root) {

    public MissionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(root, "root");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration + " must be > 0");
        }
        satellites = List.copyOf(satellites);
        stations = List.copyOf(stations);
    }

    /** @return span length, s */
    public double durationS() {
        return duration.toMillis() / 1000.0;
    }

    /** @return span end (UTC) */
    public Instant end() {
        return start.plus(duration);
    }

    /** @return a copy covering another span length (e.g. {@code --days N}) */
    public MissionConfig withDuration(Duration newDuration) {
        return new MissionConfig(file, name, start, newDuration, seed, satellites, stations, root);
    }

    /** @return the satellite called {@code satelliteName} */
    public SatelliteSpec satellite(String satelliteName) {
        return satellites.stream().filter(s -> s.name().equals(satelliteName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no satellite named " + satelliteName));
    }
}

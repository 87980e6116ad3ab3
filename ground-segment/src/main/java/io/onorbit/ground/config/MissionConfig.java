package io.onorbit.ground.config;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A mission file, read and validated once by {@link MissionLoader}: every section as the immutable
 * type of the component that owns it. No YAML tree is kept: the {@code simulation},
 * {@code link.experiment} and {@code learning.experiment} sections belong to {@code verification}
 * (the simulator, the compression and drift studies), which reads them from the same parsed
 * document ({@code verification.sim.MissionFile}).
 *
 * @param file              the mission file
 * @param name              mission name
 * @param start             span start (UTC)
 * @param duration          span length (&gt; 0)
 * @param seed              seed for every random choice of the run
 * @param satellites        satellites, Walker constellations expanded, in file order
 * @param stations          ground stations as orbit-sim sees them, in file order
 * @param stationLinks      each station's link rates, in the same order
 * @param power             {@code spacecraft.power}: the power system (defaults if absent)
 * @param payload           {@code spacecraft.training_payload}: the training payload (defaults if absent)
 * @param learning          {@code learning}: trainer, task and personalisation (defaults if absent)
 * @param link              {@code link}: packets, compression, pass margin (defaults if absent)
 * @param ground            {@code ground}: archive, keys, review, aggregation (defaults if absent)
 */
public record MissionConfig(Path file, String name, Instant start, Duration duration, long seed,
                            List<SatelliteSpec> satellites, List<GroundStation> stations,
                            List<StationLink> stationLinks, PowerSystem power,
                            PayloadSpec payload, LearningConfig learning, LinkConfig link, GroundConfig ground) {

    public MissionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(ground, "ground");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration + " must be > 0");
        }
        satellites = List.copyOf(satellites);
        stations = List.copyOf(stations);
        stationLinks = List.copyOf(stationLinks);
        if (stationLinks.size() != stations.size()) {
            throw new IllegalArgumentException(stations.size() + " stations but " + stationLinks.size() + " station links");
        }
        for (int i = 0; i < stations.size(); i++) {
            if (!stations.get(i).name().equals(stationLinks.get(i).station())) {
                throw new IllegalArgumentException("station link " + i + " is for " + stationLinks.get(i).station()
                        + ", station " + i + " is " + stations.get(i).name());
            }
        }
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
        return new MissionConfig(file, name, start, newDuration, seed, satellites, stations, stationLinks, power, payload,
                learning, link, ground);
    }

    /** @return a copy flying only {@code only} (e.g. one satellite's schedule) */
    public MissionConfig withSatellites(List<SatelliteSpec> only) {
        return new MissionConfig(file, name, start, duration, seed, only, stations, stationLinks, power, payload, learning,
                link, ground);
    }

    /**
     * A problem found after loading (e.g. a model that does not fit its memory budget once the
     * task's shape is known), named like every loading error.
     *
     * @param fieldPath dotted path of the field, e.g. {@code learning.memory_budget_bytes}
     * @param reason    what is wrong and what is allowed
     * @return the one-line error, naming this mission's file
     */
    public ConfigException error(String fieldPath, String reason) {
        String shown = file == null ? "mission" : file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new ConfigException(shown, fieldPath, reason);
    }

    /** @return the satellite called {@code satelliteName} */
    public SatelliteSpec satellite(String satelliteName) {
        return satellites.stream().filter(s -> s.name().equals(satelliteName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no satellite named " + satelliteName));
    }
}

package io.onorbit.ground.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.orbit.spec.CcsdsSpec;
import io.onorbit.orbit.spec.KeplerianSpec;
import io.onorbit.orbit.spec.PropagatorKind;
import io.onorbit.orbit.spec.TleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionLoaderTest {

    static Path missions() {
        return Path.of(System.getProperty("onorbit.repo.root", "..")).resolve("mission-configs");
    }

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void bundledMissionsLoad() {
        MissionConfig minimal = MissionLoader.load(missions().resolve("minimal.yaml"));
        assertThat(minimal.name()).isEqualTo("example");
        assertThat(minimal.start()).isEqualTo(Instant.parse("2026-06-21T00:00:00Z"));
        assertThat(minimal.duration()).isEqualTo(Duration.ofDays(7));
        assertThat(minimal.seed()).isEqualTo(MissionLoader.DEFAULT_SEED);
        assertThat(minimal.satellites().get(0).orbit()).isInstanceOf(TleSpec.class);
        assertThat(minimal.stations().get(0).minElevationDeg()).isEqualTo(5.0);
        assertThat(minimal.stationLinks().get(0).downlinkBps()).isEqualTo(2_000_000);

        MissionConfig sso = MissionLoader.load(missions().resolve("sso-550km.yaml"));
        KeplerianSpec k = (KeplerianSpec) sso.satellites().get(0).orbit();
        assertThat(k.semiMajorAxisM()).isEqualTo(6_378_137 + 550_000, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(k.kind()).isEqualTo(PropagatorKind.ECKSTEIN_HECHLER);
        assertThat(sso.stations()).extracting(s -> s.name()).containsExactly("svalbard", "weilheim", "malindi");
        assertThat(sso.stations().get(1).mask()).isNotNull();
        // the file's rates (svalbard 10 Mbit/s down, 256 kbit/s up; malindi gives none: the defaults)
        assertThat(sso.stationLinks()).containsExactly(new StationLink("svalbard", 10_000_000, 256_000),
                new StationLink("weilheim", 4_000_000, 128_000), new StationLink("malindi", 2_000_000, 64_000));

        assertThat(MissionLoader.load(missions().resolve("walker-12.yaml")).satellites()).hasSize(12);
        assertThat(MissionLoader.load(missions().resolve("iss-tle.yaml")).satellites().get(0).orbit())
                .isInstanceOf(TleSpec.class);
    }

    @Test
    void everySectionIsTypedAtLoad() throws IOException {
        Path p = write("m.yaml", Files.readString(missions().resolve("minimal.yaml"))
                + "spacecraft:\n  power:\n    battery:\n      capacity_wh: 80\n"
                + "link:\n  pass_margin_s: 17\nsimulation:\n  step_s: 10\n");
        MissionConfig m = MissionLoader.load(p);
        assertThat(m.power().battery().capacityWh()).isEqualTo(80);
        assertThat(m.link().passMarginS()).isEqualTo(17);
    }

    @Test
    void aTypoInAnySectionIsCaughtAtLoadWhateverTheCommand() throws IOException {
        Path p = write("m.yaml", Files.readString(missions().resolve("minimal.yaml")) + "learning:\n  anything: 1\n");
        assertThatThrownBy(() -> MissionLoader.load(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("m.yaml").hasMessageContaining("learning.anything");
    }

    @Test
    void opmFileIsReadRelativeToTheMission() throws IOException {
        Files.writeString(dir.resolve("sat.opm"), String.join("\n",
                "CCSDS_OPM_VERS = 2.0",
                "CREATION_DATE = 2026-06-20T00:00:00",
                "ORIGINATOR = ONORBIT",
                "OBJECT_NAME = TEST",
                "OBJECT_ID = 2026-001A",
                "CENTER_NAME = EARTH",
                "REF_FRAME = EME2000",
                "TIME_SYSTEM = UTC",
                "EPOCH = 2026-06-21T00:00:00.000",
                "X = 6928.137", "Y = 0.0", "Z = 0.0",
                "X_DOT = 0.0", "Y_DOT = -1.0", "Z_DOT = 7.5", ""));
        Path p = write("opm.yaml", "mission: o\nstart: 2026-06-21T00:00:00Z\nsatellites:\n  - name: s\n    opm: sat.opm\n"
                + "ground_stations:\n  - {name: g, latitude_deg: 0, longitude_deg: 0}\n");
        MissionConfig m = MissionLoader.load(p);
        assertThat(m.satellites().get(0).orbit()).isInstanceOf(CcsdsSpec.class);
    }

    @Test
    void oneLineErrorsNameFileFieldAndReason() throws IOException {
        String base = "mission: m\nstart: 2026-06-21T00:00:00Z\n";
        String station = "ground_stations:\n  - {name: g, latitude_deg: 10, longitude_deg: 0}\n";
        String sat = "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 97}\n";
        check("sso.yaml", base + "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 190}\n" + station,
                "sso.yaml: satellites[0].inclination_deg: 190 is outside [0, 180]");
        check("lat.yaml", base + sat + "ground_stations:\n  - {name: g, latitude_deg: 91, longitude_deg: 0}\n",
                "lat.yaml: ground_stations[0].latitude_deg: 91 is outside [-90, 90]");
        check("dur.yaml", base + "duration: PT0S\n" + sat + station,
                "dur.yaml: duration: 'PT0S' must be longer than zero");
        check("key.yaml", base + "satelites: []\n" + sat + station,
                "key.yaml: satelites: unknown key (did you mean 'satellites'?); allowed here: duration, ground, "
                        + "ground_stations, learning, link, mission, satellites, seed, simulation, spacecraft, start");
        check("tle.yaml", base + "satellites:\n  - name: s\n    tle:\n"
                        + "      - \"1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9994\"\n"
                        + "      - \"2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16\"\n" + station,
                "tle.yaml: satellites[0].tle: line 1 checksum is '4' but the line sums to 5");
        check("two.yaml", base + "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 97, omm: x.omm}\n" + station,
                "two.yaml: satellites[0]: give only one orbit, found omm and keplerian elements");
        check("opm.yaml", base + "satellites:\n  - {name: s, opm: missing.opm}\n" + station,
                "opm.yaml: satellites[0].opm: file 'missing.opm' not found (looked in " + dir.toAbsolutePath() + ")");
        check("walk.yaml", base + "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 53, "
                + "walker: {total: 12, planes: 5}}\n" + station,
                "walk.yaml: satellites[0].walker.planes: 5 does not divide total 12");
        check("mask.yaml", base + sat + "ground_stations:\n  - {name: g, latitude_deg: 1, longitude_deg: 0, "
                + "elevation_mask: [[0, 5], [90, 95]]}\n",
                "mask.yaml: ground_stations[0].elevation_mask[1]: elevation 95 is outside [0, 89]");
        check("dup.yaml", base + "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 97}\n"
                + "  - {name: s, altitude_km: 600, inclination_deg: 97}\n" + station,
                "dup.yaml: satellites[1].name: satellite name 's' is used twice");
        check("ecc.yaml", base + "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 97, eccentricity: 0.3}\n"
                + station, "ecc.yaml: satellites[0].eccentricity: 0.3 puts the perigee below 100 km altitude");
        check("crit.yaml", base + "satellites:\n  - {name: s, altitude_km: 450, inclination_deg: 63.4}\n" + station,
                "crit.yaml: satellites[0].inclination_deg: 63.4 is within 0.03 deg of the critical inclination 63.43 deg,"
                        + " where the Eckstein-Hechler propagator is singular; set propagator: numerical-j2");
        check("equ.yaml", base + "satellites:\n  - {name: s, altitude_km: 450, inclination_deg: 0, "
                + "walker: {total: 4, planes: 1}}\n" + station, "equ.yaml: satellites[0].inclination_deg: 0 is an"
                + " equatorial orbit, where the Eckstein-Hechler propagator is singular; set propagator: numerical-j2 or keplerian");
        assertThat(MissionLoader.load(write("critnum.yaml", base + "satellites:\n  - {name: s, altitude_km: 450, "
                + "inclination_deg: 63.4, propagator: numerical-j2}\n" + station)).satellites()).hasSize(1);
        assertThatThrownBy(() -> MissionLoader.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nope.yaml") + ": file not found");
    }

    private void check(String file, String yaml, String message) throws IOException {
        Path p = write(file, yaml);
        assertThatThrownBy(() -> MissionLoader.load(p)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}

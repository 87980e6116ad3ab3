package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code onorbit plan} through the real command line: outputs, and every config error as one line with exit 2. */
class PlanCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = OnOrbitCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path mission(String name) {
        return Path.of(System.getProperty("onorbit.repo.root", "..")).resolve("mission-configs").resolve(name);
    }

    @Test
    void jsonHasDesignShapeAndTheDesignExamplePass() throws IOException {
        Path out = dir.resolve("plan.json");
        Run r = run("plan", mission("minimal.yaml").toString(), "--days", "1", "--format", "json", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.get("mission").asText()).isEqualTo("example");
        assertThat(j.get("start").asText()).isEqualTo("2026-06-21T00:00:00Z");
        assertThat(j.get("end").asText()).isEqualTo("2026-06-22T00:00:00Z");
        JsonNode first = j.get("contacts").get(0);
        // DESIGN.md's example pass of the minimal mission
        assertThat(first.get("satellite").asText()).isEqualTo("sat-1");
        assertThat(first.get("station").asText()).isEqualTo("svalbard");
        assertThat(first.get("aos").asText()).isEqualTo("2026-06-21T00:16:53.348Z");
        assertThat(first.get("los").asText()).isEqualTo("2026-06-21T00:24:53.648Z");
        assertThat(first.get("max_elevation_deg").asDouble()).isEqualTo(17.25);
        assertThat(j.get("eclipses").size()).isGreaterThan(20);
        for (JsonNode e : j.get("eclipses")) {
            assertThat(e.get("kind").asText()).isIn("umbra", "penumbra");
            assertThat(e.get("start").asText()).matches("2026-06-2[12]T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        // the span opens in eclipse: cut at the start
        assertThat(j.get("eclipses").get(0).get("start").asText()).isEqualTo("2026-06-21T00:00:00.000Z");
    }

    @Test
    void tableAndCsvForPeople() {
        Run t = run("plan", mission("sso-550km.yaml").toString(), "--days", "0.5");
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("Stations (all satellites)", "svalbard", "weilheim", "Passes", "Eclipses", "penumbra");
        Run c = run("plan", mission("sso-550km.yaml").toString(), "--days", "0.5", "--format", "CSV");
        assertThat(c.code()).isZero();
        assertThat(c.out().lines().findFirst().orElseThrow()).startsWith("record,satellite,station_or_kind,start,end");
        assertThat(c.out()).contains("contact,eo-1,svalbard,", "eclipse,eo-1,umbra,");
    }

    static Stream<Arguments> badMissions() {
        String base = "mission: m\nstart: 2026-06-21T00:00:00Z\n";
        String station = "ground_stations:\n  - {name: g, latitude_deg: 10, longitude_deg: 0}\n";
        String sat = "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 97}\n";
        return Stream.of(
                Arguments.of("sso.yaml", base + "satellites:\n  - {name: s, altitude_km: 550, inclination_deg: 190}\n" + station,
                        "sso.yaml: satellites[0].inclination_deg: 190 is outside [0, 180]"),
                Arguments.of("lat.yaml", base + sat + "ground_stations:\n  - {name: g, latitude_deg: 91, longitude_deg: 0}\n",
                        "lat.yaml: ground_stations[0].latitude_deg: 91 is outside [-90, 90]"),
                Arguments.of("zero.yaml", base + "duration: P0D\n" + sat + station,
                        "zero.yaml: duration: 'P0D' must be longer than zero"),
                Arguments.of("unknown.yaml", base + sat + "ground_stations:\n  - {name: g, latitude: 10, longitude_deg: 0}\n",
                        "unknown.yaml: ground_stations[0].latitude: unknown key (did you mean 'latitude_deg'?); allowed here: "
                                + "altitude_m, downlink_bps, elevation_mask, latitude_deg, longitude_deg, min_elevation_deg, name, uplink_bps"),
                Arguments.of("tle.yaml", base + "satellites:\n  - name: s\n    tle:\n"
                                + "      - \"1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995\"\n"
                                + "      - \"2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    17\"\n" + station,
                        "tle.yaml: satellites[0].tle: line 2 checksum is '7' but the line sums to 6"),
                Arguments.of("range.yaml", base + sat + "ground_stations:\n  - {name: g, latitude_deg: 1, longitude_deg: 0, "
                                + "min_elevation_deg: -3}\n",
                        "range.yaml: ground_stations[0].min_elevation_deg: -3 is outside [0, 89]"),
                Arguments.of("alt.yaml", base + "satellites:\n  - {name: s, altitude_km: 50, inclination_deg: 97}\n" + station,
                        "alt.yaml: satellites[0].altitude_km: 50 is outside [100, 100000]"),
                Arguments.of("nosat.yaml", base + station, "nosat.yaml: satellites: is required"),
                Arguments.of("start.yaml", "mission: m\nstart: tomorrow\n" + sat + station,
                        "start.yaml: start: 'tomorrow' is not an ISO-8601 UTC time such as 2026-06-21T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMissions")
    void badMissionIsOneLineAndExitCodeTwo(String file, String yaml, String message) throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, yaml);
        Run r = run("plan", p.toString());
        assertThat(r.code()).isEqualTo(OnOrbitCli.EXIT_BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileAndBadArguments() {
        Path missing = dir.resolve("missing.yaml");
        Run r = run("plan", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + missing + ": file not found" + System.lineSeparator());
        Run days = run("plan", mission("minimal.yaml").toString(), "--days", "0");
        assertThat(days.code()).isEqualTo(2);
        assertThat(days.err()).isEqualTo("error: --days 0.0 must be in (0, 3660]" + System.lineSeparator());
        Run data = run("plan", mission("minimal.yaml").toString(), "--orekit-data", dir.resolve("none").toString());
        assertThat(data.code()).isEqualTo(2);
        assertThat(data.err()).startsWith("error: --orekit-data: orekit-data folder ").doesNotContain("\tat ");
    }
}

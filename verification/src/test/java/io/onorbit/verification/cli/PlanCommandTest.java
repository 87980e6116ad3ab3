package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code onorbit plan} through the real command line: outputs, and every config error as one line with exit 2. */
class PlanCommandTest {

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Path mission(String name) {
        return Path.of(System.getProperty("onorbit.repo.root", "..")).resolve("mission-configs").resolve(name);
    }

    @Test
    void jsonHasDesignShapeAndTheDesignExamplePass() throws IOException {
        Path out = dir.resolve("plan.json");
        CliRun r = run("plan", mission("minimal.yaml").toString(), "--days", "1", "--format", "json", "--out", out.toString());
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
        // added fields: look angles (AOS at the 5 deg mask, TCA at the highest elevation), capacity, stations
        assertThat(first.get("aos_elevation_deg").asDouble()).isCloseTo(5.0, within(0.01));
        assertThat(first.get("tca_elevation_deg").asDouble()).isEqualTo(17.25);
        assertThat(first.get("aos_range_km").asDouble()).isGreaterThan(first.get("tca_range_km").asDouble());
        assertThat(j.get("pass_margin_s").asDouble()).isEqualTo(30.0);
        // 2 Mbit/s default rate, 30 s margin at each end; duration_s is rounded to the millisecond (125 bytes)
        assertThat((double) first.get("downlink_bytes").asLong())
                .isCloseTo(2e6 * (first.get("duration_s").asDouble() - 60) / 8, within(126.0));
        assertThat(j.get("stations").get(0).get("name").asText()).isEqualTo("svalbard");
        assertThat(j.get("stations").get(0).get("passes").asInt()).isEqualTo(j.get("contacts").size());
        assertThat(j.get("eclipses").size()).isGreaterThan(20);
        for (JsonNode e : j.get("eclipses")) {
            assertThat(e.get("kind").asText()).isIn("umbra", "penumbra");
            assertThat(e.get("start").asText()).matches("2026-06-2[12]T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        // the span opens in eclipse: cut at the start
        assertThat(j.get("eclipses").get(0).get("start").asText()).isEqualTo("2026-06-21T00:00:00.000Z");
    }

    @Test
    void namesThatNeedEscapingAreWrittenAsJacksonQuotesAString() throws IOException {
        // the plan quotes each satellite and station name once: the bytes must be the generator's own
        // quoting of the string (quote, backslash, tab, non-ASCII and a character outside the BMP)
        String satellite = "sat \"\u03b1\" \\ 1\t\ud83d\udef0";
        String station = "svalbard \u00e9\\\"";
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, Files.readString(mission("minimal.yaml")).replace("name: sat-1", "name: " + yamlQuoted(satellite))
                .replace("name: svalbard", "name: " + yamlQuoted(station)));
        Path out = dir.resolve("plan.json");
        CliRun r = run("plan", m.toString(), "--days", "1", "--format", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String json = Files.readString(out, StandardCharsets.UTF_8);
        JsonNode j = new ObjectMapper().readTree(json);
        assertThat(j.get("contacts").get(0).get("satellite").asText()).isEqualTo(satellite);
        assertThat(j.get("contacts").get(0).get("station").asText()).isEqualTo(station);
        assertThat(j.get("eclipses").get(0).get("satellite").asText()).isEqualTo(satellite);
        assertThat(json).contains("\"satellite\" : " + jacksonQuoted(satellite) + ",")
                .contains("\"station\" : " + jacksonQuoted(station) + ",");
    }

    /** @return {@code s} as a YAML double-quoted scalar (Java escapes are YAML's for these characters) */
    private static String yamlQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> b.append(c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\t' ? "\\t"
                : c > 126 ? String.format("\\U%08x", c) : Character.toString(c)));
        return b.append('"').toString();
    }

    /** @return {@code s} quoted by Jackson's UTF-8 generator from the string itself */
    private static String jacksonQuoted(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeString(s);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableListsEveryStationAndCsvWritesOneFilePerRecordType() throws IOException {
        // a second station that no pass reaches in half a day (89 deg mask)
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, Files.readString(mission("minimal.yaml"))
                + "  - {name: zenith-only, latitude_deg: 0, longitude_deg: 0, min_elevation_deg: 89}\n");
        CliRun t = run("plan", m.toString(), "--days", "0.5");
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("Stations (all satellites)", "svalbard", "Passes", "Eclipses", "penumbra");
        assertThat(t.out().lines().filter(l -> l.contains("zenith-only"))).singleElement().asString()
                .contains("no pass in the span");

        CliRun noDir = run("plan", m.toString(), "--days", "0.5", "--format", "csv");
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err().lines()).singleElement().asString().contains("--out DIR");

        Path csv = dir.resolve("csv");
        CliRun c = run("plan", m.toString(), "--days", "0.5", "--format", "CSV", "--out", csv.toString());
        assertThat(c.code()).isZero();
        assertThat(Files.list(csv).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                .containsExactlyInAnyOrderElementsOf(PlanWriter.CSV_FILES);
        List<String> contacts = Files.readAllLines(csv.resolve("contacts.csv"));
        List<String> header = List.of(contacts.get(0).split(","));
        assertThat(header).startsWith("satellite", "station", "aos", "los", "duration_s").contains("aos_azimuth_deg",
                "tca_range_km", "los_elevation_deg", "downlink_bytes", "aos_cut");
        assertThat(contacts).hasSizeGreaterThan(1);
        for (String row : contacts.subList(1, contacts.size())) {
            String[] f = row.split(",");
            double durationS = Double.parseDouble(f[header.indexOf("duration_s")]);
            // the radio's rule from the schema's words: 2 Mbit/s default rate, 30 s default margin at each end
            double expected = Math.max(0, durationS - 60) * 2e6 / 8;
            assertThat(Double.parseDouble(f[header.indexOf("downlink_bytes")])).isCloseTo(expected, within(2e6 * 1e-3 / 8 + 1));
            if (!Boolean.parseBoolean(f[header.indexOf("aos_cut")])) {
                assertThat(Double.parseDouble(f[header.indexOf("aos_elevation_deg")])).isCloseTo(5.0, within(0.01));
            }
            assertThat(Double.parseDouble(f[header.indexOf("tca_elevation_deg")]))
                    .isEqualTo(Double.parseDouble(f[header.indexOf("max_elevation_deg")]));
        }
        List<String> stations = Files.readAllLines(csv.resolve("stations.csv"));
        assertThat(stations.get(0)).startsWith("station,latitude_deg,longitude_deg,altitude_m,passes,contact_s");
        assertThat(stations).hasSize(3);
        assertThat(stations.get(2)).startsWith("zenith-only,").endsWith(",0,0.000,0,0,,no pass in the span");
        assertThat(Files.readAllLines(csv.resolve("eclipses.csv")).get(0))
                .isEqualTo("satellite,kind,start,end,duration_s,start_cut,end_cut");
        List<String> beta = Files.readAllLines(csv.resolve("beta_angle.csv"));
        assertThat(beta.get(0)).isEqualTo("satellite,time,beta_deg");
        assertThat(beta).hasSize(1 + 13); // hourly over 12 h, both ends included
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
        CliRun r = run("plan", p.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileAndBadArguments() {
        Path missing = dir.resolve("missing.yaml");
        CliRun r = run("plan", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + missing + ": file not found" + System.lineSeparator());
        CliRun days = run("plan", mission("minimal.yaml").toString(), "--days", "0");
        assertThat(days.code()).isEqualTo(2);
        assertThat(days.err()).isEqualTo("error: --days 0.0 must be in (0, 3660]" + System.lineSeparator());
        CliRun data = run("plan", mission("minimal.yaml").toString(), "--orekit-data", dir.resolve("none").toString());
        assertThat(data.code()).isEqualTo(2);
        assertThat(data.err()).startsWith("error: --orekit-data: orekit-data folder ").doesNotContain("\tat ");
    }

    @Test
    void orekitDataFolderSwitchesTheModelsAndReportsWhatItLacks() throws IOException {
        Path folder = Path.of(System.getProperty("onorbit.repo.root", "..")).resolve("../shared/reference-data/orekit-2023")
                .normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(folder), "no reference data at " + folder);
        Path m = dir.resolve("m2023.yaml");
        Files.writeString(m, Files.readString(mission("sso-550km.yaml")).replace("2026-06-21", "2023-03-01"));
        CliRun ok = run("plan", m.toString(), "--days", "0.5", "--format", "json", "--orekit-data", folder.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("\"orekit_data\" : \"orekit-data folder " + folder);
        // the DE430 segment in that folder ends in April 2023: a 2026 mission cannot use it
        CliRun late = run("plan", mission("minimal.yaml").toString(), "--days", "0.5", "--orekit-data", folder.toString());
        assertThat(late.code()).isEqualTo(2);
        assertThat(late.err()).startsWith("error: orekit-data folder " + folder + " cannot serve this mission: ")
                .doesNotContain("\tat ");
    }
}

package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.ground.config.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric range documented in {@code mission-configs/SCHEMA.md} is enforced: the test reads
 * the schema's tables (not a copy of them), and for each field sets, in an otherwise valid
 * mission, each bound (accepted) and values just outside it (refused as one line
 * {@code file: field.path: reason}, which the command line prints with exit code 2). A row whose
 * range this test cannot read must be listed in {@link #NOT_A_NUMERIC_RANGE} with the reason, so
 * a new row cannot slip past it.
 */
class DocumentedRangesTest {

    @TempDir
    Path tmp;

    /** Rows whose "range" is not a numeric interval, and how they are covered instead. */
    static final Map<String, String> NOT_A_NUMERIC_RANGE = Map.ofEntries(
            Map.entry("mission", "text"), Map.entry("start", "a time: checked below (1972 or later)"),
            Map.entry("duration", "a duration (BadInputCorpusTest)"), Map.entry("satellites", "a list"),
            Map.entry("ground_stations", "a list"), Map.entry("spacecraft", "sections"),
            Map.entry("learning", "a section"), Map.entry("link", "a section"), Map.entry("ground", "a section"),
            Map.entry("simulation", "a section"),
            Map.entry("satellites[].eccentricity", "bounded with the perigee altitude: checked below"),
            Map.entry("satellites[].name", "text"), Map.entry("satellites[].tle", "TLE lines"),
            Map.entry("satellites[].opm", "a file"), Map.entry("satellites[].omm", "a file"),
            Map.entry("satellites[].epoch", "a time"), Map.entry("satellites[].propagator", "a choice"),
            Map.entry("ground_stations[].name", "text"),
            Map.entry("ground_stations[].elevation_mask", "a list of points: checked below"),
            Map.entry("spacecraft.power.solar_array.attitude", "a choice"),
            Map.entry("spacecraft.power.solar_array.normal", "a vector"),
            Map.entry("spacecraft.training_payload.engine", "a choice"),
            Map.entry("learning.model.hidden_layers", "a list of widths: checked below"),
            Map.entry("learning.trainable", "a choice"), Map.entry("learning.seed", "any integer"),
            Map.entry("learning.step_rule", "a choice"),
            Map.entry("learning.learning_rate", "bounded by the step rule: (0, 2) with nlms and vss_nlms, (0, 100] with sgd"
                    + " (LearningConfigReaderTest)"),
            Map.entry("learning.min_learning_rate", "bounded by learning_rate, and only with step_rule vss_nlms"
                    + " (LearningConfigReaderTest)"),
            Map.entry("learning.personal_layers", "0 up to the number of hidden layers, which the file sets"),
            Map.entry("learning.personalisation", "a choice"),
            Map.entry("learning.change_detector.enabled", "a boolean"),
            Map.entry("learning.output_rls.enabled", "a boolean"),
            Map.entry("learning.iterate_averaging.enabled", "a boolean"),
            Map.entry("learning.iterate_averaging.serve", "a choice (LearningConfigReaderTest)"),
            Map.entry("learning.change_detector.confirm_samples", "0 (off) or 16-100000: checked below"),
            Map.entry("learning.task.kind", "a choice"), Map.entry("learning.task.file", "a file"),
            Map.entry("link.bits", "1-8 or 32: checked below"), Map.entry("link.scale", "a choice"),
            Map.entry("link.error_feedback", "a boolean"), Map.entry("ground.archive_url", "a URL"),
            Map.entry("ground.uplink_keys_file", "a file"), Map.entry("ground.aggregation.rule", "a choice"),
            Map.entry("ground.aggregation.basis", "a choice"), Map.entry("ground.aggregation.clusters", "a choice"));

    /** Values the dependent bounds refer to, as the base mission sets them (or their defaults). */
    static final Map<String, BigDecimal> SYMBOLS = Map.of(
            "t", BigDecimal.valueOf(12), "p-1", BigDecimal.valueOf(3), "floor_soc", new BigDecimal("0.30"),
            "active_w", new BigDecimal("0.1"), "strings-1", BigDecimal.valueOf(7), "step_s", BigDecimal.valueOf(30),
            "norm_window", BigDecimal.valueOf(50), "2^63-1", new BigDecimal(Long.MAX_VALUE),
            "2^40", BigDecimal.valueOf(1L << 40));

    /** Other fields a field's bound needs set to stay valid on its own (e.g. planes dividing the total). */
    static final Map<String, Map<String, Object>> CONTEXT = Map.of(
            "satellites[].walker.total", Map.of("satellites[].walker.planes", 1, "satellites[].walker.phasing", 0),
            "satellites[].semi_major_axis_km", Map.of("satellites[].altitude_km", REMOVE.INSTANCE),
            "satellites[].walker.planes", Map.of("satellites[].walker.phasing", 0),
            // the range's ends are equatorial, where the default Eckstein-Hechler model is singular (SpecTest)
            "satellites[].inclination_deg", Map.of("satellites[].propagator", "numerical-j2"),
            "learning.task.strings", Map.of("learning.task.failed_strings", 0),
            "spacecraft.power.margin_soc", Map.of("spacecraft.power.battery.floor_soc", 0),
            "spacecraft.power.battery.floor_soc", Map.of("spacecraft.power.margin_soc", 0),
            "spacecraft.training_payload.active_w", Map.of("spacecraft.training_payload.idle_w", 0));

    enum REMOVE { INSTANCE }

    /** Fields that only exist on some satellites: the walker keys go on the Walker entry. */
    static boolean onWalker(String field) {
        return field.startsWith("satellites[].walker.");
    }

    /** One documented row: section-qualified field and its range text. */
    record Row(String field, String range) {
        @Override
        public String toString() {
            return field + " " + range;
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        String section = "";
        List<String> header = null;
        for (String line : Files.readAllLines(PlanCommandTest.mission("SCHEMA.md"))) {
            if (line.startsWith("## ")) {
                String h = line.substring(3).trim();
                section = h.equals("Top level") ? "" : h.startsWith("Campaign") ? null : h;
                header = null;
                continue;
            }
            if (section == null || !line.startsWith("|") || line.startsWith("| ---")) {
                continue;
            }
            List<String> cells = Stream.of(line.replace("\\|", "/").strip().replaceAll("^\\||\\|$", "").split("\\|"))
                    .map(String::strip).toList();
            if (cells.get(0).equals("key") || cells.get(0).equals("field")) {
                header = cells;
                continue;
            }
            if (header == null) {
                continue;
            }
            int r = -1;
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith("range")) {
                    r = i;
                }
            }
            for (String key : cells.get(0).split(",")) {
                String k = key.strip().replace("`", "");
                rows.add(new Row(section.isEmpty() ? k : section + "." + k, r < 0 ? "" : cells.get(r)));
            }
        }
        return rows;
    }

    /** A parsed interval: bounds (null = unbounded) and whether each is included. */
    record Interval(BigDecimal low, boolean lowClosed, BigDecimal high, boolean highClosed) {
    }

    private static final String NUM = "-?[0-9.]+(?:e[0-9]+)?|2\\^63-1|2\\^40|t|p-1|floor_soc|active_w|strings-1|step_s|norm_window";
    private static final Pattern BRACKETS = Pattern.compile("^([\\[(])\\s*(" + NUM + ")\\s*,\\s*(" + NUM + ")\\s*([\\])])");
    private static final Pattern DASH = Pattern.compile("^(" + NUM + ")(?:-| to )(" + NUM + ")(?![\\w^])");
    private static final Pattern GREATER = Pattern.compile("^(>|≥|>=)\\s*(" + NUM + ")");

    static BigDecimal value(String s) {
        BigDecimal v = SYMBOLS.get(s);
        return v != null ? v : new BigDecimal(s);
    }

    static Optional<Interval> interval(String range) {
        String r = range.replace("`", "").strip();
        Matcher m = BRACKETS.matcher(r);
        if (m.find()) {
            return Optional.of(new Interval(value(m.group(2)), m.group(1).equals("["), value(m.group(3)), m.group(4).equals("]")));
        }
        m = DASH.matcher(r);
        if (m.find()) {
            return Optional.of(new Interval(value(m.group(1)), true, value(m.group(2)), true));
        }
        m = GREATER.matcher(r);
        if (m.find()) {
            return Optional.of(new Interval(value(m.group(2)), !m.group(1).equals(">"), null, false));
        }
        return Optional.empty();
    }

    static Stream<Row> numericRows() throws IOException {
        return rows().stream().filter(r -> !NOT_A_NUMERIC_RANGE.containsKey(r.field()));
    }

    @Test
    void everyRowIsReadAsARangeOrListedWithAReason() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(100);
        assertThat(rows.stream().map(Row::field)).containsAll(NOT_A_NUMERIC_RANGE.keySet());
        List<String> unread = rows.stream().filter(r -> !NOT_A_NUMERIC_RANGE.containsKey(r.field()))
                .filter(r -> interval(r.range()).isEmpty()).map(Row::toString).toList();
        assertThat(unread).as("rows with a range this test cannot read; list them with a reason").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericRows")
    void theBoundsAreAcceptedAndJustOutsideIsOneLineNamingTheField(Row row) throws IOException {
        Interval in = interval(row.range()).orElseThrow();
        String quoted = row.field().replace("[]", "[" + (onWalker(row.field()) ? 1 : 0) + "]");
        List<String> problems = new ArrayList<>();
        for (BigDecimal ok : inside(in)) {
            accepted(row.field(), ok).ifPresent(e -> problems.add(ok.toPlainString() + " (in range) refused: " + e));
        }
        for (BigDecimal bad : outside(in)) {
            Optional<String> why = refused(row.field(), bad);
            if (why.isEmpty()) {
                problems.add(bad.toPlainString() + " (out of range) accepted");
            } else if (!why.get().startsWith("m.yaml: " + quoted + ": ") || why.get().contains("\n")) {
                problems.add(bad.toPlainString() + " refused without one line naming " + quoted + ": " + why.get());
            }
        }
        assertThat(problems).as(row.toString()).isEmpty();
    }

    /** The closed bounds themselves, and values just inside the open ones. */
    static List<BigDecimal> inside(Interval in) {
        List<BigDecimal> v = new ArrayList<>();
        v.add(in.lowClosed() ? in.low() : in.low().add(epsilon(in.low())));
        if (in.high() != null) {
            v.add(in.highClosed() ? in.high() : in.high().subtract(epsilon(in.high())));
        }
        return v;
    }

    /** The open bounds, and values just outside and one unit outside the closed ones. */
    static List<BigDecimal> outside(Interval in) {
        List<BigDecimal> v = new ArrayList<>();
        if (in.lowClosed()) {
            if (in.low().abs().compareTo(BigDecimal.valueOf(1e15)) < 0) {
                v.add(in.low().subtract(epsilon(in.low())));
            }
            v.add(in.low().subtract(BigDecimal.ONE));
        } else {
            v.add(in.low());
        }
        if (in.high() != null) {
            if (in.highClosed()) {
                if (in.high().abs().compareTo(BigDecimal.valueOf(1e15)) < 0) {
                    v.add(in.high().add(epsilon(in.high())));
                }
                v.add(in.high().add(BigDecimal.ONE));
            } else {
                v.add(in.high());
            }
        }
        return v;
    }

    /** A millionth of the bound's magnitude (at least a millionth). */
    static BigDecimal epsilon(BigDecimal bound) {
        return bound.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-6"), MathContext.DECIMAL64);
    }

    private Optional<String> accepted(String field, BigDecimal value) throws IOException {
        return load(field, value);
    }

    private Optional<String> refused(String field, BigDecimal value) throws IOException {
        return load(field, value);
    }

    /** @return the one-line error, empty if the mission loads */
    private Optional<String> load(String field, Object value) throws IOException {
        Map<String, Object> mission = baseMission();
        set(mission, field, value);
        CONTEXT.getOrDefault(field, Map.of()).forEach((f, v) -> set(mission, f, v));
        return load(mission);
    }

    private Optional<String> load(Map<String, Object> mission) throws IOException {
        Path file = tmp.resolve("m.yaml");
        Files.writeString(file, json(mission));
        try {
            MissionOptions.load(file, null);
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A valid mission: one satellite from elements, one small Walker constellation, one station. */
    static Map<String, Object> baseMission() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mission", "ranges");
        m.put("start", "2026-06-21T00:00:00Z");
        m.put("duration", "PT1H");
        List<Object> sats = new ArrayList<>();
        sats.add(map("name", "k", "altitude_km", 550, "inclination_deg", 97.6));
        sats.add(map("name", "w", "altitude_km", 550, "inclination_deg", 53,
                "walker", map("total", 12, "planes", 4, "phasing", 1)));
        m.put("satellites", sats);
        List<Object> stations = new ArrayList<>();
        stations.add(map("name", "svalbard", "latitude_deg", 78.229, "longitude_deg", 15.389));
        m.put("ground_stations", stations);
        return m;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Sets a dotted field ({@code a[].b} is element 0, or the Walker entry for walker keys), making sections as needed. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> root, String field, Object value) {
        String[] parts = field.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            String p = parts[i];
            if (p.endsWith("[]")) {
                List<Object> list = (List<Object>) node.get(p.substring(0, p.length() - 2));
                node = (Map<String, Object>) list.get(onWalker(field) ? 1 : 0);
            } else {
                node = (Map<String, Object>) node.computeIfAbsent(p, k -> new LinkedHashMap<>());
            }
        }
        if (value == REMOVE.INSTANCE) {
            node.remove(parts[parts.length - 1]);
        } else {
            node.put(parts[parts.length - 1], value);
        }
    }

    /** JSON (which is YAML), numbers written plainly. */
    static String json(Object o) {
        if (o instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + json(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (o instanceof List<?> l) {
            return l.stream().map(DocumentedRangesTest::json).collect(Collectors.joining(", ", "[", "]"));
        }
        if (o instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        return "\"" + o + "\"";
    }

    @Test
    void theBaseMissionIsValid() throws IOException {
        Path file = tmp.resolve("m.yaml");
        Files.writeString(file, json(baseMission()));
        assertThat(MissionOptions.load(file, null).config().satellites()).hasSize(13);
    }

    @Test
    void startIs1972OrLater() throws IOException {
        assertThat(load("start", "1972-01-01T00:00:00Z")).isEmpty();
        assertThat(load("start", "1971-12-31T23:59:59Z")).get().asString().startsWith("m.yaml: start: ");
    }

    @Test
    void eccentricityIsBoundedByThePerigeeAndThePropagator() throws IOException {
        String e = "satellites[].eccentricity";
        Map<String, Object> high = baseMission();
        set(high, "satellites[].altitude_km", 2000); // perigee well above 100 km at e = 0.1
        for (String ok : List.of("0", "0.1")) {
            set(high, e, new BigDecimal(ok));
            assertThat(load(high)).as(ok).isEmpty();
        }
        for (String bad : List.of("0.100001", "-0.000001")) {
            set(high, e, new BigDecimal(bad));
            assertThat(load(high)).as(bad).get().asString().startsWith("m.yaml: satellites[0].eccentricity: ");
        }
        // The largest orbit with a keplerian propagator: perigee exactly at 100 km is the largest eccentricity.
        Map<String, Object> m = baseMission();
        set(m, "satellites[].altitude_km", REMOVE.INSTANCE);
        set(m, "satellites[].semi_major_axis_km", new BigDecimal("106378.137"));
        set(m, "satellites[].propagator", "keplerian");
        BigDecimal largest = BigDecimal.ONE.subtract(new BigDecimal("6478.137").divide(new BigDecimal("106378.137"), MathContext.DECIMAL64));
        for (BigDecimal ok : List.of(new BigDecimal("0.9"), largest.subtract(new BigDecimal("1e-9")))) {
            set(m, "satellites[].eccentricity", ok);
            assertThat(load(m)).as(ok.toPlainString()).isEmpty();
        }
        for (BigDecimal bad : List.of(largest.add(new BigDecimal("1e-6")), new BigDecimal("0.99"), BigDecimal.ONE)) {
            set(m, "satellites[].eccentricity", bad);
            assertThat(load(m)).as(bad.toPlainString()).get().asString().startsWith("m.yaml: satellites[0].eccentricity: ");
        }
    }

    @Test
    void bitsAreOneToEightOr32() throws IOException {
        for (int ok : new int[] {1, 8, 32}) {
            assertThat(load("link.bits", ok)).as("bits %d", ok).isEmpty();
        }
        for (int bad : new int[] {0, 9, 16, 31, 33}) {
            assertThat(load("link.bits", bad)).as("bits %d", bad).get().asString().startsWith("m.yaml: link.bits: ");
        }
    }

    @Test
    void confirmSamplesAreZeroOr16To100000() throws IOException {
        String f = "learning.change_detector.confirm_samples";
        for (int ok : new int[] {0, 16, 100_000}) {
            assertThat(load(f, ok)).as("confirm_samples %d", ok).isEmpty();
        }
        for (int bad : new int[] {-1, 1, 15, 100_001}) {
            assertThat(load(f, bad)).as("confirm_samples %d", bad).get().asString().startsWith("m.yaml: " + f + ": ");
        }
    }

    @Test
    void hiddenLayersAreZeroToEightEachOneTo4096() throws IOException {
        assertThat(load("learning.model.hidden_layers", List.of())).isEmpty();
        assertThat(load("learning.model.hidden_layers", List.of(1, 4096))).isEmpty();
        assertThat(load("learning.model.hidden_layers", List.of(2, 2, 2, 2, 2, 2, 2, 2))).isEmpty();
        for (List<Integer> bad : List.of(List.of(0), List.of(4097), List.of(2, 2, 2, 2, 2, 2, 2, 2, 2))) {
            assertThat(load("learning.model.hidden_layers", bad)).as(bad.toString()).get().asString()
                    .startsWith("m.yaml: learning.model.hidden_layers");
        }
    }

    @Test
    void elevationMaskAzimuthsAndElevationsAreInTheirRanges() throws IOException {
        String f = "ground_stations[].elevation_mask";
        assertThat(load(f, List.of(List.of(0, 0), List.of(359.9, 89)))).isEmpty();
        for (List<?> bad : List.<List<?>>of(List.of(List.of(0, 0)), List.of(List.of(0, 0), List.of(360, 5)),
                List.of(List.of(0, -1), List.of(90, 5)), List.of(List.of(0, 0), List.of(90, 90)),
                List.of(List.of(90, 0), List.of(10, 5)))) {
            assertThat(load(f, bad)).as(bad.toString()).get().asString().startsWith("m.yaml: ground_stations[0].elevation_mask");
        }
    }

    @Test
    void theLargestDocumentedWalkerConstellationLoads() throws IOException {
        Map<String, Object> m = baseMission();
        set(m, "satellites[].walker.total", 10000);
        set(m, "satellites[].walker.planes", 100);
        Path file = tmp.resolve("m.yaml");
        Files.writeString(file, json(m));
        assertThat(MissionOptions.load(file, null).config().satellites()).hasSize(10001);
    }
}

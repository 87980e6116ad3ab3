package io.onorbit.verification.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.ground.planning.PlanTimes;
import io.onorbit.orbit.events.Eclipse;
import io.onorbit.orbit.events.LookAngle;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.PassGeometry;
import io.onorbit.orbit.events.SatelliteTimeline;
import io.onorbit.orbit.events.ShadowKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link MissionPlan} as a table (for a person), JSON (DESIGN.md's shape, fields added) or
 * one CSV file per record type. Every field is documented in docs/PLAN-OUTPUTS.md.
 */
public final class PlanWriter {

    /** CSV files {@link #csv} writes, one per record type. */
    static final List<String> CSV_FILES = List.of("contacts.csv", "eclipses.csv", "stations.csv", "beta_angle.csv");

    /** Streaming only: no object mapping is needed to write a plan. */
    private static final JsonFactory JSON = new JsonFactory();

    private PlanWriter() {
    }

    /**
     * Writes DESIGN.md's JSON shape (fields added, none renamed), streamed and encoded as UTF-8 by the
     * generator itself: a year's plan is ~20 000 records, ~7 MB.
     */
    public static void json(MissionPlan plan, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json(plan, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Field names (ASCII) and repeated values are quoted and encoded once, times go in as ASCII bytes:
    // the generator's bytes are the same, without re-encoding ~400 000 strings.
    private static final SerializedString SATELLITE = new SerializedString("satellite");
    private static final SerializedString STATION = new SerializedString("station");
    private static final SerializedString AOS = new SerializedString("aos");
    private static final SerializedString LOS = new SerializedString("los");
    private static final SerializedString MAX_ELEVATION_DEG = new SerializedString("max_elevation_deg");
    private static final SerializedString MAX_ELEVATION_TIME = new SerializedString("max_elevation_time");
    private static final SerializedString DURATION_S = new SerializedString("duration_s");
    private static final SerializedString DOWNLINK_BYTES = new SerializedString("downlink_bytes");
    private static final SerializedString UPLINK_BYTES = new SerializedString("uplink_bytes");
    private static final SerializedString AOS_CUT = new SerializedString("aos_cut");
    private static final SerializedString LOS_CUT = new SerializedString("los_cut");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString START_CUT = new SerializedString("start_cut");
    private static final SerializedString END_CUT = new SerializedString("end_cut");
    private static final LookAngleNames AOS_ANGLES = new LookAngleNames("aos");
    private static final LookAngleNames TCA_ANGLES = new LookAngleNames("tca");
    private static final LookAngleNames LOS_ANGLES = new LookAngleNames("los");

    /** The three field names of a look angle at one point of a pass ({@code aos}, {@code tca}, {@code los}). */
    private record LookAngleNames(SerializedString azimuthDeg, SerializedString elevationDeg, SerializedString rangeKm) {
        LookAngleNames(String at) {
            this(new SerializedString(at + "_azimuth_deg"), new SerializedString(at + "_elevation_deg"),
                    new SerializedString(at + "_range_km"));
        }
    }

    private static void json(MissionPlan plan, JsonGenerator g) throws IOException {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        // each satellite, station and eclipse kind quoted once for the whole plan
        Map<String, byte[]> quoted = new HashMap<>();
        g.writeStartObject();
        g.writeStringField("mission", plan.mission());
        g.writeStringField("start", PlanTimes.isoSeconds(plan.start()));
        g.writeStringField("end", PlanTimes.isoSeconds(plan.end()));
        g.writeStringField("orekit_data", plan.dataSource());
        g.writeNumberField("pass_margin_s", plan.passMarginS());
        g.writeArrayFieldStart("contacts");
        for (MissionPlan.SatellitePass sp : plan.allPasses()) {
            Pass p = sp.pass();
            g.writeStartObject();
            text(g, SATELLITE, quoted, sp.satellite());
            text(g, STATION, quoted, p.station());
            time(g, AOS, plan, p.aosS());
            time(g, LOS, plan, p.losS());
            g.writeFieldName(MAX_ELEVATION_DEG);
            g.writeNumber(round(p.maxElevationDeg(), 2));
            time(g, MAX_ELEVATION_TIME, plan, p.maxElevationTimeS());
            g.writeFieldName(DURATION_S);
            g.writeNumber(round(p.durationS(), 3));
            g.writeFieldName(DOWNLINK_BYTES);
            g.writeNumber(plan.downlinkBytes(p));
            g.writeFieldName(UPLINK_BYTES);
            g.writeNumber(plan.uplinkBytes(p));
            g.writeFieldName(AOS_CUT);
            g.writeBoolean(p.aosCut());
            g.writeFieldName(LOS_CUT);
            g.writeBoolean(p.losCut());
            if (p.geometry().isPresent()) {
                PassGeometry pg = p.geometry().get();
                lookAngle(g, AOS_ANGLES, pg.aos());
                lookAngle(g, TCA_ANGLES, pg.tca());
                lookAngle(g, LOS_ANGLES, pg.los());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("eclipses");
        for (SatelliteEclipse se : allEclipses(plan)) {
            Eclipse e = se.eclipse();
            g.writeStartObject();
            text(g, SATELLITE, quoted, se.satellite());
            text(g, KIND, quoted, e.kind().name().toLowerCase(Locale.ROOT));
            time(g, START, plan, e.startS());
            time(g, END, plan, e.endS());
            g.writeFieldName(DURATION_S);
            g.writeNumber(round(e.durationS(), 3));
            g.writeFieldName(START_CUT);
            g.writeBoolean(e.startCut());
            g.writeFieldName(END_CUT);
            g.writeBoolean(e.endCut());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("stations");
        for (MissionPlan.StationSummary s : plan.stationSummaries()) {
            g.writeStartObject();
            g.writeStringField("name", s.station().name());
            g.writeNumberField("passes", s.passes());
            g.writeNumberField("contact_s", round(s.contactS(), 3));
            g.writeNumberField("downlink_bytes", s.downlinkBytes());
            g.writeNumberField("uplink_bytes", s.uplinkBytes());
            g.writeFieldName("max_elevation_deg");
            if (s.maxElevationDeg().isPresent()) {
                g.writeNumber(round(s.maxElevationDeg().getAsDouble(), 2));
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("satellites");
        for (SatelliteTimeline t : plan.timelines()) {
            g.writeStartObject();
            g.writeStringField("name", t.satellite());
            g.writeNumberField("beta_angle_min_deg", round(t.minBetaDeg(), 2));
            g.writeNumberField("beta_angle_max_deg", round(t.maxBetaDeg(), 2));
            g.writeNumberField("mean_lighting_ratio", round(meanLightingRatio(t), 4));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw(System.lineSeparator());
    }

    /** Writes a string field whose value the generator quoted once before (kept in {@code quoted}). */
    private static void text(JsonGenerator g, SerializedString name, Map<String, byte[]> quoted, String value)
            throws IOException {
        g.writeFieldName(name);
        byte[] q = quoted.computeIfAbsent(value, PlanWriter::quotedByGenerator);
        g.writeRawUTF8String(q, 0, q.length);
    }

    /**
     * @return {@code s} escaped and encoded exactly as the generator writes a string value, without
     *         the quotes (Jackson's own {@code SerializedString} quotes characters outside the BMP
     *         differently)
     */
    private static byte[] quotedByGenerator(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] q = bytes.toByteArray();
        return Arrays.copyOfRange(q, 1, q.length - 1);
    }

    /** Writes a plan time (s since the span start) as an ISO-8601 string field; its text needs no escaping. */
    private static void time(JsonGenerator g, SerializedString name, MissionPlan plan, double offsetS) throws IOException {
        g.writeFieldName(name);
        byte[] iso = PlanTimes.isoAscii(plan.start(), offsetS);
        g.writeRawUTF8String(iso, 0, iso.length);
    }

    private static void lookAngle(JsonGenerator g, LookAngleNames names, LookAngle a) throws IOException {
        g.writeFieldName(names.azimuthDeg());
        g.writeNumber(round(a.azimuthDeg(), 2));
        g.writeFieldName(names.elevationDeg());
        g.writeNumber(round(a.elevationDeg(), 2));
        g.writeFieldName(names.rangeKm());
        g.writeNumber(round(a.rangeM() / 1000, 3));
    }

    /** Writes {@link #CSV_FILES} into {@code dir} (an existing folder). */
    static void csv(MissionPlan plan, Path dir) {
        write(dir.resolve("contacts.csv"), w -> {
            w.println("satellite,station,aos,los,duration_s,tca,max_elevation_deg,aos_azimuth_deg,aos_elevation_deg,"
                    + "aos_range_km,tca_azimuth_deg,tca_elevation_deg,tca_range_km,los_azimuth_deg,los_elevation_deg,"
                    + "los_range_km,downlink_bytes,uplink_bytes,aos_cut,los_cut");
            for (MissionPlan.SatellitePass sp : plan.allPasses()) {
                Pass p = sp.pass();
                w.print(String.join(",", field(sp.satellite()), field(p.station()), PlanTimes.iso(plan.start(), p.aosS()),
                        PlanTimes.iso(plan.start(), p.losS()), num(p.durationS(), 3),
                        PlanTimes.iso(plan.start(), p.maxElevationTimeS()), num(p.maxElevationDeg(), 2)));
                for (LookAngle a : p.geometry().map(g -> List.of(g.aos(), g.tca(), g.los())).orElse(List.of())) {
                    w.print("," + num(a.azimuthDeg(), 2) + "," + num(a.elevationDeg(), 2) + "," + num(a.rangeM() / 1000, 3));
                }
                if (p.geometry().isEmpty()) {
                    w.print(",,,,,,,,,");
                }
                w.println("," + plan.downlinkBytes(p) + "," + plan.uplinkBytes(p) + "," + p.aosCut() + "," + p.losCut());
            }
        });
        write(dir.resolve("eclipses.csv"), w -> {
            w.println("satellite,kind,start,end,duration_s,start_cut,end_cut");
            for (SatelliteEclipse se : allEclipses(plan)) {
                Eclipse e = se.eclipse();
                w.println(String.join(",", field(se.satellite()), e.kind().name().toLowerCase(Locale.ROOT),
                        PlanTimes.iso(plan.start(), e.startS()), PlanTimes.iso(plan.start(), e.endS()),
                        num(e.durationS(), 3), Boolean.toString(e.startCut()), Boolean.toString(e.endCut())));
            }
        });
        write(dir.resolve("stations.csv"), w -> {
            w.println("station,latitude_deg,longitude_deg,altitude_m,passes,contact_s,downlink_bytes,uplink_bytes,"
                    + "max_elevation_deg,note");
            for (MissionPlan.StationSummary s : plan.stationSummaries()) {
                w.println(String.join(",", field(s.station().name()), num(s.station().latitudeDeg(), 6),
                        num(s.station().longitudeDeg(), 6), num(s.station().altitudeM(), 1), Integer.toString(s.passes()),
                        num(s.contactS(), 3), Long.toString(s.downlinkBytes()), Long.toString(s.uplinkBytes()),
                        s.maxElevationDeg().isPresent() ? num(s.maxElevationDeg().getAsDouble(), 2) : "",
                        s.passes() == 0 ? "no pass in the span" : ""));
            }
        });
        write(dir.resolve("beta_angle.csv"), w -> {
            w.println("satellite,time,beta_deg");
            for (SatelliteTimeline t : plan.timelines()) {
                double[] times = t.betaTimesS();
                double[] beta = t.betaDeg();
                for (int i = 0; i < times.length; i++) {
                    w.println(field(t.satellite()) + "," + PlanTimes.iso(plan.start(), times[i]) + "," + num(beta[i], 3));
                }
            }
        });
    }

    private interface Lines {
        void write(PrintWriter w);
    }

    private static void write(Path file, Lines lines) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            lines.write(w);
            if (w.checkError()) {
                throw new UncheckedIOException(new IOException("cannot write " + file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, quote or line break. */
    private static String field(String s) {
        return s.matches(".*[,\"\\r\\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    static void table(MissionPlan plan, PrintWriter w) {
        w.printf(Locale.ROOT, "Mission %s: %s to %s (%.2f days)%n", plan.mission(), PlanTimes.isoSeconds(plan.start()),
                PlanTimes.isoSeconds(plan.end()), plan.durationS() / 86400.0);
        w.println("Orekit data: " + plan.dataSource());
        w.printf(Locale.ROOT, "Data volume: what the radio can carry, rate x (duration - 2 x %.0f s pass margin)%n",
                plan.passMarginS());
        w.println();
        w.println("Satellites");
        w.printf("  %-14s %9s %9s %9s %9s %14s%n", "satellite", "beta min", "beta max", "lit", "eclipses",
                "mean umbra");
        w.printf("  %-14s %9s %9s %9s %9s %14s%n", "", "deg", "deg", "%", "", "min");
        for (SatelliteTimeline t : plan.timelines()) {
            List<Eclipse> umbra = t.eclipses(ShadowKind.UMBRA);
            double mean = umbra.stream().mapToDouble(Eclipse::durationS).average().orElse(0) / 60.0;
            w.printf(Locale.ROOT, "  %-14s %9.2f %9.2f %9.1f %9d %14.1f%n", t.satellite(), t.minBetaDeg(), t.maxBetaDeg(),
                    100 * meanLightingRatio(t), t.eclipses(ShadowKind.PENUMBRA).size(), mean);
        }
        w.println();
        w.println("Stations (all satellites)");
        w.printf("  %-16s %7s %10s %10s %10s %14s %12s%n", "station", "passes", "total min", "mean min", "max elev",
                "downlink MB", "uplink MB");
        for (MissionPlan.StationSummary s : plan.stationSummaries()) {
            if (s.passes() == 0) {
                w.printf(Locale.ROOT, "  %-16s %7d   no pass in the span%n", s.station().name(), 0);
                continue;
            }
            w.printf(Locale.ROOT, "  %-16s %7d %10.1f %10.1f %10.1f %14.1f %12.2f%n", s.station().name(), s.passes(),
                    s.contactS() / 60, s.contactS() / 60 / s.passes(), s.maxElevationDeg().getAsDouble(),
                    s.downlinkBytes() / 1e6, s.uplinkBytes() / 1e6);
        }
        w.println();
        w.println("Passes");
        w.printf("  %-14s %-16s %-24s %-24s %8s %9s %7s %7s %9s %12s%n", "satellite", "station", "AOS (UTC)", "LOS (UTC)",
                "dur s", "max elev", "AOS az", "LOS az", "min km", "downlink MB");
        for (MissionPlan.SatellitePass sp : plan.allPasses()) {
            Pass p = sp.pass();
            String az = p.geometry().map(g -> String.format(Locale.ROOT, "%7.1f %7.1f %9.1f", g.aos().azimuthDeg(),
                    g.los().azimuthDeg(), g.tca().rangeM() / 1000)).orElse(String.format("%7s %7s %9s", "", "", ""));
            w.printf(Locale.ROOT, "  %-14s %-16s %-24s %-24s %8.1f %9.2f %s %12.2f%s%n", sp.satellite(), p.station(),
                    PlanTimes.iso(plan.start(), p.aosS()), PlanTimes.iso(plan.start(), p.losS()), p.durationS(),
                    p.maxElevationDeg(), az, plan.downlinkBytes(p) / 1e6, cutNote(p.aosCut(), p.losCut()));
        }
        w.println();
        w.println("Eclipses");
        w.printf("  %-14s %-9s %-24s %-24s %8s%n", "satellite", "kind", "start (UTC)", "end (UTC)", "dur s");
        for (SatelliteEclipse se : allEclipses(plan)) {
            Eclipse e = se.eclipse();
            w.printf(Locale.ROOT, "  %-14s %-9s %-24s %-24s %8.1f%s%n", se.satellite(),
                    e.kind().name().toLowerCase(Locale.ROOT), PlanTimes.iso(plan.start(), e.startS()),
                    PlanTimes.iso(plan.start(), e.endS()), e.durationS(), cutNote(e.startCut(), e.endCut()));
        }
    }

    private static String cutNote(boolean startCut, boolean endCut) {
        if (startCut && endCut) {
            return "  (cut at both span bounds)";
        }
        if (startCut) {
            return "  (cut at span start)";
        }
        return endCut ? "  (cut at span end)" : "";
    }

    private record SatelliteEclipse(String satellite, Eclipse eclipse) {
    }

    private static List<SatelliteEclipse> allEclipses(MissionPlan plan) {
        List<SatelliteEclipse> out = new ArrayList<>();
        for (SatelliteTimeline t : plan.timelines()) {
            for (Eclipse e : t.eclipses()) {
                out.add(new SatelliteEclipse(t.satellite(), e));
            }
        }
        out.sort(Comparator.comparingDouble((SatelliteEclipse s) -> s.eclipse().startS())
                .thenComparing(s -> s.eclipse().kind()));
        return out;
    }

    /** @return the lighting ratio averaged over the span (penumbra counted partly), on the schedule's curve */
    private static double meanLightingRatio(SatelliteTimeline t) {
        return MissionPlanner.lighting(t).meanRatio(0, t.durationS());
    }

    private static double round(double x, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(x * f) / f;
    }
}

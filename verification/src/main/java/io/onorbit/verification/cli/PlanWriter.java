package io.onorbit.verification.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.PlanTimes;
import io.onorbit.orbit.events.Eclipse;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import io.onorbit.orbit.events.ShadowKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link MissionPlan} as a table (for a person), JSON (DESIGN.md's shape) or CSV. */
public final class PlanWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanWriter() {
    }

    /** Writes DESIGN.md's JSON shape (fields added, none renamed), streamed: a year is ~20 000 records. */
    public static void json(MissionPlan plan, PrintWriter w) {
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("mission", plan.mission());
            g.writeStringField("start", PlanTimes.isoSeconds(plan.start()));
            g.writeStringField("end", PlanTimes.isoSeconds(plan.end()));
            g.writeStringField("orekit_data", plan.dataSource());
            g.writeArrayFieldStart("contacts");
            for (MissionPlan.SatellitePass sp : plan.allPasses()) {
                Pass p = sp.pass();
                g.writeStartObject();
                g.writeStringField("satellite", sp.satellite());
                g.writeStringField("station", p.station());
                g.writeStringField("aos", PlanTimes.iso(plan.start(), p.aosS()));
                g.writeStringField("los", PlanTimes.iso(plan.start(), p.losS()));
                g.writeNumberField("max_elevation_deg", round(p.maxElevationDeg(), 2));
                g.writeStringField("max_elevation_time", PlanTimes.iso(plan.start(), p.maxElevationTimeS()));
                g.writeNumberField("duration_s", round(p.durationS(), 3));
                g.writeNumberField("downlink_bytes", (long) Math.floor(p.downlinkVolumeBytes()));
                g.writeNumberField("uplink_bytes", (long) Math.floor(p.uplinkVolumeBytes()));
                g.writeBooleanField("aos_cut", p.aosCut());
                g.writeBooleanField("los_cut", p.losCut());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("eclipses");
            for (SatelliteEclipse se : allEclipses(plan)) {
                Eclipse e = se.eclipse();
                g.writeStartObject();
                g.writeStringField("satellite", se.satellite());
                g.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
                g.writeStringField("start", PlanTimes.iso(plan.start(), e.startS()));
                g.writeStringField("end", PlanTimes.iso(plan.start(), e.endS()));
                g.writeNumberField("duration_s", round(e.durationS(), 3));
                g.writeBooleanField("start_cut", e.startCut());
                g.writeBooleanField("end_cut", e.endCut());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("satellites");
            for (SatelliteTimeline t : plan.timelines()) {
                g.writeStartObject();
                g.writeStringField("name", t.satellite());
                g.writeNumberField("beta_angle_min_deg", round(t.minBetaDeg(), 2));
                g.writeNumberField("beta_angle_max_deg", round(t.maxBetaDeg(), 2));
                g.writeNumberField("mean_lighting_ratio", round(t.meanLightingRatio(), 4));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw(System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void csv(MissionPlan plan, PrintWriter w) {
        w.println("record,satellite,station_or_kind,start,end,duration_s,max_elevation_deg,downlink_bytes,uplink_bytes");
        for (MissionPlan.SatellitePass sp : plan.allPasses()) {
            Pass p = sp.pass();
            w.printf(Locale.ROOT, "contact,%s,%s,%s,%s,%.3f,%.2f,%.0f,%.0f%n", sp.satellite(), p.station(),
                    PlanTimes.iso(plan.start(), p.aosS()), PlanTimes.iso(plan.start(), p.losS()), p.durationS(),
                    p.maxElevationDeg(), Math.floor(p.downlinkVolumeBytes()), Math.floor(p.uplinkVolumeBytes()));
        }
        for (SatelliteEclipse se : allEclipses(plan)) {
            Eclipse e = se.eclipse();
            w.printf(Locale.ROOT, "eclipse,%s,%s,%s,%s,%.3f,,,%n", se.satellite(), e.kind().name().toLowerCase(Locale.ROOT),
                    PlanTimes.iso(plan.start(), e.startS()), PlanTimes.iso(plan.start(), e.endS()), e.durationS());
        }
    }

    static void table(MissionPlan plan, PrintWriter w) {
        w.printf(Locale.ROOT, "Mission %s: %s to %s (%.2f days)%n", plan.mission(), PlanTimes.isoSeconds(plan.start()),
                PlanTimes.isoSeconds(plan.end()), plan.durationS() / 86400.0);
        w.println("Orekit data: " + plan.dataSource());
        w.println();
        w.println("Satellites");
        w.printf("  %-14s %9s %9s %9s %9s %14s%n", "satellite", "beta min", "beta max", "lit", "eclipses",
                "mean umbra");
        w.printf("  %-14s %9s %9s %9s %9s %14s%n", "", "deg", "deg", "%", "", "min");
        for (SatelliteTimeline t : plan.timelines()) {
            List<Eclipse> umbra = t.eclipses(ShadowKind.UMBRA);
            double mean = umbra.stream().mapToDouble(Eclipse::durationS).average().orElse(0) / 60.0;
            w.printf(Locale.ROOT, "  %-14s %9.2f %9.2f %9.1f %9d %14.1f%n", t.satellite(), t.minBetaDeg(), t.maxBetaDeg(),
                    100 * t.meanLightingRatio(), t.eclipses(ShadowKind.PENUMBRA).size(), mean);
        }
        w.println();
        w.println("Stations (all satellites)");
        w.printf("  %-16s %7s %10s %10s %10s %14s%n", "station", "passes", "total min", "mean min", "max elev", "downlink MB");
        Map<String, List<Pass>> byStation = new LinkedHashMap<>();
        for (MissionPlan.SatellitePass sp : plan.allPasses()) {
            byStation.computeIfAbsent(sp.pass().station(), k -> new ArrayList<>()).add(sp.pass());
        }
        for (Map.Entry<String, List<Pass>> e : byStation.entrySet()) {
            List<Pass> ps = e.getValue();
            double total = ps.stream().mapToDouble(Pass::durationS).sum();
            double maxEl = ps.stream().mapToDouble(Pass::maxElevationDeg).max().orElse(0);
            double mb = ps.stream().mapToDouble(Pass::downlinkVolumeBytes).sum() / 1e6;
            w.printf(Locale.ROOT, "  %-16s %7d %10.1f %10.1f %10.1f %14.1f%n", e.getKey(), ps.size(), total / 60,
                    total / 60 / ps.size(), maxEl, mb);
        }
        w.println();
        w.println("Passes");
        w.printf("  %-14s %-16s %-24s %-24s %8s %9s %12s%n", "satellite", "station", "AOS (UTC)", "LOS (UTC)", "dur s",
                "max elev", "downlink MB");
        for (MissionPlan.SatellitePass sp : plan.allPasses()) {
            Pass p = sp.pass();
            w.printf(Locale.ROOT, "  %-14s %-16s %-24s %-24s %8.1f %9.2f %12.2f%s%n", sp.satellite(), p.station(),
                    PlanTimes.iso(plan.start(), p.aosS()), PlanTimes.iso(plan.start(), p.losS()), p.durationS(),
                    p.maxElevationDeg(), p.downlinkVolumeBytes() / 1e6, cutNote(p.aosCut(), p.losCut()));
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

    private static double round(double x, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(x * f) / f;
    }
}

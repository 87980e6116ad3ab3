package io.onorbit.verification.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.PlanTimes;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.events.EphemerisSamples;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.spec.GroundStation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orekit.files.ccsds.definitions.BodyFacade;
import org.orekit.files.ccsds.definitions.CenterName;
import org.orekit.files.ccsds.definitions.FrameFacade;
import org.orekit.files.ccsds.definitions.TimeSystem;
import org.orekit.files.ccsds.ndm.WriterBuilder;
import org.orekit.files.ccsds.ndm.odm.OdmHeader;
import org.orekit.files.ccsds.ndm.odm.oem.InterpolationMethod;
import org.orekit.files.ccsds.ndm.odm.oem.Oem;
import org.orekit.files.ccsds.ndm.odm.oem.OemData;
import org.orekit.files.ccsds.ndm.odm.oem.OemMetadata;
import org.orekit.files.ccsds.ndm.odm.oem.OemSegment;
import org.orekit.files.ccsds.ndm.odm.oem.OemWriter;
import org.orekit.files.ccsds.utils.generation.KvnGenerator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.TimeStampedPVCoordinates;

/**
 * {@code onorbit plan}'s standard exports: a CCSDS OEM ephemeris (through Orekit's own writer, so
 * Orekit's parser and other CCSDS tools read it) and a CZML document for CesiumJS (orbits, stations,
 * contact intervals). Fields in docs/PLAN-OUTPUTS.md.
 */
final class PlanExports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanExports() {
    }

    /** @return the ephemeris sample spacing for a span: 60 s, coarser beyond ~14 days (at most ~20 000 samples) */
    static double stepS(double durationS) {
        return Math.max(60.0, Math.ceil(durationS / 20_000 / 60.0) * 60.0);
    }

    /**
     * Writes one OEM (KVN) with one segment per satellite: EME2000 states, centre EARTH, UTC.
     *
     * @param ephemerides inertial (EME2000) samples, one per satellite
     */
    static void oem(String mission, OrbitContext context, List<EphemerisSamples> ephemerides, Writer out) {
        OdmHeader header = new OdmHeader();
        header.setFormatVersion(OemWriter.CCSDS_OEM_VERS);
        header.setCreationDate(new AbsoluteDate(Instant.now(), context.utc()));
        header.setOriginator("ONORBIT");
        header.setMessageId(mission);
        List<OemSegment> segments = new ArrayList<>();
        for (EphemerisSamples e : ephemerides) {
            OemMetadata md = new OemMetadata(1);
            md.setObjectName(e.satellite());
            md.setObjectID(e.satellite());
            md.setCenter(BodyFacade.create(CenterName.EARTH, context.data()));
            md.setReferenceFrame(FrameFacade.map(e.frame()));
            md.setTimeSystem(TimeSystem.UTC);
            List<TimeStampedPVCoordinates> states = e.states();
            md.setStartTime(states.get(0).getDate());
            md.setStopTime(states.get(states.size() - 1).getDate());
            md.setInterpolationMethod(InterpolationMethod.LAGRANGE);
            md.setInterpolationDegree(7);
            OemData data = new OemData();
            for (TimeStampedPVCoordinates s : states) {
                data.addData(s, false);
            }
            segments.add(new OemSegment(md, data, Constants.WGS84_EARTH_MU));
        }
        Oem oem = new Oem(header, segments, IERSConventions.IERS_2010, context.data(), Constants.WGS84_EARTH_MU);
        OemWriter writer = new WriterBuilder(context.data()).buildOemWriter();
        try (KvnGenerator g = new KvnGenerator(out, OemWriter.KVN_PADDING_WIDTH, mission + ".oem", Constants.JULIAN_DAY, 0)) {
            writer.writeMessage(g, oem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a CZML document: the document packet (clock over the span), one packet per station
     * (fixed position), one per satellite (Earth-fixed positions, Lagrange interpolation, a path),
     * and one per contact (a line from station to satellite, available from AOS to LOS).
     *
     * @param fixed Earth-fixed (ITRF) samples, one per satellite, in the plan's satellite order
     */
    static void czml(MissionPlan plan, List<EphemerisSamples> fixed, Writer out) {
        String start = PlanTimes.iso(plan.start(), 0);
        String end = PlanTimes.iso(plan.start(), plan.durationS());
        String span = start + "/" + end;
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("id", "document");
            g.writeStringField("name", plan.mission());
            g.writeStringField("version", "1.0");
            g.writeObjectFieldStart("clock");
            g.writeStringField("interval", span);
            g.writeStringField("currentTime", start);
            g.writeNumberField("multiplier", 60);
            g.writeStringField("range", "LOOP_STOP");
            g.writeStringField("step", "SYSTEM_CLOCK_MULTIPLIER");
            g.writeEndObject();
            g.writeEndObject();
            for (GroundStation s : plan.stations()) {
                g.writeStartObject();
                g.writeStringField("id", "station/" + s.name());
                g.writeStringField("name", s.name());
                g.writeObjectFieldStart("position");
                g.writeArrayFieldStart("cartographicDegrees");
                g.writeNumber(s.longitudeDeg());
                g.writeNumber(s.latitudeDeg());
                g.writeNumber(s.altitudeM());
                g.writeEndArray();
                g.writeEndObject();
                point(g, new int[] {255, 200, 0, 255});
                label(g, s.name());
                g.writeEndObject();
            }
            for (EphemerisSamples e : fixed) {
                g.writeStartObject();
                g.writeStringField("id", "satellite/" + e.satellite());
                g.writeStringField("name", e.satellite());
                g.writeStringField("availability", span);
                g.writeObjectFieldStart("position");
                g.writeStringField("epoch", start);
                g.writeStringField("referenceFrame", "FIXED");
                g.writeStringField("interpolationAlgorithm", "LAGRANGE");
                g.writeNumberField("interpolationDegree", 5);
                g.writeArrayFieldStart("cartesian");
                AbsoluteDate t0 = e.states().get(0).getDate();
                for (TimeStampedPVCoordinates s : e.states()) {
                    g.writeNumber(Math.round(s.getDate().durationFrom(t0) * 1000) / 1000.0);
                    g.writeNumber(Math.round(s.getPosition().getX() * 10) / 10.0);
                    g.writeNumber(Math.round(s.getPosition().getY() * 10) / 10.0);
                    g.writeNumber(Math.round(s.getPosition().getZ() * 10) / 10.0);
                }
                g.writeEndArray();
                g.writeEndObject();
                point(g, new int[] {0, 255, 255, 255});
                label(g, e.satellite());
                g.writeObjectFieldStart("path");
                g.writeNumberField("width", 1);
                g.writeNumberField("leadTime", 0);
                g.writeNumberField("trailTime", 5400);
                g.writeEndObject();
                g.writeEndObject();
            }
            for (MissionPlan.SatellitePass sp : plan.allPasses()) {
                Pass p = sp.pass();
                g.writeStartObject();
                String aos = PlanTimes.iso(plan.start(), p.aosS());
                g.writeStringField("id", "contact/" + sp.satellite() + "/" + p.station() + "/" + aos);
                g.writeStringField("name", sp.satellite() + " - " + p.station());
                g.writeStringField("availability", aos + "/" + PlanTimes.iso(plan.start(), p.losS()));
                g.writeObjectFieldStart("polyline");
                g.writeObjectFieldStart("positions");
                g.writeArrayFieldStart("references");
                g.writeString("station/" + p.station() + "#position");
                g.writeString("satellite/" + sp.satellite() + "#position");
                g.writeEndArray();
                g.writeEndObject();
                g.writeNumberField("width", 2);
                g.writeObjectFieldStart("material");
                g.writeObjectFieldStart("solidColor");
                rgba(g, new int[] {0, 255, 0, 255});
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeRaw(System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void point(JsonGenerator g, int[] rgba) throws IOException {
        g.writeObjectFieldStart("point");
        g.writeNumberField("pixelSize", 6);
        rgba(g, rgba);
        g.writeEndObject();
    }

    private static void rgba(JsonGenerator g, int[] rgba) throws IOException {
        g.writeObjectFieldStart("color");
        g.writeArrayFieldStart("rgba");
        for (int c : rgba) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void label(JsonGenerator g, String text) throws IOException {
        g.writeObjectFieldStart("label");
        g.writeStringField("text", text);
        g.writeStringField("font", "11pt sans-serif");
        g.writeEndObject();
    }
}

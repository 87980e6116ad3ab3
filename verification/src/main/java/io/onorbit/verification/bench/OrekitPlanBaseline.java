package io.onorbit.verification.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.planning.PlanTimes;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.events.Eclipse;
import io.onorbit.orbit.events.OrekitEventFinder;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The straightforward Orekit setup as a program of its own, the baseline {@link PlanBenchmark}
 * spawns beside {@code onorbit plan}: reads the same mission file, attaches one
 * {@code ElevationDetector} per station and an umbra and a penumbra {@code EclipseDetector} to each
 * satellite's propagator (max check 60 s, threshold 1 ms, {@link OrekitEventFinder}) and writes the
 * contacts and eclipses in {@code plan --format json}'s field names.
 *
 * <p>Run: {@code java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.OrekitPlanBaseline MISSION.yaml DAYS OUT.json}
 */
public final class OrekitPlanBaseline {

    private OrekitPlanBaseline() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: OrekitPlanBaseline MISSION.yaml DAYS OUT.json");
            System.exit(2);
        }
        MissionConfig m = MissionLoader.load(Path.of(args[0]));
        m = m.withDuration(Duration.ofMillis(Math.round(Double.parseDouble(args[1]) * 86_400_000L)));
        OrbitContext ctx = OrbitContext.fileFree();
        OrekitEventFinder finder = new OrekitEventFinder(ctx, m.stations(), 60.0, 1.0e-3);
        try (JsonGenerator g = new JsonFactory().createGenerator(Path.of(args[2]).toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("mission", m.name());
            g.writeArrayFieldStart("satellites_timelines");
            for (SatelliteSpec s : m.satellites()) {
                SatelliteTimeline t = finder.find(s.name(), s.orbit().propagator(ctx), m.start(), m.durationS());
                g.writeStartObject();
                g.writeStringField("satellite", s.name());
                g.writeArrayFieldStart("contacts");
                for (Pass p : t.passes()) {
                    g.writeStartObject();
                    g.writeStringField("station", p.station());
                    g.writeStringField("aos", PlanTimes.iso(m.start(), p.aosS()));
                    g.writeStringField("los", PlanTimes.iso(m.start(), p.losS()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("eclipses");
                for (Eclipse e : t.eclipses()) {
                    g.writeStartObject();
                    g.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("start", PlanTimes.iso(m.start(), e.startS()));
                    g.writeStringField("end", PlanTimes.iso(m.start(), e.endS()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}

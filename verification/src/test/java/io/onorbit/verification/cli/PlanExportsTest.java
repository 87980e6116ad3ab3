package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.orbit.context.OrbitContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orekit.data.DataSource;
import org.orekit.files.ccsds.ndm.ParserBuilder;
import org.orekit.files.ccsds.ndm.odm.oem.Oem;
import org.orekit.files.ccsds.ndm.odm.oem.OemSegment;
import org.orekit.propagation.Propagator;
import org.orekit.utils.Constants;
import org.orekit.utils.TimeStampedPVCoordinates;

/** plan's OEM read back by Orekit's own CCSDS parser, and its CZML checked the way CesiumJS reads it. */
class PlanExportsTest {

    private static final String ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @TempDir
    Path dir;

    @Test
    void oemRoundTripsThroughOrekitsParserWithinOneMetre() throws IOException {
        Path mission = PlanCommandTest.mission("minimal.yaml");
        Path out = dir.resolve("plan.oem");
        CliRun r = CliRun.of("plan", mission.toString(), "--days", "0.25", "--format", "oem", "--out", out.toString());
        assertThat(r.code()).isZero();
        OrbitContext ctx = OrbitContext.fileFree();
        Oem oem = new ParserBuilder(ctx.data()).withMu(Constants.WGS84_EARTH_MU).buildOemParser()
                .parseMessage(new DataSource(out.getFileName().toString(), () -> Files.newInputStream(out)));
        assertThat(oem.getSegments()).hasSize(1);
        OemSegment s = oem.getSegments().get(0);
        assertThat(s.getMetadata().getObjectName()).isEqualToIgnoringCase("sat-1"); // Orekit reads KVN names in upper case
        // every 60 s over 6 h, both ends
        assertThat(s.getCoordinates()).hasSize(361);
        // against the satellite's own propagator (SGP4 from the mission's TLE), evaluated afresh
        Propagator truth = MissionLoader.load(mission).satellites().get(0).orbit().propagator(ctx);
        for (TimeStampedPVCoordinates c : s.getCoordinates()) {
            TimeStampedPVCoordinates t = truth.getPVCoordinates(c.getDate(), s.getFrame());
            assertThat(c.getPosition().distance(t.getPosition())).isLessThan(1.0);
            assertThat(c.getVelocity().distance(t.getVelocity())).isLessThan(1.0e-3);
        }
    }

    @Test
    void czmlHasTheDocumentPacketFirstUniqueIdsAndIsoIntervals() throws IOException {
        Path mission = PlanCommandTest.mission("sso-550km.yaml");
        Path czml = dir.resolve("plan.czml");
        Path json = dir.resolve("plan.json");
        assertThat(CliRun.of("plan", mission.toString(), "--days", "0.5", "--format", "czml", "--out", czml.toString())
                .code()).isZero();
        assertThat(CliRun.of("plan", mission.toString(), "--days", "0.5", "--format", "json", "--out", json.toString())
                .code()).isZero();
        ObjectMapper m = new ObjectMapper();
        JsonNode doc = m.readTree(czml.toFile());
        JsonNode plan = m.readTree(json.toFile());
        assertThat(doc.isArray()).isTrue();
        assertThat(doc.get(0).get("id").asText()).isEqualTo("document");
        assertThat(doc.get(0).get("version").asText()).isEqualTo("1.0");
        assertThat(doc.get(0).get("clock").get("interval").asText())
                .isEqualTo("2026-06-21T00:00:00.000Z/2026-06-21T12:00:00.000Z");
        Set<String> ids = new HashSet<>();
        int stations = 0;
        int satellites = 0;
        int contacts = 0;
        for (JsonNode p : doc) {
            assertThat(ids.add(p.get("id").asText())).as("unique id %s", p.get("id")).isTrue();
            String id = p.get("id").asText();
            if (p.has("availability")) {
                assertThat(p.get("availability").asText()).matches(ISO + "/" + ISO);
            }
            if (id.startsWith("station/")) {
                stations++;
                assertThat(p.get("position").get("cartographicDegrees")).hasSize(3);
            } else if (id.startsWith("satellite/")) {
                satellites++;
                JsonNode pos = p.get("position");
                assertThat(pos.get("epoch").asText()).matches(ISO);
                assertThat(pos.get("referenceFrame").asText()).isEqualTo("FIXED");
                JsonNode xyz = pos.get("cartesian");
                assertThat(xyz.size() % 4).isZero();
                // Earth-fixed positions of a 550 km orbit: 6.9e6 m from the centre
                double r = Math.sqrt(Math.pow(xyz.get(1).asDouble(), 2) + Math.pow(xyz.get(2).asDouble(), 2)
                        + Math.pow(xyz.get(3).asDouble(), 2));
                assertThat(r).isBetween(6.85e6, 6.95e6);
            } else if (id.startsWith("contact/")) {
                contacts++;
                for (JsonNode ref : p.get("polyline").get("positions").get("references")) {
                    assertThat(ids).contains(ref.asText().replace("#position", ""));
                }
            }
        }
        assertThat(stations).isEqualTo(3);
        assertThat(satellites).isEqualTo(1);
        assertThat(contacts).isEqualTo(plan.get("contacts").size()).isPositive();
    }
}

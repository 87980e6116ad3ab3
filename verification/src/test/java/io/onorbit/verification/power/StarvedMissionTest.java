package io.onorbit.verification.power;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.verification.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled power-starved 3U: the envelope binds, checked against a hand computation from the
 * mission file's own numbers and textbook geometry, not from the power model.
 */
class StarvedMissionTest {

    private static final Path STARVED = Path.of("..", "mission-configs", "starved-3u.yaml");

    @Test
    void theEnvelopeBindsTheDigitalPayloadAndTheBatteryTouchesFloorPlusMargin(@TempDir Path dir) throws Exception {
        double days = 2;
        Path out = dir.resolve("p.json");
        CliRun r = CliRun.of("power", STARVED.toString(), "--days", "2", "--format", "json", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode sat = new ObjectMapper().readTree(Files.readString(out)).get("satellites").get(0);
        JsonNode analog = sat.get("training_payload").get(0);
        JsonNode digital = sat.get("training_payload").get(1);
        assertThat(analog.get("engine").asText()).isEqualTo("analog");
        assertThat(analog.get("configured").asBoolean()).isTrue();
        assertThat(digital.get("engine").asText()).isEqualTo("digital");

        // Hand computation, from starved-3u.yaml: a zenith-pointing body-mounted panel of 0.018 m² at
        // 28% sees the Sun at cos(incidence) = max(0, cos(beta) cos(u)), u the angle from the
        // sub-solar point; that half-orbit is wholly sunlit, so the orbit-mean output is at most
        // S A eta / pi (cos(beta) <= 1), with S = 1361 W/m² scaled by 1/d² <= 1.01 in March.
        double meanArrayW = 1361 * 1.01 * 0.018 * 0.28 / Math.PI;
        double spanH = days * 24;
        // Energy training could get at most: the array's mean minus the bus's 1.6 W (heater, radio
        // and battery losses ignored: an upper bound), plus the battery drawn from 0.80 to
        // floor + margin = 0.40 of 20 Wh.
        double boundWh = (meanArrayW - 1.6) * spanH + (0.80 - 0.40) * 20;
        double digitalWantsWh = 2.0 * spanH; // training the whole time at its 2 W
        assertThat(boundWh).isLessThan(digitalWantsWh / 2); // so it cannot train even half the time
        assertThat(digital.get("energy_wh").asDouble()).isPositive().isLessThanOrEqualTo(boundWh);
        assertThat(digital.get("duty_fraction").asDouble()).isLessThan(1)
                .isLessThanOrEqualTo(boundWh / digitalWantsWh);
        // The envelope hands the digital payload everything above the reserve: the battery sits on
        // floor + margin at eclipse exits, and never crosses the floor.
        assertThat(digital.get("min_soc").asDouble()).isBetween(0.40 - 1e-9, 0.40 + 1e-3);
        assertThat(digital.get("floor_violations").asLong()).isZero();
        // The analog payload (0.1 W) could be fed all the time (0.1 W x span < bound) but the envelope
        // gives nothing in eclipse; at 420 km the cylindrical shadow covers at least
        // (180 - acos(-sqrt(1 - (R/r)^2) / cos(beta))) / 180 of the orbit, >= 0.36 for |beta| <= 30 deg.
        double rr = 6378.137 / (6378.137 + 420);
        double shadowFraction = (180 - Math.toDegrees(Math.acos(-Math.sqrt(1 - rr * rr) / Math.cos(Math.toRadians(30)))))
                / 180;
        assertThat(shadowFraction).isGreaterThan(0.36);
        assertThat(0.1 * spanH).isLessThan(boundWh);
        assertThat(analog.get("duty_fraction").asDouble()).isLessThanOrEqualTo(1 - shadowFraction)
                .isGreaterThan(2 * digital.get("duty_fraction").asDouble());
        assertThat(analog.get("floor_violations").asLong()).isZero();
        assertThat(analog.get("min_soc").asDouble()).isGreaterThan(0.5);
    }
}

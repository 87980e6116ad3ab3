package io.onorbit.ground.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written ISO formatter (text and bytes) against java.time's rounding and formatter. */
class PlanTimesTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void isoMatchesJavaTimeRoundedHalfUpToTheMillisecond(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant start = Instant.parse("2026-06-21T00:00:00Z").plusNanos(rnd.nextLong(1_000_000_000L) / 1000 * 1000);
        for (int i = 0; i < 20_000; i++) {
            double offsetS = i < 4 ? new double[] {0, 0.0005, 59.9995, 86399.9999}[i] : rnd.nextDouble(-1e5, 4e8);
            // reference: the documented microsecond instant, rounded half-up to the millisecond by java.time
            long millis = PlanTimes.at(start, offsetS).plusNanos(500_000).truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
            String expected = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
            // ISO_INSTANT drops a zero fraction; plan times always carry three digits
            if (!expected.contains(".")) {
                expected = expected.replace("Z", ".000Z");
            }
            assertThat(PlanTimes.iso(start, offsetS)).as("offset %s", offsetS).isEqualTo(expected);
            assertThat(PlanTimes.isoAscii(start, offsetS)).as("offset %s", offsetS)
                    .isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
        }
    }
}

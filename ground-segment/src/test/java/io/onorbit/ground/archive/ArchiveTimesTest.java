package io.onorbit.ground.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The archive's times read back are exactly the JDK's reading of them. */
class ArchiveTimesTest {

    @Test
    void whatInstantToStringWritesReadsBackAsTheSameInstant() {
        SplittableRandom r = new SplittableRandom(13);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long s = r.nextLong(min, max + 1);
            // whole seconds, milliseconds, microseconds and nanoseconds, as Instant.toString prints them
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(s, nanos);
            String text = t.toString();
            assertThat(ArchiveTimes.parse(text)).as(text).isEqualTo(t).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.999999999Z", "2026-06-21T00:00:00Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.9Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.000000001Z", "2000-02-29T12:00:00.12Z",
            "2026-06-21T00:16:53.348Z", "2026-12-31T23:59:60Z", "+10000-01-01T00:00:00Z", "2026-06-21T00:00:00+01:00",
            "2026-06-21T24:00:00Z", "2026-06-21T00:00:00.Z"})
    void anyTextTheJdkReadsIsReadTheSame(String text) {
        assertThat(ArchiveTimes.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-06-31T00:00:00Z",
            "2026-06-21T00:60:00Z", "2026-06-21T00:00:00.1234567890Z", "2026-06-2AT00:00:00Z",
            "2026-06-21 00:00:00Z", "2026-06-21T00:00:00", "", "-026-06-21T00:00:00Z", "2026-06-21T00:00:0-Z"})
    void whatTheJdkRefusesIsRefused(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> ArchiveTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}

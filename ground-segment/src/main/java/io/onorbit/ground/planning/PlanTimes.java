package io.onorbit.ground.planning;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Converting plan times (s since the span start) to UTC instants and ISO-8601 text. */
public final class PlanTimes {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private PlanTimes() {
    }

    /** @return {@code start} plus {@code offsetS}, rounded to the microsecond (no leap second since 2017) */
    public static Instant at(Instant start, double offsetS) {
        long micros = Math.round(offsetS * 1e6);
        return start.plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** @return ISO-8601 UTC with milliseconds, e.g. 2026-06-21T00:16:53.348Z */
    public static String iso(Instant start, double offsetS) {
        Instant t = at(start, offsetS);
        // round half-up to the millisecond
        return ISO_MILLIS.format(t.plusNanos(500_000).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /** @return ISO-8601 UTC to the second, for span bounds */
    public static String isoSeconds(Instant t) {
        return t.getNano() == 0 ? ISO_SECONDS.format(t) : ISO_MILLIS.format(t);
    }
}

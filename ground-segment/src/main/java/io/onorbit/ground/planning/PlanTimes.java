package io.onorbit.ground.planning;

import java.nio.charset.StandardCharsets;
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
        return new String(isoAscii(start, offsetS), StandardCharsets.US_ASCII);
    }

    /**
     * @return {@link #iso} as US-ASCII bytes, for writers that emit bytes (a year's JSON plan writes
     *         ~40 000 times: no String to build and encode again for each)
     */
    public static byte[] isoAscii(Instant start, double offsetS) {
        // at(start, offsetS) rounded half-up to the millisecond, formatted by hand: a year's plan
        // writes tens of thousands of times, and the formatter was a tenth of the command's time
        long micros = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L), start.getNano() / 1000)
                + Math.round(offsetS * 1e6);
        long millis = Math.floorDiv(micros + 500, 1000L);
        long day = Math.floorDiv(millis, 86_400_000L);
        int ms = (int) Math.floorMod(millis, 86_400_000L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            return ISO_MILLIS.format(Instant.ofEpochMilli(millis)).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', '.',
            '0', '0', '0', 'Z'};
        digits(c, 0, d.getYear(), 4);
        digits(c, 5, d.getMonthValue(), 2);
        digits(c, 8, d.getDayOfMonth(), 2);
        digits(c, 11, ms / 3_600_000, 2);
        digits(c, 14, ms / 60_000 % 60, 2);
        digits(c, 17, ms / 1000 % 60, 2);
        digits(c, 20, ms % 1000, 3);
        return c;
    }

    private static void digits(byte[] c, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            c[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** @return ISO-8601 UTC to the second, for span bounds */
    public static String isoSeconds(Instant t) {
        return t.getNano() == 0 ? ISO_SECONDS.format(t) : ISO_MILLIS.format(t);
    }
}

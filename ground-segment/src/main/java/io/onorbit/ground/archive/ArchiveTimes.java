package io.onorbit.ground.archive;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads back the times the archive wrote: each is {@link Instant#toString()} (ISO-8601 UTC,
 * {@code yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z}). That shape, for years 0000-9999, is read field by
 * field here; anything else (another writer's text, a leap second, a malformed value) goes to
 * {@link Instant#parse}, so the result, or the exception, is always {@code Instant.parse}'s. Why not
 * {@code Instant.parse} alone: the closed loop reads every delta's two times back several times
 * (review, aggregation, the audit), and the JDK's general formatter was a few per cent of the loop
 * thread and three of the largest compilations on the JIT's core.
 */
final class ArchiveTimes {

    private ArchiveTimes() {
    }

    /**
     * @param text a time as the archive stores it
     * @return the instant, exactly as {@link Instant#parse} gives it
     * @throws java.time.format.DateTimeParseException as {@link Instant#parse} does
     */
    static Instant parse(String text) {
        int n = text.length();
        // 20 characters without a fraction; with one, 1 to 9 digits after the point
        if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':' || (n > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = n > 20 ? digits(text, 20, n - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return Instant.parse(text); // out of range: let the JDK say why (or read what it accepts)
        }
        long nanos = fraction;
        for (int given = Math.max(0, n - 21); given < 9; given++) {
            nanos *= 10; // the digits given are the leading ones of the nanoseconds
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** @return the decimal number in {@code text[from, to)}, or -1 if a character is not a digit */
    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}

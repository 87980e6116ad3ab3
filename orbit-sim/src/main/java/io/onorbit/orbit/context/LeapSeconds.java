package io.onorbit.orbit.context;

import java.util.ArrayList;
import java.util.List;
import org.orekit.time.DateComponents;
import org.orekit.time.OffsetModel;

/**
 * The UTC leap-second table (TAI-UTC), given in code so that no file is needed. Source: IERS
 * Bulletin C / USNO tai-utc.dat; the last entry (37 s since 2017-01-01) is still current.
 *
 * <p>Limit: the table starts at 1972-01-01 (10 s). Dates before 1972 (the drifting-rate UTC of the
 * 1960s) are not supported by the file-free context.
 */
public final class LeapSeconds {

    /** {year, month, day, TAI-UTC from that day on in s}. */
    private static final int[][] TABLE = {
        {1972, 1, 1, 10}, {1972, 7, 1, 11}, {1973, 1, 1, 12}, {1974, 1, 1, 13}, {1975, 1, 1, 14},
        {1976, 1, 1, 15}, {1977, 1, 1, 16}, {1978, 1, 1, 17}, {1979, 1, 1, 18}, {1980, 1, 1, 19},
        {1981, 7, 1, 20}, {1982, 7, 1, 21}, {1983, 7, 1, 22}, {1985, 7, 1, 23}, {1988, 1, 1, 24},
        {1990, 1, 1, 25}, {1991, 1, 1, 26}, {1992, 7, 1, 27}, {1993, 7, 1, 28}, {1994, 7, 1, 29},
        {1996, 1, 1, 30}, {1997, 7, 1, 31}, {1999, 1, 1, 32}, {2006, 1, 1, 33}, {2009, 1, 1, 34},
        {2012, 7, 1, 35}, {2015, 7, 1, 36}, {2017, 1, 1, 37},
    };

    private LeapSeconds() {
    }

    /** @return Orekit offset models, one per leap second, oldest first */
    public static List<OffsetModel> offsets() {
        List<OffsetModel> out = new ArrayList<>(TABLE.length);
        for (int[] row : TABLE) {
            out.add(new OffsetModel(new DateComponents(row[0], row[1], row[2]), row[3]));
        }
        return out;
    }

    /** @return TAI-UTC in s in effect on the given UTC calendar day */
    public static int taiMinusUtcS(int year, int month, int day) {
        int key = year * 10000 + month * 100 + day;
        int offset = 0;
        for (int[] row : TABLE) {
            if (key >= row[0] * 10000 + row[1] * 100 + row[2]) {
                offset = row[3];
            }
        }
        if (offset == 0) {
            throw new IllegalArgumentException("dates before 1972-01-01 are not supported without orekit-data");
        }
        return offset;
    }
}

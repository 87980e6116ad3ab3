package io.onorbit.flight.power;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorted disjoint intervals (overlapping inputs merged) with a cursor, so that the time-ordered
 * queries of a long run cost O(1) each; an out-of-order query falls back to a binary search.
 * Not thread-safe (the cursor).
 */
final class IntervalSet {

    private final double[] start;
    private final double[] end;
    private int cursor;

    /** @param spans {start, end} pairs in any order */
    IntervalSet(List<double[]> spans) {
        List<double[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingDouble(s -> s[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] s : sorted) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(new double[] {s[0], s[1]});
            }
        }
        start = merged.stream().mapToDouble(s -> s[0]).toArray();
        end = merged.stream().mapToDouble(s -> s[1]).toArray();
    }

    /** @return total length of [t0S, t1S] covered by the intervals, s; for t1S = t0S, 1 if covered else 0 */
    double overlapS(double t0S, double t1S) {
        int n = start.length;
        if (n == 0) {
            return 0;
        }
        int i = firstEndingAfter(t0S);
        if (t1S <= t0S) {
            return i < n && start[i] <= t0S ? 1 : 0;
        }
        double inside = 0;
        for (; i < n && start[i] < t1S; i++) {
            inside += Math.min(t1S, end[i]) - Math.max(t0S, start[i]);
        }
        return inside;
    }

    /** @return the end of the first interval ending after {@code tS}, or -infinity if none (no cursor move) */
    double firstEndAfter(double tS) {
        int i = Arrays.binarySearch(end, tS);
        i = i >= 0 ? i + 1 : -i - 1;
        return i < end.length ? end[i] : Double.NEGATIVE_INFINITY;
    }

    /** @return index of the first interval whose end is after {@code tS} */
    private int firstEndingAfter(double tS) {
        int c = cursor;
        if (c > 0 && c <= end.length && end[c - 1] > tS) {
            // went backwards in time: search
            int i = Arrays.binarySearch(end, tS);
            c = i >= 0 ? i + 1 : -i - 1;
        }
        while (c < end.length && end[c] <= tS) {
            c++;
        }
        cursor = c;
        return c;
    }
}

package io.onorbit.orbit.events;

/**
 * The straight line through lighting samples, for orbit-sim's own tests only: orbit-sim produces
 * samples, and the curve the spacecraft and the plan use lives in flight-sw, which orbit-sim must
 * not see. Written as plainly as possible (linear scan, segment by segment) so that it is an
 * independent reading of the knots, not a copy of the production curve.
 */
final class KnotLine {

    private KnotLine() {
    }

    /** @return the ratio at {@code tS}: 1 with no knots, end values outside them, linear between */
    static double at(LightingSamples s, double tS) {
        double[] t = s.timesS();
        double[] r = s.ratios();
        if (t.length == 0) {
            return 1.0;
        }
        if (tS <= t[0]) {
            return r[0];
        }
        for (int i = 1; i < t.length; i++) {
            if (tS <= t[i]) {
                return r[i - 1] + (r[i] - r[i - 1]) * (tS - t[i - 1]) / (t[i] - t[i - 1]);
            }
        }
        return r[t.length - 1];
    }

    /** @return the mean ratio over [0, spanS]: each segment's area (trapezoid) over the span */
    static double mean(LightingSamples s, double spanS) {
        double[] t = s.timesS();
        double area = 0;
        double prevT = 0;
        double prevR = at(s, 0);
        for (double knot : t) {
            if (knot > 0 && knot < spanS) {
                double r = at(s, knot);
                area += (knot - prevT) * (prevR + r) / 2;
                prevT = knot;
                prevR = r;
            }
        }
        area += (spanS - prevT) * (prevR + at(s, spanS)) / 2;
        return area / spanS;
    }
}

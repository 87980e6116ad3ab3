package io.onorbit.orbit.events;

import java.util.Arrays;

/**
 * Lighting ratio (fraction of the solar disc visible from the satellite, [0, 1]) as a
 * piecewise-linear function through knots placed densely in each penumbra transition; exactly 1
 * between eclipses and 0 inside umbra. Query cost O(log n).
 */
public final class LightingCurve {

    private final double[] timesS;
    private final double[] ratios;

    /**
     * @param timesS strictly increasing knot times, s since the epoch
     * @param ratios ratio at each knot, [0, 1]
     */
    public LightingCurve(double[] timesS, double[] ratios) {
        if (timesS.length != ratios.length) {
            throw new IllegalArgumentException("lighting curve: " + timesS.length + " times but " + ratios.length + " ratios");
        }
        for (int i = 0; i < timesS.length; i++) {
            if (i > 0 && !(timesS[i] > timesS[i - 1])) {
                throw new IllegalArgumentException("lighting curve: knot times must increase strictly at index " + i);
            }
            if (!(ratios[i] >= 0 && ratios[i] <= 1)) {
                throw new IllegalArgumentException("lighting curve: ratio " + ratios[i] + " at index " + i + " is outside [0, 1]");
            }
        }
        this.timesS = timesS.clone();
        this.ratios = ratios.clone();
    }

    /** @return lighting ratio at {@code tS}; 1 with no knots, end values outside the knots */
    public double ratioAt(double tS) {
        int n = timesS.length;
        if (n == 0) {
            return 1.0;
        }
        if (tS <= timesS[0]) {
            return ratios[0];
        }
        if (tS >= timesS[n - 1]) {
            return ratios[n - 1];
        }
        int i = Arrays.binarySearch(timesS, tS);
        if (i >= 0) {
            return ratios[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (tS - timesS[lo]) / (timesS[hi] - timesS[lo]);
        return ratios[lo] + f * (ratios[hi] - ratios[lo]);
    }

    /**
     * Mean of the ratio over [t0S, t1S], exact for the piecewise-linear curve (trapezoids).
     *
     * @return mean ratio in [0, 1]
     */
    public double meanRatio(double t0S, double t1S) {
        if (!(t1S > t0S)) {
            return ratioAt(t0S);
        }
        double area = 0;
        double prevT = t0S;
        double prevR = ratioAt(t0S);
        int i = Arrays.binarySearch(timesS, t0S);
        for (int k = i >= 0 ? i + 1 : -i - 1; k < timesS.length && timesS[k] < t1S; k++) {
            area += 0.5 * (prevR + ratios[k]) * (timesS[k] - prevT);
            prevT = timesS[k];
            prevR = ratios[k];
        }
        area += 0.5 * (prevR + ratioAt(t1S)) * (t1S - prevT);
        return area / (t1S - t0S);
    }

    /** @return knot times, s (a copy) */
    public double[] timesS() {
        return timesS.clone();
    }

    /** @return knot ratios (a copy) */
    public double[] ratios() {
        return ratios.clone();
    }

    /** @return number of knots */
    public int size() {
        return timesS.length;
    }
}

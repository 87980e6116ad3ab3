package io.onorbit.flight.schedule;

import java.util.Arrays;

/**
 * Lighting ratio (fraction of the solar disc visible, in [0, 1]) as a piecewise-linear function
 * of time through knots. Before the first knot and after the last the end values hold.
 *
 * <p>The project's one lighting curve: the onboard schedule and the mission plan's mean lighting
 * ratio both read it. orbit-sim only samples the ratio (it places knots densely through each
 * penumbra transition and once at its ends, so that between eclipses the ratio is exactly 1 and
 * queries stay cheap, {@code O(log n)}); mission planning hands those samples to
 * {@link #fromSamples}. Ratios are held as float32, the precision the spacecraft stores its
 * schedule in (1e-7 is far below what the shadow model knows).
 */
public final class LightingProfile {

    private final double[] knotTimesS;
    private final float[] ratios;

    /**
     * @param knotTimesS strictly increasing knot times, s since the schedule epoch
     * @param ratios     lighting ratio at each knot, in [0, 1]
     */
    public LightingProfile(double[] knotTimesS, float[] ratios) {
        if (knotTimesS.length != ratios.length) {
            throw new IllegalArgumentException("lighting profile: " + knotTimesS.length + " knot times but "
                    + ratios.length + " ratios");
        }
        for (int i = 0; i < knotTimesS.length; i++) {
            if (i > 0 && !(knotTimesS[i] > knotTimesS[i - 1])) {
                throw new IllegalArgumentException("lighting profile: knot times must increase strictly at index " + i);
            }
            if (!(ratios[i] >= 0f && ratios[i] <= 1f)) {
                throw new IllegalArgumentException("lighting profile: ratio " + ratios[i] + " at index " + i
                        + " is outside [0, 1]");
            }
        }
        this.knotTimesS = knotTimesS.clone();
        this.ratios = ratios.clone();
    }

    /**
     * @param knotTimesS strictly increasing knot times, s since the schedule epoch
     * @param ratios     lighting ratio at each knot, in [0, 1] (rounded to float32)
     * @return the curve through those samples
     */
    public static LightingProfile fromSamples(double[] knotTimesS, double[] ratios) {
        float[] f = new float[ratios.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) ratios[i];
        }
        return new LightingProfile(knotTimesS, f);
    }

    /** @return a profile that is fully lit at all times */
    public static LightingProfile alwaysLit() {
        return new LightingProfile(new double[0], new float[0]);
    }

    /**
     * @param tS time, s since the schedule epoch
     * @return lighting ratio in [0, 1]
     */
    public double ratioAt(double tS) {
        int n = knotTimesS.length;
        if (n == 0) {
            return 1.0;
        }
        if (tS <= knotTimesS[0]) {
            return ratios[0];
        }
        if (tS >= knotTimesS[n - 1]) {
            return ratios[n - 1];
        }
        int i = Arrays.binarySearch(knotTimesS, tS);
        if (i >= 0) {
            return ratios[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (tS - knotTimesS[lo]) / (knotTimesS[hi] - knotTimesS[lo]);
        return ratios[lo] + f * (ratios[hi] - ratios[lo]);
    }

    /**
     * Mean lighting ratio over [t0S, t1S], exact for the piecewise-linear profile.
     *
     * @param t0S start, s since epoch
     * @param t1S end, s since epoch (&ge; t0S)
     * @return mean ratio in [0, 1]
     */
    public double meanRatio(double t0S, double t1S) {
        if (t1S <= t0S) {
            return ratioAt(t0S);
        }
        // Integrate the piecewise-linear function with the trapezoid rule over the knots inside.
        double area = 0;
        double prevT = t0S;
        double prevR = ratioAt(t0S);
        int start = Arrays.binarySearch(knotTimesS, t0S);
        int k = start >= 0 ? start + 1 : -start - 1;
        for (; k < knotTimesS.length && knotTimesS[k] < t1S; k++) {
            double r = ratios[k];
            area += 0.5 * (prevR + r) * (knotTimesS[k] - prevT);
            prevT = knotTimesS[k];
            prevR = r;
        }
        double endR = ratioAt(t1S);
        area += 0.5 * (prevR + endR) * (t1S - prevT);
        return area / (t1S - t0S);
    }

    /** @return number of knots */
    public int knotCount() {
        return knotTimesS.length;
    }
}

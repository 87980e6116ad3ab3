package io.onorbit.orbit.events;

/**
 * Lighting ratio (fraction of the solar disc visible from the satellite, [0, 1]) sampled at knots:
 * placed densely through each penumbra transition and once at its ends, exactly 1 between
 * eclipses and 0 inside umbra. orbit-sim only produces these samples; the curve through them (the
 * piecewise-linear interpolation and its exact mean) is flight-sw's
 * {@code io.onorbit.flight.schedule.LightingProfile}, built by mission planning, so that the
 * spacecraft and the plan read one curve. Immutable (arrays are copied in and out).
 *
 * @param timesS strictly increasing knot times, s since the timeline's epoch
 * @param ratios lighting ratio at each knot, [0, 1]
 */
public record LightingSamples(double[] timesS, double[] ratios) {

    public LightingSamples {
        if (timesS.length != ratios.length) {
            throw new IllegalArgumentException("lighting samples: " + timesS.length + " times but " + ratios.length + " ratios");
        }
        for (int i = 0; i < timesS.length; i++) {
            if (i > 0 && !(timesS[i] > timesS[i - 1])) {
                throw new IllegalArgumentException("lighting samples: knot times must increase strictly at index " + i);
            }
            if (!(ratios[i] >= 0 && ratios[i] <= 1)) {
                throw new IllegalArgumentException("lighting samples: ratio " + ratios[i] + " at index " + i + " is outside [0, 1]");
            }
        }
        timesS = timesS.clone();
        ratios = ratios.clone();
    }

    /** @return no knots: fully lit over the whole span */
    public static LightingSamples alwaysLit() {
        return new LightingSamples(new double[0], new double[0]);
    }

    /** @return knot times, s (a copy) */
    @Override
    public double[] timesS() {
        return timesS.clone();
    }

    /** @return knot ratios (a copy) */
    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    /** @return number of knots */
    public int size() {
        return timesS.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LightingSamples s && java.util.Arrays.equals(s.timesS, timesS)
                && java.util.Arrays.equals(s.ratios, ratios);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(timesS) + java.util.Arrays.hashCode(ratios);
    }

    @Override
    public String toString() {
        return "LightingSamples[" + timesS.length + " knots]";
    }
}

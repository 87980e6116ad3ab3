package io.onorbit.flight.learning.model;

/**
 * tanh rounded to float, the same float as {@code (float) Math.tanh(z)} for every z, at a fraction
 * of its cost: on JDK 17 {@code Math.tanh} is the native fdlibm routine, and it was the largest
 * single cost of the closed loop (the trainers' and the evaluation learners' forward passes).
 *
 * <p>Why the result is the same float: t = (e − 1)/(e + 1) with e = exp(2z) ({@code Math.exp} is
 * within 1 ulp) is within about 1e-15 of the exact tanh(z) (the absolute rounding error of e is
 * at most 2.2e-16 for |z| small and the relative errors of the subtraction, addition and division a
 * few ulps otherwise), and {@code Math.tanh} is within 2.5 ulps, at most 5.6e-16, of it. So the two
 * doubles are within {@link #MARGIN} of each other, and when t is farther than that from every
 * point where rounding to float changes (the midpoints between adjacent floats) both round to the
 * same float. Otherwise (about 1 input in 10⁶ of the network's, and every |z| below ~1e-7, a NaN or
 * an infinity, where the margin does not hold or the formula fails) the result is
 * {@code (float) Math.tanh(z)} itself.
 */
final class FloatTanh {

    /** far more than the two doubles can differ (about 1.6e-15) */
    static final double MARGIN = 1e-14;

    private FloatTanh() {
    }

    /** @return {@code (float) Math.tanh(z)} */
    static float of(float z) {
        double e = Math.exp(2.0 * z);
        double t = (e - 1) / (e + 1);
        float f = (float) t;
        double up = ((double) f + Math.nextUp(f)) * 0.5;
        double down = ((double) f + Math.nextDown(f)) * 0.5;
        if (up - t > MARGIN && t - down > MARGIN) {
            return f;
        }
        return (float) Math.tanh(z);
    }
}

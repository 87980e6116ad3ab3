package io.onorbit.flight.learning.model;

/**
 * tanh rounded to float, the same float as {@code (float) Math.tanh(z)} for every z, at a fraction
 * of its cost: on JDK 17 {@code Math.tanh} is the native fdlibm routine, and even an exponential
 * and a division per unit were half of every forward pass of the closed loop.
 *
 * <p>How: a double t within about 1e-14 of tanh(z) from multiplications, additions and one division
 * only ({@link #near}), so a loop over a layer's units compiles to vector instructions. With y = z/4
 * (z clamped to ±{@link #CLAMP}, beyond which the float is ±1 either way), tanh(y) is Lambert's
 * continued fraction cut after 11 terms, the [11/10] Padé approximant N/D with integer coefficients
 * (relative error below 2e-15 for |y| &le; 2.275), and two doublings tanh(2y) = 2t / (1 + t²), done
 * on the pair (N, D) as (2ND, N² + D²) so that only the last step divides; a doubling does not
 * increase the relative error. {@code Math.tanh} is within 2.5 ulps (5.6e-16) of the exact value.
 * So whenever t·(1 − 2⁻⁴⁰) and t·(1 + 2⁻⁴⁰) (a relative margin of 9e-13, far more than both errors)
 * round to the same float, that float is also the rounding of {@code Math.tanh(z)}; otherwise (about
 * 1 value in 30 000, and a NaN) the result is {@code (float) Math.tanh(z)} itself.
 */
final class FloatTanh {

    /** |z| at which tanh(z) is within 2.5e-8 of ±1, nearer than the float below 1 (1 − 2⁻²⁴) is to the midpoint */
    static final float CLAMP = 9.1f;
    private static final double BELOW = 1 - 0x1p-40;
    private static final double ABOVE = 1 + 0x1p-40;

    private FloatTanh() {
    }

    /** @return {@code (float) Math.tanh(z)} */
    static float of(float z) {
        double t = near(z);
        float f = (float) t;
        if ((float) (t * BELOW) == (float) (t * ABOVE)) {
            return f;
        }
        return (float) Math.tanh(z);
    }

    /**
     * Replaces {@code z[from..to)} by {@code (float) Math.tanh(z[i])}, {@code work.length} values at a
     * time in three loops: widen (clamped) into {@code work}, {@link #near} in doubles (no branch and
     * no float conversion inside, so it compiles to vector instructions; the longer the run, the
     * fewer scalar loop ends: a whole batch's layer at once), then round and check each value, taking
     * {@code Math.tanh} of the value still held in {@code z} for the few (about 1 in 30 000) that
     * {@link #near} cannot decide.
     *
     * @param z    pre-activations in, activations out
     * @param from first index
     * @param to   end index (exclusive)
     * @param work at least one double, overwritten
     */
    static void applyInPlace(float[] z, int from, int to, double[] work) {
        for (int start = from; start < to; start += work.length) {
            int n = Math.min(work.length, to - start);
            for (int i = 0; i < n; i++) {
                float x = z[start + i];
                work[i] = x > CLAMP ? CLAMP : x < -CLAMP ? -CLAMP : x; // a NaN passes, and is undecided below
            }
            for (int i = 0; i < n; i++) {
                work[i] = nearClamped(work[i]);
            }
            for (int i = 0; i < n; i++) {
                double t = work[i];
                if ((float) (t * BELOW) == (float) (t * ABOVE)) {
                    z[start + i] = (float) t;
                } else {
                    z[start + i] = (float) Math.tanh(z[start + i]);
                }
            }
        }
    }

    /** @return tanh(z) within about 1e-14 relative (class comment); NaN for NaN, ±tanh(9.1) beyond ±9.1 */
    static double near(float z) {
        return nearClamped(z > CLAMP ? CLAMP : z < -CLAMP ? -CLAMP : z);
    }

    /** {@link #near} of a z already within ±{@link #CLAMP} */
    private static double nearClamped(double z) {
        double y = z * 0.25;
        double u = y * y;
        double num = y * (((((u + 2145.0) * u + 675675.0) * u + 64324260.0) * u + 1964187225.0) * u
                + 13749310575.0);
        double den = ((((66.0 * u + 45045.0) * u + 7567560.0) * u + 413513100.0) * u + 6547290750.0) * u
                + 13749310575.0;
        double n2 = 2 * num * den;
        double d2 = num * num + den * den;
        return 2 * n2 * d2 / (n2 * n2 + d2 * d2);
    }
}

package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast tanh is the float {@code (float) Math.tanh(z)} gives, bit for bit, one value at a time
 * and a layer at a time; its double is within the stated 1e-14 of {@code Math.tanh}.
 */
class FloatTanhTest {

    private static void same(float z) {
        int expected = Float.floatToRawIntBits((float) Math.tanh(z));
        assertThat(Float.floatToRawIntBits(FloatTanh.of(z))).as("tanh(%s)", z).isEqualTo(expected);
    }

    /** Every 997th float from 0 to 30 and from -0 to -30 (every binade, about 2.2 million values). */
    @Test
    void sameFloatAcrossEveryBinade() {
        int top = Float.floatToRawIntBits(30f);
        for (int bits = 0; bits <= top; bits += 997) {
            same(Float.intBitsToFloat(bits));
            same(-Float.intBitsToFloat(bits));
        }
    }

    /** Pre-activations as the networks make them: normal, spread over a few orders of magnitude. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void sameFloatOnNetworkLikeInputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 300_000; i++) {
            same((float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 2))));
        }
    }

    @Test
    void sameFloatAtTheEdges() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-8f, 1e-7f,
            0.5f, 1f, 9.0109f, 9.011f, 22f, 200f, 400f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float z : edges) {
            same(z);
            same(-z);
        }
    }

    /**
     * Runs of network-like and of arbitrary floats, inside a larger array, through work arrays of 1 to
     * 40 doubles: every value in the run is the float {@code (float) Math.tanh} gives (the vector path
     * or, where it cannot decide, {@code Math.tanh} itself), and nothing outside the run changes.
     */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void aRunAtATimeIsTheSameFloat(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int undecided = 0;
        int runs = 20_000;
        for (int k = 0; k < runs; k++) {
            int length = 1 + r.nextInt(200);
            float[] z = new float[length];
            for (int i = 0; i < length; i++) {
                z[i] = k % 2 == 0 ? (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 2)))
                        : Float.intBitsToFloat(r.nextInt());
            }
            int from = r.nextInt(length);
            int to = from + r.nextInt(length - from + 1);
            float[] out = z.clone();
            FloatTanh.applyInPlace(out, from, to, new double[1 + r.nextInt(40)]);
            for (int i = 0; i < length; i++) {
                float expected = i >= from && i < to ? (float) Math.tanh(z[i]) : z[i];
                assertThat(Float.floatToRawIntBits(out[i])).as("tanh(%s) at %d of [%d, %d)", z[i], i, from, to)
                        .isEqualTo(Float.floatToRawIntBits(expected));
                if (i >= from && i < to) {
                    double t = FloatTanh.near(z[i]);
                    undecided += (float) (t * (1 - 0x1p-40)) == (float) (t * (1 + 0x1p-40)) ? 0 : 1;
                }
            }
        }
        // NaNs in the arbitrary floats and values within 2^-40 of a rounding boundary took Math.tanh's path
        assertThat(undecided).isPositive();
    }

    @Test
    void aNaNAnInfinityAndZerosAreTheSameFloat() {
        float[] z = {0.5f, Float.NaN, -2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e-40f};
        float[] out = z.clone();
        FloatTanh.applyInPlace(out, 0, out.length, new double[3]);
        for (int i = 0; i < out.length; i++) {
            assertThat(Float.floatToRawIntBits(out[i])).isEqualTo(Float.floatToRawIntBits((float) Math.tanh(z[i])));
        }
    }

    /** The double itself: within 1e-14 relative of {@code Math.tanh} (itself within 5.6e-16 of the exact value). */
    @Test
    void theDoubleIsWithinItsStatedError() {
        int top = Float.floatToRawIntBits(FloatTanh.CLAMP);
        double worst = 0;
        for (int bits = Float.floatToRawIntBits(1e-30f); bits <= top; bits += 101) {
            float z = Float.intBitsToFloat(bits);
            double reference = Math.tanh(z);
            worst = Math.max(worst, Math.abs(FloatTanh.near(z) - reference) / reference);
            assertThat(FloatTanh.near(-z)).isEqualTo(-FloatTanh.near(z));
        }
        assertThat(worst).isLessThan(1e-14);
    }
}

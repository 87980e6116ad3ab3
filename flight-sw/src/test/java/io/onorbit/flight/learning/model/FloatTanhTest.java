package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast tanh is the float {@code (float) Math.tanh(z)} gives, bit for bit. */
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
}

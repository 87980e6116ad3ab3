package io.onorbit.flight.optimizer;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the ziggurat method (Marsaglia and Tsang 2000, "The ziggurat method for
 * generating random variables", J. Stat. Softw. 5(8)) in Doornik's form (2005, "An improved ziggurat
 * method to generate normal random samples"): 128 layers of equal area under e^(−x²/2), the layer and
 * the signed uniform taken from disjoint bits of one 64-bit draw (Doornik's fix for the correlation of
 * the original), Marsaglia's (1964) exact method for the tail beyond R. Exact in distribution, like
 * Box-Muller, but about 99 % of draws cost one random number, one table look-up and one multiply
 * instead of a logarithm, a square root and a cosine: the analog engine draws one per read-out
 * output, hundreds per solve. Stateless; the caller's generator carries the stream.
 */
final class ZigguratNormal {

    private static final int LAYERS = 128;
    /** where the tail starts (Marsaglia and Tsang's constant for 128 layers) */
    static final double TAIL_START = 3.442619855899;
    /** each layer's area under the unnormalised density e^(−x²/2) */
    static final double LAYER_AREA = 9.91256303526217e-3;
    /** x[0] = area / f(R) (the base layer with its tail as one rectangle), x[1] = R, ... x[128] = 0 */
    private static final double[] X = new double[LAYERS + 1];
    /** x[i + 1] / x[i]: below it a point of layer i is inside the curve without evaluating it */
    private static final double[] INSIDE = new double[LAYERS];

    static {
        double f = Math.exp(-0.5 * TAIL_START * TAIL_START);
        X[0] = LAYER_AREA / f;
        X[1] = TAIL_START;
        for (int i = 2; i < LAYERS; i++) {
            X[i] = Math.sqrt(-2 * Math.log(LAYER_AREA / X[i - 1] + f));
            f = Math.exp(-0.5 * X[i] * X[i]);
        }
        X[LAYERS] = 0;
        for (int i = 0; i < LAYERS; i++) {
            INSIDE[i] = X[i + 1] / X[i];
        }
    }

    private ZigguratNormal() {
    }

    /** @return the right edge of layer {@code i} (for the tests of the table) */
    static double edge(int i) {
        return X[i];
    }

    /** @return one standard normal drawn from {@code r} */
    static double draw(SplittableRandom r) {
        while (true) {
            long bits = r.nextLong();
            int i = (int) (bits & (LAYERS - 1));
            double u = (bits >>> 11) * 0x1.0p-52 - 1.0; // 53 bits above the layer's 7: uniform in [-1, 1)
            if (Math.abs(u) < INSIDE[i]) {
                return u * X[i];
            }
            if (i == 0) {
                return tail(u < 0, r);
            }
            // the wedge between the layer's rectangle and the curve: accept under f(x)
            double x = u * X[i];
            double f0 = Math.exp(-0.5 * (X[i] * X[i] - x * x));
            double f1 = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
            if (f1 + r.nextDouble() * (f0 - f1) < 1.0) {
                return x;
            }
        }
    }

    /** Marsaglia's tail method: x beyond R with density proportional to e^(−x²/2). */
    static double tail(boolean negative, SplittableRandom r) {
        double x;
        double y;
        do {
            x = Math.log(1 - r.nextDouble()) / TAIL_START; // 1 - U in (0, 1]: no log(0)
            y = Math.log(1 - r.nextDouble());
        } while (-2 * y < x * x);
        return negative ? x - TAIL_START : TAIL_START - x;
    }
}

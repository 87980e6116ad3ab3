package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch's passes against a textbook network written here in double (Math.tanh, the chain rule
 * unit by unit), and bit for bit against the single-sample passes, for every subset kind, on odd
 * widths (so that the four-at-a-time loops leave remainders), with a forward pass of a part of the
 * batch (slots from {@code FIRST}) and backward passes in any slot order.
 */
class SampleBatchTest {

    private static final int[] WIDTHS = {5, 9, 6, 1};
    private static final int SLOTS = 11;
    /** the forward pass covers slots FIRST..SLOTS-1 */
    private static final int FIRST = 3;

    @ParameterizedTest
    @EnumSource(TrainableSubset.Kind.class)
    void batchPassesAreTheTextbookNetwork(TrainableSubset.Kind kind) {
        for (long seed = 1; seed <= 4; seed++) {
            check(kind, seed);
        }
    }

    private static void check(TrainableSubset.Kind kind, long seed) {
        MemoryAccountant acct = MemoryAccountant.unbounded();
        DenseNetwork net = new DenseNetwork(WIDTHS, seed, acct);
        SplittableRandom rng = new SplittableRandom(seed * 31);
        float[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.3 * rng.nextGaussian());
        }
        net.setParameters(p);
        TrainableSubset subset = TrainableSubset.of(kind, 0.4, seed, net, acct);
        SampleBatch batch = net.newBatch(SLOTS, acct);
        float[][] xs = new float[SLOTS][WIDTHS[0]];
        float[] errors = new float[SLOTS];
        float[] single = new float[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            for (int i = 0; i < WIDTHS[0]; i++) {
                xs[s][i] = (float) (2 * rng.nextGaussian());
            }
            errors[s] = (float) rng.nextGaussian();
        }
        for (int s = FIRST; s < SLOTS; s++) {
            single[s] = net.predict(xs[s]);
            batch.setInput(s, xs[s]);
        }
        net.predict(batch, FIRST, SLOTS);

        float[] batchGrad = new float[subset.size()];
        float[] singleGrad = new float[subset.size()];
        double[] textbookGrad = new double[subset.size()];
        for (int t = FIRST; t < SLOTS; t++) {
            int s = FIRST + (t - FIRST) * 5 % (SLOTS - FIRST); // slots out of order: 5 is prime to 8
            double[] jacobian = textbookJacobian(p, xs[s], subset);
            double textbookOut = textbookForward(p, xs[s])[WIDTHS.length - 1][0];
            assertThat(Float.floatToRawIntBits(batch.output(s))).as("slot %d output", s)
                    .isEqualTo(Float.floatToRawIntBits(single[s]));
            assertThat((double) batch.output(s)).as("slot %d output against the textbook", s)
                    .isCloseTo(textbookOut, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(textbookOut))));
            float scale = 1f / (1 + s % 3);
            net.propagate(batch, s, errors[s], subset);
            double norm = net.gradientSquaredNorm(batch, s, subset);
            double textbookNorm = 0;
            for (double j : jacobian) {
                textbookNorm += errors[s] * j * errors[s] * j;
            }
            assertThat(norm).as("slot %d squared norm", s)
                    .isCloseTo(textbookNorm, org.assertj.core.data.Offset.offset(1e-5 * textbookNorm + 1e-12));
            net.addGradient(batch, s, subset, batchGrad, scale);
            net.predict(xs[s]);
            net.backward(errors[s], subset, singleGrad, scale);
            for (int k = 0; k < subset.size(); k++) {
                textbookGrad[k] += scale * errors[s] * jacobian[k];
            }
        }
        double largest = 0;
        for (double g : textbookGrad) {
            largest = Math.max(largest, Math.abs(g));
        }
        for (int k = 0; k < subset.size(); k++) {
            assertThat(Float.floatToRawIntBits(batchGrad[k])).as("%s seed %d parameter %d", kind, seed, subset.index(k))
                    .isEqualTo(Float.floatToRawIntBits(singleGrad[k]));
            // float sums of at most 10 terms of order 1, and tanh in float: 1e-5 of the largest entry
            assertThat((double) batchGrad[k]).as("%s seed %d parameter %d against the textbook", kind, seed,
                    subset.index(k)).isCloseTo(textbookGrad[k], org.assertj.core.data.Offset.offset(1e-5 * largest));
        }
    }

    /** @return the activations of every layer, in double with Math.tanh, from the layout's named tensors */
    private static double[][] textbookForward(float[] p, float[] x) {
        ParameterLayout layout = ParameterLayout.dense(WIDTHS);
        double[][] a = new double[WIDTHS.length][];
        a[0] = new double[WIDTHS[0]];
        for (int i = 0; i < WIDTHS[0]; i++) {
            a[0][i] = x[i];
        }
        for (int l = 1; l < WIDTHS.length; l++) {
            int w = layout.tensor("layer" + (l - 1) + ".weight").offset();
            int b = layout.tensor("layer" + (l - 1) + ".bias").offset();
            a[l] = new double[WIDTHS[l]];
            for (int j = 0; j < WIDTHS[l]; j++) {
                double z = p[b + j];
                for (int i = 0; i < WIDTHS[l - 1]; i++) {
                    z += (double) p[w + j * WIDTHS[l - 1] + i] * a[l - 1][i];
                }
                a[l][j] = l < WIDTHS.length - 1 ? Math.tanh(z) : z;
            }
        }
        return a;
    }

    /** @return dy/dp for each trained parameter, by the chain rule over every unit, in double */
    private static double[] textbookJacobian(float[] p, float[] x, TrainableSubset subset) {
        ParameterLayout layout = ParameterLayout.dense(WIDTHS);
        double[][] a = textbookForward(p, x);
        int last = WIDTHS.length - 1;
        double[][] delta = new double[WIDTHS.length][];
        delta[last] = new double[] {1.0};
        for (int l = last; l > 1; l--) {
            int w = layout.tensor("layer" + (l - 1) + ".weight").offset();
            delta[l - 1] = new double[WIDTHS[l - 1]];
            for (int i = 0; i < WIDTHS[l - 1]; i++) {
                double sum = 0;
                for (int j = 0; j < WIDTHS[l]; j++) {
                    sum += p[w + j * WIDTHS[l - 1] + i] * delta[l][j];
                }
                delta[l - 1][i] = sum * (1 - a[l - 1][i] * a[l - 1][i]);
            }
        }
        double[] dydp = new double[p.length];
        for (int l = 1; l <= last; l++) {
            int w = layout.tensor("layer" + (l - 1) + ".weight").offset();
            int b = layout.tensor("layer" + (l - 1) + ".bias").offset();
            for (int j = 0; j < WIDTHS[l]; j++) {
                for (int i = 0; i < WIDTHS[l - 1]; i++) {
                    dydp[w + j * WIDTHS[l - 1] + i] = delta[l][j] * a[l - 1][i];
                }
                dydp[b + j] = delta[l][j];
            }
        }
        double[] trained = new double[subset.size()];
        for (int k = 0; k < subset.size(); k++) {
            trained[k] = dydp[subset.index(k)];
        }
        return trained;
    }
}

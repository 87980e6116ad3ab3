package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DenseNetworkTest {

    /** Central finite differences (in double, on the float network) agree with backward for every trainable parameter. */
    @ParameterizedTest
    @EnumSource(TrainableSubset.Kind.class)
    void gradientsMatchFiniteDifferences(TrainableSubset.Kind kind) {
        MemoryAccountant acct = MemoryAccountant.unbounded();
        DenseNetwork net = new DenseNetwork(new int[] {5, 7, 4, 1}, 11, acct);
        SplittableRandom rng = new SplittableRandom(3);
        float[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.1 * rng.nextGaussian()); // non-zero biases too
        }
        net.setParameters(p);
        TrainableSubset s = TrainableSubset.of(kind, 0.5, 5, net, acct);
        for (int trial = 0; trial < 3; trial++) {
            float[] x = new float[5];
            for (int i = 0; i < 5; i++) {
                x[i] = (float) (2 * rng.nextDouble() - 1);
            }
            float y = (float) rng.nextDouble();
            float[] grad = new float[s.size()];
            float out = net.predict(x);
            net.backward(out - y, s, grad, 1f); // loss 1/2 (out - y)^2
            for (int k = 0; k < s.size(); k++) {
                int idx = s.index(k);
                float keep = net.parameter(idx);
                double h = 1e-2;
                net.setParameter(idx, (float) (keep + h));
                double up = 0.5 * Math.pow(net.predict(x) - y, 2);
                net.setParameter(idx, (float) (keep - h));
                double down = 0.5 * Math.pow(net.predict(x) - y, 2);
                net.setParameter(idx, keep);
                double fd = (up - down) / (2 * h);
                assertThat((double) grad[k]).as("param %d (%s)", idx, kind).isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-3 + 1e-2 * Math.abs(fd)));
            }
        }
    }

    /**
     * A sparse subset's gradient is, bit for bit, the whole network's gradient at the same
     * parameters (the whole network's subset holds every row, so its k are other offsets and its deepest layer
     * propagates every unit's delta), over
     * several samples and scales, at row fractions that leave partial runs and single rows.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void sparseRowsGradientIsTheWholeGradientAtItsParameters(double fraction) {
        MemoryAccountant acct = MemoryAccountant.unbounded();
        DenseNetwork net = new DenseNetwork(new int[] {8, 32, 16, 1}, 5, acct);
        TrainableSubset all = TrainableSubset.of(TrainableSubset.Kind.FULL, 1, 0, net, acct);
        TrainableSubset rows = TrainableSubset.of(TrainableSubset.Kind.SPARSE_ROWS, fraction, 9, net, acct);
        float[] whole = new float[all.size()]; // the whole network: index k is parameter k
        float[] sparse = new float[rows.size()];
        SplittableRandom rng = new SplittableRandom(7);
        for (int sample = 0; sample < 20; sample++) {
            float[] x = new float[8];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float residual = net.predict(x) - (float) rng.nextDouble();
            float scale = 1f / (1 + sample % 4);
            net.backward(residual, all, whole, scale);
            net.backward(residual, rows, sparse, scale);
        }
        for (int k = 0; k < rows.size(); k++) {
            assertThat(Float.floatToRawIntBits(sparse[k])).as("parameter %d", rows.index(k))
                    .isEqualTo(Float.floatToRawIntBits(whole[rows.index(k)]));
        }
    }

    /**
     * The closed-form squared norm of the trained gradient (whole rows: d^2 (|a|^2 + 1)) is the sum of
     * the squares of the gradient backward gives, parameter by parameter, within the float roundings
     * of those products (relative 1e-6), for every subset kind and fraction and for partial rows.
     */
    @ParameterizedTest
    @EnumSource(TrainableSubset.Kind.class)
    void gradientSquaredNormIsTheSumOfTheSquaredGradients(TrainableSubset.Kind kind) {
        MemoryAccountant acct = MemoryAccountant.unbounded();
        DenseNetwork net = new DenseNetwork(new int[] {8, 32, 16, 1}, 21, acct);
        SplittableRandom rng = new SplittableRandom(23);
        for (double fraction : new double[] {0.1, 0.5, 1.0}) {
            TrainableSubset s = TrainableSubset.of(kind, fraction, 4, net, acct);
            for (int sample = 0; sample < 30; sample++) {
                float[] x = new float[8];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (3 * rng.nextGaussian());
                }
                float e = net.predict(x) - (float) rng.nextGaussian();
                float[] grad = new float[s.size()];
                net.backward(e, s, grad, 1f);
                double expected = 0;
                for (float g : grad) {
                    expected += (double) g * g;
                }
                net.propagate(e, s);
                assertThat(net.gradientSquaredNorm(s)).as("%s %s sample %d", kind, fraction, sample)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6 * expected + 1e-30));
            }
        }
    }

    @Test
    void subsetsSelectTheDocumentedParameters() {
        MemoryAccountant acct = MemoryAccountant.unbounded();
        DenseNetwork net = new DenseNetwork(new int[] {8, 32, 16, 1}, 1, acct);
        assertThat(net.layout().size()).isEqualTo(8 * 32 + 32 + 32 * 16 + 16 + 16 + 1);
        assertThat(TrainableSubset.of(TrainableSubset.Kind.FULL, 1, 0, net, acct).size()).isEqualTo(833);
        assertThat(TrainableSubset.of(TrainableSubset.Kind.LAST_LAYER, 1, 0, net, acct).indices())
                .containsExactly(java.util.stream.IntStream.range(816, 833).toArray());
        assertThat(TrainableSubset.of(TrainableSubset.Kind.BIASES, 1, 0, net, acct).size()).isEqualTo(32 + 16 + 1);
        // 25% of rows: 8 of 32, 4 of 16, 1 of 1 -> 8*9 + 4*33 + 17 parameters
        assertThat(TrainableSubset.of(TrainableSubset.Kind.SPARSE_ROWS, 0.25, 0, net, acct).size())
                .isEqualTo(8 * 9 + 4 * 33 + 17);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 99})
    void deterministicBySeedAndVersionNamesTheParameters(long seed) {
        DenseNetwork a = new DenseNetwork(new int[] {4, 6, 1}, seed, MemoryAccountant.unbounded());
        DenseNetwork b = new DenseNetwork(new int[] {4, 6, 1}, seed, MemoryAccountant.unbounded());
        assertThat(a.parameters()).containsExactly(b.parameters());
        assertThat(a.version()).isEqualTo(b.version());
        b.setParameter(0, b.parameter(0) + 1e-3f);
        assertThat(a.version()).isNotEqualTo(b.version());
        assertThat(a.version().matches(a.parameters())).isTrue();
    }

    /**
     * The forward pass is the textbook one, float for float: each unit is its bias plus its
     * weighted inputs added one at a time in input order, then tanh (the JDK's, rounded to float)
     * on hidden layers; widths that are and are not multiples of four.
     */
    @ParameterizedTest
    @ValueSource(strings = {"8,32,16,1", "5,7,6,3,1", "3,1", "9,4,1"})
    void forwardIsTheSequentialSumOfEachUnitBitForBit(String shape) {
        int[] widths = java.util.Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray();
        DenseNetwork net = new DenseNetwork(widths, 5, MemoryAccountant.unbounded());
        SplittableRandom rng = new SplittableRandom(17);
        float[] p = net.parameters();
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (rng.nextDouble(-1.5, 1.5)); // biases too, so no term is zero
        }
        net.setParameters(p);
        ParameterLayout layout = net.layout();
        for (int trial = 0; trial < 200; trial++) {
            float[] x = new float[widths[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextDouble(-2, 2);
            }
            float[] a = x;
            for (int l = 1; l < widths.length; l++) {
                int wOff = layout.tensor("layer" + (l - 1) + ".weight").offset();
                int bOff = layout.tensor("layer" + (l - 1) + ".bias").offset();
                float[] out = new float[widths[l]];
                for (int j = 0; j < widths[l]; j++) {
                    float z = p[bOff + j];
                    for (int i = 0; i < widths[l - 1]; i++) {
                        z = z + p[wOff + j * widths[l - 1] + i] * a[i];
                    }
                    out[j] = l == widths.length - 1 ? z : (float) Math.tanh(z);
                }
                a = out;
            }
            assertThat(Float.floatToRawIntBits(net.predict(x))).as("trial %d", trial)
                    .isEqualTo(Float.floatToRawIntBits(a[0]));
        }
    }
}

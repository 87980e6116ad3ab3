package io.onorbit.verification.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.SplittableRandom;

/**
 * Ground-side fitting of a whole network to a data set (pre-launch training, ground retraining,
 * the oracle): mini-batch Adam (Kingma and Ba 2015) on squared error, seeded shuffles, warm-started
 * from the network's current parameters. Not flight code: it allocates freely.
 */
public final class BatchFitter {

    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    /**
     * @param epochs       passes over the data, &ge; 1
     * @param batchSize    samples per Adam step, &ge; 1
     * @param learningRate Adam step size, &gt; 0
     * @param seed         shuffle seed
     */
    public BatchFitter(int epochs, int batchSize, double learningRate, long seed) {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batch fitter: epochs and batchSize must be >= 1, learningRate > 0");
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /**
     * Fits {@code net} in place.
     *
     * @param net      network to fit (warm start from its parameters)
     * @param xs       features, row-major, {@code count * net.inputSize()} used
     * @param ys       labels, {@code count} used
     * @param from     first sample used
     * @param count    samples used (from {@code from})
     */
    public void fit(DenseNetwork net, float[] xs, float[] ys, int from, int count) {
        if (count <= 0) {
            return;
        }
        MemoryAccountant scratch = MemoryAccountant.unbounded();
        TrainableSubset all = TrainableSubset.of(TrainableSubset.Kind.FULL, 1, 0, net, scratch);
        int n = all.size();
        int d = net.inputSize();
        float[] grad = new float[n];
        double[] m = new double[n];
        double[] v = new double[n];
        float[] x = new float[d];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = from + i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        long step = 0;
        double b1 = 0.9;
        double b2 = 0.999;
        for (int e = 0; e < epochs; e++) {
            for (int i = count - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < count; start += batchSize) {
                int end = Math.min(count, start + batchSize);
                java.util.Arrays.fill(grad, 0f);
                float scale = 1f / (end - start);
                for (int k = start; k < end; k++) {
                    int s = order[k];
                    System.arraycopy(xs, s * d, x, 0, d);
                    float out = net.predict(x);
                    net.backward(out - ys[s], all, grad, scale);
                }
                step++;
                double c1 = 1 - Math.pow(b1, step);
                double c2 = 1 - Math.pow(b2, step);
                for (int k = 0; k < n; k++) {
                    m[k] = b1 * m[k] + (1 - b1) * grad[k];
                    v[k] = b2 * v[k] + (1 - b2) * grad[k] * grad[k];
                    double upd = learningRate * (m[k] / c1) / (Math.sqrt(v[k] / c2) + 1e-8);
                    int p = all.index(k);
                    net.setParameter(p, (float) (net.parameter(p) - upd));
                }
            }
        }
    }
}

package io.onorbit.verification.compression;

import io.onorbit.flight.delta.TensorLayout;
import java.util.SplittableRandom;

/**
 * Regression of a fixed random teacher network by a one-hidden-layer tanh student, data split over
 * clients with client-specific input shifts. Error: normalized mean squared error on a held-out set
 * (MSE / variance of the targets; 1 = predicting the mean). Parameters (layout order): W1 (hidden x
 * inputs, row-major), b1 (hidden), w2 (hidden), b2 (1).
 */
public final class TeacherNetworkProblem implements FederatedProblem {

    private static final int TEACHER_HIDDEN = 16;
    private static final int BATCH = 16;
    private static final double MAX_GRADIENT_NORM = 1.0;

    private final int inputs;
    private final int hidden;
    private final int clients;
    private final int localSteps;
    private final double learningRate;
    private final long seed;
    private final float[][] clientX;
    private final float[][] clientY;
    private final float[] testX;
    private final float[] testY;
    private final double testVariance;
    private final int samplesPerClient;

    /**
     * @param inputs       input features, &ge; 1
     * @param hidden       student hidden width, &ge; 1
     * @param clients      clients, &ge; 1
     * @param localSteps   SGD steps (batches of 16) per client per round, &ge; 1
     * @param learningRate SGD step size
     * @param seed         seed of teacher, data and student initialization
     */
    public TeacherNetworkProblem(int inputs, int hidden, int clients, int localSteps, double learningRate, long seed) {
        if (inputs < 1 || hidden < 1 || clients < 1 || localSteps < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("inputs, hidden, clients, localSteps must be >= 1 and learningRate > 0");
        }
        this.inputs = inputs;
        this.hidden = hidden;
        this.clients = clients;
        this.localSteps = localSteps;
        this.learningRate = learningRate;
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        float[] teacher = randomNetwork(r, inputs, TEACHER_HIDDEN, 1.0);
        this.samplesPerClient = 2000;
        this.clientX = new float[clients][];
        this.clientY = new float[clients][];
        float[][] shift = new float[clients][inputs];
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < inputs; i++) {
                shift[c][i] = (float) (0.5 * r.nextGaussian());
            }
            clientX[c] = new float[samplesPerClient * inputs];
            clientY[c] = new float[samplesPerClient];
            fill(r, teacher, shift[c], clientX[c], clientY[c], samplesPerClient);
        }
        int testN = 2000;
        this.testX = new float[testN * inputs];
        this.testY = new float[testN];
        float[] xs = new float[inputs];
        float[] ys = new float[1];
        for (int s = 0; s < testN; s++) {
            float[] sh = shift[s % clients];
            fill(r, teacher, sh, xs, ys, 1);
            System.arraycopy(xs, 0, testX, s * inputs, inputs);
            testY[s] = ys[0];
        }
        double mean = 0;
        for (float y : testY) {
            mean += y;
        }
        mean /= testN;
        double var = 0;
        for (float y : testY) {
            var += (y - mean) * (y - mean);
        }
        this.testVariance = var / testN;
    }

    private void fill(SplittableRandom r, float[] teacher, float[] shift, float[] xs, float[] ys, int n) {
        float[] h = new float[TEACHER_HIDDEN];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < inputs; i++) {
                xs[s * inputs + i] = (float) (shift[i] + r.nextGaussian());
            }
            ys[s] = (float) (forward(teacher, inputs, TEACHER_HIDDEN, xs, s * inputs, h) + 0.05 * r.nextGaussian());
        }
    }

    private static float[] randomNetwork(SplittableRandom r, int in, int hid, double gain) {
        float[] p = new float[hid * in + 2 * hid + 1];
        double s1 = gain / Math.sqrt(in);
        double s2 = gain / Math.sqrt(hid);
        for (int i = 0; i < hid * in; i++) {
            p[i] = (float) (s1 * r.nextGaussian());
        }
        for (int j = 0; j < hid; j++) {
            p[hid * in + hid + j] = (float) (s2 * r.nextGaussian());
        }
        return p;
    }

    /** Forward pass; fills {@code h} with hidden activations. */
    private static double forward(float[] p, int in, int hid, float[] xs, int off, float[] h) {
        int b1 = hid * in;
        int w2 = b1 + hid;
        double out = p[w2 + hid];
        for (int j = 0; j < hid; j++) {
            double a = p[b1 + j];
            int row = j * in;
            for (int i = 0; i < in; i++) {
                a += p[row + i] * xs[off + i];
            }
            h[j] = (float) Math.tanh(a);
            out += p[w2 + j] * h[j];
        }
        return out;
    }

    @Override
    public String describe() {
        return "teacher-network regression: " + inputs + " inputs, " + hidden + " tanh hidden, " + clients
                + " clients, " + localSteps + " local SGD steps of " + BATCH + " samples per round (step "
                + learningRate + ", gradient norm clipped at " + MAX_GRADIENT_NORM + ")";
    }

    @Override
    public TensorLayout layout() {
        return new TensorLayout(hidden * inputs, hidden, hidden, 1);
    }

    @Override
    public int clients() {
        return clients;
    }

    @Override
    public float[] initialParameters() {
        return randomNetwork(new SplittableRandom(seed ^ 0x5DEECE66DL), inputs, hidden, 1.0);
    }

    @Override
    public void train(int client, int round, float[] p) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + round * 1009L + client);
        float[] h = new float[hidden];
        float[] grad = new float[p.length];
        int b1 = hidden * inputs;
        int w2 = b1 + hidden;
        float[] xs = clientX[client];
        for (int step = 0; step < localSteps; step++) {
            java.util.Arrays.fill(grad, 0f);
            for (int b = 0; b < BATCH; b++) {
                int s = r.nextInt(samplesPerClient);
                int off = s * inputs;
                double err = forward(p, inputs, hidden, xs, off, h) - clientY[client][s];
                float g = (float) (2 * err / BATCH);
                grad[w2 + hidden] += g;
                for (int j = 0; j < hidden; j++) {
                    grad[w2 + j] += g * h[j];
                    float gh = g * p[w2 + j] * (1 - h[j] * h[j]);
                    grad[b1 + j] += gh;
                    int row = j * inputs;
                    for (int i = 0; i < inputs; i++) {
                        grad[row + i] += gh * xs[off + i];
                    }
                }
            }
            // Clip the step's gradient norm: keeps plain SGD stable on a tanh network of any width.
            double norm = 0;
            for (float g : grad) {
                norm += (double) g * g;
            }
            norm = Math.sqrt(norm);
            double scale = learningRate * (norm > MAX_GRADIENT_NORM ? MAX_GRADIENT_NORM / norm : 1.0);
            for (int i = 0; i < p.length; i++) {
                p[i] -= (float) (scale * grad[i]);
            }
        }
    }

    @Override
    public double error(float[] p) {
        float[] h = new float[hidden];
        double sse = 0;
        for (int s = 0; s < testY.length; s++) {
            double e = forward(p, inputs, hidden, testX, s * inputs, h) - testY[s];
            sse += e * e;
        }
        return sse / testY.length / testVariance;
    }
}

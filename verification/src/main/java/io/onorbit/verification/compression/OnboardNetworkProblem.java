package io.onorbit.verification.compression;

import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.verification.learning.BatchFitter;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.ParameterLayout;
import io.onorbit.flight.learning.task.HyperplaneTask;

/**
 * The mission's onboard network (flight-sw learning: {@link DenseNetwork}, tanh hidden layers from
 * the {@code learning} section) on MOA's rotating-hyperplane classification stream (10 attributes,
 * static concept here: magChange 0), samples dealt round-robin to the clients; each client fits
 * one epoch of its share per round (Adam, {@link BatchFitter}). Error: misclassification rate at
 * 0.5 on held-out samples. Small networks like this one are where the per-delta header dominates.
 */
public final class OnboardNetworkProblem implements FederatedProblem {

    private static final int FEATURES = 10;
    private static final int TRAIN_PER_CLIENT = 256;
    private static final int TEST = 4000;

    private final int[] widths;
    private final int clients;
    private final long seed;
    private final float[][] xs;
    private final float[][] ys;
    private final float[] testX;
    private final float[] testY;

    /**
     * @param hiddenLayers hidden widths of the onboard network
     * @param clients      clients, &ge; 1
     * @param seed         seed of the stream and the initialization
     */
    public OnboardNetworkProblem(int[] hiddenLayers, int clients, long seed) {
        this.widths = new int[hiddenLayers.length + 2];
        widths[0] = FEATURES;
        System.arraycopy(hiddenLayers, 0, widths, 1, hiddenLayers.length);
        widths[widths.length - 1] = 1;
        this.clients = clients;
        this.seed = seed;
        int total = clients * TRAIN_PER_CLIENT + TEST;
        HyperplaneTask task = new HyperplaneTask(seed, FEATURES, 0, 0, 5, 10, 1, total);
        this.xs = new float[clients][TRAIN_PER_CLIENT * FEATURES];
        this.ys = new float[clients][TRAIN_PER_CLIENT];
        this.testX = new float[TEST * FEATURES];
        this.testY = new float[TEST];
        float[] x = new float[FEATURES];
        for (int s = 0; s < total; s++) {
            float y = task.next(x);
            if (s < clients * TRAIN_PER_CLIENT) {
                int c = s % clients;
                int k = s / clients;
                System.arraycopy(x, 0, xs[c], k * FEATURES, FEATURES);
                ys[c][k] = y;
            } else {
                int k = s - clients * TRAIN_PER_CLIENT;
                System.arraycopy(x, 0, testX, k * FEATURES, FEATURES);
                testY[k] = y;
            }
        }
    }

    private DenseNetwork network(float[] params) {
        DenseNetwork n = new DenseNetwork(widths, seed, MemoryAccountant.unbounded());
        if (params != null) {
            n.setParameters(params);
        }
        return n;
    }

    @Override
    public String describe() {
        return "onboard network " + java.util.Arrays.toString(widths) + " (flight-sw learning) on the hyperplane "
                + "classification stream, " + clients + " clients, one Adam epoch over " + TRAIN_PER_CLIENT
                + " samples per round";
    }

    @Override
    public TensorLayout layout() {
        ParameterLayout l = ParameterLayout.dense(widths);
        return new TensorLayout(l.tensors().stream().mapToInt(ParameterLayout.Tensor::size).toArray());
    }

    @Override
    public int clients() {
        return clients;
    }

    @Override
    public float[] initialParameters() {
        return network(null).parameters();
    }

    @Override
    public void train(int client, int round, float[] params) {
        DenseNetwork n = network(params);
        new BatchFitter(1, 8, 0.003, seed * 7919 + round * 31L + client).fit(n, xs[client], ys[client], 0,
                TRAIN_PER_CLIENT);
        System.arraycopy(n.parameters(), 0, params, 0, params.length);
    }

    @Override
    public double error(float[] params) {
        DenseNetwork n = network(params);
        float[] x = new float[FEATURES];
        int wrong = 0;
        for (int s = 0; s < TEST; s++) {
            System.arraycopy(testX, s * FEATURES, x, 0, FEATURES);
            if ((n.predict(x) >= 0.5f) != (testY[s] >= 0.5f)) {
                wrong++;
            }
        }
        return (double) wrong / TEST;
    }
}

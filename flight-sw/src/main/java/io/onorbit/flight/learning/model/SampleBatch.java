package io.onorbit.flight.learning.model;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;

/**
 * The activations of up to {@link #capacity()} samples of one {@link DenseNetwork} shape, kept so
 * that samples at the same weights (an update's replayed ones) pass forward layer by layer together ({@link DenseNetwork#predict(SampleBatch,
 * int, int)}: one tanh over a whole layer's run) and backward one slot at a time from what was kept.
 * Layer l of slot s is at {@code layers[l][s * width(l) ..]}: input, hidden layers, output (units of
 * the task's features, then dimensionless tanh activations, then the label's unit). Allocated once
 * through a {@link MemoryAccountant}; nothing is allocated per pass. Not thread-safe.
 */
public final class SampleBatch {

    /**
     * Doubles of the tanh work array: the widened layer run of {@link FloatTanh#applyInPlace} (a
     * longer run leaves fewer scalar loop ends; 1 KiB).
     */
    static final int TANH_RUN = 128;

    private final int capacity;
    private final int inputs;
    /** layers[l] = the activations of layer l of every slot, slot-major */
    final float[][] layers;
    /** {@link FloatTanh#applyInPlace}'s work array */
    final double[] tanhWork;

    SampleBatch(int[] widths, int capacity, MemoryAccountant accountant) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sample batch: capacity " + capacity + " must be >= 1");
        }
        this.capacity = capacity;
        this.inputs = widths[0];
        layers = new float[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            layers[l] = accountant.floats("batch activations layer " + l, MemoryCategory.ACTIVATIONS, capacity * widths[l]);
        }
        tanhWork = accountant.doubles("batch tanh work (a layer's run in double)", MemoryCategory.ACTIVATIONS,
                widths.length > 2 ? TANH_RUN : 0);
    }

    /** @return samples the batch holds */
    public int capacity() {
        return capacity;
    }

    /** Sets slot {@code slot}'s input (copied). */
    public void setInput(int slot, float[] x) {
        System.arraycopy(x, 0, layers[0], slot * inputs, inputs);
    }

    /** @return slot {@code slot}'s output after its forward pass */
    public float output(int slot) {
        return layers[layers.length - 1][slot];
    }
}

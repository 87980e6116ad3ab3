package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import java.util.SplittableRandom;

/**
 * A ring buffer of the most recent (features, label) samples, replayed into each update so that a
 * burst of similar samples (e.g. a run of eclipse samples) does not make the model forget the
 * rest. One float array of {@code capacity * (features + 1)} floats, allocated through the
 * accountant; adding and drawing allocate nothing.
 */
public final class ReplayBuffer {

    private final int features;
    private final int capacity;
    private final float[] data;
    private final SplittableRandom rng;
    private int count;
    private int next;

    /**
     * @param capacity   samples kept, &ge; 0
     * @param features   feature count per sample
     * @param seed       seed of the draws
     * @param accountant where the storage is allocated
     */
    public ReplayBuffer(int capacity, int features, long seed, MemoryAccountant accountant) {
        if (capacity < 0 || features <= 0) {
            throw new IllegalArgumentException("replay buffer: capacity must be >= 0 and features > 0");
        }
        this.features = features;
        this.capacity = capacity;
        this.data = accountant.floats("replay buffer", MemoryCategory.REPLAY, capacity * (features + 1));
        this.rng = new SplittableRandom(seed);
    }

    /** Stores a sample, overwriting the oldest when full. */
    public void add(float[] x, float y) {
        if (capacity == 0) {
            return;
        }
        int base = next * (features + 1);
        System.arraycopy(x, 0, data, base, features);
        data[base + features] = y;
        next = (next + 1) % capacity;
        count = Math.min(count + 1, capacity);
    }

    /** @return samples held */
    public int size() {
        return count;
    }

    /**
     * Copies a uniformly drawn stored sample's features into {@code xOut}.
     *
     * @return its label
     */
    public float draw(float[] xOut) {
        if (count == 0) {
            throw new IllegalStateException("replay buffer is empty");
        }
        int base = rng.nextInt(count) * (features + 1);
        System.arraycopy(data, base, xOut, 0, features);
        return data[base + features];
    }
}

package io.onorbit.flight.payload;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;

/**
 * First-in first-out ring of sensor samples waiting for the payload to train on them, one float
 * array allocated through the trainer's {@link MemoryAccountant} (so the buffer counts against the
 * same memory budget as the model). When full, the oldest sample is overwritten: for a drifting
 * stream the newest data matters most. Allocation-free after construction. Not thread-safe.
 */
public final class SampleBuffer {

    private final int features;
    private final int capacity;
    private final float[] data;
    private int head;
    private int count;

    /**
     * @param capacity   samples held, &ge; 1
     * @param features   features per sample, &ge; 1
     * @param accountant where the storage is allocated (throws if it does not fit the budget)
     */
    public SampleBuffer(int capacity, int features, MemoryAccountant accountant) {
        if (capacity < 1 || features < 1) {
            throw new IllegalArgumentException("sample buffer: capacity " + capacity + " and features " + features
                    + " must be >= 1");
        }
        this.features = features;
        this.capacity = capacity;
        this.data = accountant.floats("sensor sample buffer", MemoryCategory.SAMPLE_BUFFER,
                Math.multiplyExact(capacity, features + 1));
    }

    /**
     * @param features   features per sample
     * @param accountant the memory budget the buffer shares
     * @param maxSamples upper bound on the capacity
     * @return the samples that fit in what the budget has left (at most {@code maxSamples}); 0 if not one fits
     */
    public static int fitting(int features, MemoryAccountant accountant, int maxSamples) {
        long free = accountant.budgetBytes() - accountant.usedBytes();
        long fit = free / (4L * (features + 1));
        return (int) Math.max(0, Math.min(maxSamples, fit));
    }

    /**
     * Stores a sample; when full, the oldest is overwritten.
     *
     * @return true if a sample was overwritten (dropped)
     */
    public boolean offer(float[] x, float y) {
        boolean dropped = count == capacity;
        int slot = (head + count) % capacity;
        if (dropped) {
            head = (head + 1) % capacity;
        } else {
            count++;
        }
        int base = slot * (features + 1);
        System.arraycopy(x, 0, data, base, features);
        data[base + features] = y;
        return dropped;
    }

    /**
     * Removes the oldest sample.
     *
     * @param xOut receives its features
     * @return its label
     */
    public float poll(float[] xOut) {
        if (count == 0) {
            throw new IllegalStateException("sample buffer is empty");
        }
        int base = head * (features + 1);
        System.arraycopy(data, base, xOut, 0, features);
        float y = data[base + features];
        head = (head + 1) % capacity;
        count--;
        return y;
    }

    /** @return samples waiting */
    public int size() {
        return count;
    }

    /** @return samples it can hold */
    public int capacity() {
        return capacity;
    }

    /** Forgets every sample (the payload's memory was lost). */
    void clear() {
        head = 0;
        count = 0;
    }
}

package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import java.nio.ByteBuffer;
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

    /**
     * Forgets all but the {@code newest} most recently added samples (after a detected concept
     * change, the samples of the old concept would pull each update back towards it).
     *
     * @param newest samples to keep, &ge; 0 (more than are held keeps all)
     */
    public void keepNewest(int newest) {
        if (newest < 0) {
            throw new IllegalArgumentException("replay buffer: samples to keep " + newest + " must be >= 0");
        }
        // The ring's newest samples sit just before next; dropping the oldest only shrinks the count.
        count = Math.min(count, newest);
    }

    /** @return samples held */
    public int size() {
        return count;
    }

    /**
     * Copies the {@code i}-th held sample, counted from the oldest, into {@code xOut} (a refit from
     * the samples held, in the order they arrived).
     *
     * @param i in [0, {@link #size()})
     * @return its label
     */
    public float held(int i, float[] xOut) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("replay buffer: sample " + i + " of " + count);
        }
        int slot = Math.floorMod(next - count + i, capacity);
        int base = slot * (features + 1);
        System.arraycopy(data, base, xOut, 0, features);
        return data[base + features];
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
        // The held samples are the count slots ending just before next (all slots when full); before
        // any keepNewest, next == count until the ring is full, so the j-th draw is slot j as it always was.
        int j = rng.nextInt(count);
        int slot = count == capacity ? j : Math.floorMod(next - count + j, capacity);
        int base = slot * (features + 1);
        System.arraycopy(data, base, xOut, 0, features);
        return data[base + features];
    }

    /** @return bytes {@link #save} writes: the ring's count and position and every stored value */
    int savedBytes() {
        return 8 + 4 * data.length;
    }

    /**
     * Writes the samples held (a checkpoint). The draws' generator is not saved: after a resume the draws start
     * again from the seed's sequence.
     */
    void save(ByteBuffer out) {
        out.putInt(count).putInt(next);
        SavedArrays.put(out, data);
    }

    /** Reads what {@link #save} wrote. */
    void resume(ByteBuffer in) {
        int c = in.getInt();
        int n = in.getInt();
        if (c < 0 || c > capacity || n < 0 || (capacity > 0 ? n >= capacity : n != 0)) {
            throw new IllegalArgumentException("replay buffer: saved count " + c + " and position " + n
                    + " do not fit a capacity of " + capacity);
        }
        count = c;
        next = n;
        SavedArrays.get(in, data);
    }
}

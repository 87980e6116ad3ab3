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
 *
 * <p>Two trainers fed the same samples in the same order (a satellite's personal and shared
 * models) can hold one ring ({@link #sharing}): each keeps its own count of the samples it replays
 * (a detected change forgets the old ones in one trainer only) and its own draws, and the samples
 * are stored once. Each then holds and draws exactly what a ring of its own would, at the memory
 * of one ring, provided it reads only after it was given the newest sample (a trainer adds the
 * sample it trains on before any replay read; reading out of step throws).
 */
public final class ReplayBuffer {

    /** The storage, shared by the buffers that replay one stream. */
    private static final class Ring {
        final int features;
        final int capacity;
        final float[] data;
        /** Slot the next sample goes to. */
        int next;
        /** Samples stored since it was made or resumed. */
        long appended;

        Ring(int capacity, int features, float[] data) {
            this.features = features;
            this.capacity = capacity;
            this.data = data;
        }
    }

    private final Ring ring;
    private final int features;
    private final int capacity;
    private final float[] data;
    private final SplittableRandom rng;
    private int count;
    /** Samples this buffer was given since the ring was made or resumed. */
    private long added;

    /**
     * @param capacity   samples kept, &ge; 0
     * @param features   feature count per sample
     * @param seed       seed of the draws
     * @param accountant where the storage is allocated
     */
    public ReplayBuffer(int capacity, int features, long seed, MemoryAccountant accountant) {
        this(new Ring(checked(capacity, features), features,
                accountant.floats("replay buffer", MemoryCategory.REPLAY, capacity * (features + 1))), seed);
    }

    private ReplayBuffer(Ring ring, long seed) {
        this.ring = ring;
        this.features = ring.features;
        this.capacity = ring.capacity;
        this.data = ring.data;
        this.rng = new SplittableRandom(seed);
    }

    private static int checked(int capacity, int features) {
        if (capacity < 0 || features <= 0) {
            throw new IllegalArgumentException("replay buffer: capacity must be >= 0 and features > 0");
        }
        return capacity;
    }

    /**
     * A buffer on this one's storage, for a trainer fed the same samples in the same order, each
     * given to this buffer first (allocates nothing).
     *
     * @param seed seed of its draws
     * @return the new buffer, holding nothing yet
     * @throws IllegalStateException if this buffer was given samples already
     */
    public ReplayBuffer sharing(long seed) {
        if (ring.appended > 0) {
            throw new IllegalStateException("replay buffer: share it before any sample is added");
        }
        return new ReplayBuffer(ring, seed);
    }

    /** @return the samples it can hold */
    public int capacity() {
        return capacity;
    }

    /**
     * Stores a sample, overwriting the oldest when full. On a shared ring the sample is stored by
     * the first buffer given it; the others take it as given.
     *
     * @throws IllegalStateException if a buffer sharing the ring is given samples out of step
     */
    public void add(float[] x, float y) {
        if (capacity == 0) {
            return;
        }
        if (added == ring.appended) {
            int base = ring.next * (features + 1);
            System.arraycopy(x, 0, data, base, features);
            data[base + features] = y;
            ring.next = (ring.next + 1) % capacity;
            ring.appended++;
        } else if (added + 1 != ring.appended) {
            throw new IllegalStateException("replay buffer: shared ring given " + ring.appended + " samples, this buffer "
                    + added + ": the trainers sharing it must be fed the same samples");
        } else if (!sameAsNewest(x, y)) {
            throw new IllegalStateException("replay buffer: the trainers sharing a ring were fed different samples");
        }
        added++;
        count = Math.min(count + 1, capacity);
    }

    /** @return whether the ring's newest sample is {@code (x, y)} */
    private boolean sameAsNewest(float[] x, float y) {
        int base = Math.floorMod(ring.next - 1, capacity) * (features + 1);
        for (int i = 0; i < features; i++) {
            if (Float.floatToRawIntBits(data[base + i]) != Float.floatToRawIntBits(x[i])) {
                return false;
            }
        }
        return Float.floatToRawIntBits(data[base + features]) == Float.floatToRawIntBits(y);
    }

    /**
     * @throws IllegalStateException if another buffer on the ring was given a sample this one was not given yet: that
     *                               sample may have overwritten this buffer's oldest (a trainer reads its replay only
     *                               after adding the sample it trains on)
     */
    private void checkInStep() {
        if (added != ring.appended) {
            throw new IllegalStateException("replay buffer: read before it was given the sample the shared ring holds");
        }
    }

    /** @return the slot just after this buffer's newest sample (the ring's next, less what others added since) */
    private int end() {
        return capacity == 0 ? 0 : Math.floorMod(ring.next - (int) (ring.appended - added), capacity);
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
        checkInStep();
        int slot = Math.floorMod(end() - count + i, capacity);
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
        checkInStep();
        // The held samples are the count slots ending just before this buffer's end (all slots when full); before
        // any keepNewest, the end is count until the ring is full, so the j-th draw is slot j as it always was.
        int j = rng.nextInt(count);
        int end = end();
        int slot = count == capacity && end == ring.next ? j : Math.floorMod(end - count + j, capacity);
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
     * again from the seed's sequence. A buffer on a shared ring writes the whole ring too: a checkpoint's layout
     * does not depend on sharing.
     */
    void save(ByteBuffer out) {
        out.putInt(count).putInt(end());
        SavedArrays.put(out, data);
    }

    /** Reads what {@link #save} wrote (buffers sharing a ring: each reads the same ring back). */
    void resume(ByteBuffer in) {
        int c = in.getInt();
        int n = in.getInt();
        if (c < 0 || c > capacity || n < 0 || (capacity > 0 ? n >= capacity : n != 0)) {
            throw new IllegalArgumentException("replay buffer: saved count " + c + " and position " + n
                    + " do not fit a capacity of " + capacity);
        }
        count = c;
        ring.next = n;
        ring.appended = 0;
        added = 0;
        SavedArrays.get(in, data);
    }
}

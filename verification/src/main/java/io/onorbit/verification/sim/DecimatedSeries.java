package io.onorbit.verification.sim;

import java.util.Arrays;

/**
 * A time series of a few channels held in bounded memory: when full, adjacent points are
 * merged pairwise and the stride doubles, so a year-long run keeps as many points as a day-long
 * one. Each channel says how samples merge (mean for levels, min for the state of charge so a
 * dip is never averaged away, sum for counts).
 */
public final class DecimatedSeries {

    /** How one channel combines the samples that fall into one point. */
    public enum Merge { MEAN, MIN, MAX, SUM }

    private final Merge[] merges;
    private final int capacity;
    private final double[] times;
    private final double[][] values;
    private final long[] weights;
    private int size;
    private long stride = 1;
    // The point being filled.
    private double pendingTime;
    private final double[] pending;
    private long pendingCount;

    /**
     * @param capacity most points kept (even, &ge; 4)
     * @param merges   one merge rule per channel
     */
    public DecimatedSeries(int capacity, Merge... merges) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("decimated series: capacity " + capacity + " must be even and >= 4");
        }
        this.capacity = capacity;
        this.merges = merges.clone();
        this.times = new double[capacity];
        this.values = new double[merges.length][capacity];
        this.weights = new long[capacity];
        this.pending = new double[merges.length];
    }

    /** Adds one sample; {@code v} has one value per channel (NaN is kept as NaN). */
    public void add(double timeS, double... v) {
        if (pendingCount == 0) {
            pendingTime = timeS;
            System.arraycopy(v, 0, pending, 0, pending.length);
        } else {
            for (int c = 0; c < pending.length; c++) {
                pending[c] = merge(merges[c], pending[c], pendingCount, v[c], 1);
            }
        }
        pendingCount++;
        if (pendingCount >= stride) {
            commit();
        }
    }

    private void commit() {
        if (size == capacity) {
            halve();
        }
        times[size] = pendingTime;
        for (int c = 0; c < pending.length; c++) {
            values[c][size] = pending[c];
        }
        weights[size] = pendingCount;
        size++;
        pendingCount = 0;
    }

    private void halve() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int b = a + 1;
            times[i] = times[a];
            for (int c = 0; c < merges.length; c++) {
                values[c][i] = merge(merges[c], values[c][a], weights[a], values[c][b], weights[b]);
            }
            weights[i] = weights[a] + weights[b];
        }
        size = half;
        stride *= 2;
    }

    private static double merge(Merge m, double a, long wa, double b, long wb) {
        switch (m) {
            case MIN:
                return Math.min(a, b);
            case MAX:
                return Math.max(a, b);
            case SUM:
                return a + b;
            default:
                return (a * wa + b * wb) / (wa + wb);
        }
    }

    /** @return point times (start of each point's span), s; includes a partly filled last point */
    public double[] times() {
        double[] t = Arrays.copyOf(times, size + (pendingCount > 0 ? 1 : 0));
        if (pendingCount > 0) {
            t[size] = pendingTime;
        }
        return t;
    }

    /** @return the points of channel {@code c}, aligned with {@link #times()} */
    public double[] values(int c) {
        double[] v = Arrays.copyOf(values[c], size + (pendingCount > 0 ? 1 : 0));
        if (pendingCount > 0) {
            v[size] = pending[c];
        }
        return v;
    }

    /** @return number of points, including a partly filled last one */
    public int size() {
        return size + (pendingCount > 0 ? 1 : 0);
    }

    /** @return raw samples per full point now */
    public long stride() {
        return stride;
    }
}

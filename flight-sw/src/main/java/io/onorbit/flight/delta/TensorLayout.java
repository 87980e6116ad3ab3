package io.onorbit.flight.delta;

import java.util.Arrays;

/**
 * How a flat parameter vector is split into tensors (layout order), for per-tensor scales.
 * Immutable.
 */
public final class TensorLayout {

    private final int[] sizes;
    private final int[] starts;
    private final int dimension;

    /** @param sizes number of parameters of each tensor, each &ge; 1, in layout order */
    public TensorLayout(int... sizes) {
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("tensor layout needs at least one tensor");
        }
        this.sizes = sizes.clone();
        this.starts = new int[sizes.length];
        long total = 0;
        for (int t = 0; t < sizes.length; t++) {
            if (sizes[t] < 1) {
                throw new IllegalArgumentException("tensor " + t + " size " + sizes[t] + " must be >= 1");
            }
            starts[t] = (int) total;
            total += sizes[t];
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor layout has more than 2^31-1 parameters");
            }
        }
        this.dimension = (int) total;
    }

    /** @return a layout of one tensor of {@code dimension} parameters */
    public static TensorLayout single(int dimension) {
        return new TensorLayout(dimension);
    }

    /** @return total number of parameters */
    public int dimension() {
        return dimension;
    }

    /** @return number of tensors */
    public int tensorCount() {
        return sizes.length;
    }

    /** @return tensor sizes in layout order (a copy) */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return index of the tensor holding parameter {@code index} */
    public int tensorOf(int index) {
        int pos = Arrays.binarySearch(starts, index);
        return pos >= 0 ? pos : -pos - 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorLayout l && Arrays.equals(l.sizes, sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return "TensorLayout" + Arrays.toString(sizes);
    }
}

package io.onorbit.flight.learning.model;

import java.util.Arrays;

/**
 * Some entries of a model's parameter vector: which parameters (indices in layout order) and one
 * float32 per index, in parameter units. The one sparse vector type of the project: a global-model
 * update carries the new values of the parameters that changed, a decoded or archived delta carries
 * the differences a satellite sent. Immutable (arrays are copied in and out).
 *
 * <p>Values are not required to be finite: a delta that arrives with a NaN must still be archived
 * so that review can flag it, rather than be lost at construction.
 *
 * @param dimension number of parameters of the whole model, &gt; 0
 * @param indices   strictly increasing parameter indices in [0, dimension)
 * @param values    one value per index, parameter units
 */
public record SparseVector(int dimension, int[] indices, float[] values) {

    public SparseVector {
        if (indices == null || values == null) {
            throw new IllegalArgumentException("indices and values must be given");
        }
        checkIndices(dimension, indices);
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices (" + indices.length + ") and values (" + values.length
                    + ") must have the same length");
        }
        indices = indices.clone();
        values = values.clone();
    }

    /**
     * The index rule every sparse form of a parameter vector obeys (also the quantized delta, whose
     * entries are levels rather than floats).
     *
     * @throws IllegalArgumentException if {@code dimension} &le; 0 or the indices are not strictly
     *                                  increasing in [0, dimension)
     */
    public static void checkIndices(int dimension, int[] indices) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension " + dimension + " must be > 0");
        }
        int previous = -1;
        for (int i : indices) {
            if (i <= previous || i >= dimension) {
                throw new IllegalArgumentException("indices must be strictly increasing in [0, " + dimension + "), got "
                        + i + " after " + previous);
            }
            previous = i;
        }
    }

    /**
     * @return the entries of {@code to} whose float32 bits differ from {@code from} (a changed
     *         position keeps its exact new value, so applying the result is bit-exact)
     * @throws IllegalArgumentException if the two have different lengths or are empty
     */
    public static SparseVector changed(float[] from, float[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("models differ in size: " + from.length + " vs " + to.length);
        }
        int n = 0;
        int[] idx = new int[to.length];
        for (int i = 0; i < to.length; i++) {
            if (Float.floatToRawIntBits(from[i]) != Float.floatToRawIntBits(to[i])) {
                idx[n++] = i;
            }
        }
        float[] val = new float[n];
        for (int k = 0; k < n; k++) {
            val[k] = to[idx[k]];
        }
        return new SparseVector(to.length, Arrays.copyOf(idx, n), val);
    }

    /** @return number of entries carried */
    public int size() {
        return indices.length;
    }

    /** @return parameter index of entry {@code j} */
    public int index(int j) {
        return indices[j];
    }

    /** @return value of entry {@code j}, parameter units */
    public float value(int j) {
        return values[j];
    }

    /** @return a dense vector of {@link #dimension()} values, zero where no entry is carried */
    public float[] toDense() {
        float[] out = new float[dimension];
        for (int j = 0; j < indices.length; j++) {
            out[indices[j]] = values[j];
        }
        return out;
    }

    /**
     * @return a copy of {@code params} with each carried entry replaced by its value (an update of
     *         new values, not an addition)
     * @throws IllegalArgumentException if {@code params} is not of length {@link #dimension()}
     */
    public float[] overwrite(float[] params) {
        if (params.length != dimension) {
            throw new IllegalArgumentException("model has " + params.length + " parameters, vector is for " + dimension);
        }
        float[] out = params.clone();
        for (int j = 0; j < indices.length; j++) {
            out[indices[j]] = values[j];
        }
        return out;
    }

    /** @return the L2 norm of the values, accumulated in double (NaN or infinite if a value is) */
    public double norm() {
        double s = 0;
        for (float v : values) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector v && v.dimension == dimension && Arrays.equals(v.indices, indices)
                && Arrays.equals(v.values, values);
    }

    @Override
    public int hashCode() {
        return (31 * dimension + Arrays.hashCode(indices)) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseVector[" + indices.length + " of " + dimension + " parameters]";
    }
}

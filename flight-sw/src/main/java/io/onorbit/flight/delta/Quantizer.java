package io.onorbit.flight.delta;

import java.util.Arrays;

/**
 * Top-k selection and b-bit quantization of a dense delta. Stateless.
 */
public final class Quantizer {

    private Quantizer() {
    }

    /**
     * @param x dense values
     * @param k how many to keep (&ge; 1)
     * @return indices of the (up to) {@code k} entries of largest magnitude, ascending; exact
     *         zeros are never kept (they carry nothing)
     */
    public static int[] topK(float[] x, int k) {
        int n = x.length;
        if (k >= n) {
            return nonZero(x, Integer.MAX_VALUE, 0f);
        }
        float[] mags = new float[n];
        for (int i = 0; i < n; i++) {
            mags[i] = Math.abs(x[i]);
        }
        float[] sorted = mags.clone();
        Arrays.sort(sorted);
        float threshold = sorted[n - k];
        // Strictly larger entries first, then ties at the threshold in index order, up to k in all.
        int above = 0;
        for (float m : mags) {
            if (m > threshold) {
                above++;
            }
        }
        int tiesAllowed = k - above;
        int[] out = new int[k];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (mags[i] > threshold || (mags[i] == threshold && tiesAllowed-- > 0)) {
                if (mags[i] > 0f) {
                    out[c++] = i;
                }
            }
        }
        return Arrays.copyOf(out, c);
    }

    private static int[] nonZero(float[] x, int limit, float min) {
        int[] out = new int[x.length];
        int c = 0;
        for (int i = 0; i < x.length && c < limit; i++) {
            if (Math.abs(x[i]) > min) {
                out[c++] = i;
            }
        }
        return Arrays.copyOf(out, c);
    }

    /**
     * Quantizes the entries {@code indices} of dense vector {@code x}.
     *
     * @return the delta carrying those entries with {@code bits}-bit levels and {@code mode} scales
     */
    public static WeightDelta quantize(DeltaHeader h, TensorLayout layout, int bits, ScaleMode mode,
                                       int[] indices, float[] x) {
        int groups = WeightDelta.scaleGroups(bits, mode, layout);
        int[] levels = new int[indices.length];
        float[] scales = new float[groups];
        if (bits == CompressionSettings.FLOAT32) {
            for (int j = 0; j < indices.length; j++) {
                levels[j] = Float.floatToIntBits(x[indices[j]]);
            }
        } else {
            int[] group = new int[indices.length];
            double[] acc = new double[groups];
            int[] count = new int[groups];
            for (int j = 0; j < indices.length; j++) {
                group[j] = mode == ScaleMode.PER_TENSOR ? layout.tensorOf(indices[j]) : 0;
                float m = Math.abs(x[indices[j]]);
                // 1 bit: the mean magnitude minimizes the squared error of sign x scale; more bits: the max.
                acc[group[j]] = bits == 1 ? acc[group[j]] + m : Math.max(acc[group[j]], m);
                count[group[j]]++;
            }
            for (int g = 0; g < groups; g++) {
                scales[g] = bits == 1 ? (count[g] == 0 ? 0f : (float) (acc[g] / count[g])) : (float) acc[g];
            }
            int qmax = bits == 1 ? 1 : WeightDelta.qmax(bits);
            for (int j = 0; j < indices.length; j++) {
                float v = x[indices[j]];
                if (bits == 1) {
                    levels[j] = v >= 0 ? 1 : 0;
                } else {
                    float s = scales[group[j]];
                    long q = s == 0f ? 0 : Math.round(v / (double) s * qmax);
                    levels[j] = (int) Math.max(-qmax, Math.min(qmax, q));
                }
            }
        }
        return new WeightDelta(h.satellite(), h.sequence(), h.base(), h.sampleCount(), h.createdAt(), layout, bits,
                mode, scales, indices, levels);
    }
}

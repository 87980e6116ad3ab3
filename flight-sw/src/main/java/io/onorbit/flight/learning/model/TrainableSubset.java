package io.onorbit.flight.learning.model;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import java.util.SplittableRandom;

/**
 * Which parameters of a dense network are trained on board, as in the tiny-training literature
 * (Lin et al. 2022, "On-device training under 256KB memory"): everything, the last layer only,
 * the biases only, or a seeded fraction of the rows (output units: a weight row plus its bias) of
 * every layer. Freezing the rest cuts gradient and optimizer memory and the depth of the backward
 * pass.
 *
 * <p>Resolved against a network into a sorted index array (allocated through the accountant as
 * optimizer state, 4 B per trainable parameter) grouped by weight layer.
 */
public final class TrainableSubset {

    /** The kinds of subset. */
    public enum Kind { FULL, LAST_LAYER, BIASES, SPARSE_ROWS }

    private final Kind kind;
    private final int[] indices;
    private final int[] layerStart;
    private final int lowestLayer;
    /**
     * The same subset by rows, for the backward passes: the rows (output units) of each layer whose
     * whole weight row is trained, ascending, layer l's at [weightRowStart[l], weightRowStart[l + 1]);
     * their weights are k = layerStart(l) + i * cols + c for the i-th of them. Every kind trains
     * whole rows (a trained row's bias with it), so this is the whole subset.
     */
    private final int[] weightRows;
    private final int[] weightRowStart;
    /** The rows of each layer whose bias is trained, ascending; their k follow the layer's trained weights. */
    private final int[] biasRows;
    private final int[] biasRowStart;

    private TrainableSubset(Kind kind, int[] indices, int[] layerStart, int[] weightRows, int[] weightRowStart,
                            int[] biasRows, int[] biasRowStart) {
        this.kind = kind;
        this.indices = indices;
        this.layerStart = layerStart;
        this.weightRows = weightRows;
        this.weightRowStart = weightRowStart;
        this.biasRows = biasRows;
        this.biasRowStart = biasRowStart;
        int low = layerStart.length - 2;
        for (int l = 0; l + 1 < layerStart.length; l++) {
            if (layerStart[l + 1] > layerStart[l]) {
                low = l;
                break;
            }
        }
        this.lowestLayer = low;
    }

    /**
     * @param kind        subset kind
     * @param rowFraction for {@link Kind#SPARSE_ROWS}: fraction of each layer's rows trained, in (0, 1]
     *                    (at least one row per layer); ignored otherwise
     * @param seed        row-selection seed for {@link Kind#SPARSE_ROWS}
     * @param net         the network
     * @param accountant  where the index array is allocated
     * @return the resolved subset
     */
    public static TrainableSubset of(Kind kind, double rowFraction, long seed, DenseNetwork net,
                                     MemoryAccountant accountant) {
        if (kind == Kind.SPARSE_ROWS && !(rowFraction > 0 && rowFraction <= 1)) {
            throw new IllegalArgumentException("sparse row fraction " + rowFraction + " must be in (0, 1]");
        }
        int[] widths = net.widths();
        int layers = widths.length - 1;
        boolean[][] rowOn = new boolean[layers][];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            int rows = widths[l + 1];
            rowOn[l] = new boolean[rows];
            if (kind == Kind.SPARSE_ROWS) {
                int take = Math.max(1, (int) Math.round(rowFraction * rows));
                int[] order = new int[rows];
                for (int i = 0; i < rows; i++) {
                    order[i] = i;
                }
                for (int i = rows - 1; i > 0; i--) { // Fisher-Yates, seeded
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int i = 0; i < take; i++) {
                    rowOn[l][order[i]] = true;
                }
            } else {
                boolean on = kind == Kind.FULL || (kind == Kind.LAST_LAYER && l == layers - 1);
                java.util.Arrays.fill(rowOn[l], on);
            }
        }
        // Two passes: count, then fill the accountant's arrays in layout order.
        int count = 0;
        int weightRowCount = 0;
        int biasRowCount = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean fill = pass == 1;
            int[] out = fill ? accountant.ints("trainable index map", MemoryCategory.OPTIMIZER_STATE, count) : null;
            int[] starts = fill ? accountant.ints("trainable layer starts", MemoryCategory.OPTIMIZER_STATE, layers + 1) : null;
            int[] weightRows = fill ? accountant.ints("trained weight rows", MemoryCategory.OPTIMIZER_STATE, weightRowCount) : null;
            int[] weightStarts = fill ? accountant.ints("trained weight row starts", MemoryCategory.OPTIMIZER_STATE, layers + 1) : null;
            int[] biasRows = fill ? accountant.ints("trained bias rows", MemoryCategory.OPTIMIZER_STATE, biasRowCount) : null;
            int[] biasStarts = fill ? accountant.ints("trained bias row starts", MemoryCategory.OPTIMIZER_STATE, layers + 1) : null;
            int k = 0;
            int wr = 0;
            int br = 0;
            ParameterLayout layout = net.layout();
            for (int l = 0; l < layers; l++) {
                if (fill) {
                    starts[l] = k;
                    weightStarts[l] = wr;
                    biasStarts[l] = br;
                }
                ParameterLayout.Tensor w = layout.tensor("layer" + l + ".weight");
                ParameterLayout.Tensor b = layout.tensor("layer" + l + ".bias");
                if (kind != Kind.BIASES) {
                    for (int r = 0; r < w.rows(); r++) {
                        if (rowOn[l][r]) {
                            if (fill) {
                                weightRows[wr] = r;
                            }
                            wr++;
                            for (int c = 0; c < w.cols(); c++) {
                                if (fill) {
                                    out[k] = w.offset() + r * w.cols() + c;
                                }
                                k++;
                            }
                        }
                    }
                }
                for (int r = 0; r < b.cols(); r++) {
                    if (kind == Kind.BIASES || rowOn[l][r]) {
                        if (fill) {
                            out[k] = b.offset() + r;
                            biasRows[br] = r;
                        }
                        br++;
                        k++;
                    }
                }
            }
            if (!fill) {
                count = k;
                weightRowCount = wr;
                biasRowCount = br;
            } else {
                starts[layers] = k;
                weightStarts[layers] = wr;
                biasStarts[layers] = br;
                return new TrainableSubset(kind, out, starts, weightRows, weightStarts, biasRows, biasStarts);
            }
        }
        throw new AssertionError("unreachable");
    }

    public Kind kind() {
        return kind;
    }

    /** @return number of trainable parameters */
    public int size() {
        return indices.length;
    }

    /** @return the flat parameter index of trainable parameter {@code k} */
    public int index(int k) {
        return indices[k];
    }

    /** @return the first k belonging to weight layer {@code l} ({@code l = layers} gives {@link #size()}) */
    public int layerStart(int l) {
        return layerStart[l];
    }

    /** @return the lowest weight layer with a trainable parameter (layers - 1 if none) */
    public int lowestLayer() {
        return lowestLayer;
    }

    /** @return how many rows of weight layer {@code l} are trained whole (weights) */
    int weightRowCount(int l) {
        return weightRowStart[l + 1] - weightRowStart[l];
    }

    /** @return the {@code i}-th row of weight layer {@code l} trained whole, ascending in i */
    int weightRow(int l, int i) {
        return weightRows[weightRowStart[l] + i];
    }

    /**
     * @return how many biases of weight layer {@code l} are trained: also the rows of that layer
     *         holding any trained parameter (a trained weight row's bias is trained with it)
     */
    int biasRowCount(int l) {
        return biasRowStart[l + 1] - biasRowStart[l];
    }

    /** @return the row of the {@code i}-th trained bias of weight layer {@code l}, ascending in i */
    int biasRow(int l, int i) {
        return biasRows[biasRowStart[l] + i];
    }

    /**
     * Copies {@code net}'s trainable parameters into {@code out} (trainable order), allocating nothing.
     *
     * @param out one value per trainable parameter, parameter units
     */
    public void read(DenseNetwork net, float[] out) {
        checkLength(out);
        for (int k = 0; k < indices.length; k++) {
            out[k] = net.parameter(indices[k]);
        }
    }

    /**
     * The prediction of {@code net} with its trainable parameters replaced by {@code values}: they are swapped in
     * around one forward pass and out again, so {@code net} and {@code values} end bit for bit as they were (the
     * activations {@code net} keeps are this pass's). Allocates nothing.
     *
     * @param values one value per trainable parameter (trainable order), parameter units
     * @param x      input, length {@code net.inputSize()}
     * @return the output with those values
     */
    public float predictWith(DenseNetwork net, float[] values, float[] x) {
        checkLength(values);
        swap(net, values);
        float y = net.predict(x);
        swap(net, values);
        return y;
    }

    /** Exchanges {@code net}'s trainable parameters with {@code values} (twice restores both). */
    private void swap(DenseNetwork net, float[] values) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            float w = net.parameter(i);
            net.setParameter(i, values[k]);
            values[k] = w;
        }
    }

    private void checkLength(float[] values) {
        if (values.length != indices.length) {
            throw new IllegalArgumentException("trainable subset: " + values.length + " values for "
                    + indices.length + " trainable parameters");
        }
    }

    /** @return a copy of the trainable flat indices, ascending */
    public int[] indices() {
        return indices.clone();
    }
}

package io.onorbit.flight.learning.model;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.ModelVersion;
import java.util.SplittableRandom;

/**
 * A small dense network with one output, held in one flat float array: tanh hidden layers and a
 * linear output. With no hidden layer it is the linear model y = w.x + b. Parameters, activations
 * and backward deltas are allocated once through a {@link MemoryAccountant}; forward and backward
 * passes allocate nothing.
 *
 * <p>Initialization is deterministic given the seed (Glorot-uniform weights, zero biases).
 * Identity: {@link #version()} is the version number (advanced by whoever installs a new global
 * model) with the SHA-256 digest of the current parameters, so a delta can name its base.
 */
public final class DenseNetwork {

    private final int[] widths;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final ParameterLayout layout;
    private final float[] params;
    /** acts[l] = activations of layer l (acts[0] = copy of the input). */
    private final float[][] acts;
    /** deltas[l] = dLoss/dz of layer l, for l >= 1. */
    private final float[][] deltas;
    /** {@link FloatTanh#applyInPlace}'s work array: a hidden layer's units in double */
    private final double[] tanhWork;
    private long versionNumber;
    /** Whole-vector writes ({@link #setParameters(float[])}) so far: lets a copy of these parameters see it is stale. */
    private long replacements;

    /**
     * @param widths     layer widths, input first and output (must be 1) last; at least 2 entries
     * @param seed       initialization seed
     * @param accountant where the arrays are allocated
     */
    public DenseNetwork(int[] widths, long seed, MemoryAccountant accountant) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("dense network: widths needs input and output, got " + widths.length);
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("dense network: every layer width must be > 0");
            }
        }
        if (widths[widths.length - 1] != 1) {
            throw new IllegalArgumentException("dense network: output width must be 1, got " + widths[widths.length - 1]);
        }
        this.widths = accountant.ints("layer widths", MemoryCategory.WEIGHTS, widths.length);
        System.arraycopy(widths, 0, this.widths, 0, widths.length);
        this.layout = ParameterLayout.dense(widths);
        int layers = widths.length - 1;
        weightOffset = accountant.ints("weight offsets", MemoryCategory.WEIGHTS, layers + 1);
        biasOffset = accountant.ints("bias offsets", MemoryCategory.WEIGHTS, layers + 1);
        for (int l = 1; l <= layers; l++) {
            weightOffset[l] = layout.tensor("layer" + (l - 1) + ".weight").offset();
            biasOffset[l] = layout.tensor("layer" + (l - 1) + ".bias").offset();
        }
        params = accountant.floats("parameters", MemoryCategory.WEIGHTS, layout.size());
        acts = new float[widths.length][];
        deltas = new float[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            acts[l] = accountant.floats("activations layer " + l, MemoryCategory.ACTIVATIONS, widths[l]);
            if (l > 0) {
                deltas[l] = accountant.floats("deltas layer " + l, MemoryCategory.ACTIVATIONS, widths[l]);
            }
        }
        int widestHidden = 0;
        for (int l = 1; l < layers; l++) {
            widestHidden = Math.max(widestHidden, widths[l]);
        }
        tanhWork = accountant.doubles("tanh work (a hidden layer in double)", MemoryCategory.ACTIVATIONS, widestHidden);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 1; l <= layers; l++) {
            double limit = Math.sqrt(6.0 / (widths[l - 1] + widths[l]));
            for (int k = 0; k < widths[l] * widths[l - 1]; k++) {
                params[weightOffset[l] + k] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
        }
    }

    /** @return a linear model y = w.x + b with {@code inputs} inputs */
    public static DenseNetwork linear(int inputs, long seed, MemoryAccountant accountant) {
        return new DenseNetwork(new int[] {inputs, 1}, seed, accountant);
    }

    /** @return layer widths, input first */
    public int[] widths() {
        return widths.clone();
    }

    /** @return number of inputs */
    public int inputSize() {
        return widths[0];
    }

    /** @return number of weight layers (hidden layers + 1) */
    public int layerCount() {
        return widths.length - 1;
    }

    /** @return the width of the last hidden layer (the input width for a linear model) */
    public int lastHiddenWidth() {
        return widths[widths.length - 2];
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** @return a copy of the parameters in layout order */
    public float[] parameters() {
        return params.clone();
    }

    /** Copies the parameters into {@code out} (length {@link ParameterLayout#size()}), allocating nothing. */
    public void copyParametersInto(float[] out) {
        System.arraycopy(params, 0, out, 0, params.length);
    }

    /** Replaces the parameters (layout order), keeping the version number. */
    public void setParameters(float[] values) {
        if (values.length != params.length) {
            throw new IllegalArgumentException("parameters: got " + values.length + " values, layout has " + params.length);
        }
        System.arraycopy(values, 0, params, 0, params.length);
        replacements++;
    }

    /**
     * @return how many times {@link #setParameters(float[])} replaced the whole vector (a deployed,
     *         merged or restored model; not the trainer's own writes by {@link #setParameter})
     */
    public long replacements() {
        return replacements;
    }

    /** Installs a new global model: its parameters and version number. */
    public void setParameters(float[] values, long newVersionNumber) {
        setParameters(values);
        setVersionNumber(newVersionNumber);
    }

    /** @return parameter {@code i} */
    public float parameter(int i) {
        return params[i];
    }

    /** Sets parameter {@code i} (the trainer writes its update this way). */
    public void setParameter(int i, float value) {
        params[i] = value;
    }

    public long versionNumber() {
        return versionNumber;
    }

    public void setVersionNumber(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("model version " + v + " must be >= 0");
        }
        versionNumber = v;
    }

    /** @return version number and SHA-256 digest of the current parameters */
    public ModelVersion version() {
        return ModelVersion.of(versionNumber, params);
    }

    /**
     * Forward pass; keeps the activations for {@link #backward}.
     *
     * @param x input, length {@link #inputSize()}
     * @return the output
     */
    public float predict(float[] x) {
        System.arraycopy(x, 0, acts[0], 0, widths[0]);
        int last = widths.length - 1;
        for (int l = 1; l <= last; l++) {
            preActivations(l, acts[l - 1], 0, acts[l], 0);
            if (l < last) {
                FloatTanh.applyInPlace(acts[l], 0, widths[l], tanhWork);
            }
        }
        return acts[last][0];
    }

    /**
     * @param capacity   samples the batch holds, &ge; 1
     * @param accountant where its activations are allocated
     * @return an empty batch of this network's shape, for {@link #predict(SampleBatch, int, int)} and the
     *         backward passes on a batch slot
     */
    public SampleBatch newBatch(int capacity, MemoryAccountant accountant) {
        return new SampleBatch(widths, capacity, accountant);
    }

    /**
     * Forward pass of slots {@code [from, to)} of {@code batch} (inputs set by {@link SampleBatch#setInput}),
     * layer by layer: every slot's pre-activations, then one tanh over the whole layer's run, which is
     * long enough for the vector loop of {@link FloatTanh#applyInPlace}. Each slot gets the same floats
     * as {@link #predict(float[])} of its input.
     */
    public void predict(SampleBatch batch, int from, int to) {
        int last = widths.length - 1;
        for (int l = 1; l <= last; l++) {
            float[] in = batch.layers[l - 1];
            float[] out = batch.layers[l];
            for (int s = from; s < to; s++) {
                preActivations(l, in, s * widths[l - 1], out, s * widths[l]);
            }
            if (l < last) {
                FloatTanh.applyInPlace(out, from * widths[l], to * widths[l], batch.tanhWork);
            }
        }
    }

    /**
     * Writes layer {@code l}'s pre-activations z = W a + b (a at {@code in[inOffset..]}) into
     * {@code out[outOffset..]}.
     */
    private void preActivations(int l, float[] in, int inOffset, float[] out, int outOffset) {
        int nIn = widths[l - 1];
        int w = weightOffset[l];
        int b = biasOffset[l];
        int nOut = widths[l];
        int j = 0;
        // Four rows at a time: each sum adds the same products in the same order as one row
        // alone (the same floats), but four independent sums do not wait on each other's adds.
        for (; j + 3 < nOut; j += 4) {
            int r0 = w + j * nIn;
            int r1 = r0 + nIn;
            int r2 = r1 + nIn;
            int r3 = r2 + nIn;
            float z0 = params[b + j];
            float z1 = params[b + j + 1];
            float z2 = params[b + j + 2];
            float z3 = params[b + j + 3];
            for (int i = 0; i < nIn; i++) {
                float xi = in[inOffset + i];
                z0 += params[r0 + i] * xi;
                z1 += params[r1 + i] * xi;
                z2 += params[r2 + i] * xi;
                z3 += params[r3 + i] * xi;
            }
            out[outOffset + j] = z0;
            out[outOffset + j + 1] = z1;
            out[outOffset + j + 2] = z2;
            out[outOffset + j + 3] = z3;
        }
        for (; j < nOut; j++) {
            float z = params[b + j];
            int row = w + j * nIn;
            for (int i = 0; i < nIn; i++) {
                z += params[row + i] * in[inOffset + i];
            }
            out[outOffset + j] = z;
        }
    }

    /** @return activation {@code j} of the last hidden layer after the latest {@link #predict} */
    public float lastHidden(int j) {
        return acts[widths.length - 2][j];
    }

    /**
     * Backward pass for the latest {@link #predict}: adds {@code scale * dLoss/dp} for each trainable
     * parameter {@code p = subset.index(k)} into {@code grad[k]}. Deltas are propagated only as deep
     * as the deepest trainable layer. The same as {@link #propagate} then {@link #addGradient}.
     *
     * @param dLossDy derivative of the loss with respect to the output
     * @param subset  trainable parameters (resolved for this network's layout)
     * @param grad    gradient accumulator, length {@code subset.size()}
     * @param scale   factor applied (e.g. 1 / batch size)
     */
    public void backward(float dLossDy, TrainableSubset subset, float[] grad, float scale) {
        propagate(dLossDy, subset);
        addGradient(subset, grad, scale);
    }

    /** {@link #backward(float, TrainableSubset, float[], float)} for {@code batch}'s {@code slot}. */
    public void backward(SampleBatch batch, int slot, float dLossDy, TrainableSubset subset, float[] grad, float scale) {
        propagate(batch, slot, dLossDy, subset);
        addGradient(batch, slot, subset, grad, scale);
    }

    /**
     * The first half of {@link #backward}: dLoss/dz of every layer down to the deepest trainable one,
     * kept for {@link #addGradient} and {@link #gradientSquaredNorm}; in the deepest one only the
     * units whose rows are trained (the others' deltas would feed no gradient).
     *
     * @param dLossDy derivative of the loss with respect to the output
     * @param subset  trainable parameters (resolved for this network's layout)
     */
    public void propagate(float dLossDy, TrainableSubset subset) {
        propagate(acts, 0, dLossDy, subset);
    }

    /** {@link #propagate(float, TrainableSubset)} for {@code batch}'s {@code slot}. */
    public void propagate(SampleBatch batch, int slot, float dLossDy, TrainableSubset subset) {
        propagate(batch.layers, slot, dLossDy, subset);
    }

    /** @param a the activations of layer l of sample {@code slot} at {@code a[l][slot * widths[l]..]} */
    private void propagate(float[][] a, int slot, float dLossDy, TrainableSubset subset) {
        int last = widths.length - 1;
        deltas[last][0] = dLossDy;
        int lowest = subset.lowestLayer() + 1; // weight layer l-1 feeds activation layer l
        for (int l = last; l > lowest; l--) {
            float[] dl = deltas[l];
            float[] below = deltas[l - 1];
            float[] al = a[l - 1];
            int nIn = widths[l - 1];
            int off = slot * nIn;
            int nOut = widths[l];
            int w = weightOffset[l];
            // the deepest layer needs only its trained rows' deltas; a layer above it needs every unit's
            boolean onlyTrained = l - 1 == lowest;
            int lowestWeights = subset.lowestLayer();
            int units = onlyTrained ? subset.biasRowCount(lowestWeights) : nIn;
            int u = 0;
            // Four units at a time, each sum in a register over the rows in order (the same floats as
            // adding row after row into the array, without a load and a store per product).
            for (; u + 3 < units; u += 4) {
                int i0 = onlyTrained ? subset.biasRow(lowestWeights, u) : u;
                int i1 = onlyTrained ? subset.biasRow(lowestWeights, u + 1) : u + 1;
                int i2 = onlyTrained ? subset.biasRow(lowestWeights, u + 2) : u + 2;
                int i3 = onlyTrained ? subset.biasRow(lowestWeights, u + 3) : u + 3;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int j = 0; j < nOut; j++) {
                    float d = dl[j];
                    int p = w + j * nIn;
                    s0 += params[p + i0] * d;
                    s1 += params[p + i1] * d;
                    s2 += params[p + i2] * d;
                    s3 += params[p + i3] * d;
                }
                below[i0] = s0 * (1f - al[off + i0] * al[off + i0]);
                below[i1] = s1 * (1f - al[off + i1] * al[off + i1]);
                below[i2] = s2 * (1f - al[off + i2] * al[off + i2]);
                below[i3] = s3 * (1f - al[off + i3] * al[off + i3]);
            }
            for (; u < units; u++) {
                int i = onlyTrained ? subset.biasRow(lowestWeights, u) : u;
                float s0 = 0f;
                for (int j = 0; j < nOut; j++) {
                    s0 += params[w + j * nIn + i] * dl[j];
                }
                below[i] = s0 * (1f - al[off + i] * al[off + i]);
            }
        }
    }

    /**
     * |dLoss/dp|^2 summed over the trainable parameters, from the deltas of the latest
     * {@link #propagate}, in closed form: a weight (row r, column c) has the gradient d_r a_c and a
     * bias d_r, so a whole trained row adds d_r^2 (|a|^2 + [its bias is trained]) and |a|^2 is
     * summed once per layer instead of squaring every parameter's gradient. In double; it differs
     * from the sum of the squared float gradients only by their roundings (relative ~1e-7).
     *
     * @param subset trainable parameters, as given to {@link #propagate}
     * @return the squared norm, (loss unit / parameter unit)^2
     */
    public double gradientSquaredNorm(TrainableSubset subset) {
        return gradientSquaredNorm(acts, 0, subset);
    }

    /** {@link #gradientSquaredNorm(TrainableSubset)} after {@link #propagate(SampleBatch, int, float, TrainableSubset)}. */
    public double gradientSquaredNorm(SampleBatch batch, int slot, TrainableSubset subset) {
        return gradientSquaredNorm(batch.layers, slot, subset);
    }

    private double gradientSquaredNorm(float[][] acts, int slot, TrainableSubset subset) {
        int last = widths.length - 1;
        double sum = 0;
        for (int l = subset.lowestLayer() + 1; l <= last; l++) {
            int layer = l - 1; // the weight layer feeding activation layer l
            int nIn = widths[l - 1];
            float[] dl = deltas[l];
            float[] a = acts[l - 1];
            int off = slot * nIn;
            int rows = subset.weightRowCount(layer);
            if (rows > 0) {
                double inputSquares = 0; // |a|^2 of this layer's input
                for (int c = 0; c < nIn; c++) {
                    inputSquares += (double) a[off + c] * a[off + c];
                }
                for (int i = 0; i < rows; i++) {
                    double d = dl[subset.weightRow(layer, i)];
                    sum += d * d * inputSquares;
                }
            }
            int biases = subset.biasRowCount(layer);
            for (int i = 0; i < biases; i++) {
                double d = dl[subset.biasRow(layer, i)];
                sum += d * d;
            }
        }
        return sum;
    }

    /**
     * The second half of {@link #backward}: adds {@code scale * dLoss/dp} for each trainable
     * parameter {@code p = subset.index(k)} into {@code grad[k]}, from the deltas of the latest
     * {@link #propagate}; each term is the float product dLoss/dp times scale, as one parameter alone.
     *
     * @param subset trainable parameters, as given to {@link #propagate}
     * @param grad   gradient accumulator, length {@code subset.size()}
     * @param scale  factor applied
     */
    public void addGradient(TrainableSubset subset, float[] grad, float scale) {
        addGradient(acts, 0, subset, grad, scale);
    }

    /** {@link #addGradient(TrainableSubset, float[], float)} after {@link #propagate(SampleBatch, int, float, TrainableSubset)}. */
    public void addGradient(SampleBatch batch, int slot, TrainableSubset subset, float[] grad, float scale) {
        addGradient(batch.layers, slot, subset, grad, scale);
    }

    private void addGradient(float[][] acts, int slot, TrainableSubset subset, float[] grad, float scale) {
        int last = widths.length - 1;
        for (int l = subset.lowestLayer() + 1; l <= last; l++) {
            int layer = l - 1; // the weight layer feeding activation layer l
            int nIn = widths[l - 1];
            float[] dl = deltas[l];
            float[] a = acts[l - 1];
            int off = slot * nIn;
            int k = subset.layerStart(layer);
            int rows = subset.weightRowCount(layer);
            for (int i = 0; i < rows; i++, k += nIn) {
                float d = dl[subset.weightRow(layer, i)];
                for (int c = 0; c < nIn; c++) {
                    grad[k + c] += scale * (d * a[off + c]);
                }
            }
            int biases = subset.biasRowCount(layer);
            for (int i = 0; i < biases; i++, k++) {
                grad[k] += scale * dl[subset.biasRow(layer, i)];
            }
        }
    }
}

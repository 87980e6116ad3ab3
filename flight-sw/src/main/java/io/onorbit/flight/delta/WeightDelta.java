package io.onorbit.flight.delta;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One sparse, quantized weight delta as sent: which parameters changed and by how much (as
 * quantized levels and scales), against which base model, from which satellite. Immutable.
 *
 * <p>The sent value of entry {@code j} is {@link #value(int)}: for 32 bits the float32 itself;
 * for 1 bit {@code +scale} or {@code -scale}; for b in 2..8 bits {@code q * scale / qmax} with
 * integer level {@code q} in [-qmax, qmax], {@code qmax = 2^(b-1) - 1}. The same arithmetic runs on
 * both ends, so the ground reconstructs exactly what the spacecraft reconstructed.
 */
public final class WeightDelta {

    private final String satellite;
    private final long sequence;
    private final ModelVersion base;
    private final long sampleCount;
    private final Instant createdAt;
    private final TensorLayout layout;
    private final int bits;
    private final ScaleMode scaleMode;
    private final float[] scales;
    private final int[] indices;
    private final int[] levels;

    /**
     * @param satellite   sending spacecraft (1..255 UTF-8 bytes)
     * @param sequence    delta number of this satellite, &ge; 0, unique per satellite
     * @param base        global model the delta is relative to
     * @param sampleCount training samples behind this delta, &ge; 0
     * @param createdAt   creation time (UTC)
     * @param layout      tensor layout of the parameter vector
     * @param bits        1..8 or 32
     * @param scaleMode   per delta or per tensor
     * @param scales      scales: none for 32 bits, 1 per delta, or 1 per tensor; finite, &ge; 0
     * @param indices     parameter indices, strictly increasing, in [0, dimension)
     * @param levels      per index: quantized level (see class doc) or, for 32 bits, raw float bits
     */
    public WeightDelta(String satellite, long sequence, ModelVersion base, long sampleCount, Instant createdAt,
                       TensorLayout layout, int bits, ScaleMode scaleMode, float[] scales, int[] indices,
                       int[] levels) {
        this.satellite = Objects.requireNonNull(satellite, "satellite");
        int nameBytes = satellite.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (nameBytes < 1 || nameBytes > 255) {
            throw new IllegalArgumentException("satellite name must be 1..255 UTF-8 bytes, got " + nameBytes);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " must be >= 0");
        }
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount " + sampleCount + " must be >= 0");
        }
        this.sequence = sequence;
        this.base = Objects.requireNonNull(base, "base");
        this.sampleCount = sampleCount;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.layout = Objects.requireNonNull(layout, "layout");
        if (!((bits >= 1 && bits <= 8) || bits == CompressionSettings.FLOAT32)) {
            throw new IllegalArgumentException("bits " + bits + " must be in 1..8 or 32");
        }
        this.bits = bits;
        this.scaleMode = Objects.requireNonNull(scaleMode, "scaleMode");
        int groups = scaleGroups(bits, scaleMode, layout);
        if (scales.length != groups) {
            throw new IllegalArgumentException("scales: " + scales.length + " given, " + groups + " expected");
        }
        for (float s : scales) {
            if (!(s >= 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("scale " + s + " must be finite and >= 0");
            }
        }
        if (indices.length != levels.length) {
            throw new IllegalArgumentException("indices (" + indices.length + ") and levels (" + levels.length
                    + ") must have the same length");
        }
        SparseVector.checkIndices(layout.dimension(), indices);
        if (bits != CompressionSettings.FLOAT32) {
            int lo = bits == 1 ? 0 : -qmax(bits);
            int hi = bits == 1 ? 1 : qmax(bits);
            for (int q : levels) {
                if (q < lo || q > hi) {
                    throw new IllegalArgumentException("level " + q + " out of [" + lo + ", " + hi + "] for " + bits + " bits");
                }
            }
        } else {
            for (int q : levels) {
                if (!Float.isFinite(Float.intBitsToFloat(q))) {
                    throw new IllegalArgumentException("float32 value must be finite");
                }
            }
        }
        this.scales = scales.clone();
        this.indices = indices.clone();
        this.levels = levels.clone();
    }

    /** @return the largest level magnitude of a {@code bits}-bit symmetric quantizer (bits &ge; 2) */
    static int qmax(int bits) {
        return (1 << (bits - 1)) - 1;
    }

    /** @return how many scales a delta with these settings carries */
    static int scaleGroups(int bits, ScaleMode mode, TensorLayout layout) {
        if (bits == CompressionSettings.FLOAT32) {
            return 0;
        }
        return mode == ScaleMode.PER_TENSOR ? layout.tensorCount() : 1;
    }

    public String satellite() {
        return satellite;
    }

    public long sequence() {
        return sequence;
    }

    public ModelVersion base() {
        return base;
    }

    public long sampleCount() {
        return sampleCount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public TensorLayout layout() {
        return layout;
    }

    /** @return number of parameters of the model */
    public int dimension() {
        return layout.dimension();
    }

    public int bits() {
        return bits;
    }

    public ScaleMode scaleMode() {
        return scaleMode;
    }

    /** @return quantization scales (a copy) */
    public float[] scales() {
        return scales.clone();
    }

    /** @return number of sent entries */
    public int size() {
        return indices.length;
    }

    /** @return sent parameter indices (a copy) */
    public int[] indices() {
        return indices.clone();
    }

    /** @return levels (a copy): quantized levels, or raw float32 bits for 32-bit deltas */
    public int[] levels() {
        return levels.clone();
    }

    /** @return parameter index of entry {@code j} */
    public int index(int j) {
        return indices[j];
    }

    /** @return level of entry {@code j} */
    public int level(int j) {
        return levels[j];
    }

    /** @return the sent value of entry {@code j} (parameter units) */
    public float value(int j) {
        return dequantize(bits, scaleFor(indices[j]), levels[j]);
    }

    private float scaleFor(int index) {
        if (scales.length == 0) {
            return 0f;
        }
        return scaleMode == ScaleMode.PER_TENSOR ? scales[layout.tensorOf(index)] : scales[0];
    }

    static float dequantize(int bits, float scale, int level) {
        if (bits == CompressionSettings.FLOAT32) {
            return Float.intBitsToFloat(level);
        }
        if (bits == 1) {
            return level == 1 ? scale : -scale;
        }
        return (float) (level * (double) scale / qmax(bits));
    }

    /** @return the sent values, dequantized, at their parameter indices (parameter units) */
    public SparseVector sentValues() {
        float[] values = new float[indices.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = value(j);
        }
        return new SparseVector(dimension(), indices, values);
    }

    /** @return the delta as a dense vector of {@link #dimension()} values (zeros where not sent) */
    public float[] toDense() {
        float[] d = new float[dimension()];
        addTo(d);
        return d;
    }

    /** Adds the sent values into {@code target} in place (target length = dimension). */
    public void addTo(float[] target) {
        if (target.length != dimension()) {
            throw new IllegalArgumentException("target has " + target.length + " parameters, delta has " + dimension());
        }
        for (int j = 0; j < indices.length; j++) {
            target[indices[j]] += value(j);
        }
    }

    /**
     * @param baseParams the base model's parameters; must hash to {@link #base()}'s digest
     * @return base + this delta: the weights this delta reports
     * @throws IllegalArgumentException if {@code baseParams} is not this delta's base
     */
    public float[] applyTo(float[] baseParams) {
        if (!base.matches(baseParams)) {
            throw new IllegalArgumentException("parameters do not match base model " + base);
        }
        float[] out = baseParams.clone();
        addTo(out);
        return out;
    }

    /** @return a copy with another sequence number (e.g. assigned by the queue) */
    public WeightDelta withSequence(long seq) {
        return new WeightDelta(satellite, seq, base, sampleCount, createdAt, layout, bits, scaleMode, scales,
                indices, levels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightDelta d && d.satellite.equals(satellite) && d.sequence == sequence
                && d.base.equals(base) && d.sampleCount == sampleCount && d.createdAt.equals(createdAt)
                && d.layout.equals(layout) && d.bits == bits && d.scaleMode == scaleMode
                && Arrays.equals(d.scales, scales) && Arrays.equals(d.indices, indices)
                && Arrays.equals(d.levels, levels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(satellite, sequence, base, sampleCount, createdAt, bits)
                * 31 + Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return "WeightDelta[" + satellite + "#" + sequence + " base " + base + ", " + indices.length + "/"
                + dimension() + " entries, " + bits + " bits, " + sampleCount + " samples]";
    }
}

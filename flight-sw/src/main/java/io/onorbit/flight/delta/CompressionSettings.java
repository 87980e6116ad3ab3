package io.onorbit.flight.delta;

/**
 * How a delta is compressed.
 *
 * @param topKFraction  fraction of parameters sent per delta, in (0, 1]
 * @param bits          bits per sent value: 1..8 (quantized; 1 = sign x scale) or 32 (float32)
 * @param scaleMode     one scale per delta or per tensor
 * @param errorFeedback carry what was not sent into the next delta
 */
public record CompressionSettings(double topKFraction, int bits, ScaleMode scaleMode, boolean errorFeedback) {

    /** Bits value meaning "no quantization, float32". */
    public static final int FLOAT32 = 32;

    public CompressionSettings {
        if (!(topKFraction > 0 && topKFraction <= 1)) {
            throw new IllegalArgumentException("topKFraction " + topKFraction + " must be in (0, 1]");
        }
        if (!((bits >= 1 && bits <= 8) || bits == FLOAT32)) {
            throw new IllegalArgumentException("bits " + bits + " must be in 1..8 or 32");
        }
        if (scaleMode == null) {
            throw new IllegalArgumentException("scaleMode must be set");
        }
    }

    /** @return every parameter as float32, no error feedback: the uncompressed exchange */
    public static CompressionSettings uncompressed() {
        return new CompressionSettings(1.0, FLOAT32, ScaleMode.PER_DELTA, false);
    }

    /**
     * Default share of parameters sent per delta: 10 %. At 1 % a delta of the default ~700-parameter
     * model sent 7 values, so the ground's picture of each satellite's model (and the global model
     * averaged from those pictures) lagged the satellites' own models by far more than the pass
     * interval; error feedback (Stich, Cordonnier, Jaggi 2018, "Sparsified SGD with memory")
     * delivers the rest only over many passes. Measured on six 12-satellite Walker constellations
     * over 3 days (BENCHMARKS.md, "Federation that wins on every Walker"): federated below
     * local-only on 12 of 12 satellites on each, median per-satellite margin 0.3-0.5 % against
     * 0.1-0.3 % at 1 %; 30 % and 100 % gained no more on the own Walker. On walker-12 a delta on the
     * wire grows from ~220 to ~320 octets, far below a pass's capacity.
     */
    public static final double DEFAULT_TOP_K_FRACTION = 0.1;

    /** @return {@link #DEFAULT_TOP_K_FRACTION} top-k, 4-bit per-tensor levels, error feedback on */
    public static CompressionSettings defaults() {
        return new CompressionSettings(DEFAULT_TOP_K_FRACTION, 4, ScaleMode.PER_TENSOR, true);
    }

    public CompressionSettings withTopKFraction(double f) {
        return new CompressionSettings(f, bits, scaleMode, errorFeedback);
    }

    public CompressionSettings withBits(int b) {
        return new CompressionSettings(topKFraction, b, scaleMode, errorFeedback);
    }

    public CompressionSettings withScaleMode(ScaleMode m) {
        return new CompressionSettings(topKFraction, bits, m, errorFeedback);
    }

    public CompressionSettings withErrorFeedback(boolean on) {
        return new CompressionSettings(topKFraction, bits, scaleMode, on);
    }

    /** @return how many entries of a {@code dimension}-parameter delta are kept (&ge; 1) */
    public int keptCount(int dimension) {
        return (int) Math.max(1, Math.min(dimension, Math.ceil(topKFraction * dimension - 1e-9)));
    }
}

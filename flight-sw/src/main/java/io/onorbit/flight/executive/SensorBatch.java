package io.onorbit.flight.executive;

/**
 * Samples the payload sensor delivered during one tick, in arrival order: sample {@code i} has
 * features {@code features[i*featureCount .. (i+1)*featureCount)} and label {@code targets[i]}.
 *
 * @param featureCount features per sample, &ge; 1
 * @param features     the features, {@code featureCount * targets.length} values
 * @param targets      one label per sample
 */
public record SensorBatch(int featureCount, float[] features, float[] targets) {

    public SensorBatch {
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount " + featureCount + " must be >= 1");
        }
        if (features.length != featureCount * targets.length) {
            throw new IllegalArgumentException("features must hold " + featureCount + " values per sample");
        }
    }

    /** @return a batch without samples */
    public static SensorBatch empty(int featureCount) {
        return new SensorBatch(featureCount, new float[0], new float[0]);
    }

    /** @return samples in the batch */
    public int size() {
        return targets.length;
    }
}

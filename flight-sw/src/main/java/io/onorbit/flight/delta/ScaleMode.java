package io.onorbit.flight.delta;

/** Where quantization scales are shared. */
public enum ScaleMode {
    /** One scale for the whole delta. */
    PER_DELTA,
    /** One scale per tensor of the {@link TensorLayout}. */
    PER_TENSOR
}

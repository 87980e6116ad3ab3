package io.onorbit.flight.learning.memory;

/** What a block of training memory is for; the budget report is broken down by these. */
public enum MemoryCategory {
    /** Model parameters (float32). */
    WEIGHTS,
    /** Gradients of the trainable parameters. */
    GRADIENTS,
    /** Optimizer state: update anchors, normal-equation sums, the trainable-index map, transient solver copies. */
    OPTIMIZER_STATE,
    /** Forward activations and backward deltas. */
    ACTIVATIONS,
    /** Replay buffer of past samples. */
    REPLAY,
    /** Sensor samples waiting while the training payload is off or busy (flight.payload). */
    SAMPLE_BUFFER
}

package io.onorbit.orbit.archfixture;

/** Architecture-test fixture: a second sparse vector type (forbidden). Not production code. */
public record SparsePair(int[] indices, float[] values) {
}

package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparseVectorTest {

    @Test
    void refusesEachBrokenIndexRule() {
        float[] two = {1f, 2f};
        assertThatThrownBy(() -> new SparseVector(0, new int[0], new float[0])).hasMessageContaining("dimension 0");
        assertThatThrownBy(() -> new SparseVector(5, new int[] {2, 2}, two)).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new SparseVector(5, new int[] {3, 1}, two)).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new SparseVector(5, new int[] {-1, 1}, two)).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new SparseVector(5, new int[] {1, 5}, two)).hasMessageContaining("[0, 5)");
        assertThatThrownBy(() -> new SparseVector(5, new int[] {1}, two)).hasMessageContaining("same length");
        assertThatThrownBy(() -> new SparseVector(5, null, two)).isInstanceOf(IllegalArgumentException.class);
        // the boundaries themselves are allowed
        assertThat(new SparseVector(5, new int[] {0, 4}, two).size()).isEqualTo(2);
        assertThat(new SparseVector(5, new int[0], new float[0]).size()).isZero();
    }

    @Test
    void nonFiniteValuesAreCarriedForReviewToSee() {
        SparseVector v = new SparseVector(3, new int[] {1}, new float[] {Float.NaN});
        assertThat(v.norm()).isNaN();
    }

    @Test
    void isImmutableThroughItsArrays() {
        int[] idx = {1, 3};
        float[] val = {0.5f, -0.5f};
        SparseVector v = new SparseVector(4, idx, val);
        idx[0] = 2;
        val[0] = 9f;
        v.indices()[1] = 0;
        v.values()[1] = 9f;
        assertThat(v.indices()).containsExactly(1, 3);
        assertThat(v.values()).containsExactly(0.5f, -0.5f);
        assertThat(v).isEqualTo(new SparseVector(4, new int[] {1, 3}, new float[] {0.5f, -0.5f}));
        assertThat(v).isNotEqualTo(new SparseVector(5, new int[] {1, 3}, new float[] {0.5f, -0.5f}));
    }

    @Test
    void changedKeepsExactlyThePositionsWhoseBitsDiffer() {
        // -0.0 and 0.0 compare equal as floats but are different bits: a bit-exact update must carry it
        float[] from = {1f, 0f, 2f, Float.NaN, 7f};
        float[] to = {1f, -0f, 3f, Float.NaN, 7f};
        SparseVector c = SparseVector.changed(from, to);
        assertThat(c.dimension()).isEqualTo(5);
        assertThat(c.indices()).containsExactly(1, 2);
        assertThat(Float.floatToRawIntBits(c.value(0))).isEqualTo(Float.floatToRawIntBits(-0f));
        float[] applied = c.overwrite(from);
        for (int i = 0; i < to.length; i++) {
            assertThat(Float.floatToRawIntBits(applied[i])).isEqualTo(Float.floatToRawIntBits(to[i]));
        }
        assertThat(from[2]).isEqualTo(2f); // overwrite returns a copy
        assertThatThrownBy(() -> SparseVector.changed(new float[2], new float[3])).hasMessageContaining("2 vs 3");
        assertThatThrownBy(() -> c.overwrite(new float[4])).hasMessageContaining("4 parameters");
    }

    @Test
    void denseFormAndNormMatchHandValues() {
        SparseVector v = new SparseVector(4, new int[] {0, 2}, new float[] {3f, -4f});
        assertThat(v.toDense()).containsExactly(3f, 0f, -4f, 0f);
        assertThat(v.norm()).isEqualTo(5.0); // 3-4-5 triangle
    }
}

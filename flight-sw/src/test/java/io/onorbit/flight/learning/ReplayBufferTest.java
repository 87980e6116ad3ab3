package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static ReplayBuffer filled(int capacity, int added) {
        ReplayBuffer b = new ReplayBuffer(capacity, 1, 3, MemoryAccountant.unbounded());
        for (int i = 0; i < added; i++) {
            b.add(new float[] {i}, i);
        }
        return b;
    }

    private static Set<Float> drawn(ReplayBuffer b, int draws) {
        Set<Float> labels = new HashSet<>();
        float[] x = new float[1];
        for (int i = 0; i < draws; i++) {
            float y = b.draw(x);
            assertThat(x[0]).isEqualTo(y); // features and label stay together
            labels.add(y);
        }
        return labels;
    }

    @Test
    void drawsEveryHeldSampleAndOnlyThose() {
        assertThat(drawn(filled(8, 5), 2_000)).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f);
        assertThat(drawn(filled(8, 13), 2_000)).containsExactlyInAnyOrder(5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f);
    }

    /** After a wrap of the ring and after none: only the newest samples are kept, then new ones join them. */
    @Test
    void keepNewestForgetsTheOlderSamples() {
        ReplayBuffer wrapped = filled(8, 13);
        wrapped.keepNewest(3);
        assertThat(wrapped.size()).isEqualTo(3);
        assertThat(drawn(wrapped, 2_000)).containsExactlyInAnyOrder(10f, 11f, 12f);
        wrapped.add(new float[] {13}, 13);
        assertThat(drawn(wrapped, 2_000)).containsExactlyInAnyOrder(10f, 11f, 12f, 13f);
        for (int i = 14; i < 30; i++) {
            wrapped.add(new float[] {i}, i);
        }
        assertThat(drawn(wrapped, 2_000)).containsExactlyInAnyOrder(22f, 23f, 24f, 25f, 26f, 27f, 28f, 29f);

        ReplayBuffer partial = filled(8, 5);
        partial.keepNewest(2);
        assertThat(drawn(partial, 2_000)).containsExactlyInAnyOrder(3f, 4f);
        partial.keepNewest(100);
        assertThat(partial.size()).isEqualTo(2);
        partial.keepNewest(0);
        assertThat(partial.size()).isZero();
        assertThatThrownBy(() -> partial.keepNewest(-1)).hasMessageContaining("keep");
    }
}

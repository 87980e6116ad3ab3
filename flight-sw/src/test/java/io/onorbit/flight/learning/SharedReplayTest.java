package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Two buffers sharing one ring hold and draw, at every sample, exactly what two buffers of their own
 * would, through wraps, one buffer forgetting its older samples after a "change", and a checkpoint.
 */
class SharedReplayTest {

    private static final int FEATURES = 3;

    private static void assertSame(ReplayBuffer own, ReplayBuffer shared, String when) {
        assertThat(shared.size()).as("size %s", when).isEqualTo(own.size());
        float[] a = new float[FEATURES];
        float[] b = new float[FEATURES];
        for (int i = 0; i < own.size(); i++) {
            assertThat(shared.held(i, b)).as("label of sample %d %s", i, when).isEqualTo(own.held(i, a));
            assertThat(b).as("sample %d %s", i, when).isEqualTo(a);
        }
        if (own.size() > 0) {
            assertThat(shared.draw(b)).as("draw %s", when).isEqualTo(own.draw(a));
            assertThat(b).isEqualTo(a);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void aSharedRingHoldsAndDrawsWhatTwoRingsWould(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int capacity = 1 + r.nextInt(40);
        ReplayBuffer own1 = new ReplayBuffer(capacity, FEATURES, 11, MemoryAccountant.unbounded());
        ReplayBuffer own2 = new ReplayBuffer(capacity, FEATURES, 12, MemoryAccountant.unbounded());
        ReplayBuffer shared1 = new ReplayBuffer(capacity, FEATURES, 11, MemoryAccountant.unbounded());
        ReplayBuffer shared2 = shared1.sharing(12);
        for (int k = 0; k < 300; k++) {
            float[] x = {(float) r.nextGaussian(), k, (float) r.nextDouble()};
            float y = (float) r.nextGaussian();
            own1.add(x, y);
            shared1.add(x, y);
            if (shared2.size() > 0) {
                ReplayBuffer behind = shared2;
                assertThatThrownBy(() -> behind.draw(new float[FEATURES])).as("read one sample behind")
                        .isInstanceOf(IllegalStateException.class);
            }
            own2.add(x, y);
            shared2.add(x, y);
            if (r.nextInt(25) == 0) { // a change detected by the second trainer only
                int keep = r.nextInt(capacity + 2);
                own2.keepNewest(keep);
                shared2.keepNewest(keep);
            }
            if (r.nextInt(60) == 0) { // a checkpoint, then a reboot resuming it
                ByteBuffer c1 = ByteBuffer.allocate(own1.savedBytes());
                ByteBuffer c2 = ByteBuffer.allocate(own2.savedBytes());
                shared1.save(c1);
                shared2.save(c2);
                ByteBuffer o1 = ByteBuffer.allocate(own1.savedBytes());
                ByteBuffer o2 = ByteBuffer.allocate(own2.savedBytes());
                own1.save(o1);
                own2.save(o2);
                assertThat(c1.array()).as("a shared ring's checkpoint is a ring of its own's").isEqualTo(o1.array());
                assertThat(c2.array()).isEqualTo(o2.array());
                own1 = resumed(o1, capacity, 11);
                own2 = resumed(o2, capacity, 12);
                shared1 = resumed(c1, capacity, 11);
                shared2 = shared1.sharing(12);
                c2.flip();
                shared2.resume(c2);
            }
            assertSame(own1, shared1, "of the first at sample " + k);
            assertSame(own2, shared2, "of the second at sample " + k);
        }
    }

    private static ReplayBuffer resumed(ByteBuffer saved, int capacity, long seed) {
        ReplayBuffer b = new ReplayBuffer(capacity, FEATURES, seed, MemoryAccountant.unbounded());
        saved.flip();
        b.resume(saved);
        return b;
    }

    @Test
    void buffersSharingARingMustBeFedTheSameSamplesInStep() {
        ReplayBuffer first = new ReplayBuffer(8, FEATURES, 1, MemoryAccountant.unbounded());
        ReplayBuffer second = first.sharing(2);
        first.add(new float[] {1, 2, 3}, 4);
        assertThatThrownBy(() -> second.add(new float[] {1, 2, 3}, 5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("different samples");
        second.add(new float[] {1, 2, 3}, 4);
        first.add(new float[] {0, 0, 0}, 0);
        first.add(new float[] {0, 0, 0}, 0);
        assertThatThrownBy(() -> second.add(new float[] {0, 0, 0}, 0)).as("two samples behind")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same samples");
        assertThatThrownBy(() -> first.sharing(3)).as("shared only before any sample").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTrainerSharingAReplayStoresNoRingOfItsOwn() {
        LearningSettings s = LearningSettings.defaults();
        OnboardTrainer first = OnboardTrainer.create(4, s, DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD));
        OnboardTrainer alone = OnboardTrainer.create(4, s, DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD));
        OnboardTrainer sharing = OnboardTrainer.sharingReplay(4, s, DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD), first);
        long ringBytes = 4L * s.replayCapacity() * (4 + 1);
        assertThat(alone.memoryBytes() - sharing.memoryBytes()).isEqualTo(ringBytes);
        assertThatThrownBy(() -> OnboardTrainer.sharingReplay(4, s.withReplay(s.replayCapacity() + 1, s.replayPerUpdate()),
                DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD), first)).isInstanceOf(IllegalArgumentException.class);
    }
}

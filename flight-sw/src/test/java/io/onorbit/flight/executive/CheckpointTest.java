package io.onorbit.flight.executive;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.GlobalExpertWeight;
import io.onorbit.flight.learning.MixingWeight;
import io.onorbit.flight.learning.model.ModelVersion;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The checkpoint's bytes: the learners' adaptation states round-trip, and a checkpoint of before them still loads. */
class CheckpointTest {

    private static Checkpoint checkpoint(byte[] adaptation, byte[] personalAdaptation) {
        float[] base = {0.5f, -1f, 2f};
        return new Checkpoint(3, 7, 11, ModelVersion.of(4, base), new float[] {1, 2, 3}, base, base.clone(),
                new float[3], new float[] {3, 2, 1}, MixingWeight.start(100), GlobalExpertWeight.start(100), adaptation,
                personalAdaptation);
    }

    @Test
    void bothAdaptationStatesRoundTrip() {
        Checkpoint c = checkpoint(new byte[] {1, 2, 3, 4, 5}, new byte[] {9, 8});
        Checkpoint back = Checkpoint.decode(c.encode(), 3).orElseThrow();
        assertThat(back.adaptation()).containsExactly(1, 2, 3, 4, 5);
        assertThat(back.personalAdaptation()).containsExactly(9, 8);
        assertThat(back.params()).containsExactly(1, 2, 3);
        assertThat(back.personal()).containsExactly(3, 2, 1);
    }

    @Test
    void aCheckpointWrittenBeforeTheAdaptationStatesLoadsWithNone() {
        byte[] withEmpty = checkpoint(new byte[0], new byte[0]).encode();
        // the format before the states: the same bytes without the two length prefixes (4 B each) at the end
        byte[] before = Arrays.copyOf(withEmpty, withEmpty.length - 8);
        Checkpoint back = Checkpoint.decode(before, 3).orElseThrow();
        assertThat(back.adaptation()).isEmpty();
        assertThat(back.personalAdaptation()).isEmpty();
        assertThat(back.params()).containsExactly(1, 2, 3);
    }

    @Test
    void aTruncatedOrOverlongStateIsNoCheckpoint() {
        byte[] bytes = checkpoint(new byte[] {1, 2, 3, 4, 5}, new byte[] {9, 8}).encode();
        assertThat(Checkpoint.decode(Arrays.copyOf(bytes, bytes.length - 1), 3)).isEmpty();
        assertThat(Checkpoint.decode(Arrays.copyOf(bytes, bytes.length + 1), 3)).isEmpty();
    }
}

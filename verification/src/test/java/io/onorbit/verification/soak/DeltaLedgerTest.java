package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeltaLedgerTest {

    private static final long[] NONE = {};

    @Test
    void archivedQueuedMergedAndDetectedCorruptionBalance() {
        DeltaLedger l = new DeltaLedger();
        assertThat(l.record(0, new long[] {1, 2, 3, 4}, NONE, NONE, Optional.of(new long[] {1, 2, 3, 4}))).isEmpty();
        // 2 merged into 4, 3 found corrupted, 1 still queued until the ack.
        assertThat(l.record(30, NONE, new long[] {3}, new long[] {2}, Optional.of(new long[] {1, 4}))).isEmpty();
        assertThat(l.record(60, NONE, NONE, NONE, Optional.of(new long[] {4}))).isEmpty(); // ack removed 1
        assertThat(l.archived(new long[] {1})).isEmpty(); // and the archive holds it
        assertThat(l.generated()).isEqualTo(4);
        assertThat(l.delivered()).isEqualTo(1);
        assertThat(l.merged()).isEqualTo(1);
        assertThat(l.lost()).isEqualTo(1);
        assertThat(l.queued()).isEqualTo(1);
        assertThat(l.outstanding()).isEqualTo(1);
        assertThat(l.duplicated()).isZero();
    }

    @Test
    void aSilentLossIsReportedOnceAtTheSynchronizationThatProvesIt() {
        DeltaLedger l = new DeltaLedger();
        l.record(0, new long[] {1, 2}, NONE, NONE, Optional.of(new long[] {1, 2}));
        assertThat(l.record(30, NONE, NONE, NONE, Optional.of(new long[] {2}))).isEmpty(); // may still be on its way to the archive
        assertThat(l.outstanding()).isEqualTo(2);
        assertThat(l.archived(NONE).orElseThrow()).contains("delta id 1 left the spacecraft's queue at t=30 s");
        assertThat(l.archived(NONE)).isEmpty();
        assertThat(l.silentlyLost()).isEqualTo(1);
    }

    @Test
    void corruptedAfterArchiveIsNotLost() {
        DeltaLedger l = new DeltaLedger();
        l.record(0, new long[] {7}, NONE, NONE, Optional.of(new long[] {7}));
        l.archived(new long[] {7});
        assertThat(l.record(30, NONE, new long[] {7}, NONE, Optional.of(NONE))).isEmpty();
        assertThat(l.lost()).isZero();
    }

    @Test
    void idsReusedAreReported() {
        DeltaLedger l = new DeltaLedger();
        l.record(0, new long[] {5}, NONE, NONE, Optional.of(new long[] {5}));
        assertThat(l.record(30, new long[] {5}, NONE, NONE, Optional.of(new long[] {5})).orElseThrow()).contains("generated twice");
    }
}

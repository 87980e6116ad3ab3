package io.onorbit.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeltaLedgerTest {

    private static final long[] NONE = {};

    @Test
    void deliveredQueuedMergedAndDetectedCorruptionBalance() {
        DeltaLedger l = new DeltaLedger();
        assertThat(l.record(new long[] {1, 2, 3, 4}, NONE, NONE, NONE, new long[] {1, 2, 3, 4})).isNull();
        // 1 delivered (still queued until the ack), 2 merged into 4, 3 found corrupted.
        assertThat(l.record(NONE, new long[] {1}, new long[] {3}, new long[] {2}, new long[] {1, 4})).isNull();
        assertThat(l.record(NONE, NONE, NONE, NONE, new long[] {4})).isNull(); // ack removed 1
        assertThat(l.generated()).isEqualTo(4);
        assertThat(l.delivered()).isEqualTo(1);
        assertThat(l.merged()).isEqualTo(1);
        assertThat(l.lost()).isEqualTo(1);
        assertThat(l.queued()).isEqualTo(1);
        assertThat(l.outstanding()).isEqualTo(1);
        assertThat(l.duplicated()).isZero();
    }

    @Test
    void aSilentLossIsReportedOnceAtTheStepItHappens() {
        DeltaLedger l = new DeltaLedger();
        l.record(new long[] {1, 2}, NONE, NONE, NONE, new long[] {1, 2});
        assertThat(l.record(NONE, NONE, NONE, NONE, new long[] {2})).contains("delta id 1 is neither delivered nor queued");
        assertThat(l.record(NONE, NONE, NONE, NONE, new long[] {2})).isNull();
        assertThat(l.silentlyLost()).isEqualTo(1);
    }

    @Test
    void corruptedAfterDeliveryIsNotLost() {
        DeltaLedger l = new DeltaLedger();
        l.record(new long[] {7}, NONE, NONE, NONE, new long[] {7});
        l.record(NONE, new long[] {7}, NONE, NONE, new long[] {7});
        assertThat(l.record(NONE, NONE, new long[] {7}, NONE, NONE)).isNull();
        assertThat(l.lost()).isZero();
    }

    @Test
    void idsReusedAreReported() {
        DeltaLedger l = new DeltaLedger();
        l.record(new long[] {5}, NONE, NONE, NONE, new long[] {5});
        assertThat(l.record(new long[] {5}, NONE, NONE, NONE, new long[] {5})).contains("generated twice");
    }
}

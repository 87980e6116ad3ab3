package io.onorbit.verification.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recovery rules on loss sequences whose window means are counted by hand (1 s samples, a
 * 10 s window, a 5 s hold).
 */
class WindowedRecoveryTest {

    private static double[] times(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    /** 1 on [from, to), 0 elsewhere. */
    private static double[] step(int n, int from, int to) {
        double[] v = new double[n];
        for (int i = from; i < to; i++) {
            v[i] = 1;
        }
        return v;
    }

    @Test
    void abruptDriftRecoveryIsCountedOnWindowMeansForUsAndTheOracle() {
        int n = 200;
        WindowedRecovery w = new WindowedRecovery(times(n), n, 10, 5);
        WindowedRecovery.Series frozen = w.new Series(step(n, 100, n));
        WindowedRecovery.Series onboard = w.new Series(step(n, 100, 130));
        WindowedRecovery.Series oracle = w.new Series(step(n, 100, 105));
        DriftOutcome.Recovery r = w.abrupt(100, Double.POSITIVE_INFINITY, frozen, onboard, oracle);
        // Frozen: 0 before, 1 in every window after the drift: error lost 1, threshold 0 + 0.1 x 1.
        assertThat(r.errorLost()).isCloseTo(1.0, offset(1e-12));
        // Onboard window (t-10, t] holds at most one of the losses at 100..129 from t = 138 on.
        assertThat(r.recovery90TimeS()).isCloseTo(38.0, offset(1e-12));
        // Oracle: at most one of 100..104 from t = 113 on.
        assertThat(r.oracleRecovery90TimeS()).isCloseTo(13.0, offset(1e-12));
        // Within 10 % of the oracle, paired: e = onboard - 1.1 x oracle; from t = 114 the oracle's
        // window is all 0, so e = onboard: with k ones among 10 samples SE = sqrt((k - k^2/10) / 9 / 10),
        // and k/10 <= 2 SE holds for k <= 3, i.e. t >= 136 (before that, at t = 110..113, e has mean
        // 0.56..0.89 against 2 SE below 0.4).
        assertThat(r.recoveryTimeS()).isCloseTo(36.0, offset(1e-12));
        assertThat(r.kind()).isEqualTo(DriftOutcome.DriftKind.ABRUPT);
    }

    @Test
    void aLearnerThatGotWorseDoesNotRecoverAndANextDriftEndsTheSearch() {
        int n = 200;
        WindowedRecovery w = new WindowedRecovery(times(n), n, 10, 5);
        WindowedRecovery.Series frozen = w.new Series(step(n, 100, n));
        WindowedRecovery.Series worse = w.new Series(step(n, 100, n));
        WindowedRecovery.Series oracle = w.new Series(step(n, 100, 105));
        assertThat(w.abrupt(100, Double.POSITIVE_INFINITY, frozen, worse, oracle).recovery90TimeS()).isNaN();
        // The same learner as above (back at 138 s) with another drift at 130 s: not recovered before it.
        WindowedRecovery.Series onboard = w.new Series(step(n, 100, 130));
        assertThat(w.abrupt(100, 130, frozen, onboard, oracle).recovery90TimeS()).isNaN();
    }

    @Test
    void gradualDriftIsTrackingTheOracleWithinTenPercentAndCanFail() {
        int n = 100;
        double[] t = times(n);
        double[] rising = new double[n];
        double[] oracle = new double[n];
        double[] close = new double[n];
        double[] far = new double[n];
        for (int i = 0; i < n; i++) {
            rising[i] = 0.1 + 0.01 * i;
            oracle[i] = 0.2;
            close[i] = 0.21; // 5 % above the oracle
            far[i] = 0.3;    // 50 % above
        }
        WindowedRecovery w = new WindowedRecovery(t, n, 10, 5);
        DriftOutcome.Recovery ok = w.gradual(w.new Series(rising), w.new Series(close), w.new Series(oracle));
        // First full window ends at t = 10; the frozen model's window mean rose from 0.155 (samples
        // 1..10) to 1.045 (samples 90..99).
        assertThat(ok.kind()).isEqualTo(DriftOutcome.DriftKind.GRADUAL);
        assertThat(ok.recovery90TimeS()).isCloseTo(10.0, offset(1e-12));
        assertThat(ok.oracleRecovery90TimeS()).isZero();
        assertThat(ok.errorLost()).isCloseTo(0.89, offset(1e-9));
        assertThat(w.gradual(w.new Series(rising), w.new Series(far), w.new Series(oracle)).recovery90TimeS()).isNaN();
        List<DriftOutcome.Recovery> all = w.all(new double[0], true, w.new Series(rising), w.new Series(close),
                w.new Series(oracle));
        assertThat(all).singleElement().extracting(DriftOutcome.Recovery::kind).isEqualTo(DriftOutcome.DriftKind.GRADUAL);
    }
}

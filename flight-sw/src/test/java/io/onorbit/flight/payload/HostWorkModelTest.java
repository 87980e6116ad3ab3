package io.onorbit.flight.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.optimizer.DigitalEnergyCosts;
import org.junit.jupiter.api.Test;

class HostWorkModelTest {

    /**
     * A 2-3-1 network, last layer trained exactly (n = 3 hidden + bias = 4), counted by hand:
     * forward 2*3 + 3*1 = 9 MACs, 4 bias adds, 3 tanh, 14 + 8 = 22 accesses; normal-equation sums
     * 4*5/2 + 4 = 14 MACs, 28 accesses; replay store 2 * (2 + 1) = 6 accesses.
     */
    @Test
    void countsOneSampleOfASmallNetworkAsByHand() {
        LearningSettings s = LearningSettings.defaults().withSubset(TrainableSubset.Kind.LAST_LAYER).withHiddenLayers(3)
                .withReplay(16, 5);
        HostWorkModel m = new HostWorkModel(2, s, 4);
        assertThat(m.perSample()).isEqualTo(new HostWork(23, 27, 3, 56));
        // per update: 5 replayed samples, then A and b (n^2 + n mults, n^2 + n(n+1)/2 + n adds,
        // n + n(n+1)/2 divides, 2n^2 + 2n accesses) and the write-back (n adds, 3n accesses)
        HostWork expected = new HostWork(23 * 5 + 20, 27 * 5 + 30 + 4, 3 * 5 + 14, 56 * 5 + 40 + 12);
        assertThat(m.perUpdate()).isEqualTo(expected);
    }

    /** Priced like Horowitz: 3.7 pJ per multiply, 0.9 per add, 10 per access (8 KB), 70 per instruction. */
    @Test
    void pricesAtHorowitzFigures() {
        HostWork w = new HostWork(10, 20, 1, 30);
        double pj = 10 * 3.7 + 1 * 4 * 3.7 + 20 * 0.9 + 30 * 10 + 61 * 70;
        assertThat(w.energyJ(DigitalEnergyCosts.horowitz45nm(), 4096)).isCloseTo(pj * 1e-12, within(1e-18));
        assertThat(w.timeS(61)).isEqualTo(1.0);
    }
}

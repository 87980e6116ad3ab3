package io.onorbit.flight.learning.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryAccountantTest {

    @Test
    void countsExactlyTheBytesOfTheArraysItReturns() {
        MemoryAccountant m = new MemoryAccountant(10_000);
        float[] f = m.floats("f", MemoryCategory.WEIGHTS, 100);
        double[] d = m.doubles("d", MemoryCategory.OPTIMIZER_STATE, 30);
        int[] i = m.ints("i", MemoryCategory.OPTIMIZER_STATE, 7);
        assertThat(m.usedBytes()).isEqualTo(f.length * 4L + d.length * 8L + i.length * 4L);
        assertThat(m.byCategory().get(MemoryCategory.OPTIMIZER_STATE)).isEqualTo(240 + 28);
    }

    @Test
    void refusesABlockThatDoesNotFitNamingItAndTheOvershoot() {
        MemoryAccountant m = new MemoryAccountant(1000);
        m.floats("parameters", MemoryCategory.WEIGHTS, 200);
        assertThatThrownBy(() -> m.doubles("replay buffer", MemoryCategory.REPLAY, 30))
                .isInstanceOf(MemoryBudgetException.class)
                .hasMessageContaining("replay buffer").hasMessageContaining("exceeded by 40 B")
                .satisfies(e -> assertThat(((MemoryBudgetException) e).overBytes()).isEqualTo(40));
        assertThat(m.usedBytes()).isEqualTo(800); // nothing charged for the refused block
    }
}

package io.onorbit.flight.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadAllocationTest {

    /** Hand-computed splits of a 30 s step for a 2 W / 0.5 W payload and a 2 W switched-off one. */
    @ParameterizedTest
    @CsvSource({
        // idleW, envelopeW, trainingS, idleS, offS, drawnJ
        "0.5, 0.4, 0, 0, 30, 0",          // below the idle draw: off for the step
        "0.5, 0.5, 0, 30, 0, 15",         // exactly idle: powered, not training
        "0.5, 1.0, 10, 20, 0, 30",        // d = (1 - 0.5) / (2 - 0.5) = 1/3: 2*10 + 0.5*20 = 30 J = 1 W * 30 s
        "0.5, 5.0, 30, 0, 0, 60",         // more than it can use: trains the whole step at 2 W
        "0, 0.5, 7.5, 0, 22.5, 15",       // switched off when idle: d = 0.5 / 2
        "0, 0, 0, 0, 30, 0",
        "0, 2, 30, 0, 0, 60"})
    void splitsTheStepAsComputedByHand(double idleW, double envelopeW, double trainingS, double idleS, double offS,
                                       double drawnJ) {
        PayloadSpec spec = new PayloadSpec(PayloadEngine.DIGITAL, 2.0, idleW, 1e8);
        PayloadAllocation a = PayloadAllocation.of(spec, envelopeW, 30);
        assertThat(a.trainingS()).isCloseTo(trainingS, within(1e-9));
        assertThat(a.idleS()).isCloseTo(idleS, within(1e-9));
        assertThat(a.offS()).isCloseTo(offS, within(1e-9));
        assertThat(a.drawnJ()).isCloseTo(drawnJ, within(1e-9));
    }

    @Test
    void noAllowanceMeansOff() {
        PayloadAllocation a = PayloadAllocation.of(PayloadSpec.analogMcuHost(), Double.NaN, 30);
        assertThat(a.offS()).isEqualTo(30);
        assertThat(a.drawnJ()).isZero();
    }

    /** For any envelope: duty in [0, 1], times add up to the step, mean draw within the envelope. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void neverDrawsMoreThanTheEnvelope(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 2000; i++) {
            double active = 0.01 + 5 * r.nextDouble();
            double idle = r.nextBoolean() ? 0 : active * r.nextDouble();
            PayloadSpec spec = new PayloadSpec(PayloadEngine.ANALOG, active, idle, 1e8);
            double env = 6 * r.nextDouble();
            double dt = 1 + 119 * r.nextDouble();
            PayloadAllocation a = PayloadAllocation.of(spec, env, dt);
            assertThat(a.duty()).isBetween(0.0, 1.0);
            assertThat(a.dtS()).isCloseTo(dt, within(1e-9 * dt));
            assertThat(a.drawnJ()).isLessThanOrEqualTo(env * dt * (1 + 1e-12) + 1e-12);
            // energy is draw x time in each state
            assertThat(a.drawnJ()).isCloseTo(active * a.trainingS() + idle * a.idleS(), within(1e-9 * (1 + a.drawnJ())));
            // whenever it cannot train the whole step, it takes the whole allowance (if powered at all)
            if (a.duty() < 1 && a.drawnJ() > 0) {
                assertThat(a.drawnJ()).isCloseTo(env * dt, within(1e-9 * env * dt));
            }
        }
    }
}

package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.verification.sim.DeltaLedger;
import org.junit.jupiter.api.Test;

/** Every invariant holds on a healthy step and fires when its property is broken on purpose. */
class InvariantsTest {

    @Test
    void healthyStepPassesEveryInvariant() {
        StepStates s = new StepStates();
        s.send(StepStates.packet(100, 0, 100));
        for (Invariant inv : Invariants.forSatellite()) {
            assertThat(inv.check(s.build())).as(inv.name()).isNull();
        }
    }

    @Test
    void socUnderFloorFires() {
        StepStates s = new StepStates();
        s.soc = 0.2999;
        assertThat(new Invariants.SocFloor().check(s.build())).contains("under the floor");
        s.soc = 0.3; // exactly at the floor is allowed
        assertThat(new Invariants.SocFloor().check(s.build())).isNull();
        s.soc = Double.NaN; // a battery model that lost its state is a violation, not a pass
        assertThat(new Invariants.SocFloor().check(s.build())).isNotNull();
        s.soc = 0.3;
        s.unservedWh = 0.01; // held at the floor only by refusing a load
        assertThat(new Invariants.SocFloor().check(s.build())).contains("refused");
    }

    @Test
    void optimizerAboveEnvelopeFires() {
        StepStates s = new StepStates();
        s.optimizerW = 2.0001;
        assertThat(new Invariants.Envelope().check(s.build())).contains("above the envelope");
        s.optimizerW = 1.0;
        s.envelopeW = 2.0;
        StepStates longUpdate = s;
        assertThat(new Invariants.Envelope().check(longUpdate.build())).isNull();
        s.energyJ = 61; // two updates at 1 W peak, 61 J in 30 s: mean above 2 W
        assertThat(new Invariants.Envelope().check(s.build())).contains("more than the envelope");
        s.energyJ = Double.NaN;
        s.envelopeW = 0.9; // peak 1.0 W above 0.9 W
        assertThat(new Invariants.Envelope().check(s.build())).contains("above the envelope");
        s.envelopeW = Double.NaN; // no envelope known: any training draw is above it
        s.optimizerW = 0.1;
        assertThat(new Invariants.Envelope().check(s.build())).isNotNull();
    }

    @Test
    void transmissionOutsideContactFires() {
        StepStates s = new StepStates();
        s.overlapS = 0;
        s.send(StepStates.packet(100, 0, 10));
        assertThat(new Invariants.Contact().check(s.build())).contains("outside any contact window");
    }

    @Test
    void transmissionAboveRateTimesDurationFires() {
        StepStates s = new StepStates();
        s.overlapS = 1; // 9600 bit/s for 1 s: 1200 bytes, plus one packet of slack
        s.send(StepStates.packet(100, 0, 1000), StepStates.packet(100, 1, 1000), StepStates.packet(100, 2, 1000));
        assertThat(new Invariants.Contact().check(s.build())).contains("at most");
    }

    @Test
    void sequenceCountGoingBackFires() {
        Invariants.SequenceCounters inv = new Invariants.SequenceCounters();
        StepStates s = new StepStates();
        assertThat(inv.check(s.send(StepStates.packet(100, 16382, 4), StepStates.packet(100, 16383, 4)).build())).isNull();
        // Wrapping from 16383 to 0 is an advance, not a regression.
        assertThat(inv.check(s.send(StepStates.packet(100, 0, 4)).build())).isNull();
        // The very same packet again (a selective-repeat resend) is not a new packet: allowed.
        assertThat(inv.check(s.send(StepStates.packet(100, 16383, 4)).build())).isNull();
        // A different packet under a count that does not advance is a regression.
        assertThat(inv.check(s.send(StepStates.packet(100, 0, 5)).build())).contains("went from 0 to 0");
        // Another APID has its own counter.
        assertThat(inv.check(s.send(StepStates.packet(101, 7, 4)).build())).isNull();
        assertThat(inv.check(s.send(StepStates.packet(101, 5, 4)).build())).contains("APID 101");
    }

    @Test
    void uplinkCounterReplayFires() {
        Invariants.SequenceCounters inv = new Invariants.SequenceCounters();
        StepStates s = new StepStates();
        s.counters = new long[] {5, 6};
        assertThat(inv.check(s.build())).isNull();
        s.counters = new long[] {6};
        assertThat(inv.check(s.build())).contains("counter 6 accepted after 6");
    }

    @Test
    void memoryOverBudgetFires() {
        StepStates s = new StepStates();
        s.memoryUsed = 65_537;
        assertThat(new Invariants.MemoryBudget().check(s.build())).contains("budget 65536");
    }

    @Test
    void exceptionFires() {
        StepStates s = new StepStates();
        s.error = new IllegalStateException("boom");
        assertThat(new Invariants.NoUncaughtException().check(s.build())).contains("boom");
    }

    @Test
    void silentLossDuplicateAndInventedDeltaFire() {
        Invariants.DeltaAccounting inv = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates s = new StepStates();
        s.generated = new long[] {1};
        s.queued = new long[] {1};
        assertThat(inv.check(s.build())).isNull();
        s.generated = new long[] {2};
        s.queued = new long[] {2}; // delta 1 vanished from the queue without being delivered
        assertThat(inv.check(s.build())).contains("delta id 1 is neither delivered nor queued");

        Invariants.DeltaAccounting dup = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates d = new StepStates();
        d.generated = new long[] {1};
        d.queued = new long[] {1};
        dup.check(d.build());
        d.generated = new long[] {};
        d.delivered = new long[] {1};
        assertThat(dup.check(d.build())).isNull();
        assertThat(dup.check(d.build())).contains("delivered twice");
        assertThat(dup.ledger().duplicated()).isEqualTo(1);

        Invariants.DeltaAccounting invented = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates i = new StepStates();
        i.queued = new long[] {9};
        assertThat(invented.check(i.build())).contains("never generated");
    }
}

package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.ground.archive.UplinkRecord;
import io.onorbit.verification.soak.DeltaLedger;
import io.onorbit.verification.soak.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every invariant holds on a healthy step and fires when exactly its property is broken on
 * purpose, judged against the truth (true contact windows, the ground archive), not the
 * spacecraft's own view.
 */
class InvariantsTest {

    /** A true pass from t = 600 s to 1200 s at 9600 bit/s down, 64 kbit/s up. */
    private static final ContactWindow PASS = new ContactWindow("svalbard", 600, 1200, 40, 9600, 64000);
    private static final Instant T0 = Instant.parse("2026-06-21T00:00:00Z");

    private static StepStates at(double startS) {
        StepStates s = new StepStates();
        s.step = Math.round(startS / 30);
        return s;
    }

    @Test
    void healthyStepPassesEveryInvariant() {
        StepStates s = at(600);
        s.send(StepStates.packet(100, 0, 100));
        for (Invariant inv : Invariants.forSatellite(List.of(PASS))) {
            assertThat(inv.check(s.build())).as(inv.name()).isEmpty();
            assertThat(inv.groundSynced(GroundRecord.nothing(630))).as(inv.name()).isEmpty();
        }
    }

    @Test
    void socUnderFloorFires() {
        StepStates s = new StepStates();
        s.soc = 0.2999;
        assertThat(new Invariants.SocFloor().check(s.build()).orElseThrow()).contains("under the floor");
        s.soc = 0.3; // exactly at the floor is allowed
        assertThat(new Invariants.SocFloor().check(s.build())).isEmpty();
        s.soc = Double.NaN; // a battery model that lost its state is a violation, not a pass
        assertThat(new Invariants.SocFloor().check(s.build())).isPresent();
        s.soc = 0.3;
        s.unservedWh = 0.01; // held at the floor only by refusing a load
        assertThat(new Invariants.SocFloor().check(s.build()).orElseThrow()).contains("refused");
    }

    @Test
    void aCrossingTheProtectedBatteryHidesFiresOnTheRealDraw() {
        StepStates s = new StepStates();
        s.soc = 0.3; // the protected battery sits exactly at its floor...
        s.realDrawSoc = 0.2995; // ...because it cut a load the real draw would have taken below it
        assertThat(new Invariants.SocFloor().check(s.build()).orElseThrow()).contains("under the real draw 0.299500");
        s.realDrawSoc = 0.3001;
        assertThat(new Invariants.SocFloor().check(s.build())).isEmpty();
    }

    @Test
    void optimizerAboveEnvelopeFires() {
        StepStates s = new StepStates();
        s.optimizerW = 2.0001;
        assertThat(new Invariants.Envelope().check(s.build()).orElseThrow()).contains("above the envelope");
        s.optimizerW = 1.0;
        s.envelopeW = java.util.OptionalDouble.of(2.0);
        StepStates longUpdate = s;
        assertThat(new Invariants.Envelope().check(longUpdate.build())).isEmpty();
        s.energyJ = 61; // two updates at 1 W peak, 61 J in 30 s: mean above 2 W
        assertThat(new Invariants.Envelope().check(s.build()).orElseThrow()).contains("more than the envelope");
        s.energyJ = Double.NaN;
        s.envelopeW = java.util.OptionalDouble.of(0.9); // peak 1.0 W above 0.9 W
        assertThat(new Invariants.Envelope().check(s.build()).orElseThrow()).contains("above the envelope");
        s.envelopeW = java.util.OptionalDouble.empty(); // no envelope known: any training draw is above it
        s.optimizerW = 0.1;
        assertThat(new Invariants.Envelope().check(s.build())).isPresent();
    }

    @Test
    void transmissionOutsideTheTrueContactFiresWhateverTheSpacecraftBelieves() {
        Invariants.Contact inv = new Invariants.Contact(List.of(PASS));
        StepStates s = at(300); // 300 s before the true AOS...
        s.overlapS = 30; // ...while the step's own bookkeeping (or the onboard clock) claims a contact
        s.send(StepStates.packet(100, 0, 10));
        assertThat(inv.check(s.build()).orElseThrow()).contains("outside every true contact window");
        StepStates straddle = at(570); // keyed from 590 s to 620 s: starts 10 s before AOS
        straddle.txFromS = 20;
        straddle.send(StepStates.packet(100, 0, 10));
        assertThat(inv.check(straddle.build()).orElseThrow()).contains("outside every true contact window");
        StepStates after = at(1170); // keyed to 1201 s: one second after LOS
        after.txUntilS = 31;
        after.send(StepStates.packet(100, 0, 10));
        assertThat(inv.check(after.build()).orElseThrow()).contains("outside every true contact window");
        StepStates inside = at(1170);
        inside.send(StepStates.packet(100, 0, 10));
        assertThat(inv.check(inside.build())).isEmpty();
        assertThat(new Invariants.Contact(List.of()).check(at(600).send(StepStates.packet(100, 0, 10)).build()).orElseThrow())
                .as("no true pass at all").contains("outside every true contact window");
    }

    @Test
    void transmissionAboveTheTrueRateTimesDurationFires() {
        Invariants.Contact inv = new Invariants.Contact(List.of(PASS));
        StepStates s = at(600);
        s.txUntilS = 1; // 9600 bit/s for 1 s: 1200 bytes, plus one packet of slack
        s.downlinkBps = 1e9; // the step's own idea of the rate does not matter: the true pass's does
        s.send(StepStates.packet(100, 0, 1000), StepStates.packet(100, 1, 1000), StepStates.packet(100, 2, 1000));
        assertThat(inv.check(s.build()).orElseThrow()).contains("at most");
    }

    @Test
    void sequenceCountGoingBackFires() {
        Invariants.SequenceCounters inv = new Invariants.SequenceCounters();
        StepStates s = new StepStates();
        assertThat(inv.check(s.send(StepStates.packet(100, 16382, 4), StepStates.packet(100, 16383, 4)).build())).isEmpty();
        // Wrapping from 16383 to 0 is an advance, not a regression.
        assertThat(inv.check(s.send(StepStates.packet(100, 0, 4)).build())).isEmpty();
        // The very same packet again (a selective-repeat resend) is not a new packet: allowed.
        assertThat(inv.check(s.send(StepStates.packet(100, 16383, 4)).build())).isEmpty();
        // A different packet under a count that does not advance is a regression.
        assertThat(inv.check(s.send(StepStates.packet(100, 0, 5)).build()).orElseThrow()).contains("went from 0 to 0");
        // Another APID has its own counter.
        assertThat(inv.check(s.send(StepStates.packet(101, 7, 4)).build())).isEmpty();
        assertThat(inv.check(s.send(StepStates.packet(101, 5, 4)).build()).orElseThrow()).contains("APID 101");
    }

    private static final float[] V1 = {1f, 2f, 3f};
    private static final float[] V2 = {1f, 2f, 4f};

    private static GroundRecord signedAndPublished(double tS, List<UplinkRecord> signed, ModelVersion... published) {
        return new GroundRecord(tS, new long[0], signed, List.of(published));
    }

    private static UplinkRecord signed(long counter, long from, long to) {
        return new UplinkRecord("sat-1", counter, from, to, 100, T0);
    }

    @Test
    void aGenuineUpdateAppliedIsSilent() {
        Invariants.GenuineCommandsOnly inv = new Invariants.GenuineCommandsOnly();
        assertThat(inv.groundSynced(signedAndPublished(0, List.of(signed(1, 0, 1)), ModelVersion.of(1, V1)))).isEmpty();
        StepStates s = new StepStates();
        s.applied = List.of(new StepState.AppliedUpdate(1, 1, V1.clone()));
        assertThat(inv.check(s.build())).isEmpty();
        assertThat(inv.groundSynced(GroundRecord.nothing(60))).isEmpty();
        assertThat(inv.applied()).isEqualTo(1);
        assertThat(inv.signedNotApplied()).isZero();
    }

    @Test
    void aTimeBeaconTheGroundDidNotSendOrAnOlderOneSettingTheClockFires() {
        Invariants.GenuineCommandsOnly inv = new Invariants.GenuineCommandsOnly();
        StepStates s = new StepStates();
        s.beaconsSent = new long[] {60_000};
        s.beaconsAccepted = new long[] {60_000};
        assertThat(inv.check(s.build())).isEmpty(); // the ground's own
        s.beaconsSent = new long[] {90_000};
        s.beaconsAccepted = new long[] {90_000 + 3_600_000}; // a forged time
        assertThat(inv.check(s.build()).orElseThrow()).contains("never sent").contains("forged");
        Invariants.GenuineCommandsOnly replay = new Invariants.GenuineCommandsOnly();
        s.beaconsSent = new long[] {120_000};
        s.beaconsAccepted = new long[] {120_000};
        assertThat(replay.check(s.build())).isEmpty();
        s.beaconsSent = new long[] {150_000};
        s.beaconsAccepted = new long[] {120_000}; // the one accepted before, again
        assertThat(replay.check(s.build()).orElseThrow()).contains("replayed or reordered");
        s.beaconsAccepted = new long[0]; // refused: silent
        assertThat(replay.check(s.build())).isEmpty();
        assertThat(replay.beaconsAccepted()).isEqualTo(2);
        // A genuine beacon never accepted, played back more than the allowed age later.
        Invariants.GenuineCommandsOnly late = new Invariants.GenuineCommandsOnly();
        StepStates t = new StepStates();
        t.beaconsSent = new long[] {0};
        late.check(t.build());
        for (int i = 0; i < 20; i++) {
            t.beaconsSent = new long[0];
            assertThat(late.check(t.build())).isEmpty();
        }
        t.beaconsAccepted = new long[] {0}; // at true t = 630 s
        assertThat(late.check(t.build()).orElseThrow()).contains("older than 600.0 s");
    }

    @Test
    void aReplayedOrReorderedCommandAcceptedFires() {
        Invariants.GenuineCommandsOnly inv = new Invariants.GenuineCommandsOnly();
        StepStates s = new StepStates();
        s.applied = List.of(new StepState.AppliedUpdate(5, 1, V1), new StepState.AppliedUpdate(6, 2, V2));
        assertThat(inv.check(s.build())).isEmpty();
        s.applied = List.of(new StepState.AppliedUpdate(6, 2, V2)); // the very same command again
        assertThat(inv.check(s.build()).orElseThrow()).contains("counter 6 applied after counter 6");
        s.applied = List.of(new StepState.AppliedUpdate(4, 1, V1)); // an older one after a newer one
        assertThat(inv.check(s.build()).orElseThrow()).contains("counter 4 applied after counter 6");
    }

    @Test
    void aForgedCommandAcceptedFiresAtTheNextSynchronization() {
        Invariants.GenuineCommandsOnly inv = new Invariants.GenuineCommandsOnly();
        inv.groundSynced(signedAndPublished(0, List.of(signed(1, 0, 1)), ModelVersion.of(1, V1)));
        StepStates s = new StepStates();
        s.applied = List.of(new StepState.AppliedUpdate(2, 1, V1)); // a counter the ground never signed
        assertThat(inv.check(s.build())).isEmpty();
        assertThat(inv.groundSynced(GroundRecord.nothing(60)).orElseThrow()).contains("never signed");
        assertThat(inv.signedNotApplied()).isEqualTo(1);

        Invariants.GenuineCommandsOnly content = new Invariants.GenuineCommandsOnly();
        content.groundSynced(signedAndPublished(0, List.of(signed(1, 0, 1)), ModelVersion.of(1, V1)));
        s.applied = List.of(new StepState.AppliedUpdate(1, 1, V2)); // signed counter and version, other parameters
        content.check(s.build());
        assertThat(content.groundSynced(GroundRecord.nothing(60)).orElseThrow()).contains("parameters installed differ");

        Invariants.GenuineCommandsOnly version = new Invariants.GenuineCommandsOnly();
        version.groundSynced(signedAndPublished(0, List.of(signed(1, 0, 1)), ModelVersion.of(1, V1), ModelVersion.of(2, V2)));
        s.applied = List.of(new StepState.AppliedUpdate(1, 2, V2)); // counter signed for version 1 installs version 2
        version.check(s.build());
        assertThat(version.groundSynced(GroundRecord.nothing(60)).orElseThrow()).contains("signed it for version 1");
    }

    @Test
    void aPublishedVersionNotAppliedWithinItsPassesFires() {
        Invariants.UpdatesApplied inv = new Invariants.UpdatesApplied(3);
        inv.groundSynced(signedAndPublished(0, List.of(), ModelVersion.of(1, V1)));
        StepStates s = new StepStates();
        for (int pass = 1; pass <= 3; pass++) {
            s.uplinkS = 30; // a pass with uplink time...
            assertThat(inv.check(s.build())).isEmpty();
            s.uplinkS = 0; // ...lost passes in between do not count
            Optional<String> r = inv.check(s.build());
            if (pass < 3) {
                assertThat(r).as("pass %d", pass).isEmpty();
            } else {
                assertThat(r.orElseThrow()).contains("global version 1").contains("not applied after 3 passes");
            }
        }
        assertThat(inv.check(s.build())).as("reported once").isEmpty();
        assertThat(inv.maxLagS()).as("still waiting: its lag keeps growing").isEqualTo(7 * 30.0);
    }

    @Test
    void aVersionAppliedInItsSecondPassIsSilentAndItsLagMeasured() {
        Invariants.UpdatesApplied inv = new Invariants.UpdatesApplied(3);
        inv.groundSynced(signedAndPublished(0, List.of(), ModelVersion.of(1, V1), ModelVersion.of(2, V2)));
        StepStates s = new StepStates(); // steps of 30 s from t = 0
        s.uplinkS = 30;
        assertThat(inv.check(s.build())).isEmpty();
        s.uplinkS = 0;
        assertThat(inv.check(s.build())).isEmpty();
        s.uplinkS = 30;
        s.applied = List.of(new StepState.AppliedUpdate(1, 2, V2)); // the newer version covers both
        assertThat(inv.check(s.build())).isEmpty(); // third step: ends at 90 s
        s.applied = List.of();
        for (int i = 0; i < 10; i++) {
            s.uplinkS = i % 2 == 0 ? 0 : 30;
            assertThat(inv.check(s.build())).isEmpty();
        }
        assertThat(inv.maxLagS()).isEqualTo(90.0);
    }

    @Test
    void memoryOverBudgetFires() {
        StepStates s = new StepStates();
        s.memoryUsed = 65_537;
        assertThat(new Invariants.MemoryBudget().check(s.build()).orElseThrow()).contains("budget 65536");
    }

    @Test
    void exceptionFires() {
        StepStates s = new StepStates();
        s.error = new IllegalStateException("boom");
        assertThat(new Invariants.NoUncaughtException().check(s.build()).orElseThrow()).contains("boom");
    }

    private static GroundRecord archived(double tS, long... ids) {
        return new GroundRecord(tS, ids, List.of(), List.of());
    }

    @Test
    void aDeltaThatLeftTheQueueCountsOnlyOnceTheArchiveHoldsIt() {
        Invariants.DeltaAccounting inv = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates s = new StepStates();
        s.generated = new long[] {1, 2};
        s.queued = new long[] {1, 2};
        assertThat(inv.check(s.build())).isEmpty();
        s.generated = new long[] {};
        s.queued = new long[] {2}; // delta 1 acknowledged: it left the queue
        assertThat(inv.check(s.build())).isEmpty();
        assertThat(inv.groundSynced(archived(60, 1))).isEmpty();
        assertThat(inv.ledger().delivered()).isEqualTo(1);
        assertThat(inv.ledger().outstanding()).isEqualTo(1);
    }

    @Test
    void silentLossDuplicateAndInventedDeltaFireAgainstTheArchive() {
        Invariants.DeltaAccounting inv = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates s = new StepStates();
        s.generated = new long[] {1};
        s.queued = new long[] {1};
        assertThat(inv.check(s.build())).isEmpty();
        s.generated = new long[] {2};
        s.queued = new long[] {2}; // delta 1 left the queue (the link may even have counted it delivered)...
        assertThat(inv.check(s.build())).isEmpty();
        assertThat(inv.groundSynced(archived(60)).orElseThrow()) // ...but the archive does not hold it
                .contains("delta id 1 left the spacecraft's queue").contains("silent loss");
        assertThat(inv.groundSynced(archived(120))).as("booked once").isEmpty();
        assertThat(inv.ledger().silentlyLost()).isEqualTo(1);

        Invariants.DeltaAccounting dup = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates d = new StepStates();
        d.generated = new long[] {1};
        d.queued = new long[] {1};
        dup.check(d.build());
        assertThat(dup.groundSynced(archived(60, 1))).isEmpty();
        assertThat(dup.groundSynced(archived(120, 1)).orElseThrow()).contains("archived twice");
        assertThat(dup.ledger().duplicated()).isEqualTo(1);

        Invariants.DeltaAccounting invented = new Invariants.DeltaAccounting(new DeltaLedger());
        StepStates i = new StepStates();
        i.queued = new long[] {9};
        assertThat(invented.check(i.build()).orElseThrow()).contains("never generated");
        assertThat(invented.groundSynced(archived(60, 8)).orElseThrow()).contains("archived delta id 8 that was never generated");
    }
}

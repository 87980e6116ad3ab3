package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.executive.ExecutiveEvents;
import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.PowerTelemetry;
import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.executive.TickReport;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.storage.CrashingFileOps;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.FlightStorage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The update invariant end to end: the real loop (orbit, flight executive, ground, archive) with
 * one satellite whose receiver drops every model-update packet and nothing else. Exactly that
 * satellite's published versions go unapplied, and {@code global_update_applied_within_passes}
 * catches it from the truth (the archive's published versions and the true passes with uplink
 * time); the satellites that hear their updates pass, and their lag is measured.
 */
class UpdatesAppliedSoakTest {

    private static final String INVARIANT = "global_update_applied_within_passes";
    private static MissionSetup setup;

    @BeforeAll
    static void plan() throws URISyntaxException {
        Path mission = Path.of(Objects.requireNonNull(UpdatesAppliedSoakTest.class.getResource("/soak-small.yaml")).toURI());
        setup = MissionSetups.load(mission, null);
    }

    private static SimulationResult run(StageFactory stages, double days) {
        Path work = FlightStorage.newRunFolder();
        try {
            return new MissionSimulator(setup.mission(), setup.schedules(), stages, setup.settings(), work)
                    .withSeed(3).run(days * 86400);
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    @Test
    void aSatelliteThatDropsItsUpdatesIsCaughtAndOnlyIt() {
        String deaf = setup.schedules().get(1).satellite();
        SimulationResult r = run(droppingUpdates(setup.stages(), deaf), 2);

        assertThat(r.invariantViolations().get(INVARIANT)).isPositive();
        assertThat(r.firstViolations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.invariant()).isEqualTo(INVARIANT);
            assertThat(v.satellite()).isEqualTo(deaf);
            assertThat(v.reason()).contains("is not applied after " + Invariants.UpdatesApplied.PASSES + " passes with uplink time");
        });
        assertThat(r.totalViolations()).isEqualTo(r.invariantViolations().get(INVARIANT));
        assertThat(r.passed()).isFalse();
        for (SimulationResult.Satellite s : r.satellites()) {
            if (s.name().equals(deaf)) {
                assertThat(s.updatesApplied()).isZero();
                // never applied: its lag runs to the end of the run
                assertThat(s.updateMaxLagS()).isGreaterThan(86400.0);
            } else {
                assertThat(s.updatesApplied()).as(s.name()).isPositive();
            }
        }
    }

    @Test
    void theSameRunWithEveryUpdateHeardPassesAndReportsItsLag() {
        SimulationResult r = run(setup.stages(), 2);
        assertThat(r.invariantViolations().get(INVARIANT)).isZero();
        assertThat(r.totalViolations()).isZero();
        assertThat(r.ground().orElseThrow().versionsPublished()).isPositive();
        // a version is published at a synchronization and applied in a later pass: a positive, finite lag
        assertThat(r.maxUpdateLagS()).isPositive().isLessThan(86400.0);
    }

    @Test
    void anUpdateAppliedJustBeforeAResetIsCountedFromWhatTheNextBootHolds() {
        // The reset loses the applied event, and the spacecraft then refuses the re-offered update
        // as a replay (it holds it): only the boot's report of the version held can show it applied.
        String forgetful = setup.schedules().get(0).satellite();
        List<ResetOnApply> wrapped = new java.util.ArrayList<>();
        StageFactory stages = new FlightWrappedStages(setup.stages(), forgetful::equals,
                (f, flash, flashDir, clock, transmitter) -> {
                    ResetOnApply w = new ResetOnApply(f.boot(flash, flashDir, clock, transmitter));
                    if (!wrapped.isEmpty()) {
                        w.resets = wrapped.get(wrapped.size() - 1).resets; // the fault's budget outlives the reboot
                    }
                    wrapped.add(w);
                    return w;
                });
        SimulationResult r = run(stages, 2);

        assertThat(wrapped.get(wrapped.size() - 1).resets).as("resets right after an apply").isEqualTo(3);
        assertThat(r.invariantViolations().get(INVARIANT)).isZero();
        assertThat(r.totalViolations()).isZero();
        SimulationResult.Satellite s = r.satellites().stream().filter(x -> x.name().equals(forgetful)).findFirst().orElseThrow();
        assertThat(s.updatesApplied()).isPositive();
    }

    /** The mission's real stages, but one satellite's receiver loses every model-update packet. */
    private static StageFactory droppingUpdates(StageFactory real, String deaf) {
        ApidPlan plan = new ApidPlan(setup.schedules().stream().map(OnboardSchedule::satellite).toList(),
                LinkConfig.defaults().apidBase());
        int updateApid = plan.apid(Product.MODEL_UPDATE);
        return new FlightWrappedStages(real, deaf::equals,
                (f, flash, flashDir, clock, transmitter) -> new Deaf(f.boot(flash, flashDir, clock, transmitter), updateApid));
    }

    /** Flight software whose receiver drops the packets of one APID (CCSDS primary header, 11-bit APID). */
    private static final class Deaf extends DelegatingFlightSoftware {
        private final int droppedApid;

        Deaf(FlightSoftware inner, int droppedApid) {
            super(inner);
            this.droppedApid = droppedApid;
        }

        @Override
        public void uplink(List<byte[]> packets) {
            inner.uplink(packets.stream()
                    .filter(p -> p.length < 2 || (((p[0] & 0x07) << 8) | (p[1] & 0xFF)) != droppedApid).toList());
        }
    }

    /**
     * Flight software that is reset the moment it has applied an update, before it could report
     * it: the applied event is lost with its RAM; only the flash knows the update was applied.
     */
    private static final class ResetOnApply extends DelegatingFlightSoftware {
        private boolean lostReport;
        private int resets;

        ResetOnApply(FlightSoftware inner) {
            super(inner);
        }

        @Override
        public void uplink(List<byte[]> packets) {
            long before = inner.heldGlobal().version().version();
            inner.uplink(packets);
            if (inner.heldGlobal().version().version() != before && resets < 3) {
                lostReport = true;
                resets++;
                throw new java.io.UncheckedIOException(new CrashingFileOps.SimulatedCrash("reset right after applying an update"));
            }
        }

        @Override
        public ExecutiveEvents drainEvents() {
            ExecutiveEvents e = inner.drainEvents();
            if (!lostReport) {
                return e;
            }
            lostReport = false;
            return new ExecutiveEvents(e.generatedIds(), e.mergedIds(), e.corruptedIds(), List.of(), e.refused(), e.payload(),
                    e.beaconsAcceptedMs(), e.beaconsRefused());
        }
    }
}

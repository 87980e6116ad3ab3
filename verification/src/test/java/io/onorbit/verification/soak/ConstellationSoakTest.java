package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.FlightStorage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageStatus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI soak: a three-satellite constellation over 5 simulated days with every real part
 * wired and every fault kind on, at rates raised so that each kind strikes within the span, must
 * end with zero invariant violations; each fault kind must really have been injected, deltas must
 * have flowed, and the same seed must give the same run. Long soaks (a year, a 12-satellite
 * Walker) are benchmarks, not tests: see BENCHMARKS.md.
 */
class ConstellationSoakTest {

    private static MissionSetup setup;

    @BeforeAll
    static void plan() throws URISyntaxException {
        Path mission = Path.of(Objects.requireNonNull(ConstellationSoakTest.class.getResource("/soak-small.yaml")).toURI());
        setup = MissionSetups.load(mission, null);
    }

    /** Simulated days of the main soak. */
    static final double DAYS = 5;

    /**
     * Every kind on at the rates of {@code all}, except the rare ones raised so that each strikes
     * within {@link #DAYS} (capacity faults 0.3/day instead of 0.02/day, clock jumps 1/day instead of
     * 0.3/day), and a bit error rate high enough to hit the few kB a pass carries.
     */
    static final FaultPlan STRESS;

    static {
        FaultPlan a = FaultPlan.all();
        STRESS = new FaultPlan(a.resetPerDay(), a.rebootS(), a.brownoutPerDay(), a.brownoutEnergyWh(), 0.3,
                a.capacityFaultFraction(), a.missedPassProbability(), 1e-4, a.corruptedPacketProbability(),
                a.corruptedStoragePerDay(), 1.0, a.clockJumpMaxS(), a.attackerPerPass());
    }

    private static SimulationResult run(long seed, double days) {
        Path work = FlightStorage.newRunFolder();
        try {
            return new MissionSimulator(setup.mission(), setup.schedules(), setup.stages(), setup.settings(), work)
                    .withFaults(STRESS).withSeed(seed).run(days * 86400);
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    @Test
    void fiveDaysWithEveryFaultKindEndWithZeroViolations() {
        assertThat(setup.stages().statuses()).allSatisfy(s -> assertThat(s.available()).as(s.stage()).isTrue());
        SimulationResult r = run(11, DAYS);
        assertThat(r.simulatedS()).isEqualTo(DAYS * 86400.0);
        assertThat(r.firstViolations()).as("first violations").isEmpty();
        assertThat(r.totalViolations()).isZero();
        for (FaultKind k : FaultKind.values()) {
            assertThat(r.faultsInjected().get(k)).as(k.key()).isPositive();
        }
        long injected = r.faultsInjected().values().stream().mapToLong(Long::longValue).sum();
        assertThat(r.faultsSurvived()).isEqualTo(injected);
        assertThat(r.sum(SimulationResult.Satellite::generated)).isPositive();
        assertThat(r.sum(SimulationResult.Satellite::delivered)).isPositive();
        assertThat(r.sum(SimulationResult.Satellite::duplicated)).isZero();
        // Delivery is what the ground archive holds, read back from it: every archived row is a delta the ledger booked.
        assertThat(r.ground()).hasValueSatisfying(g -> {
            assertThat(g.deltasArchived()).isEqualTo(r.sum(SimulationResult.Satellite::delivered));
            assertThat(g.versionsPublished()).isPositive();
        });
        assertThat(r.sum(SimulationResult.Satellite::transmissionsOutsideContact)).isZero();
        assertThat(r.sum(SimulationResult.Satellite::updatesApplied)).as("signed global updates applied on board").isPositive();
        // generated = delivered + queued + lost + merged, from the loop's own books
        assertThat(r.sum(SimulationResult.Satellite::generated)).isGreaterThanOrEqualTo(
                r.sum(SimulationResult.Satellite::delivered) + r.sum(SimulationResult.Satellite::lost)
                        + r.sum(SimulationResult.Satellite::merged));
        assertThat(r.minSoc().getAsDouble()).isGreaterThanOrEqualTo(r.socFloor().getAsDouble());
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentFaults() {
        SimulationResult a = run(5, 2);
        SimulationResult b = run(5, 2);
        SimulationResult c = run(6, 2);
        assertThat(a.faultsInjected()).isEqualTo(b.faultsInjected());
        assertThat(a.sum(SimulationResult.Satellite::bytesDownlinked)).isEqualTo(b.sum(SimulationResult.Satellite::bytesDownlinked));
        assertThat(a.sum(SimulationResult.Satellite::generated)).isEqualTo(b.sum(SimulationResult.Satellite::generated));
        assertThat(a.trainingEnergyWh()).isEqualTo(b.trainingEnergyWh());
        assertThat(a.meanError(1)).isEqualTo(b.meanError(1));
        assertThat(a.minSoc()).isEqualTo(b.minSoc());
        assertThat(c.faultsInjected()).isNotEqualTo(a.faultsInjected());
    }
}

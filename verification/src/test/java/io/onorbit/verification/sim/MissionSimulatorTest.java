package io.onorbit.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.FaultPlan;
import io.onorbit.verification.soak.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionSimulatorTest {

    private static final double DAY_S = 86400;

    @TempDir
    Path work;

    private MissionSimulator simulator(StageFactory f, int satellites, int threads) {
        List<io.onorbit.flight.schedule.OnboardSchedule> s = new java.util.ArrayList<>();
        for (int i = 0; i < satellites; i++) {
            s.add(SyntheticSchedules.leo("sat-" + i, 3 * DAY_S, 300.0 * i));
        }
        return new MissionSimulator("test", s, f, SimulationSettings.defaults().withThreads(threads), work);
    }

    @Test
    void withoutStagesItStepsTheWholeSpanAndSaysWhatWasMissing() {
        SimulationResult r = simulator(ScriptedStages.none(), 2, 1).run(2 * DAY_S);
        assertThat(r.simulatedS()).isEqualTo(2 * DAY_S);
        assertThat(r.satellites()).allSatisfy(s -> assertThat(s.steps()).isEqualTo((long) (2 * DAY_S / 30)));
        assertThat(r.stages()).filteredOn(st -> !st.available()).extracting(StageStatus::stage)
                .contains("learning", "ground");
        assertThat(r.totalViolations()).isZero();
        assertThat(r.minSoc()).isEmpty(); // no power stage: no number is made up
        assertThat(r.satellites()).allSatisfy(s -> assertThat(s.charge()).isEmpty());
        assertThat(r.satellites()).allSatisfy(s -> assertThat(s.peakMemoryBytes()).isEmpty());
        assertThat(r.meanError(1)).isNaN();
    }

    @Test
    void aBatteryUnderTheFloorIsReportedAtTheStepItHappened() {
        double breakAt = 1000 * 30.0;
        SimulationResult r = simulator(new ScriptedStages(breakAt, false), 2, 2).run(DAY_S);
        assertThat(r.invariantViolations().get("soc_floor")).isEqualTo(2 * (long) (DAY_S / 30 - 1000));
        Violation first = r.firstViolations().get(0);
        assertThat(first.invariant()).isEqualTo("soc_floor");
        assertThat(first.step()).isEqualTo(1000);
        assertThat(first.satellite()).isEqualTo("sat-0");
        assertThat(first.state()).contains("soc=0.29000");
    }

    @Test
    void aRadioThatIgnoresTheContactWindowIsStillGatedByTheCarrier() {
        SimulationResult r = simulator(new ScriptedStages(Double.NaN, true), 1, 1).run(DAY_S);
        // The loop only lets the radio speak while the carrier is locked: no leak outside contact.
        assertThat(r.invariantViolations().get("no_transmission_outside_contact")).isZero();
        assertThat(r.sum(SimulationResult.Satellite::bytesDownlinked)).isPositive();
    }

    @Test
    void sameSeedSameResultAndThreadsDoNotChangeIt() {
        MissionSimulator a = simulator(new ScriptedStages(Double.NaN, true), 3, 1).withFaults(FaultPlan.all()).withSeed(7);
        SimulationResult r1 = a.run(3 * DAY_S);
        SimulationResult r2 = simulator(new ScriptedStages(Double.NaN, true), 3, 3).withFaults(FaultPlan.all()).withSeed(7)
                .run(3 * DAY_S);
        SimulationResult r3 = simulator(new ScriptedStages(Double.NaN, true), 3, 1).withFaults(FaultPlan.all()).withSeed(8)
                .run(3 * DAY_S);
        assertThat(r1.faultsInjected()).isEqualTo(r2.faultsInjected());
        assertThat(r1.sum(SimulationResult.Satellite::bytesDownlinked)).isEqualTo(r2.sum(SimulationResult.Satellite::bytesDownlinked));
        assertThat(r1.faultsInjected().get(FaultKind.RESET)).isPositive();
        assertThat(r1.faultsInjected()).isNotEqualTo(r3.faultsInjected());
    }
}

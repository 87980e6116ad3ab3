package io.onorbit.verification.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerAnalysisTest {

    /** Five 5700 s orbits, each with a 2100 s shadow starting 1000 s in (hard edges) and one pass. */
    private static OnboardSchedule fiveOrbits() {
        List<EclipseInterval> ecl = new ArrayList<>();
        List<ContactWindow> passes = new ArrayList<>();
        double[] kt = new double[20];
        float[] kr = new float[20];
        for (int i = 0; i < 5; i++) {
            double s = i * 5700 + 1000;
            ecl.add(new EclipseInterval(EclipseInterval.Kind.PENUMBRA, s, s + 2100));
            ecl.add(new EclipseInterval(EclipseInterval.Kind.UMBRA, s + 1, s + 2099));
            passes.add(new ContactWindow("gs", s + 2500, s + 3000, 40, 1e6, 1e5));
            double[] t = {s, s + 1, s + 2099, s + 2100};
            float[] r = {1, 0, 0, 1};
            for (int j = 0; j < 4; j++) {
                kt[4 * i + j] = t[j];
                kr[4 * i + j] = r[j];
            }
        }
        return new OnboardSchedule("sat-1", Instant.parse("2026-06-21T00:00:00Z"), 5 * 5700, passes, ecl,
                new LightingProfile(kt, kr), SunDirectionProfile.constant(1, 0, 0));
    }

    @Test
    void orbitsRunFromEclipseEntryToEclipseEntryAndAddUpToTheTotals() {
        OnboardSchedule s = fiveOrbits();
        PowerAnalysis a = PowerAnalysis.run(s, PowerSystem.sixUCubesat(), 30);
        List<OrbitRow> rows = a.orbits();
        // a partial row before the first entry, four whole orbits, then the last entry to the end
        assertThat(rows).hasSize(6);
        assertThat(rows.get(1).startS()).isEqualTo(1000);
        assertThat(rows.get(1).endS() - rows.get(1).startS()).isEqualTo(5700);
        assertThat(rows.get(1).eclipseS()).isCloseTo(2100, offset(1e-9));
        assertThat(rows.get(1).sunlitS()).isCloseTo(3600, offset(1e-9));
        double generated = rows.stream().mapToDouble(OrbitRow::generatedWh).sum();
        double training = rows.stream().mapToDouble(OrbitRow::trainingWh).sum();
        PowerSummary sum = a.summary();
        assertThat(generated).isCloseTo(sum.generatedWh(), offset(1e-9));
        assertThat(training).isCloseTo(sum.trainingEnergyWh(), offset(1e-9));
        assertThat(sum.floorViolations()).isZero();
        assertThat(sum.minSoc()).isGreaterThanOrEqualTo(sum.socFloor() + sum.marginSoc() - 1e-9);
        assertThat(sum.harvestRatio()).isBetween(0.9, 1.0);
        // sun-tracking array: generation is S·A·η over the lit time (1 s edges count half)
        double litS = 5 * 5700 - 5 * 2100 + 5 * 1.0;
        assertThat(sum.generatedWh()).isCloseTo(PowerSystem.sixUCubesat().array().peakPowerW() * litS / 3600
                * 0.99999, offset(0.01 * sum.generatedWh()));
    }

    @Test
    void withoutEclipsesRowsFallBackToTheDefaultLength() {
        OnboardSchedule s = new OnboardSchedule("dd", Instant.parse("2026-06-21T00:00:00Z"), 3 * 5400 + 100,
                List.of(), List.of(), LightingProfile.alwaysLit(), SunDirectionProfile.constant(0, 0, 1));
        double[] b = PowerAnalysis.orbitBounds(s);
        assertThat(b).containsExactly(0, 5400, 10800, 16200, 16300);
    }
}

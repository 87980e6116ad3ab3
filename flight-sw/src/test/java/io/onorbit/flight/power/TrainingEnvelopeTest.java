package io.onorbit.flight.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingEnvelopeTest {

    private static final double STEP_S = 30;

    /** A small, tight battery so that the envelope has to plan ahead. */
    private static PowerSystem tight() {
        return PowerSystem.sixUCubesat().withBattery(BatterySpec.sixUCubesat().withCapacityWh(50)
                .withRateLimitsW(20, 45).withInitialSoc(0.6));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void envelopeNeverCrossesFloorPlusMarginOnAdversarialSchedules(long seed) {
        OnboardSchedule s = SyntheticSchedules.adversarial(seed, 2 * 86400, 0.65);
        PowerSystem sys = tight();
        PowerModel m = new PowerModel(s, sys);
        // feasibility without training at all, the precondition of the guarantee
        PowerBudget idle = PowerRun.run(m, STEP_S, (t, dt, e) -> 0, p -> { });
        TrainingEnvelope env = TrainingEnvelope.plan(m, STEP_S);
        List<PowerStep> steps = new ArrayList<>();
        PowerBudget b = PowerRun.run(m, STEP_S, env, steps::add);
        assertThat(idle.floorViolations()).as("precondition: feasible without training").isZero();
        assertThat(b.floorViolations()).isZero();
        double marginWh = sys.marginSoc() * sys.battery().capacityWh();
        for (PowerStep p : steps) {
            assertThat(p.storedAfterWh()).isBetween(p.floorWh() - 1e-9, p.capacityWh() + 1e-9);
            double net = m.generationW(p.tS(), p.dtS()) - m.loadW(p.tS(), p.dtS());
            if (net <= 0) {
                assertThat(p.trainingWh()).as("no surplus at t=%s", p.tS()).isZero();
            }
            if (p.trainingWh() > 0) {
                assertThat(p.storedAfterWh()).as("t=%s", p.tS()).isGreaterThanOrEqualTo(p.floorWh() + marginWh * 0.99 - 1e-6);
            }
        }
        assertThat(b.trainingWh()).isPositive();
    }

    @Test
    void betaZeroLongEclipsesAndBackToBackPassesStayAboveTheFloor() {
        double period = SyntheticSchedules.periodS(400);
        OnboardSchedule s = SyntheticSchedules.circular(400, 0, 3 * 86400, 900, 1);
        PowerSystem sys = tight().withLoads(LoadProfile.sixUCubesat().withRadioTxW(20))
                .withBattery(tight().battery().withRateLimitsW(20, 45));
        PowerModel m = new PowerModel(s, sys);
        PowerBudget idle = PowerRun.run(m, STEP_S, (t, dt, e) -> 0, p -> { });
        assertThat(idle.floorViolations()).as("feasible without training").isZero();
        PowerBudget b = PowerRun.run(m, STEP_S, TrainingEnvelope.plan(m, STEP_S), p -> { });
        assertThat(b.floorViolations()).isZero();
        assertThat(b.minSoc()).isGreaterThanOrEqualTo(sys.battery().floorSoc() + sys.marginSoc() - 1e-6);
        assertThat(SyntheticSchedules.eclipseFraction(400, 0) * period).isGreaterThan(2100);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 30, 60, 75})
    void envelopeHarvestsAtLeastNinetyPercentOfTheOracle(double betaDeg) {
        OnboardSchedule s = SyntheticSchedules.circular(550, betaDeg, 3 * 86400, 600, 3);
        PowerModel m = new PowerModel(s, PowerSystem.sixUCubesat());
        double envelope = PowerRun.run(m, STEP_S, TrainingEnvelope.plan(m, STEP_S), p -> { }).trainingWh();
        double oracle = PowerOracle.maxTrainingEnergyWh(m, STEP_S);
        System.out.printf("beta %.0f: envelope %.1f Wh, oracle %.1f Wh%n", betaDeg, envelope, oracle);
        assertThat(envelope / oracle).isBetween(0.9, 1.0 + 1e-9);
    }

    @Test
    void dawnDuskEnvelopeIsFlatterThanNoonMidnight() {
        double cvDawnDusk = envelopeVariation(90);
        double cvNoonMidnight = envelopeVariation(0);
        assertThat(cvDawnDusk).isLessThan(0.5 * cvNoonMidnight);
    }

    /** @return coefficient of variation of the envelope over a day */
    private static double envelopeVariation(double betaDeg) {
        OnboardSchedule s = SyntheticSchedules.circular(550, betaDeg, 86400, 600, 4);
        PowerModel m = new PowerModel(s, PowerSystem.sixUCubesat());
        TrainingEnvelope env = TrainingEnvelope.plan(m, STEP_S);
        List<Double> w = new ArrayList<>();
        PowerRun.run(m, STEP_S, (t, dt, e) -> {
            double x = env.maxTrainingPowerW(t, dt, e);
            w.add(x);
            return x;
        }, p -> { });
        double mean = w.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = w.stream().mapToDouble(x -> (x - mean) * (x - mean)).average().orElseThrow();
        return Math.sqrt(var) / mean;
    }

    /** The sliding-window composition against a plain backward pass over each window, step by step. */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void finiteLookAheadReserveEqualsABackwardPassOverEachWindow(long seed) {
        OnboardSchedule s = SyntheticSchedules.adversarial(seed, 86400, 0.6);
        PowerSystem sys = tight();
        PowerModel m = new PowerModel(s, sys);
        double step = 60;
        double look = 3000;
        ReserveCurve fast = new ReserveCurve(m, step, sys.marginSoc(), look);
        BatterySpec b = sys.battery();
        int n = (int) Math.ceil(s.durationS() / step - 1e-9);
        double frac = b.floorSoc() + sys.marginSoc();
        for (int j = 0; j < n; j++) {
            double t = j * step;
            double horizon = t + look;
            for (io.onorbit.flight.schedule.EclipseInterval e : s.eclipses()) {
                if (e.endS() > t) {
                    horizon = Math.max(horizon, e.endS());
                    break; // sorted by start; penumbra first, its end bounds the umbra's
                }
            }
            for (io.onorbit.flight.schedule.ContactWindow c : s.contacts()) {
                if (c.losS() > t) {
                    horizon = Math.max(horizon, c.losS());
                    break;
                }
            }
            int e = Math.min(n, (int) Math.ceil(Math.min(horizon, s.durationS()) / step - 1e-9));
            double r = frac * b.capacityWhAtYears(PowerModel.years(e * step));
            if (e == n) {
                r = frac * b.capacityWhAtYears(PowerModel.years(s.durationS()));
            }
            for (int k = e - 1; k >= j; k--) {
                double tk = k * step;
                double x = m.generationW(tk, step) - m.loadW(tk, step);
                r += x >= 0 ? -b.chargeEfficiency() * Math.min(x, b.maxChargeW()) * step / 3600
                        : Math.min(-x, b.maxDischargeW()) / b.dischargeEfficiency() * step / 3600;
                double cap = b.capacityWhAtYears(PowerModel.years(tk));
                r = Math.min(cap, Math.max(frac * cap, r));
            }
            assertThat(fast.reserveWh(t)).as("j=%d", j).isCloseTo(r, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 45, 75})
    void oneOrbitLookAheadStillHarvestsNinetyPercentWithoutViolations(double betaDeg) {
        OnboardSchedule s = SyntheticSchedules.circular(550, betaDeg, 3 * 86400, 600, 2);
        PowerModel m = new PowerModel(s, PowerSystem.sixUCubesat());
        PowerBudget b = PowerRun.run(m, STEP_S, TrainingEnvelope.plan(m, STEP_S, SyntheticSchedules.periodS(550)), p -> { });
        assertThat(b.floorViolations()).isZero();
        assertThat(b.minSoc()).isGreaterThanOrEqualTo(0.35 - 1e-9);
        assertThat(b.trainingWh() / PowerOracle.maxTrainingEnergyWh(m, STEP_S)).isGreaterThanOrEqualTo(0.9);
    }
}

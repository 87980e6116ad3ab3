package io.onorbit.flight.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dynamic-programming oracle against an independent linear program over the same step model. */
class PowerOracleTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void dynamicProgrammingOracleEqualsTheLinearProgramOptimum(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double stepS = 300;
        int n = 24;
        List<double[]> ecl = new ArrayList<>();
        double start = rnd.nextDouble(0, 2000);
        ecl.add(new double[] {start, start + rnd.nextDouble(1200, 2400)});
        double start2 = 4200 + rnd.nextDouble(0, 1500);
        ecl.add(new double[] {start2, start2 + rnd.nextDouble(600, 2000)});
        OnboardSchedule s = SyntheticSchedules.build(n * stepS, ecl,
                List.of(new io.onorbit.flight.schedule.ContactWindow("gs", 2500, 3100, 40, 1e6, 1e5)), 0);
        // small battery with tight rates and lossy conversions so every constraint can bind
        BatterySpec b = new BatterySpec(30, 0.9, 0.85, rnd.nextDouble(8, 20), 30, 0, 0.2, rnd.nextDouble(0.5, 0.9));
        PowerModel m = new PowerModel(s, PowerSystem.sixUCubesat().withBattery(b));
        PowerBudget idle = PowerRun.run(m, stepS, (t, dt, e) -> 0, p -> { });
        assertThat(idle.floorViolations()).as("instance must be feasible").isZero();
        double oracleWh = PowerOracle.maxTrainingEnergyWh(m, stepS);
        double lpWh = linearProgram(m, stepS, n, b);
        assertThat(oracleWh).isCloseTo(lpWh, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, lpWh)));
        // and no online policy beats it: the envelope on the same instance harvests at most as much
        double envelopeWh = PowerRun.run(m, stepS, TrainingEnvelope.plan(m, stepS), p -> { }).trainingWh();
        assertThat(envelopeWh).isLessThanOrEqualTo(oracleWh + 1e-9);
    }

    /**
     * max sum t_k dt subject to: x_k = t_k + c_k - d_k + s_k (bus balance with net power x_k),
     * E_{k+1} = E_k + eta_c c_k dt - d_k / eta_d dt, floor <= E <= capacity, c <= maxCharge,
     * d <= maxDischarge, everything >= 0. Variables per step: t, c, d, s, E_{k+1}.
     */
    private static double linearProgram(PowerModel m, double stepS, int n, BatterySpec b) {
        int vars = 5 * n;
        double dtH = stepS / 3600;
        double e0 = b.initialSoc() * b.capacityWh();
        List<LinearConstraint> cons = new ArrayList<>();
        double[] obj = new double[vars];
        for (int k = 0; k < n; k++) {
            int t = 5 * k;
            int c = t + 1;
            int d = t + 2;
            int sp = t + 3;
            int e = t + 4;
            obj[t] = dtH;
            double x = m.generationW(k * stepS, stepS) - m.loadW(k * stepS, stepS);
            double[] bal = new double[vars];
            bal[t] = 1;
            bal[c] = 1;
            bal[d] = -1;
            bal[sp] = 1;
            cons.add(new LinearConstraint(bal, Relationship.EQ, x));
            double[] dyn = new double[vars];
            dyn[e] = 1;
            dyn[c] = -b.chargeEfficiency() * dtH;
            dyn[d] = dtH / b.dischargeEfficiency();
            double rhs = 0;
            if (k == 0) {
                rhs = e0;
            } else {
                dyn[e - 5] = -1;
            }
            cons.add(new LinearConstraint(dyn, Relationship.EQ, rhs));
            cons.add(new LinearConstraint(unit(vars, e), Relationship.GEQ, b.floorSoc() * b.capacityWh()));
            cons.add(new LinearConstraint(unit(vars, e), Relationship.LEQ, b.capacityWh()));
            cons.add(new LinearConstraint(unit(vars, c), Relationship.LEQ, b.maxChargeW()));
            cons.add(new LinearConstraint(unit(vars, d), Relationship.LEQ, b.maxDischargeW()));
        }
        PointValuePair opt = new SimplexSolver(1e-9).optimize(new MaxIter(100000),
                new LinearObjectiveFunction(obj, 0), new LinearConstraintSet(cons), GoalType.MAXIMIZE,
                new NonNegativeConstraint(true));
        return opt.getValue();
    }

    private static double[] unit(int n, int i) {
        double[] v = new double[n];
        Arrays.fill(v, 0);
        v[i] = 1;
        return v;
    }
}

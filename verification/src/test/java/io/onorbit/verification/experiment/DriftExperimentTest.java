package io.onorbit.verification.experiment;

import io.onorbit.verification.learning.DriftExperimentSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.verification.learning.SyntheticSchedule;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.optimizer.EnergyFunction;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.QuadraticEnergy;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.OnboardSchedule;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

class DriftExperimentTest {

    /** Exact Cholesky solve of the quadratic update (test stand-in for the analog/digital engines). */
    static final class CholeskyOptimizer implements Optimizer {
        @Override
        public String name() {
            return "test-cholesky";
        }

        @Override
        public double minimumOperatingPowerW() {
            return 0.1;
        }

        @Override
        public OptimizationResult minimize(EnergyFunction e, double[] start, double maxPowerW) {
            QuadraticEnergy q = (QuadraticEnergy) e;
            int n = q.dimension();
            double[] a = q.matrix();
            double[][] rows = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a, i * n, rows[i], 0, n);
            }
            double[] w = new CholeskyDecomposition(new Array2DRowRealMatrix(rows, false)).getSolver()
                    .solve(new ArrayRealVector(q.linearTerm(), false)).toArray();
            return new OptimizationResult(w, maxPowerW, 1e-3, maxPowerW * 1e-3, true, n);
        }
    }

    /**
     * A stand-in for the envelope that needs no battery: a constant surplus while the spacecraft is
     * (almost) fully lit, nothing in penumbra or eclipse.
     */
    static BudgetedTrainingPower sunlitSurplus(OnboardSchedule schedule, double surplusW) {
        return new BudgetedTrainingPower(new PowerModel(schedule, PowerSystem.sixUCubesat()), 60,
                (tS, dtS, storedWh) -> schedule.lightingRatioAt(tS) >= 0.99 ? surplusW : 0.0);
    }

    @Test
    void frozenErrorRisesAfterTheStringFailureWhileTheTrainerFallsBack() {
        double days = 3;
        double failureS = 1.5 * 86400;
        OnboardSchedule schedule = SyntheticSchedule.circular(days * 86400, 550, 20, 6);
        DriftExperimentSettings settings = DriftExperimentSettings.defaults().withEpochs(60, 5).withGroundLatencyS(86400);
        DriftExperiment ex = new DriftExperiment(LearningSettings.defaults().withSubset(TrainableSubset.Kind.LAST_LAYER), settings,
                new CholeskyOptimizer());
        SolarArrayTask task = new SolarArrayTask(schedule, SolarArrayScenario.defaults(failureS));
        DriftOutcome o = ex.run(task, schedule.contacts(), sunlitSurplus(schedule, 2.0));

        DriftOutcome.Recovery r = o.recoveries().get(0);
        assertThat(r.kind()).isEqualTo(DriftOutcome.DriftKind.ABRUPT);
        assertThat(r.driftTimeS()).isEqualTo(failureS);
        // The failure removes 1/8 of the lit output; the frozen model keeps predicting it.
        assertThat(r.errorLost()).isGreaterThan(0.03);
        assertThat(r.recovery90TimeS()).isLessThan(86400);
        assertThat(r.oracleRecovery90TimeS()).as("the oracle is held to the same rule").isLessThan(86400);
        assertThat(o.recoveries()).as("ageing is gradual drift").hasSize(2);
        assertThat(o.recoveries().get(1).kind()).isEqualTo(DriftOutcome.DriftKind.GRADUAL);
        assertThat(o.errorOnboard()).isLessThan(0.5 * o.errorFrozen());
        assertThat(o.errorOnboard()).isLessThan(o.errorGroundRetrain());
        assertThat(o.errorOracle()).isLessThan(o.errorFrozen());
        assertThat(o.updates()).isPositive();
        assertThat(o.skippedUpdates()).isPositive(); // eclipses give no envelope
        assertThat(o.trainingEnergyJ()).isCloseTo(o.updates() * 2.0 * 1e-3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.peakTrainingMemoryBytes()).isLessThanOrEqualTo(64 * 1024);
    }
}

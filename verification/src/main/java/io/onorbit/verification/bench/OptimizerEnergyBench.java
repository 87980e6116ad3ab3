package io.onorbit.verification.bench;

import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.AnalogSolve;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.QuadraticEnergy;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Energy per training update, analog engine against the digital baseline, side by side. The
 * update is the realistic one: a ridge-regression last layer, A = XᵀX/m + λI and b = Xᵀy/m over
 * a batch of m = 4n seeded samples. The digital optimizers are the baseline measured in the same
 * run; the ratio printed is digital energy over analog energy.
 *
 * <p>Run: {@code ./onorbit --help >/dev/null && java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.OptimizerEnergyBench}
 */
public final class OptimizerEnergyBench {

    private OptimizerEnergyBench() {
    }

    public static void main(String[] args) {
        int[] sizes = {8, 16, 32, 64};
        double envelopeW = 1.0; // generous: each optimizer runs at its own preferred power
        AnalogOptimizer analog = AnalogOptimizer.withDefaults();
        DigitalOptimizer sgd = DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        DigitalOptimizer adam = DigitalOptimizer.withDefaults(DigitalOptimizer.Method.ADAM);
        System.out.println("energy per update (J), ridge last layer, seed 1, tolerance 1e-3 relative residual");
        System.out.printf(Locale.ROOT, "%4s %11s %9s %9s %11s %6s %11s %6s %9s %9s%n", "n", "analog_J", "analog_s",
                "an_err", "sgd_J", "iters", "adam_J", "iters", "sgd/an", "adam/an");
        for (int n : sizes) {
            QuadraticEnergy q = ridge(n, 1);
            double[] w0 = new double[n];
            AnalogSolve a = analog.solve(q, w0, envelopeW);
            OptimizationResult s = sgd.minimize(q, w0, envelopeW);
            OptimizationResult d = adam.minimize(q, w0, envelopeW);
            System.out.printf(Locale.ROOT, "%4d %11.3e %9.2e %9.2e %11.3e %6d %11.3e %6d %9.0f %9.0f%n", n,
                    a.result().energyJ(), a.result().settleTimeS(), a.relativeError().orElse(Double.NaN), s.energyJ(), s.operations(),
                    d.energyJ(), d.operations(), s.energyJ() / a.result().energyJ(), d.energyJ() / a.result().energyJ());
        }
        System.out.println("analog: 8-bit DAC/ADC, 1% mismatch, kT/C at 100 fF, runs at its 10 mW maximum; "
                + "digital: Horowitz ISSCC 2014 45 nm costs incl. 70 pJ/instruction overhead");
    }

    /** A = XᵀX/m + λI, b = Xᵀy/m for m = 4n samples of a noisy linear target, λ = 0.1. */
    static QuadraticEnergy ridge(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = 4 * n;
        double[] x = new double[m * n];
        double[] truth = new double[n];
        for (int j = 0; j < n; j++) {
            truth[j] = r.nextDouble(-1, 1);
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double dot = 0;
            for (int j = 0; j < n; j++) {
                x[i * n + j] = r.nextDouble(-1, 1);
                dot += x[i * n + j] * truth[j];
            }
            y[i] = dot + 0.05 * r.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        double[] b = new double[n];
        for (int j = 0; j < n; j++) {
            for (int k = j; k < n; k++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += x[i * n + j] * x[i * n + k];
                }
                a[j * n + k] = sum / m + (j == k ? 0.1 : 0);
                a[k * n + j] = a[j * n + k];
            }
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += x[i * n + j] * y[i];
            }
            b[j] = sum / m;
        }
        return new QuadraticEnergy(a, b);
    }
}

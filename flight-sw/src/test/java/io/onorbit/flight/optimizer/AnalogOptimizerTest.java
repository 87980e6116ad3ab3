package io.onorbit.flight.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.onorbit.flight.learning.ProximalGradientEnergy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalogOptimizerTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void idealEngineReachesTheClosedFormMinimizer(long seed) {
        QuadraticEnergy q = RandomQuadratics.spd(8, seed);
        AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(1e-9));
        AnalogSolve s = opt.solve(q, new double[8], 1e-3);
        double[] exact = RandomQuadratics.solve(q);
        assertThat(s.result().converged()).isTrue();
        assertThat(RandomQuadratics.relativeError(s.result().solution(), exact)).isLessThan(1e-6);
        assertThat(RandomQuadratics.relativeError(s.exactMinimizer().orElseThrow(), exact)).isLessThan(1e-12);
    }

    /**
     * With finite converters the engine solves the DAC-quantized system exactly up to its settle
     * tolerance and the ADC's half LSB. The quantized system is rebuilt here independently
     * (round each entry of A and b, scaled by its largest entry, to 2^(bits-1) - 1 levels) and
     * solved by Gaussian elimination; the analog answer must sit within
     * |Â⁻¹|·tol·|b̂| + √n·½LSB of it (in the circuit's units), with λmin(A) ≥ 1 here.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 6, 8, 10, 12})
    void finitePrecisionErrorIsWhatTheConvertersAllow(int bits) {
        int n = 8;
        for (long seed = 10; seed < 14; seed++) {
            QuadraticEnergy q = RandomQuadratics.spd(n, seed);
            double tol = 1e-4;
            AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().withBits(bits, bits)
                    .withMismatchSigma(0).withCapacitanceF(0).withSettleTolerance(tol).withSeed(seed));
            AnalogSolve s = opt.solve(q, new double[n], 5e-3);
            double[] a = q.matrix();
            double[] b = q.linearTerm();
            double sa = 0;
            double sb = 0;
            for (double x : a) {
                sa = Math.max(sa, Math.abs(x));
            }
            for (double x : b) {
                sb = Math.max(sb, Math.abs(x));
            }
            double levels = Math.pow(2, bits - 1) - 1;
            double[] aq = new double[n * n];
            double[] bq = new double[n];
            for (int i = 0; i < n * n; i++) {
                aq[i] = Math.round(a[i] / sa * levels) / levels;
            }
            for (int i = 0; i < n; i++) {
                bq[i] = Math.round(b[i] / sb * levels) / levels;
            }
            double[] vq = RandomQuadratics.solve(new QuadraticEnergy(aq, bq)); // volts
            double toVolts = sa / sb;
            double[] w = s.result().solution();
            double maxV = 0;
            double dist = 0;
            double bNorm = 0;
            for (int i = 0; i < n; i++) {
                maxV = Math.max(maxV, Math.abs(vq[i]));
                dist += Math.pow(w[i] * toVolts - vq[i], 2);
                bNorm += bq[i] * bq[i];
            }
            double fullScale = 2 * 1.25 * maxV; // auto-ranged: a power of two below 2 x 1.25 x the largest
            // λmin(Â) ≥ λmin(A)/sa - |δA| ≥ 1/sa - n/(2 levels)
            double lambdaMin = 1 / sa - n / (2 * levels);
            double allowed = tol * Math.sqrt(bNorm) / Math.max(lambdaMin, 1e-3) + Math.sqrt(n) * 0.5 * fullScale / levels;
            assertThat(Math.sqrt(dist)).as("bits %d seed %d", bits, seed).isLessThanOrEqualTo(allowed * 1.0001);
            // and the reported error against the exact minimizer is the quantized system's, not zero
            double quantErr = RandomQuadratics.relativeError(scale(vq, 1 / toVolts), RandomQuadratics.solve(q));
            assertThat(s.relativeError().orElseThrow()).isCloseTo(quantErr, offset(allowed / toVolts / norm(RandomQuadratics.solve(q)) + 1e-12));
        }
    }

    private static double[] scale(double[] v, double f) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) {
            o[i] *= f;
        }
        return o;
    }

    private static double norm(double[] v) {
        return RandomQuadratics.frobenius(v);
    }

    @Test
    void moreBitsGiveSmallerErrors() {
        QuadraticEnergy q = RandomQuadratics.spd(8, 7);
        double coarse = 0;
        double fine = 0;
        for (long seed = 0; seed < 5; seed++) {
            AnalogOptimizer.Settings base = AnalogOptimizer.Settings.defaults().withMismatchSigma(0).withSeed(seed)
                    .withSettleTolerance(1e-6);
            coarse += new AnalogOptimizer(base.withBits(5, 5)).solve(q, new double[8], 1e-3).relativeError().orElseThrow();
            fine += new AnalogOptimizer(base.withBits(12, 12)).solve(q, new double[8], 1e-3).relativeError().orElseThrow();
        }
        assertThat(fine).isLessThan(coarse / 10);
    }

    /** One variable: r(t) = r0·exp(-a t / τ), so t_settle = τ/a · ln(r0 / (tol·|b|)) with τ = E_τ / P. */
    @ParameterizedTest
    @ValueSource(doubles = {1e-5, 1e-4, 1e-3, 1e-2})
    void settleTimeFollowsTheTauLaw(double powerW) {
        double a = 1.0;
        double b = 0.5;
        QuadraticEnergy q = new QuadraticEnergy(new double[] {a}, new double[] {b});
        AnalogOptimizer.Settings set = AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(1e-4)
                .withPowerRangeW(1e-6, 1);
        AnalogSolve s = new AnalogOptimizer(set).solve(q, new double[] {0}, powerW);
        double tau = set.tauEnergyPerCellJ() / powerW;
        // the circuit sees A and b normalized to their largest entries: â = 1, b̂ = 1, r0 = |b̂|
        double expected = tau / 1.0 * Math.log(1.0 / 1e-4);
        assertThat(s.tauS()).isCloseTo(tau, offset(tau * 1e-12));
        assertThat(s.result().settleTimeS()).isCloseTo(expected, offset(expected * 1e-4));
        assertThat(s.result().powerW()).isEqualTo(powerW);
        // energy of the flow is P·t = E_τ·ln(1/tol), the same at every power
        assertThat(powerW * s.result().settleTimeS()).isCloseTo(set.tauEnergyPerCellJ() * Math.log(1e4),
                offset(1e-4 * set.tauEnergyPerCellJ() * Math.log(1e4)));
    }

    @Test
    void refusesBelowItsMinimumAndNeverDrawsAboveTheEnvelope() {
        AnalogOptimizer opt = AnalogOptimizer.withDefaults();
        QuadraticEnergy q = RandomQuadratics.spd(4, 1);
        assertThatThrownBy(() -> opt.minimize(q, new double[4], 1e-6)).isInstanceOf(PowerEnvelopeException.class)
                .hasMessageContaining("analog");
        assertThat(opt.minimize(q, new double[4], 3e-4).powerW()).isEqualTo(3e-4);
        assertThat(opt.minimize(q, new double[4], 5.0).powerW()).isEqualTo(opt.settings().maxOperatingPowerW());
    }

    @Test
    void mismatchIsFixedAndNoiseIsSeeded() {
        QuadraticEnergy q = RandomQuadratics.spd(6, 3);
        AnalogOptimizer.Settings noNoise = AnalogOptimizer.Settings.defaults().withCapacitanceF(0).withMismatchSigma(0.02);
        AnalogOptimizer one = new AnalogOptimizer(noNoise);
        double[] first = one.minimize(q, new double[6], 1e-3).solution();
        assertThat(one.minimize(q, new double[6], 1e-3).solution()).containsExactly(first);
        assertThat(new AnalogOptimizer(noNoise.withSeed(99)).minimize(q, new double[6], 1e-3).solution())
                .isNotEqualTo(first);
        AnalogOptimizer.Settings noisy = AnalogOptimizer.Settings.defaults().withCapacitanceF(1e-17).withBits(16, 16);
        assertThat(new AnalogOptimizer(noisy).minimize(q, new double[6], 1e-3).solution())
                .containsExactly(new AnalogOptimizer(noisy).minimize(q, new double[6], 1e-3).solution());
    }

    @Test
    void nonQuadraticEnergyTakesOneDampedStep() {
        // E(w) = sum cosh(w_i - 1): gradient sinh(w - 1); the proximal model's minimizer is w0 - g/ρ
        EnergyFunction e = new EnergyFunction() {
            public int dimension() {
                return 2;
            }

            public double value(double[] w) {
                return Math.cosh(w[0] - 1) + Math.cosh(w[1] - 1);
            }

            public void gradient(double[] w, double[] out) {
                out[0] = Math.sinh(w[0] - 1);
                out[1] = Math.sinh(w[1] - 1);
            }
        };
        double[] w0 = {0.2, 1.7};
        AnalogSolve s = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(1e-9))
                .solve(e, w0, 1e-3);
        assertThat(s.result().solution()[0]).isCloseTo(0.2 - Math.sinh(-0.8), offset(1e-6));
        assertThat(s.result().solution()[1]).isCloseTo(1.7 - Math.sinh(0.7), offset(1e-6));
    }

    /**
     * Read-out noise is kT/C: with A = 1, b = 0.75 the circuit settles at 1 (in units of the 1 V
     * full scale), the converter auto-ranges to 2 (1.25 x headroom, next power of two), so the
     * spread of w is 2 · sqrt(kT/C) / 1 V · 0.75 (Boltzmann constant, 300 K, 10 aF).
     */
    @Test
    void readOutNoiseHasTheKtOverCSpread() {
        double c = 1e-17;
        AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withCapacitanceF(c)
                .withSettleTolerance(1e-6).withSeed(5));
        QuadraticEnergy q = new QuadraticEnergy(new double[] {1}, new double[] {0.75});
        int runs = 1000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < runs; i++) {
            double e = opt.minimize(q, new double[] {0}, 1e-3).solution()[0] - 0.75;
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / runs;
        double sd = Math.sqrt(sumSq / runs - mean * mean);
        double expected = 2 * Math.sqrt(1.380649e-23 * 300 / c) * 0.75;
        assertThat(sd).isCloseTo(expected, offset(0.08 * expected));
        assertThat(Math.abs(mean)).isLessThan(4 * expected / Math.sqrt(runs));
    }

    /**
     * A = [[1, 1 - 1e-4], [1 - 1e-4, 1]] is positive definite (eigenvalues 2 - 1e-4 and 1e-4), but
     * an 8-bit DAC rounds 1 - 1e-4 to 1 (step 1/127), and [[1, 1], [1, 1]] has determinant 0: the
     * programmed matrix lost definiteness. The engine must not run (its flow would not settle), must
     * not throw, and must hand back the start point as not converged.
     */
    @Test
    void programmedMatrixThatLostDefinitenessIsNotRunAndDoesNotThrow() {
        double off = 1 - 1e-4;
        QuadraticEnergy q = new QuadraticEnergy(new double[] {1, off, off, 1}, new double[] {1, -1});
        AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().withMismatchSigma(0).withCapacitanceF(0));
        double[] start = {0.25, -0.5};
        AnalogSolve s = opt.solve(q, start, 1e-3);
        assertThat(s.outcome()).isEqualTo(AnalogSolve.Outcome.NOT_DEFINITE);
        assertThat(s.result().converged()).isFalse();
        assertThat(s.result().solution()).containsExactly(start);
        assertThat(s.result().settleTimeS()).isZero();
        assertThat(s.exactMinimizer()).as("the posed matrix itself is definite").isPresent();
        // With 16-bit converters (32767 levels) 1 - 1e-4 rounds to 32764/32767 = 1 - 9.2e-5, determinant
        // 1 - (1 - 9.2e-5)^2 = 1.8e-4 > 0: definite, and the flow settles.
        AnalogSolve fine = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withBits(16, 16)).solve(q, start, 1e-3);
        assertThat(fine.outcome()).isEqualTo(AnalogSolve.Outcome.SETTLED);
    }

    @Test
    void nonFiniteOrIndefiniteProblemsComeBackNotConverged() {
        AnalogOptimizer opt = AnalogOptimizer.withDefaults();
        AnalogSolve nan = opt.solve(new QuadraticEnergy(new double[] {1, 0, 0, 1}, new double[] {Double.NaN, 1}),
                new double[2], 1e-3);
        assertThat(nan.outcome()).isEqualTo(AnalogSolve.Outcome.NOT_DEFINITE);
        assertThat(nan.result().converged()).isFalse();
        assertThat(nan.exactMinimizer()).isEmpty();
        assertThat(nan.relativeError()).isEmpty();
        // eigenvalues 3 and -1: a saddle, no minimum
        AnalogSolve saddle = opt.solve(new QuadraticEnergy(new double[] {1, 2, 2, 1}, new double[] {1, 0}), new double[2], 1e-3);
        assertThat(saddle.outcome()).isEqualTo(AnalogSolve.Outcome.NOT_DEFINITE);
        assertThat(saddle.result().solution()).containsExactly(0.0, 0.0);
    }

    /**
     * One variable: the flow v(t) = v* + (v0 − v*)e^(−λt/τ) reaches the residual target at
     * t = τ/λ · ln(|λv0 − b| / target), a closed form independent of the eigen-solver and the root
     * search; the ideal engine's settle time must match it.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1, 7.5})
    void exactSettleTimeIsTheOneVariableClosedForm(double lambda) {
        AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(1e-3));
        QuadraticEnergy q = new QuadraticEnergy(new double[] {lambda}, new double[] {2.0});
        double powerW = 1e-3;
        AnalogSolve s = opt.solve(q, new double[] {0}, powerW);
        // in volts: A and b are each scaled by their largest entry, so the programmed flow is
        // dv/dt = -(v - 1)/tau with v0 = 0: residual 1 at the start, target 1e-3
        double tau = opt.tauS(1, powerW);
        assertThat(s.result().converged()).isTrue();
        assertThat(s.result().settleTimeS()).isCloseTo(tau * Math.log(1 / 1e-3), offset(tau * 1e-9));
    }

    /**
     * The exact solution and the Dormand-Prince integration of the same programmed flow agree: the
     * same settle time (to the integrator's tolerance) and the same read-out (the same noise draws;
     * the solutions differ by far less than one ADC step), on well- and badly-conditioned matrices
     * and with the default converters and mismatch.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void exactSolutionMatchesTheIntegratedFlow(long seed) {
        int n = 6 + (int) seed;
        QuadraticEnergy well = RandomQuadratics.spd(n, seed);
        double[] a = well.matrix();
        for (int i = 0; i < n; i++) {
            a[i * n + i] += seed % 2 == 0 ? 0 : 10.0 * i; // condition numbers of ~30 to ~100 on odd seeds
        }
        QuadraticEnergy q = new QuadraticEnergy(a, well.linearTerm());
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = 0.1 * Math.sin(i + seed);
        }
        // the badly-conditioned matrices need a finer DAC to stay positive definite once programmed
        AnalogOptimizer.Settings settings = AnalogOptimizer.Settings.defaults().withSeed(seed)
                .withBits(seed % 2 == 0 ? 8 : 14, 8);
        AnalogOptimizer exact = new AnalogOptimizer(settings, AnalogOptimizer.FlowSolution.EXACT);
        AnalogOptimizer integrated = new AnalogOptimizer(settings, AnalogOptimizer.FlowSolution.INTEGRATED);
        for (int call = 0; call < 3; call++) {
            AnalogSolve e = exact.solve(q, start, 2e-3);
            AnalogSolve r = integrated.solve(q, start, 2e-3);
            assertThat(e.outcome()).isEqualTo(r.outcome()).isEqualTo(AnalogSolve.Outcome.SETTLED);
            assertThat(e.result().settleTimeS()).isCloseTo(r.result().settleTimeS(),
                    offset(1e-6 * r.result().settleTimeS()));
            double[] we = e.result().solution();
            double[] wr = r.result().solution();
            // at most one output lands on the neighbouring ADC code (an LSB is at most 2 x 1.25 x
            // the largest output / 127 at 8 bits); the rest read the same code
            double maxW = 0;
            for (double x : wr) {
                maxW = Math.max(maxW, Math.abs(x));
            }
            int differing = 0;
            for (int i = 0; i < n; i++) {
                if (we[i] != wr[i]) {
                    differing++;
                    assertThat(Math.abs(we[i] - wr[i])).isLessThanOrEqualTo(2 * 1.25 * maxW / 127 * 1.01);
                }
            }
            assertThat(differing).isLessThanOrEqualTo(1);
            assertThat(e.result().energyJ()).isCloseTo(r.result().energyJ(), offset(1e-6 * r.result().energyJ()));
        }
    }

    /** A matrix programmed again unchanged reuses its decomposition and gives the same answer. */
    @Test
    void reusedDecompositionGivesTheSameSolve() {
        QuadraticEnergy q = RandomQuadratics.spd(9, 3);
        AnalogOptimizer.Settings ideal = AnalogOptimizer.Settings.defaults().ideal();
        AnalogOptimizer once = new AnalogOptimizer(ideal);
        AnalogOptimizer twice = new AnalogOptimizer(ideal);
        twice.solve(RandomQuadratics.spd(9, 4), new double[9], 1e-3); // another matrix first
        twice.solve(q, new double[9], 1e-3);
        AnalogSolve a = once.solve(q, new double[9], 1e-3);
        AnalogSolve b = twice.solve(q, new double[9], 1e-3); // same matrix: cached decomposition
        assertThat(b.result().settleTimeS()).isCloseTo(a.result().settleTimeS(), offset(1e-12 * a.result().settleTimeS()));
        assertThat(RandomQuadratics.relativeError(b.result().solution(), a.result().solution())).isLessThan(1e-6);
    }

    /**
     * {@code minimizeInto} writes into the caller's array while the engine works in arrays of its own
     * that every solve overwrites, and keeps a decomposition for the matrix it was made of: diagonal
     * quadratics with two different matrices in turn (A, B, A, B) each settle at their own minimizer
     * bᵢ/λᵢ, within what the settle tolerance leaves (|w − w*| ≤ tol·|b|/λmin) and 24-bit rounding.
     */
    @Test
    void solvesIntoTheCallersArrayAtEachMatrixsOwnMinimizer() {
        double tol = 1e-8;
        AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(tol));
        int n = 40;
        SplittableRandom r = new SplittableRandom(7);
        double[][] diag = new double[2][n];
        double[][] lin = new double[2][n];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < n; i++) {
                diag[k][i] = 0.5 + 3.5 * r.nextDouble();
                lin[k][i] = r.nextGaussian();
            }
        }
        double[] out = new double[n];
        for (int call = 0; call < 4; call++) {
            double[] d = diag[call % 2];
            double[] b = lin[call % 2];
            double[] a = new double[n * n];
            double bNorm = 0;
            double lambdaMin = Double.POSITIVE_INFINITY;
            double wMax = 0;
            for (int i = 0; i < n; i++) {
                a[i * n + i] = d[i];
                bNorm += b[i] * b[i];
                lambdaMin = Math.min(lambdaMin, d[i]);
                wMax = Math.max(wMax, Math.abs(b[i] / d[i]));
            }
            bNorm = Math.sqrt(bNorm);
            SolveFigures f = opt.minimizeInto(new QuadraticEnergy(a, b), new double[n], 1e-3, out);
            assertThat(f.converged()).isTrue();
            for (int i = 0; i < n; i++) {
                assertThat(out[i]).as("call %d, coordinate %d", call, i)
                        .isCloseTo(b[i] / d[i], offset(tol * bNorm / lambdaMin + 8 * wMax / Math.pow(2, 23)));
            }
        }
    }

    /**
     * The trainer's energy for a sparse-rows update: ηg·d + |d|²/2 around the zero step, n in the
     * hundreds; some gradient entries exactly zero (parameters a batch did not touch).
     */
    private static ProximalGradientEnergy proximalStep(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = r.nextInt(10) == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 1)));
        }
        ProximalGradientEnergy e = new ProximalGradientEnergy(g);
        e.setStepSize(0.2);
        return e;
    }

    /**
     * The diagonal form does O(n) work and must give bit for bit what the general arithmetic gives
     * on the same matrix held dense (every cell's gain drawn, n² cells quantized, the general
     * Cholesky): the same read-out, settle time, energy, outcome and error, call after call (the
     * noise stream advances alike), with mismatch, noise and 8-bit converters, on the trainer's
     * proximal energies, on diagonal quadratics, and on a diagonal whose smallest entry the DAC
     * rounds to zero (not definite once programmed).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void diagonalFormIsBitIdenticalToTheGeneralArithmetic(long seed) {
        int n = 40 + 60 * (int) seed;
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = RandomQuadratics.uniform(r, n, 0.5, 20);
        double[] b = RandomQuadratics.uniform(r, n, -1, 1);
        if (seed % 3 == 0) {
            d[n / 2] = 1e-6; // below half a DAC step of the largest entry
        }
        EnergyFunction[] energies = {proximalStep(n, seed), new QuadraticEnergy(RandomQuadratics.diagonalMatrix(d), b)};
        AnalogOptimizer.Settings settings = AnalogOptimizer.Settings.defaults().withSeed(seed)
                .withMismatchSigma(0.01 * seed);
        for (AnalogOptimizer.FlowSolution flow : new AnalogOptimizer.FlowSolution[] {
                AnalogOptimizer.FlowSolution.EXACT, AnalogOptimizer.FlowSolution.INTEGRATED}) {
            if (flow == AnalogOptimizer.FlowSolution.INTEGRATED && n > 150) {
                continue; // the reference integration of hundreds of variables is slow; small n covers it
            }
            AnalogOptimizer diagonal = new AnalogOptimizer(settings, flow);
            AnalogOptimizer general = new AnalogOptimizer(settings, flow);
            for (EnergyFunction e : energies) {
                double[] start = new double[n];
                for (int call = 0; call < 3; call++) {
                    LocalQuadratic posed = LocalQuadratic.of(e, start, settings.proximalStrength());
                    assertThat(posed.a).isInstanceOf(SymmetricMatrix.Diagonal.class);
                    AnalogSolve fast = diagonal.solve(posed, start, 2e-3);
                    AnalogSolve slow = general.solve(posed.withDenseMatrix(), start, 2e-3);
                    assertThat(fast.outcome()).isEqualTo(slow.outcome());
                    if (seed % 3 == 0 && e instanceof QuadraticEnergy) {
                        assertThat(fast.outcome()).isEqualTo(AnalogSolve.Outcome.NOT_DEFINITE);
                    } else {
                        assertThat(fast.outcome()).isEqualTo(AnalogSolve.Outcome.SETTLED);
                    }
                    assertThat(fast.result().solution()).containsExactly(slow.result().solution());
                    assertThat(fast.result().settleTimeS()).isEqualTo(slow.result().settleTimeS());
                    assertThat(fast.result().energyJ()).isEqualTo(slow.result().energyJ());
                    assertThat(fast.result().operations()).isEqualTo(slow.result().operations());
                    assertThat(fast.relativeError()).isEqualTo(slow.relativeError());
                    double[] xf = fast.exactMinimizer().orElseThrow();
                    double[] xs = slow.exactMinimizer().orElseThrow();
                    for (int i = 0; i < n; i++) {
                        assertThat(xf[i] == xs[i]).as("exact minimizer entry %d", i).isTrue();
                    }
                    start = fast.result().solution();
                }
            }
        }
    }

    /**
     * Closed form of the trainer's proximal step on an ideal engine: the programmed matrix is I
     * (ρI scaled by its largest entry), so every coordinate relaxes as e^(−t/τ) and the residual
     * reaches tol·|b̂| at t = τ·ln(1/tol) with τ = n²·E_τ/P; the read-out is the SGD step −ηg
     * (24-bit converters); the energy is P·t plus the circuit's conversions, n(n+1)/2 + 2n DAC loads
     * and n ADC reads at FOM·2^bits each, whatever the simulator holds.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 17, 300, 900})
    void proximalStepOnAnIdealEngineIsTheClosedForm(int n) {
        double tol = 1e-4;
        AnalogOptimizer.Settings set = AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(tol);
        AnalogOptimizer opt = new AnalogOptimizer(set);
        ProximalGradientEnergy e = proximalStep(n, n);
        double[] g = new double[n];
        e.gradient(new double[n], g);
        double powerW = 3e-3;
        AnalogSolve s = opt.solve(e, new double[n], powerW);
        double tau = (double) n * n * set.tauEnergyPerCellJ() / powerW;
        assertThat(s.outcome()).isEqualTo(AnalogSolve.Outcome.SETTLED);
        assertThat(s.tauS()).isCloseTo(tau, offset(1e-12 * tau));
        assertThat(s.result().settleTimeS()).isCloseTo(tau * Math.log(1 / tol), offset(1e-9 * tau));
        double gMax = 0;
        for (double x : g) {
            gMax = Math.max(gMax, Math.abs(x));
        }
        double[] w = s.result().solution();
        for (int i = 0; i < n; i++) {
            // every coordinate has relaxed to e^(-t/τ) = tol of its way from 0 to the step; 24-bit converters
            assertThat(w[i]).isCloseTo(-g[i] * (1 - tol), offset(4 * gMax / Math.pow(2, 23)));
        }
        double conversions = set.conversionFomJ() * (Math.pow(2, 24) * (n * (n + 1) / 2.0 + 2 * n) + Math.pow(2, 24) * n);
        assertThat(s.conversionEnergyJ()).isCloseTo(conversions, offset(1e-12 * conversions));
        assertThat(s.result().energyJ()).isCloseTo(powerW * s.result().settleTimeS() + conversions,
                offset(1e-12 * s.result().energyJ()));
    }

    /**
     * A diagonal quadratic with distinct entries λᵢ on an ideal engine: in volts the residual is
     * |r(t)|² = Σ (b̂ᵢ e^(−λ̂ᵢ t/τ))² from v0 = 0, computed here coordinate by coordinate; at the
     * reported settle time it is the target and just before it larger, and the read-out is
     * (bᵢ/λᵢ)(1 − e^(−λ̂ᵢ t/τ)).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void diagonalQuadraticSettlesAtItsClosedFormResidual(long seed) {
        int n = 250;
        SplittableRandom r = new SplittableRandom(seed);
        double[] lambda = RandomQuadratics.uniform(r, n, 0.1, 10);
        double[] b = RandomQuadratics.uniform(r, n, -1, 1);
        double tol = 1e-3;
        AnalogOptimizer opt = new AnalogOptimizer(AnalogOptimizer.Settings.defaults().ideal().withSettleTolerance(tol));
        AnalogSolve s = opt.solve(new QuadraticEnergy(RandomQuadratics.diagonalMatrix(lambda), b), new double[n], 1e-3);
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            sa = Math.max(sa, lambda[i]);
            sb = Math.max(sb, Math.abs(b[i]));
        }
        double bNorm = 0;
        for (int i = 0; i < n; i++) {
            bNorm += b[i] / sb * b[i] / sb;
        }
        double target = tol * Math.sqrt(bNorm);
        double taus = s.result().settleTimeS() / s.tauS();
        // the 24-bit DAC moves each λ̂ by up to 2^-24 of the largest, e^(-λ̂t) by up to ~1e-5 here
        assertThat(residualInVolts(lambda, b, sa, sb, taus)).isCloseTo(target, offset(1e-4 * target));
        assertThat(residualInVolts(lambda, b, sa, sb, taus * (1 - 1e-3))).isGreaterThan(target);
        double[] w = s.result().solution();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(b[i] / lambda[i]));
        }
        for (int i = 0; i < n; i++) {
            double expected = b[i] / lambda[i] * (1 - Math.exp(-lambda[i] / sa * taus));
            assertThat(w[i]).isCloseTo(expected, offset(1e-4 * Math.abs(b[i] / lambda[i]) + 4 * largest / Math.pow(2, 23)));
        }
    }

    private static double residualInVolts(double[] lambda, double[] b, double sa, double sb, double taus) {
        double sum = 0;
        for (int i = 0; i < lambda.length; i++) {
            double c = b[i] / sb * Math.exp(-lambda[i] / sa * taus);
            sum += c * c;
        }
        return Math.sqrt(sum);
    }
}

package io.onorbit.flight.optimizer;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;

/**
 * Model of an analog optimization engine: the training update's quadratic energy
 * E(w) = ½wᵀAw − bᵀw is programmed into a crossbar through DACs, and the circuit's gradient flow
 * dw/dt = −(Aw − b)/τ runs until the residual |Aw − b| falls below {@code settleTolerance}·|b|.
 * The programmed flow is linear with a constant matrix, so by default it is solved exactly
 * ({@link FlowSolution#EXACT}: eigendecomposition of the programmed matrix, kept while it does not
 * change, and the settle time as the root of the residual's closed form); a Hipparchus
 * Dormand-Prince 5(4) integration stopped by an event detector ({@link FlowSolution#INTEGRATED})
 * is the reference it is checked against. The settled voltages are read through ADCs. A diagonal
 * matrix (the proximal model ρI of every non-quadratic energy) is held as its diagonal from posing to
 * read-out ({@link SymmetricMatrix}): O(n) simulator work per solve with the same numbers as the
 * dense arithmetic, while the circuit's costs below stay those of the whole n x n array.
 *
 * <p><b>Time constant.</b> τ = n²·E_τ / P: the n² multiply cells share the bias power P, each must
 * move its node charge (E_τ = C·V², default 1 pJ) per time constant. τ ∝ 1/P, so the energy
 * P·t_settle of one solve does not depend on the power chosen; the optimizer runs at the
 * highest power the envelope allows (up to {@code maxOperatingPowerW}) and refuses to run below
 * {@code minOperatingPowerW}.
 *
 * <p><b>Non-idealities (all seeded).</b> A and b are quantized to {@code dacBits} against their
 * largest entry; every cell has a fixed relative gain mismatch of standard deviation
 * {@code mismatchSigma} (drawn once per device position from the seed, the same on every call;
 * the matrix is kept symmetric); the read-out adds kT/C thermal noise relative to the full-scale
 * voltage, then quantizes to {@code adcBits} over an auto-ranged full scale (the smallest power of
 * two holding 1.25 times the largest output, so noise is not clipped). DAC/ADC energy per conversion follows a Walden figure of merit:
 * FOM · 2^bits (default 20 fJ per conversion step, Murmann ADC survey class).
 *
 * <p>Energy = P·t_settle + conversions (n(n+1)/2 + 2n DAC loads, n ADC reads). Errors are reported
 * against the exact minimizer by {@link #solve}.
 *
 * <p><b>Never throws on a valid problem.</b> Before the array is biased, the programmed matrix
 * (after quantization and mismatch) is checked for positive definiteness (its Cholesky factor);
 * a matrix that lost it, a non-finite input, or an integration that fails returns the start point
 * as a result that did not converge ({@link AnalogSolve.Outcome}), so the trainer counts the
 * update as not converged instead of the run stopping.
 */
public final class AnalogOptimizer implements Optimizer {

    private static final double BOLTZMANN_JK = 1.380649e-23;
    /** the flow is given up (not settled) after this many time constants */
    private static final double MAX_SETTLE_TAUS = 1e7;
    /** the ADC range covers this multiple of the largest settled output */
    static final double ADC_HEADROOM = 1.25;

    /**
     * How the circuit's settle is computed. The programmed flow dv/dt = −(Av − b)/τ is linear with a
     * constant symmetric positive definite A, so its solution is exact in closed form:
     * v(t) = v* + Q·exp(−Λt/τ)·Qᵀ(v0 − v*) with A = QΛQᵀ and v* = A⁻¹b, and the residual
     * |Av(t) − b|² = Σ (λᵢ e^(−λᵢt/τ) yᵢ)² (y = Qᵀ(v0 − v*)) falls monotonically, so the settle time is
     * the root of a convex decreasing function.
     */
    public enum FlowSolution {
        /**
         * The closed-form solution above: an eigendecomposition of the programmed matrix (kept
         * while the matrix does not change) and a Newton root of the residual's logarithm.
         */
        EXACT,
        /**
         * A Dormand-Prince 5(4) integration of the same flow stopped by an event detector (relative
         * tolerance 1e-9); the reference the exact solution is checked against, about a hundred
         * times slower.
         */
        INTEGRATED
    }

    private final Settings s;
    private final FlowSolution flowSolution;
    private final SplittableRandom noise;
    /** the last programmed matrix and its decomposition, reused while the matrix is the same */
    private SymmetricMatrix decomposedMatrix;
    private LinearFlow decomposition;
    /** the device mismatch for the last dimension (fixed per device position and seed) */
    private DeviceMismatch mismatch;
    /** the working arrays of the last dimension's solves, reused so that a trainer's update allocates none */
    private Workspace work;

    /**
     * Circuit settings.
     *
     * @param minOperatingPowerW  lowest bias power the engine works at, W
     * @param maxOperatingPowerW  highest bias power, W
     * @param tauEnergyPerCellJ   E_τ: energy per cell per time constant, J
     * @param dacBits             DAC resolution, bits in [2, 24]
     * @param adcBits             ADC resolution, bits in [2, 24]
     * @param mismatchSigma       relative cell gain mismatch (1 sigma), in [0, 0.2]
     * @param capacitanceF        integrating node capacitance for kT/C noise, F (0: no thermal noise)
     * @param temperatureK        circuit temperature, K
     * @param fullScaleV          full-scale voltage, V
     * @param conversionFomJ      converter energy per conversion step, J
     * @param settleTolerance     relative residual at which the flow counts as settled, in (0, 0.5)
     * @param proximalStrength    ρ for non-quadratic energies (see {@link LocalQuadratic}), 1/step
     * @param seed                seed for mismatch and noise
     */
    public record Settings(double minOperatingPowerW, double maxOperatingPowerW, double tauEnergyPerCellJ, int dacBits,
                           int adcBits, double mismatchSigma, double capacitanceF, double temperatureK,
                           double fullScaleV, double conversionFomJ, double settleTolerance, double proximalStrength,
                           long seed) {

        public Settings {
            if (!(minOperatingPowerW > 0) || !(maxOperatingPowerW >= minOperatingPowerW)) {
                throw new IllegalArgumentException("analog minOperatingPowerW " + minOperatingPowerW
                        + " must be > 0 and <= maxOperatingPowerW " + maxOperatingPowerW);
            }
            positive("analog tauEnergyPerCellJ", tauEnergyPerCellJ);
            if (dacBits < 2 || dacBits > 24 || adcBits < 2 || adcBits > 24) {
                throw new IllegalArgumentException("analog dacBits " + dacBits + " and adcBits " + adcBits
                        + " must be in [2, 24]");
            }
            if (!(mismatchSigma >= 0 && mismatchSigma <= 0.2)) {
                throw new IllegalArgumentException("analog mismatchSigma " + mismatchSigma + " must be in [0, 0.2]");
            }
            if (!(capacitanceF >= 0)) {
                throw new IllegalArgumentException("analog capacitanceF " + capacitanceF + " must be >= 0");
            }
            positive("analog temperatureK", temperatureK);
            positive("analog fullScaleV", fullScaleV);
            if (!(conversionFomJ >= 0)) {
                throw new IllegalArgumentException("analog conversionFomJ " + conversionFomJ + " must be >= 0");
            }
            if (!(settleTolerance > 0 && settleTolerance < 0.5)) {
                throw new IllegalArgumentException("analog settleTolerance " + settleTolerance + " must be in (0, 0.5)");
            }
            positive("analog proximalStrength", proximalStrength);
        }

        /**
         * Defaults: 10 µW to 10 mW bias, E_τ 1 pJ, 8-bit DAC and ADC, 1% mismatch, 100 fF at 300 K
         * with a 1 V full scale (kT/C noise 0.2 mV), 20 fJ per conversion step, settled at 0.1%
         * residual, ρ = 1, seed 1.
         */
        public static Settings defaults() {
            return new Settings(1e-5, 1e-2, 1e-12, 8, 8, 0.01, 100e-15, 300, 1.0, 20e-15, 1e-3, 1.0, 1L);
        }

        public Settings withBits(int dac, int adc) {
            return new Settings(minOperatingPowerW, maxOperatingPowerW, tauEnergyPerCellJ, dac, adc, mismatchSigma,
                    capacitanceF, temperatureK, fullScaleV, conversionFomJ, settleTolerance, proximalStrength, seed);
        }

        public Settings withMismatchSigma(double v) {
            return new Settings(minOperatingPowerW, maxOperatingPowerW, tauEnergyPerCellJ, dacBits, adcBits, v,
                    capacitanceF, temperatureK, fullScaleV, conversionFomJ, settleTolerance, proximalStrength, seed);
        }

        /** @param c integrating capacitance, F; 0 turns thermal noise off */
        public Settings withCapacitanceF(double c) {
            return new Settings(minOperatingPowerW, maxOperatingPowerW, tauEnergyPerCellJ, dacBits, adcBits,
                    mismatchSigma, c, temperatureK, fullScaleV, conversionFomJ, settleTolerance, proximalStrength, seed);
        }

        public Settings withSettleTolerance(double v) {
            return new Settings(minOperatingPowerW, maxOperatingPowerW, tauEnergyPerCellJ, dacBits, adcBits,
                    mismatchSigma, capacitanceF, temperatureK, fullScaleV, conversionFomJ, v, proximalStrength, seed);
        }

        public Settings withPowerRangeW(double min, double max) {
            return new Settings(min, max, tauEnergyPerCellJ, dacBits, adcBits, mismatchSigma, capacitanceF,
                    temperatureK, fullScaleV, conversionFomJ, settleTolerance, proximalStrength, seed);
        }

        public Settings withSeed(long v) {
            return new Settings(minOperatingPowerW, maxOperatingPowerW, tauEnergyPerCellJ, dacBits, adcBits,
                    mismatchSigma, capacitanceF, temperatureK, fullScaleV, conversionFomJ, settleTolerance,
                    proximalStrength, v);
        }

        /** @return an ideal engine: 24-bit converters, no mismatch, no thermal noise */
        public Settings ideal() {
            return withBits(24, 24).withMismatchSigma(0).withCapacitanceF(0);
        }

        private static void positive(String field, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + " " + v + " must be > 0");
            }
        }
    }

    /** An engine whose settle is solved exactly ({@link FlowSolution#EXACT}). */
    public AnalogOptimizer(Settings settings) {
        this(settings, FlowSolution.EXACT);
    }

    /**
     * @param settings     circuit settings
     * @param flowSolution how the settle is computed
     */
    public AnalogOptimizer(Settings settings, FlowSolution flowSolution) {
        this.s = java.util.Objects.requireNonNull(settings, "settings");
        this.flowSolution = java.util.Objects.requireNonNull(flowSolution, "flowSolution");
        this.noise = new SplittableRandom(settings.seed() ^ 0x9E3779B97F4A7C15L);
    }

    /** @return how this engine's settle is computed */
    public FlowSolution flowSolution() {
        return flowSolution;
    }

    /** @return an engine with {@link Settings#defaults()} */
    public static AnalogOptimizer withDefaults() {
        return new AnalogOptimizer(Settings.defaults());
    }

    public Settings settings() {
        return s;
    }

    @Override
    public String name() {
        return "analog";
    }

    @Override
    public double minimumOperatingPowerW() {
        return s.minOperatingPowerW();
    }

    /** @return τ for an n-variable problem at bias power {@code powerW}, s */
    public double tauS(int n, double powerW) {
        return (double) n * n * s.tauEnergyPerCellJ() / powerW;
    }

    @Override
    public OptimizationResult minimize(EnergyFunction energy, double[] start, double maxPowerW) {
        double[] w = new double[energy.dimension()];
        return new OptimizationResult(w, minimizeInto(energy, start, maxPowerW, w));
    }

    @Override
    public synchronized SolveFigures minimizeInto(EnergyFunction energy, double[] start, double maxPowerW,
            double[] solutionOut) {
        requireOperatingPower(maxPowerW);
        int n = energy.dimension();
        if (solutionOut.length != n) {
            throw new IllegalArgumentException("solutionOut has " + solutionOut.length + " entries, energy dimension is "
                    + n);
        }
        Workspace ws = workspace(n);
        // the trainer uses the solution only: the exact minimizer and the error against it are not computed
        return engine(LocalQuadratic.of(energy, start, s.proximalStrength(), ws.gradient, ws.diagonal, ws.linear),
                start, maxPowerW, ws, solutionOut).figures();
    }

    /**
     * Solves and reports the error against the exact minimizer.
     *
     * @param energy    the energy to minimize
     * @param start     initial point (programmed as the integrators' initial voltages)
     * @param maxPowerW the training envelope now, W
     * @return result and accuracy
     * @throws PowerEnvelopeException if {@code maxPowerW} is below the minimum operating power
     */
    public synchronized AnalogSolve solve(EnergyFunction energy, double[] start, double maxPowerW) {
        requireOperatingPower(maxPowerW);
        return solve(LocalQuadratic.of(energy, start, s.proximalStrength()), start, maxPowerW);
    }

    private void requireOperatingPower(double maxPowerW) {
        if (!(maxPowerW >= s.minOperatingPowerW())) {
            throw new PowerEnvelopeException("analog optimizer needs at least " + s.minOperatingPowerW()
                    + " W but the envelope allows " + maxPowerW + " W");
        }
    }

    /**
     * Solves a posed quadratic; tests pose one with its matrix held dense to hold the diagonal
     * form's O(n) arithmetic against the general one.
     */
    synchronized AnalogSolve solve(LocalQuadratic q, double[] start, double maxPowerW) {
        return solve(q, start, maxPowerW, true);
    }

    /**
     * @param accuracy whether to compute the exact minimizer and the read-out's error against it
     *                 (empty in the solve when not); the engine's own work is the same either way
     */
    private synchronized AnalogSolve solve(LocalQuadratic q, double[] start, double maxPowerW, boolean accuracy) {
        requireOperatingPower(maxPowerW);
        Optional<double[]> exact = accuracy ? q.exactMinimizer() : Optional.empty();
        double[] w = new double[q.n];
        Engine e = engine(q, start, maxPowerW, workspace(q.n), w);
        return new AnalogSolve(new OptimizationResult(w, e.figures()), exact, relativeError(w, exact), e.tauS(),
                e.conversionEnergyJ(), e.outcome());
    }

    /**
     * One solve's figures with what {@link AnalogSolve} reports besides.
     *
     * @param figures           the solve's power, time, energy and convergence
     * @param tauS              the circuit time constant, s
     * @param conversionEnergyJ DAC and ADC energy included in the figures' energy, J
     * @param outcome           how the solve ended
     */
    private record Engine(SolveFigures figures, double tauS, double conversionEnergyJ, AnalogSolve.Outcome outcome) { }

    /**
     * The engine's work for one posed quadratic, its read-out written into {@code w}.
     *
     * @param ws the working arrays (of dimension q.n); for a diagonal matrix every array the solve
     *           needs is one of them
     */
    private Engine engine(LocalQuadratic q, double[] start, double maxPowerW, Workspace ws, double[] w) {
        double powerW = Math.min(maxPowerW, s.maxOperatingPowerW());
        int n = q.n;
        double conversions = (double) n * (n + 1) / 2 + 2.0 * n;
        double conversionJ = conversions * s.conversionFomJ() * Math.pow(2, s.dacBits())
                + n * s.conversionFomJ() * Math.pow(2, s.adcBits());
        double tau = tauS(n, powerW);
        if (!q.a.allFinite() || !LocalQuadratic.allFinite(q.b) || !LocalQuadratic.allFinite(start)) {
            return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.NOT_DEFINITE);
        }

        // Program the crossbar: quantize to the DAC against the largest entry, apply fixed mismatch.
        double scaleA = Math.max(q.a.maxAbs(), Double.MIN_NORMAL);
        double scaleB = Math.max(LocalQuadratic.maxAbs(q.b), Double.MIN_NORMAL);
        DeviceMismatch gains = mismatch(n);
        double dacLevels = levels(s.dacBits());
        SymmetricMatrix ah = q.a.programmed((i, j, v) -> quantize(v / scaleA, dacLevels) * gains.cell(i, j),
                ws.programmed);
        // The flow dv/dt = -(A v - b)/tau settles only if the programmed A is positive definite;
        // quantization and mismatch can take an ill-conditioned A (small proximal weight, large
        // replay) out of that cone, and the flow then grows without bound. The controller checks
        // the programmed matrix (its Cholesky factor exists) before biasing the array.
        if (!ah.positiveDefinite()) {
            return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.NOT_DEFINITE);
        }
        double[] bh = programLinear(n, q.b, scaleB, dacLevels, gains, ws.programmedLinear);
        // Voltages are w scaled by scaleA/scaleB; the start is programmed through the DAC too.
        double toVolts = scaleA / scaleB;
        double startScale = Math.max(LocalQuadratic.maxAbs(start) * toVolts, Double.MIN_NORMAL);
        double[] v0 = programStart(n, start, toVolts, startScale, dacLevels, ws.start);
        if (!Double.isFinite(toVolts) || !LocalQuadratic.allFinite(v0)) {
            return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.NOT_DEFINITE);
        }

        double target = s.settleTolerance() * Math.max(LocalQuadratic.norm(bh), Double.MIN_NORMAL);
        Flow flow = new Flow(ah, bh, tau);
        double[] settled;
        double settleTimeS;
        boolean converged;
        long evaluations;
        if (flow.residualNorm(v0) <= target) {
            settled = v0;
            settleTimeS = 0;
            converged = true;
            evaluations = 0;
        } else if (flowSolution == FlowSolution.EXACT) {
            LinearFlow exactFlow = decompose(ah);
            if (exactFlow == null) {
                return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.NOT_DEFINITE);
            }
            LinearFlow.Settle settle = exactFlow.settle(v0, bh, target, MAX_SETTLE_TAUS, ws.settle);
            settled = settle.state();
            settleTimeS = settle.timeConstants() * tau;
            if (!LocalQuadratic.allFinite(settled) || !Double.isFinite(settleTimeS)) {
                return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.DIVERGED);
            }
            converged = flow.residualNorm(settled) <= target * (1 + 1e-6);
            evaluations = settle.evaluations();
        } else {
            DormandPrince54Integrator integrator = new DormandPrince54Integrator(tau * 1e-9, tau * 1e3, 1e-12, 1e-9);
            integrator.setMaxEvaluations(5_000_000);
            integrator.addEventDetector(new SettledDetector(flow, target, tau));
            double tMax = tau * MAX_SETTLE_TAUS;
            ODEStateAndDerivative end;
            try {
                end = integrator.integrate(flow, new ODEState(0, v0), tMax);
            } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                // Not expected once A is checked; never let the engine's failure escape the update.
                return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.DIVERGED);
            }
            settled = end.getPrimaryState();
            settleTimeS = end.getTime();
            if (!LocalQuadratic.allFinite(settled) || !Double.isFinite(settleTimeS)) {
                return notRun(start, w, powerW, conversionJ, tau, AnalogSolve.Outcome.DIVERGED);
            }
            converged = flow.residualNorm(settled) <= target * (1 + 1e-6);
            evaluations = integrator.getEvaluations();
        }

        // Read out: kT/C noise (ziggurat normal draws), then the ADC over an auto-ranged full scale.
        // auto-range: the smallest power of two holding 1.25x the largest output, headroom so that
        // noise on the largest output is not clipped by the converter
        double fullScale = Math.pow(2, Math.ceil(Math.log(Math.max(ADC_HEADROOM * LocalQuadratic.maxAbs(settled), 1e-300))
                / Math.log(2)));
        double sigmaV = s.capacitanceF() > 0 ? Math.sqrt(BOLTZMANN_JK * s.temperatureK() / s.capacitanceF()) : 0;
        double adcLevels = levels(s.adcBits());
        double noiseV = fullScale * sigmaV / s.fullScaleV();
        // fullScale is a power of two, so multiplying by its inverse is exact: the same as dividing
        readOut(n, settled, noiseV, 1 / fullScale, adcLevels, fullScale, toVolts, w);

        double energyJ = powerW * settleTimeS + conversionJ;
        return new Engine(new SolveFigures(powerW, settleTimeS, energyJ, converged, evaluations), tau, conversionJ,
                converged ? AnalogSolve.Outcome.SETTLED : AnalogSolve.Outcome.NOT_SETTLED);
    }

    /**
     * A solve the engine refused or abandoned: the start point comes back unchanged (copied into
     * {@code w}), not converged; the DAC loads and ADC reads were spent (charged), no settle time.
     */
    private static Engine notRun(double[] start, double[] w, double powerW, double conversionJ, double tau,
            AnalogSolve.Outcome outcome) {
        System.arraycopy(start, 0, w, 0, w.length);
        return new Engine(new SolveFigures(powerW, 0, conversionJ, false, 0), tau, conversionJ, outcome);
    }

    private static OptionalDouble relativeError(double[] w, Optional<double[]> exact) {
        if (exact.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] x = exact.get();
        double[] diff = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            diff[i] = w[i] - x[i];
        }
        double exactNorm = LocalQuadratic.norm(x);
        return OptionalDouble.of(LocalQuadratic.norm(diff) / (exactNorm > 0 ? exactNorm : 1));
    }

    /** @return the largest code of a signed {@code bits}-bit converter, 2^(bits−1) − 1 */
    static double levels(int bits) {
        return Math.pow(2, bits - 1) - 1;
    }

    /**
     * Rounds x in [-1, 1] to a converter code and back.
     *
     * @param levels the converter's largest code ({@link #levels}), computed once per solve: the
     *               power it takes costs more than the rounding, hundreds of times a solve
     */
    static double quantize(double x, double levels) {
        // the clamp as Math.max(-1, Math.min(1, x)) gives it (a NaN passes), without its slower intrinsic
        double c = x > 1 ? 1 : x < -1 ? -1 : x;
        return Math.rint(c * levels) / levels;
    }

    /**
     * @return the eigendecomposition of the programmed matrix, the last one if the matrix is the
     *         same (bit for bit), or null if a decomposition is not usable (an eigenvalue not > 0)
     */
    private LinearFlow decompose(SymmetricMatrix ah) {
        if (decomposition == null || !ah.sameEntries(decomposedMatrix)) {
            decomposition = ah.decomposition();
            // a copy: a diagonal ah lives in the workspace, which the next solve programs again
            decomposedMatrix = ah.copy();
        }
        return decomposition;
    }

    /** @return the working arrays of an n-variable solve (kept per dimension) */
    private Workspace workspace(int n) {
        if (work == null || work.n != n) {
            work = new Workspace(n);
        }
        return work;
    }

    /**
     * The arrays one solve works in, owned by the engine and overwritten by every solve: the posed
     * quadratic, the programmed diagonal, b and start (the DAC codes the controller computes) and
     * the exact settle's arrays. The simulator's model of the circuit, not memory on the flight
     * computer's budget: the controller streams the codes to the DACs as it computes them, and the
     * settle is the circuit's physics.
     */
    private static final class Workspace {
        final int n;
        final double[] gradient;
        final double[] diagonal;
        final double[] linear;
        final double[] programmed;
        final double[] programmedLinear;
        final double[] start;
        final LinearFlow.Work settle;

        Workspace(int n) {
            this.n = n;
            gradient = new double[n];
            diagonal = new double[n];
            linear = new double[n];
            programmed = new double[n];
            programmedLinear = new double[n];
            start = new double[n];
            settle = new LinearFlow.Work(n);
        }
    }

    /*
     * The engine's per-element loops are methods of their own: inside engine (once per solve)
     * their iterations made the JIT compile it on-stack twice and then whole, with everything it
     * calls; now these small loops are compiled, and engine only if its calls alone make it hot.
     */

    /** @return {@code into}, its first {@code n} entries: the linear term through the DAC, with each input's gain */
    private static double[] programLinear(int n, double[] b, double scaleB, double dacLevels, DeviceMismatch gains,
                                          double[] into) {
        for (int i = 0; i < n; i++) {
            into[i] = quantize(b[i] / scaleB, dacLevels) * gains.input(i);
        }
        return into;
    }

    /** @return {@code into}, its first {@code n} entries: the start in volts through the DAC */
    private static double[] programStart(int n, double[] start, double toVolts, double startScale, double dacLevels,
                                         double[] into) {
        for (int i = 0; i < n; i++) {
            into[i] = quantize(start[i] * toVolts / startScale, dacLevels) * startScale;
        }
        return into;
    }

    /** Reads the first {@code n} settled voltages out into {@code w}: thermal noise, then the ADC. */
    private void readOut(int n, double[] settled, double noiseV, double perFullScale, double adcLevels, double fullScale,
                         double toVolts, double[] w) {
        for (int i = 0; i < n; i++) {
            double v = settled[i] + noiseV * ZigguratNormal.draw(noise);
            w[i] = quantize(v * perFullScale, adcLevels) * fullScale / toVolts;
        }
    }

    /** @return the device mismatch of an n-variable array (fixed per position and seed, kept per dimension) */
    private DeviceMismatch mismatch(int n) {
        if (mismatch == null || mismatch.n() != n) {
            mismatch = new DeviceMismatch(n, s.mismatchSigma(), s.seed());
        }
        return mismatch;
    }

    /** dv/dt = -(A v - b) / tau. */
    private static final class Flow implements OrdinaryDifferentialEquation {
        private final SymmetricMatrix a;
        private final double[] b;
        private final double tau;

        Flow(SymmetricMatrix a, double[] b, double tau) {
            this.a = a;
            this.b = b;
            this.tau = tau;
        }

        @Override
        public int getDimension() {
            return b.length;
        }

        @Override
        public double[] computeDerivatives(double t, double[] v) {
            double[] d = new double[b.length];
            a.residual(v, b, d);
            for (int i = 0; i < d.length; i++) {
                d[i] = -d[i] / tau;
            }
            return d;
        }

        double residualNorm(double[] v) {
            return a.residual(v, b, null);
        }
    }

    /** g = |A v - b| - target: crosses zero downward when the flow has settled; stops there. */
    private static final class SettledDetector implements ODEEventDetector {
        private final Flow flow;
        private final double target;
        private final double tau;

        SettledDetector(Flow flow, double target, double tau) {
            this.flow = flow;
            this.target = target;
            this.tau = tau;
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            return AdaptableInterval.of(tau);
        }

        @Override
        public int getMaxIterationCount() {
            return 200;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return new BracketingNthOrderBrentSolver(1e-14, tau * 1e-9, 1e-15, 5);
        }

        @Override
        public ODEEventHandler getHandler() {
            return (state, detector, increasing) -> Action.STOP;
        }

        @Override
        public double g(ODEStateAndDerivative state) {
            return flow.residualNorm(state.getPrimaryState()) - target;
        }
    }
}

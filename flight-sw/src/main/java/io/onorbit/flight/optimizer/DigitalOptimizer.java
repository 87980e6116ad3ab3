package io.onorbit.flight.optimizer;

/**
 * The digital baseline: the same update on a CPU by full-batch gradient descent ("SGD" over the
 * whole batch) or Adam, with energy from counted operations and memory accesses priced by
 * {@link DigitalEnergyCosts} (Horowitz, ISSCC 2014, 45 nm by default).
 *
 * <p>Counts per iteration for n variables: the gradient Aw − b costs n² multiplies, n² adds and
 * n² + 3n memory accesses (A, w, b read; gradient written); its convergence test n multiplies and
 * n adds; the update n multiplies, n adds, 3n accesses (SGD) or 8n multiplies, 2n divide/roots,
 * 5n adds, 7n accesses (Adam: m, v, bias corrections). One-time: the step size 1/L from the
 * Gershgorin bound, n² adds. A non-quadratic energy is solved through its proximal local model
 * (see {@link LocalQuadratic}), counted the same way. Time = operations / {@code opsPerSecond}; if
 * that draws more than the envelope allows the clock is slowed so that power = envelope.
 * Stops when |Aw − b| &le; tolerance·|b| or after {@code maxIterations}.
 */
public final class DigitalOptimizer implements Optimizer {

    /** Update rule. */
    public enum Method { SGD, ADAM }

    private final Method method;
    private final double tolerance;
    private final int maxIterations;
    private final double adamLearningRate;
    private final double opsPerSecond;
    private final double minOperatingPowerW;
    private final DigitalEnergyCosts costs;
    private final double proximalStrength;

    /**
     * @param method             SGD (full-batch gradient descent with step 1/L) or Adam
     * @param tolerance          relative residual at which it stops, in (0, 0.5)
     * @param maxIterations      iteration cap (&gt; 0)
     * @param adamLearningRate   Adam step size, relative to the scale of the solution (&gt; 0)
     * @param opsPerSecond       operations (arithmetic + memory) per second at full clock (&gt; 0)
     * @param minOperatingPowerW lowest power the CPU runs at, W (&gt; 0)
     * @param costs              energy per operation
     */
    public DigitalOptimizer(Method method, double tolerance, int maxIterations, double adamLearningRate,
                            double opsPerSecond, double minOperatingPowerW, DigitalEnergyCosts costs) {
        if (method == null || costs == null) {
            throw new IllegalArgumentException("digital optimizer: method and costs are required");
        }
        if (!(tolerance > 0 && tolerance < 0.5) || maxIterations <= 0 || !(adamLearningRate > 0)
                || !(opsPerSecond > 0) || !(minOperatingPowerW > 0)) {
            throw new IllegalArgumentException("digital optimizer: tolerance in (0, 0.5), maxIterations > 0, "
                    + "adamLearningRate > 0, opsPerSecond > 0 and minOperatingPowerW > 0 required");
        }
        this.method = method;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.adamLearningRate = adamLearningRate;
        this.opsPerSecond = opsPerSecond;
        this.minOperatingPowerW = minOperatingPowerW;
        this.costs = costs;
        this.proximalStrength = 1.0;
    }

    /** Defaults: stop at 0.1% residual, 100 000 iterations, Adam step 0.01, 100 M ops/s, 1 mW minimum, Horowitz 45 nm. */
    public static DigitalOptimizer withDefaults(Method method) {
        return new DigitalOptimizer(method, 1e-3, 100_000, 0.01, 1e8, 1e-3, DigitalEnergyCosts.horowitz45nm());
    }

    public DigitalOptimizer withCosts(DigitalEnergyCosts c) {
        return new DigitalOptimizer(method, tolerance, maxIterations, adamLearningRate, opsPerSecond, minOperatingPowerW, c);
    }

    public DigitalOptimizer withTolerance(double t) {
        return new DigitalOptimizer(method, t, maxIterations, adamLearningRate, opsPerSecond, minOperatingPowerW, costs);
    }

    @Override
    public String name() {
        return method == Method.SGD ? "digital-sgd" : "digital-adam";
    }

    @Override
    public double minimumOperatingPowerW() {
        return minOperatingPowerW;
    }

    @Override
    public OptimizationResult minimize(EnergyFunction energy, double[] start, double maxPowerW) {
        if (!(maxPowerW >= minOperatingPowerW)) {
            throw new PowerEnvelopeException(name() + " needs at least " + minOperatingPowerW + " W but the envelope allows "
                    + maxPowerW + " W");
        }
        LocalQuadratic q = LocalQuadratic.of(energy, start, proximalStrength);
        int n = q.n;
        double[] w = start.clone();
        double[] g = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        double bNorm = Math.max(LocalQuadratic.norm(q.b), Double.MIN_NORMAL);
        // Gershgorin bound on the largest eigenvalue: step 1/L is stable for gradient descent
        double lipschitz = q.a.maxAbsRowSum();
        double step = 1.0 / lipschitz;
        double lr = adamLearningRate * Math.max(LocalQuadratic.maxAbs(q.b) / lipschitz, 1e-12);
        long mults = 0;
        long adds = (long) n * n;
        long divs = 0;
        long memory = (long) n * n;
        boolean converged = false;
        int it = 0;
        for (; it < maxIterations; it++) {
            double residualNorm = q.a.residual(w, q.b, g);
            // the CPU's dense gradient costs the same whatever the simulator holds
            mults += (long) n * n + n;
            adds += (long) n * n + n;
            memory += (long) n * n + 3L * n;
            if (residualNorm <= tolerance * bNorm) {
                converged = true;
                break;
            }
            if (method == Method.SGD) {
                for (int i = 0; i < n; i++) {
                    w[i] -= step * g[i];
                }
                mults += n;
                adds += n;
                memory += 3L * n;
            } else {
                double c1 = 1 - Math.pow(0.9, it + 1);
                double c2 = 1 - Math.pow(0.999, it + 1);
                for (int i = 0; i < n; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    double mh = m[i] / c1;
                    double vh = v[i] / c2;
                    w[i] -= lr * mh / (Math.sqrt(vh) + 1e-12);
                }
                mults += 8L * n;
                divs += 2L * n;
                adds += 5L * n;
                memory += 7L * n;
            }
        }
        long workingSetBytes = 4L * ((long) n * n + (method == Method.SGD ? 3L : 5L) * n);
        double arithmeticPj = mults * costs.fp32MultiplyPj() + divs * costs.divideAsMultiplies() * costs.fp32MultiplyPj()
                + adds * costs.fp32AddPj();
        long instructions = mults + divs + adds + memory;
        double energyJ = (arithmeticPj + memory * costs.memoryAccessPj(workingSetBytes)
                + instructions * costs.instructionOverheadPj()) * 1e-12;
        double timeS = instructions / opsPerSecond;
        double powerW = timeS > 0 ? energyJ / timeS : 0;
        if (powerW > maxPowerW) {
            timeS = energyJ / maxPowerW; // clock slowed to stay inside the envelope
            powerW = maxPowerW;
        }
        return new OptimizationResult(w, powerW, timeS, energyJ, converged, it);
    }
}

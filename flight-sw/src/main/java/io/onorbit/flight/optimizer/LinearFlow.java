package io.onorbit.flight.optimizer;

/**
 * The exact solution of the linear gradient flow dv/ds = −(Av − b) with A symmetric positive
 * definite, in units of the time constant (s = t/τ). With A = QΛQᵀ, v* = A⁻¹b and
 * y = Qᵀ(v0 − v*): v(s) = v* + Q·exp(−Λs)·y, and the residual Av(s) − b = Q·Λ·exp(−Λs)·y, whose norm
 * falls monotonically; its logarithm is convex in s, so Newton's method started left of the root
 * climbs to it without overshooting.
 *
 * <p>The decomposition is Householder tridiagonalization and implicit QL (EISPACK tred2/tql2) on flat
 * arrays: for the trainer's 17 x 17 matrices a few times cheaper than a general library's, and
 * checked against Hipparchus' in the tests. A diagonal matrix needs none of it
 * ({@link #ofDiagonal}: O(n) per solve). Immutable; holds the decomposition of one matrix, so a
 * flow programmed again with the same matrix reuses it.
 *
 * <p><b>Narrow spectra in series.</b> An analog array's programmed proximal matrix ρI has eigenvalues
 * that differ only by the cells' gain mismatch (about 1 %), so every rate is λᵢ = λc + δᵢ with
 * |δᵢ| ≤ D small. Then Σ cᵢ² e^(−2λᵢs) = e^(−2λc s) Σₖ (−2s)ᵏ/k! mₖ with the moments mₖ = Σ cᵢ² δᵢᵏ,
 * computed once per settle: each Newton evaluation of the residual costs O(K) and one logarithm
 * instead of n exponentials, and the state's e^(−λᵢs) = e^(−λc s) e^(−δᵢs) is a Taylor polynomial in
 * δᵢs over the whole vector. K is chosen from the remainder bound (x^(K+1)/(K+1)!) e^(2x), x = 2sD,
 * at or below 2⁻⁶⁰ of the sum, so the series is the closed form to rounding (tested against the
 * exponentials term by term to 1e-13 relative); where it would need more than {@link #MAX_TERMS}
 * terms (a wide spectrum, a long settle) the terms are summed one exponential each, as before.
 */
final class LinearFlow {

    /** the most Taylor terms a settle uses before it sums the exponentials term by term */
    static final int MAX_TERMS = 40;
    /** the series' remainder bound, relative to the sum: 2⁻⁶⁰, below the rounding of a double */
    private static final double SERIES_REMAINDER = 0x1p-60;

    private final int n;
    /** eigenvalues λᵢ > 0 */
    private final double[] lambda;
    /** λc = (λmin + λmax) / 2, the centre of the spectrum the series expands around */
    private final double lambdaCentre;
    /** δᵢ = λᵢ − λc */
    private final double[] spread;
    /** D = max |δᵢ| */
    private final double spreadMax;
    private final double lambdaMin;
    private final double lambdaMax;
    /**
     * eigenvectors as columns, row-major n x n: q[r * n + i] is component r of vector i; null for
     * the identity (a diagonal matrix)
     */
    private final double[] q;

    private LinearFlow(int n, double[] lambda, double[] q) {
        this.n = n;
        this.lambda = lambda;
        this.q = q;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        lambdaMin = min;
        lambdaMax = max;
        lambdaCentre = 0.5 * (min + max);
        spread = new double[n];
        double d = 0;
        for (int i = 0; i < n; i++) {
            spread[i] = lambda[i] - lambdaCentre;
            d = Math.max(d, Math.abs(spread[i]));
        }
        spreadMax = d;
    }

    /**
     * @param a symmetric matrix, row-major n x n (not modified)
     * @param n dimension
     * @return its decomposition, or null if an eigenvalue is not positive and finite (the flow would
     *         not settle)
     */
    static LinearFlow of(double[] a, int n) {
        double[] lambda = new double[n];
        double[] q = new double[n * n];
        System.arraycopy(a, 0, q, 0, n * n);
        double[] e = new double[n];
        tridiagonalize(q, lambda, e, n);
        if (!diagonalize(q, lambda, e, n)) {
            return null;
        }
        return positive(lambda) ? new LinearFlow(n, lambda, q) : null;
    }

    /**
     * @param d a diagonal matrix's diagonal (not modified): its entries are the eigenvalues and the
     *          axes the eigenvectors, exactly, with no O(n²) eigenvector matrix
     * @return its decomposition, or null if an entry is not positive and finite
     */
    static LinearFlow ofDiagonal(double[] d) {
        double[] lambda = d.clone();
        return positive(lambda) ? new LinearFlow(lambda.length, lambda, null) : null;
    }

    private static boolean positive(double[] lambda) {
        for (double l : lambda) {
            if (!(l > 0) || Double.isInfinite(l)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the flow settles.
     *
     * @param state          v at the settle time (or at the limit if it did not settle)
     * @param timeConstants  the settle time in time constants
     * @param evaluations    residual evaluations the root search made
     */
    record Settle(double[] state, double timeConstants, long evaluations) { }

    /**
     * @param v0        start
     * @param b         the flow's constant term
     * @param target    residual norm at which the flow counts as settled, > 0
     * @param maxTaus   the longest the flow may run, time constants
     * @return the first time the residual norm reaches {@code target}, and the state there
     */
    Settle settle(double[] v0, double[] b, double target, double maxTaus) {
        return settle(v0, b, target, maxTaus, new Work(n));
    }

    /**
     * The working arrays of one settle, kept by a caller that settles once per update so that a
     * settle allocates none; the {@link Settle#state()} it returns is {@link #v}, valid until the next
     * settle with the same work.
     */
    static final class Work {
        final double[] qtb;
        final double[] qtv0;
        final double[] y;
        final double[] logC;
        final double[] z;
        final double[] v;
        final double[] slope = new double[1];
        /** the residual's scaled squared coordinates, then their products with powers of δ */
        final double[] power;
        /** Horner coefficients of the residual's series: mₖ/k! and mₖ₊₁/k! */
        final double[] seriesSum = new double[MAX_TERMS + 1];
        final double[] seriesWeighted = new double[MAX_TERMS + 1];
        /** terms in the series (K + 1), 0 when the settle sums the exponentials term by term */
        int terms;
        /** the longest time (time constants) the series holds to its bound */
        double seriesLimit;
        /** ln of the power of two the squared coordinates were scaled by */
        double logScale;
        /** whether logC holds this settle's logarithms (computed only when a term-by-term sum needs them) */
        boolean logCReady;

        /** @param n the flow's dimension */
        Work(int n) {
            qtb = new double[n];
            qtv0 = new double[n];
            y = new double[n];
            logC = new double[n];
            z = new double[n];
            v = new double[n];
            power = new double[n];
        }
    }

    /** As {@link #settle(double[], double[], double, double)}, in {@code work} (of this flow's dimension). */
    Settle settle(double[] v0, double[] b, double target, double maxTaus, Work work) {
        // v* = Q Λ⁻¹ Qᵀ b; y = Qᵀ (v0 - v*); the residual's coordinates are c = Λ y.
        double[] qtb = transposeTimes(b, work.qtb);
        double[] qtv0 = transposeTimes(v0, work.qtv0);
        double[] y = work.y;
        double cMax = 0;
        for (int i = 0; i < n; i++) {
            y[i] = qtv0[i] - qtb[i] / lambda[i];
            cMax = Math.max(cMax, Math.abs(lambda[i] * y[i])); // NaN stays NaN
        }
        work.logCReady = false;
        work.terms = 0;
        work.seriesLimit = -1;
        double logTarget = Math.log(target);
        double[] slope = work.slope;
        double logR0;
        if (cMax > 0 && cMax < Double.POSITIVE_INFINITY) {
            logR0 = prepareSeries(cMax, logTarget, work);
            slope[0] = work.terms > 0 ? -(lambdaCentre + work.seriesWeighted[0] / work.seriesSum[0]) : 0;
            if (work.terms == 0) {
                logR0 = logResidual(0, slope, work);
            }
        } else {
            logR0 = logResidual(0, slope, work);
        }
        long evaluations = 1;
        if (logR0 <= logTarget) {
            return new Settle(stateAt(qtb, y, 0, work), 0, evaluations);
        }
        // Newton's first step from s = 0: the tangent of the convex log-residual meets the target at
        // or before the root (and not before (ln r0 - ln target) / λmax, where |r| >= e^(-λmax s) |r0|).
        double s = slope[0] < 0 ? (logR0 - logTarget) / -slope[0] : (logR0 - logTarget) / lambdaMax;
        // Newton's error bound, f(s) = ln|r(s)| - ln target: f'' = 2 Var_w(λ) <= (λmax - λmin)² / 2 and
        // λmin <= -f' <= λmax, so the error after a step is at most M e² (M = (λmax - λmin)² / (4 λmin)),
        // and the error e before the step δ is at most (λmax / λmin) δ (f >= λmin e by convexity): when
        // M (λmax / λmin)² δ² is below the rounding, the step is the last.
        double ratio = lambdaMax / lambdaMin;
        double bound = (lambdaMax - lambdaMin) * (lambdaMax - lambdaMin) / (4 * lambdaMin) * ratio * ratio;
        for (int k = 0; k < 200; k++) {
            double f = logResidual(s, slope, work) - logTarget;
            evaluations++;
            if (s > maxTaus) {
                break;
            }
            if (f <= 0 || slope[0] >= 0) {
                break;
            }
            double step = -f / slope[0];
            s += step;
            if (step <= 1e-15 * s || bound * step * step <= 1e-16 * s) {
                break;
            }
        }
        if (s > maxTaus && logResidual(maxTaus, null, work) > logTarget) {
            return new Settle(stateAt(qtb, y, maxTaus, work), maxTaus, evaluations + 1);
        }
        return new Settle(stateAt(qtb, y, s, work), s, evaluations);
    }

    /**
     * Prepares the residual's series for this settle (see the class comment): the squared
     * coordinates cᵢ², scaled by a power of two (exact) so that the largest is in [1, 4), their
     * moments mₖ = Σ cᵢ² δᵢᵏ, and the Horner coefficients mₖ/k! and mₖ₊₁/k!, with K the fewest terms
     * whose remainder bound holds up to the latest time the root can lie at,
     * (ln|r0| − ln target) / λmin (|r(s)| ≤ e^(−λmin s) |r0|). Leaves {@code work.terms} at 0 if more
     * than {@link #MAX_TERMS} would be needed.
     *
     * @param cMax the largest |cᵢ|, positive and finite
     * @return ln |r(0)|
     */
    private double prepareSeries(double cMax, double logTarget, Work work) {
        int exponent = Math.getExponent(cMax);
        double down = Math.scalb(1.0, -exponent);
        double[] y = work.y;
        double[] power = work.power;
        for (int i = 0; i < n; i++) {
            double c = lambda[i] * y[i] * down;
            power[i] = c * c;
        }
        work.logScale = 2 * exponent * Math.log(2);
        double m0 = sum(power);
        double logR0 = 0.5 * (work.logScale + Math.log(m0));
        double limit = logR0 > logTarget ? (logR0 - logTarget) / lambdaMin * (1 + 1e-9) : 0;
        int terms = seriesTerms(2 * limit * spreadMax);
        if (terms == 0) {
            return logR0;
        }
        double[] sums = work.seriesSum;
        double[] weighted = work.seriesWeighted;
        double factorial = 1;
        sums[0] = m0;
        for (int k = 1; k <= terms; k++) {
            for (int i = 0; i < n; i++) {
                power[i] *= spread[i];
            }
            double m = sum(power);
            weighted[k - 1] = m / factorial; // m_k / (k-1)!
            if (k < terms) {
                factorial *= k;
                sums[k] = m / factorial;
            }
        }
        work.terms = terms;
        work.seriesLimit = limit;
        return logR0;
    }

    /**
     * @param x the largest |x| the series of e^x must hold for
     * @return the fewest terms K + 1 (K the highest power) of e^x's Taylor series whose remainder,
     *         relative to e^x, is at most 2⁻⁶⁰ for every |x| up to the given one
     *         (|x|^(K+1)/(K+1)! e^(2|x|) bounds it), or 0 if more than {@link #MAX_TERMS} are needed
     */
    static int seriesTerms(double x) {
        double t = Math.exp(2 * x);
        for (int j = 1; j <= MAX_TERMS; j++) {
            t *= x / j;
            if (t <= SERIES_REMAINDER) {
                return j;
            }
        }
        return 0;
    }

    /** @return Σ v, in four running sums (the reduction's latency, not its adds, is the cost) */
    private static double sum(double[] v) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < v.length; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < v.length; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * @return ln |r(s)| = ½ ln Σ cᵢ² e^(−2λᵢs); the derivative d ln|r| / ds = −Σ λᵢ wᵢ (wᵢ the
     *         terms' weights) goes to {@code slope[0]} if given. By the series where it holds to its
     *         bound, otherwise term by term
     */
    private double logResidual(double s, double[] slope, Work work) {
        if (work.terms > 0 && s <= work.seriesLimit) {
            double u = -2 * s;
            double[] sums = work.seriesSum;
            double[] weighted = work.seriesWeighted;
            int k = work.terms - 1;
            double p = sums[k];
            double w = weighted[k];
            for (k--; k >= 0; k--) {
                p = p * u + sums[k];
                w = w * u + weighted[k];
            }
            if (slope != null) {
                slope[0] = -(lambdaCentre + w / p);
            }
            return 0.5 * (work.logScale + Math.log(p)) - lambdaCentre * s;
        }
        return logResidualTermByTerm(s, slope, work);
    }

    /**
     * @return ln |r(s)| = ½ ln Σ cᵢ² e^(−2λᵢs), summed around its largest term, one exponential
     *         each; the slope as {@link #logResidual}
     */
    private double logResidualTermByTerm(double s, double[] slope, Work work) {
        double[] logC = work.logC;
        if (!work.logCReady) {
            double[] y = work.y;
            for (int i = 0; i < n; i++) {
                double c = Math.abs(lambda[i] * y[i]);
                logC[i] = c > 0 ? Math.log(c) : Double.NEGATIVE_INFINITY;
            }
            work.logCReady = true;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = logC[i] - lambda[i] * s; // never NaN: logC is finite or -inf, λ s finite
            max = x > max ? x : max;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            if (slope != null) {
                slope[0] = 0;
            }
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            double t = Math.exp(2 * (logC[i] - lambda[i] * s - max));
            sum += t;
            weighted += lambda[i] * t;
        }
        if (slope != null) {
            slope[0] = -weighted / sum;
        }
        return max + 0.5 * Math.log(sum);
    }

    /**
     * @return v(s) = Q (Λ⁻¹ Qᵀb + e^(−Λs) y), with e^(−λᵢs) = e^(−λc s) e^(−δᵢs) and the second factor
     *         a Taylor polynomial over the whole vector where {@link #seriesTerms} holds for sD,
     *         otherwise one exponential each
     */
    private double[] stateAt(double[] qtb, double[] y, double s, Work work) {
        double[] z = work.z;
        int terms = seriesTerms(s * spreadMax);
        if (terms > 0) {
            // Horner from the highest power: p = 1 + (x/k) p for k = K..1, x = −δᵢ s
            java.util.Arrays.fill(z, 1.0);
            for (int k = terms - 1; k >= 1; k--) {
                double c = -s / k;
                for (int i = 0; i < n; i++) {
                    z[i] = 1.0 + z[i] * (spread[i] * c);
                }
            }
            double centre = Math.exp(-lambdaCentre * s);
            for (int i = 0; i < n; i++) {
                z[i] = qtb[i] / lambda[i] + centre * z[i] * y[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                z[i] = qtb[i] / lambda[i] + Math.exp(-lambda[i] * s) * y[i];
            }
        }
        double[] v = work.v;
        if (q == null) {
            // what the sum below gives with Q = I: 0 + z_r (the other terms are zeros)
            for (int r = 0; r < n; r++) {
                v[r] = 0.0 + z[r];
            }
            return v;
        }
        for (int r = 0; r < n; r++) {
            double sum = 0;
            int row = r * n;
            for (int i = 0; i < n; i++) {
                sum += q[row + i] * z[i];
            }
            v[r] = sum;
        }
        return v;
    }

    /** @return Qᵀx in {@code out} (overwritten) */
    private double[] transposeTimes(double[] x, double[] out) {
        if (q == null) {
            // what the sum below gives with Q = I: 0 + x_i (the other terms are zeros)
            for (int i = 0; i < n; i++) {
                out[i] = 0.0 + x[i];
            }
            return out;
        }
        java.util.Arrays.fill(out, 0.0); // the sums below start from zero, as in a new array
        for (int r = 0; r < n; r++) {
            double xr = x[r];
            int row = r * n;
            for (int i = 0; i < n; i++) {
                out[i] += q[row + i] * xr;
            }
        }
        return out;
    }

    /**
     * Householder reduction of the symmetric matrix in {@code v} to tridiagonal form, accumulating
     * the transformations in {@code v} (EISPACK tred2, as in the public-domain JAMA library):
     * afterwards d holds the diagonal, e[1..n-1] the subdiagonal.
     */
    private static void tridiagonalize(double[] v, double[] d, double[] e, int n) {
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0;
            double h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                    v[j * n + i] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j * n + i] = f;
                    g = e[j] + v[j * n + j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k * n + j] * d[k];
                        e[k] += v[k * n + j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k * n + j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                }
            }
            d[i] = h;
        }
        for (int i = 0; i < n - 1; i++) {
            v[(n - 1) * n + i] = v[i * n + i];
            v[i * n + i] = 1;
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k * n + i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k * n + i + 1] * v[k * n + j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k * n + j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k * n + i + 1] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
            v[(n - 1) * n + j] = 0;
        }
        v[(n - 1) * n + n - 1] = 1;
        e[0] = 0;
    }

    /**
     * Implicit QL iterations on the tridiagonal (d, e), rotating the columns of {@code v} (EISPACK
     * tql2, as in JAMA): afterwards d holds the eigenvalues and v's columns the eigenvectors.
     *
     * @return false if an eigenvalue did not converge in 60 iterations
     */
    private static boolean diagonalize(double[] v, double[] d, double[] e, int n) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0;
        double tst1 = 0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > 60) {
                        return false;
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Math.sqrt(p * p + 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.sqrt(p * p + e[i] * e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            int row = k * n;
                            h = v[row + i + 1];
                            v[row + i + 1] = s * v[row + i] + c * h;
                            v[row + i] = c * v[row + i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(d[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return the eigenvalues (for tests) */
    double[] eigenvalues() {
        return lambda.clone();
    }

    /** @return the eigenvectors as the columns of a row-major n x n matrix (for tests) */
    double[] eigenvectors() {
        if (q == null) {
            double[] identity = new double[n * n];
            for (int i = 0; i < n; i++) {
                identity[i * n + i] = 1;
            }
            return identity;
        }
        return q.clone();
    }
}

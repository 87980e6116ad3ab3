package io.onorbit.orbit.events;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.GroundStation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.analytical.AbstractAnalyticalPropagator;
import org.orekit.propagation.BoundedPropagator;
import org.orekit.propagation.EphemerisGenerator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;

/**
 * Finds contact windows and eclipses of one satellite much faster than attaching Orekit event
 * detectors to the propagator, with the same event definitions (Orekit's ElevationDetector and
 * EclipseDetector geometry on the WGS84 ellipsoid).
 *
 * <p>How: the propagator is sampled exactly on an adaptive grid. Where every function is far from
 * zero, a safe step bound (how long the satellite needs, at its largest angular rate, to close the
 * angular margin to a station's visibility circle or to the shadow cone) lets the grid skip ahead;
 * elsewhere samples are {@code maxCheckS} apart, as with Orekit's max check. Sign changes between
 * samples are refined with a Brent solver to {@code thresholdS} on a cubic Hermite interpolation of
 * the two exact samples, with a cheap Earth rotation ({@link EarthRotation}) and tabulated Sun
 * ({@link SunTable}). Like Orekit with the same max check, a pass shorter than the max check that
 * falls between two samples can be missed.
 */
public final class FastEventFinder {

    /** Earth rotation rate bound used for safe steps, rad/s (slightly above the true rate). */
    private static final double EARTH_RATE_BOUND = 7.3e-5;
    /** Largest position error of the interpolated trajectory at the default spacing, m (measured: 1.3 m). */
    private static final double INTERPOLATION_ERROR_M = 2.0;
    /** Event-time error above which a root is finished on the exact propagator, s. */
    private static final double POLISH_ABOVE_S = 5.0e-4;
    /** Functions this close to zero (rad) at a sample are checked for a short hidden excursion. */
    private static final double HIDDEN_CHECK_RAD = Math.toRadians(3.0);

    private final OrbitContext context;
    private final List<GroundStation> stations;
    private final Options options;

    /**
     * Search settings.
     *
     * @param maxCheckS  spacing of the sign checks near an event, s (&gt; 0), as Orekit's max check
     * @param exactStepS spacing of exact propagator samples near an event, s (&ge; maxCheckS); the
     *                   checks in between use the interpolated trajectory
     * @param maxStepS   largest step anywhere, s (&ge; maxCheckS)
     * @param thresholdS convergence of event times, s (&gt; 0)
     * @param knotStepS  spacing of lighting-ratio knots in penumbra transitions, s (&gt; 0)
     * @param betaStepS  spacing of beta-angle samples, s (&gt; 0)
     * @param sunStepS   spacing of Sun-direction samples, s; 0 for none
     */
    public record Options(double maxCheckS, double exactStepS, double maxStepS, double thresholdS, double knotStepS, double betaStepS,
                          double sunStepS) {
        public Options {
            if (!(maxCheckS > 0) || !(exactStepS >= maxCheckS) || !(maxStepS >= exactStepS) || !(thresholdS > 0) || !(knotStepS > 0)
                    || !(betaStepS > 0) || !(sunStepS >= 0)) {
                throw new IllegalArgumentException("event finder options out of range: " + maxCheckS + ", "
                        + exactStepS + ", " + maxStepS
                        + ", " + thresholdS + ", " + knotStepS + ", " + betaStepS + ", " + sunStepS);
            }
        }

        /** @return 60 s checks, 300 s exact samples, 1 h max step, 0.1 ms threshold, 2 s knots, 1 h beta, no Sun */
        public static Options defaults() {
            return new Options(60.0, 300.0, 3600.0, 1.0e-4, 2.0, 3600.0, 0.0);
        }

        /** @return a copy sampling the Sun direction every {@code stepS} (0 for none) */
        public Options withSunStepS(double stepS) {
            return new Options(maxCheckS, exactStepS, maxStepS, thresholdS, knotStepS, betaStepS, stepS);
        }

        /** @return a copy with other check and exact-sample spacings, s */
        public Options withSteps(double checkS, double exactS) {
            return new Options(checkS, exactS, Math.max(exactS, maxStepS), thresholdS, knotStepS, betaStepS, sunStepS);
        }
    }

    public FastEventFinder(OrbitContext context, List<GroundStation> stations, Options options) {
        this.context = Objects.requireNonNull(context, "context");
        this.stations = List.copyOf(stations);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param satellite  name for the result
     * @param propagator the satellite's propagator (used by this thread only)
     * @param start      span start (UTC)
     * @param durationS  span length, s (&gt; 0)
     * @param progress   receives the fraction done, [0, 1] (may be null)
     * @return passes, eclipses, lighting and beta angle over the span
     */
    public SatelliteTimeline find(String satellite, Propagator propagator, Instant start, double durationS,
                                  DoubleConsumer progress) {
        if (!(durationS > 0)) {
            throw new IllegalArgumentException("durationS " + durationS + " must be > 0");
        }
        AbsoluteDate epoch = new AbsoluteDate(start, context.utc());
        Propagator source = boundedIfNumerical(propagator, epoch, durationS);
        Frame frame = source.getFrame();
        List<StationGeometry> sg = new ArrayList<>();
        for (GroundStation s : stations) {
            sg.add(new StationGeometry(s, context.earth()));
        }
        SatelliteGeometry geo = new SatelliteGeometry(context, frame, epoch, durationS, sg);
        Trajectory traj = new Trajectory(source, frame, epoch, options.exactStepS(), geo.rotation);
        Run run = new Run(geo, traj, durationS, progress);
        run.sample();
        List<Pass> passes = run.passes();
        List<Eclipse> eclipses = run.eclipses();
        LightingSamples lighting = run.lighting(eclipses);
        double[][] beta = run.beta();
        SunDirectionSamples sun = options.sunStepS() > 0 ? run.sunDirection(options.sunStepS()) : null;
        if (progress != null) {
            progress.accept(1.0);
        }
        return new SatelliteTimeline(satellite, start, durationS, passes, eclipses, lighting, beta[0], beta[1], sun,
                traj.exactCalls());
    }

    /** Numerical propagators are run once over the span into an ephemeris that can be sampled at will. */
    private static Propagator boundedIfNumerical(Propagator p, AbsoluteDate epoch, double durationS) {
        if (p instanceof AbstractAnalyticalPropagator || p instanceof BoundedPropagator) {
            return p;
        }
        EphemerisGenerator generator = p.getEphemerisGenerator();
        p.propagate(epoch.shiftedBy(-1.0), epoch.shiftedBy(durationS + 1.0));
        return generator.getGeneratedEphemeris();
    }

    /** One search: the samples, their function values, and what is derived from them. */
    private final class Run {
        private final SatelliteGeometry geo;
        private final Trajectory traj;
        private final double durationS;
        private final DoubleConsumer progress;
        private final int nf;
        private double[][] g;
        private double[] ct = new double[1024];
        private final double[] functionBound;
        private final boolean[] needed;
        private int nc;
        private final double mu = Constants.WGS84_EARTH_MU;
        private final BracketingNthOrderBrentSolver solver;
        private final double[] scratch = new double[9];
        private final double[] fixed = new double[3];

        Run(SatelliteGeometry geo, Trajectory traj, double durationS, DoubleConsumer progress) {
            this.geo = geo;
            this.traj = traj;
            this.durationS = durationS;
            this.progress = progress;
            this.nf = geo.functionCount();
            this.g = new double[nf][1024];
            this.functionBound = new double[nf];
            this.needed = new boolean[nf];
            this.solver = new BracketingNthOrderBrentSolver(1.0e-14, options.thresholdS(), 1.0e-15, 5);
        }

        void sample() {
            double[] state = new double[9];
            double[] values = new double[nf];
            double[] cand = new double[9];
            double[] candValues = new double[nf];
            double[] mid = new double[9];
            double[] midValues = new double[nf];
            double check = options.maxCheckS();
            double exactStep = options.exactStepS();
            double t = 0;
            traj.exact(0, state);
            geo.evaluate(0, state[0], state[1], state[2], values);
            traj.append(0, state);
            addCheck(0, values);
            double nextReport = 0.01;
            while (t < durationS) {
                double bound = safeStep(t, state, values);
                double tn = t;
                boolean skipped = false;
                if (bound > exactStep) {
                    tn = Math.min(t + Math.min(bound, options.maxStepS()), durationS);
                    traj.exact(tn, cand);
                    geo.evaluate(tn, cand[0], cand[1], cand[2], candValues);
                    // a sign change means the bound was too optimistic: fall back to the near-event grid
                    skipped = tn - t <= exactStep + 1e-9 || !signChanged(values, candValues);
                }
                if (!skipped) {
                    tn = Math.min(t + exactStep, durationS);
                    traj.exact(tn, cand);
                    geo.evaluate(tn, cand[0], cand[1], cand[2], candValues);
                }
                traj.append(tn, cand);
                if (!skipped || tn - t <= exactStep + 1e-9) {
                    // Functions whose own safe step spans the segment cannot change sign inside it:
                    // they keep their start value at the checks (far from zero, so no hidden search).
                    int seg = traj.size() - 2;
                    for (int k = 0; k < nf; k++) {
                        needed[k] = functionBound[k] <= tn - t;
                    }
                    System.arraycopy(values, 0, midValues, 0, nf);
                    for (double tc = t + check; tc < tn - 1e-6; tc += check) {
                        traj.hermite(seg, tc, mid);
                        geo.evaluate(tc, mid[0], mid[1], mid[2], midValues, needed);
                        addCheck(tc, midValues);
                    }
                }
                addCheck(tn, candValues);
                t = tn;
                System.arraycopy(cand, 0, state, 0, 9);
                System.arraycopy(candValues, 0, values, 0, nf);
                if (progress != null && t / durationS >= nextReport) {
                    progress.accept(0.95 * t / durationS);
                    nextReport += 0.01;
                }
            }
        }

        private boolean signChanged(double[] a, double[] b) {
            for (int k = 0; k < nf; k++) {
                if ((a[k] > 0) != (b[k] > 0)) {
                    return true;
                }
            }
            return false;
        }

        private void addCheck(double tS, double[] values) {
            if (nc == ct.length) {
                ct = Arrays.copyOf(ct, 2 * nc);
                for (int k = 0; k < nf; k++) {
                    g[k] = Arrays.copyOf(g[k], 2 * nc);
                }
            }
            ct[nc] = tS;
            for (int k = 0; k < nf; k++) {
                g[k][nc] = values[k];
            }
            nc++;
        }

        /** @return a time, s, within which no function can change sign (0 if one is close) */
        private double safeStep(double tS, double[] s, double[] values) {
            double px = s[0], py = s[1], pz = s[2], vx = s[3], vy = s[4], vz = s[5];
            double r = FastMath.sqrt(px * px + py * py + pz * pz);
            double v2 = vx * vx + vy * vy + vz * vz;
            double inv = 2 / r - v2 / mu;
            if (inv <= 0) {
                Arrays.fill(functionBound, 0);
                return 0;
            }
            double a = 1 / inv;
            double hx = py * vz - pz * vy;
            double hy = pz * vx - px * vz;
            double hz = px * vy - py * vx;
            double h = FastMath.sqrt(hx * hx + hy * hy + hz * hz);
            double e = FastMath.sqrt(Math.max(0, 1 - h * h / (mu * a)));
            // Margins cover the difference between osculating two-body and perturbed motion.
            double rp = a * (1 - e) * 0.98;
            double ra = a * (1 + e) * 1.02;
            double angularRate = 1.1 * h / (rp * rp);
            double best = Double.POSITIVE_INFINITY;
            geo.rotation.toFixed(tS, px, py, pz, fixed);
            for (int i = 0; i < geo.stations.length; i++) {
                int k = SatelliteGeometry.FIRST_STATION + i;
                if (values[k] > 0) {
                    functionBound[k] = 0;
                    best = 0;
                    continue;
                }
                StationGeometry st = geo.stations[i];
                double cosLambda = (fixed[0] * st.ux + fixed[1] * st.uy + fixed[2] * st.uz) / r;
                double lambda = FastMath.acos(Math.max(-1, Math.min(1, cosLambda)));
                double eps = st.lowestElevationRad;
                double lambdaMax = FastMath.acos(Math.min(1, st.radiusM * st.cosLowestElevation / ra)) - eps;
                functionBound[k] = Math.max(0, (lambda - lambdaMax) / (angularRate + EARTH_RATE_BOUND));
                best = Math.min(best, functionBound[k]);
            }
            double req = geo.earth.getEquatorialRadius();
            double rdotMax = mu * e / h + 50.0;
            double limbRate = req * rdotMax / (rp * FastMath.sqrt(Math.max(rp * rp - req * req, 1.0e10)));
            double shadowRate = angularRate + 1.2 * limbRate + 1.0e-6;
            functionBound[SatelliteGeometry.PENUMBRA] = Math.abs(values[SatelliteGeometry.PENUMBRA]) / shadowRate;
            functionBound[SatelliteGeometry.UMBRA] = Math.abs(values[SatelliteGeometry.UMBRA]) / shadowRate;
            best = Math.min(best, Math.min(functionBound[SatelliteGeometry.PENUMBRA],
                    functionBound[SatelliteGeometry.UMBRA]));
            return Math.max(0, best);
        }

        /** @return sorted roots of function k: {time, +1 rising / -1 falling} */
        private List<double[]> roots(int k) {
            List<double[]> out = new ArrayList<>();
            double[] gk = g[k];
            int seg = -1;
            for (int i = 0; i + 1 < nc; i++) {
                boolean a = gk[i] > 0;
                boolean b = gk[i + 1] > 0;
                seg = traj.segmentFrom(seg, ct[i]);
                if (!traj.interpolable(seg) || ct[i + 1] > traj.time(seg + 1) + 1e-9) {
                    continue; // a safe skip: no sign change possible
                }
                if (a != b) {
                    out.add(new double[] {refine(k, seg, ct[i], ct[i + 1], gk[i], gk[i + 1]), b ? 1 : -1});
                } else if (ct[i + 1] - ct[i] <= options.maxCheckS() + 1e-6
                        && Math.min(Math.abs(gk[i]), Math.abs(gk[i + 1])) < HIDDEN_CHECK_RAD) {
                    hiddenPair(k, seg, ct[i], ct[i + 1], gk[i], gk[i + 1], a, out);
                }
            }
            return out;
        }

        /**
         * Looks for a short excursion of function k across zero between two checks on the same side
         * (a pass or a shadow grazing shorter than the check spacing). If the function turns back
         * towards zero inside, the extremum is located and, if it crosses, both roots.
         */
        private void hiddenPair(int k, int seg, double ta, double tb, double ga, double gb, boolean positive,
                                List<double[]> out) {
            double sign = positive ? 1 : -1; // search the minimum of sign * g
            double da = sign * (valueAt(k, seg, ta + 0.5) - ga);
            double db = sign * (gb - valueAt(k, seg, tb - 0.5));
            if (!(da < 0 && db > 0)) {
                return;
            }
            final double phi = (Math.sqrt(5) - 1) / 2;
            double lo = ta;
            double hi = tb;
            double x1 = hi - phi * (hi - lo);
            double x2 = lo + phi * (hi - lo);
            double f1 = sign * valueAt(k, seg, x1);
            double f2 = sign * valueAt(k, seg, x2);
            while (hi - lo > 0.01) {
                if (f1 > f2) {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + phi * (hi - lo);
                    f2 = sign * valueAt(k, seg, x2);
                } else {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - phi * (hi - lo);
                    f1 = sign * valueAt(k, seg, x1);
                }
            }
            double tm = 0.5 * (lo + hi);
            double gm = valueAt(k, seg, tm);
            if (sign * gm >= 0) {
                return;
            }
            // Two crossings: out of the initial side, then back.
            out.add(new double[] {refine(k, seg, ta, tm, ga, gm), positive ? -1 : 1});
            out.add(new double[] {refine(k, seg, tm, tb, gm, gb), positive ? 1 : -1});
        }

        private double valueAt(int k, int seg, double x) {
            traj.hermite(seg, x, scratch);
            return geo.evaluate(k, x, scratch[0], scratch[1], scratch[2]);
        }

        private double refine(int k, int seg, double ta, double tb, double ga, double gb) {
            double[] st = new double[6];
            UnivariateFunction f = x -> {
                if (x <= ta) {
                    return ga;
                }
                if (x >= tb) {
                    return gb;
                }
                traj.hermite(seg, x, st);
                return geo.evaluate(k, x, st[0], st[1], st[2]);
            };
            double root = solver.solve(200, f, ta, tb, AllowedSolution.ANY_SIDE);
            return polish(k, seg, root, ta, tb);
        }

        /**
         * Where the interpolation's position error could move the event by more than
         * {@link #POLISH_ABOVE_S} (a slow, grazing crossing), finishes the root with secant steps on
         * the exact propagator.
         */
        private double polish(int k, int seg, double root, double ta, double tb) {
            double h = Math.min(0.5, 0.25 * (tb - ta));
            double lo = Math.max(traj.time(seg), root - h);
            double hi = Math.min(traj.time(seg + 1), root + h);
            double slope = (valueAt(k, seg, hi) - valueAt(k, seg, lo)) / (hi - lo);
            traj.hermite(seg, root, scratch);
            double lever = geo.lever(k, root, scratch[0], scratch[1], scratch[2]);
            if (Math.abs(slope) * lever * POLISH_ABOVE_S > INTERPOLATION_ERROR_M) {
                return root;
            }
            double[] ex = new double[9];
            double x0 = root;
            traj.exact(x0, ex);
            double f0 = geo.evaluate(k, x0, ex[0], ex[1], ex[2]);
            double x1 = x0 - f0 / slope;
            for (int it = 0; it < 6 && Math.abs(x1 - x0) > 1.0e-5; it++) {
                if (!(Math.abs(x1 - root) < 1.0)) {
                    return root; // not converging near the interpolated root: keep it
                }
                traj.exact(x1, ex);
                double f1 = geo.evaluate(k, x1, ex[0], ex[1], ex[2]);
                if (f1 == f0) {
                    break;
                }
                double next = x1 - f1 * (x1 - x0) / (f1 - f0);
                x0 = x1;
                f0 = f1;
                x1 = next;
            }
            return Math.abs(x1 - root) < 1.0 ? x1 : root;
        }

        List<Pass> passes() {
            List<Pass> out = new ArrayList<>();
            for (int s = 0; s < geo.stations.length; s++) {
                int k = SatelliteGeometry.FIRST_STATION + s;
                GroundStation station = geo.stations[s].station;
                boolean visible = g[k][0] > 0;
                double aos = 0;
                for (double[] root : roots(k)) {
                    if (root[1] > 0) {
                        visible = true;
                        aos = root[0];
                    } else if (visible) {
                        addPass(out, s, station, aos, root[0], aos == 0 && g[k][0] > 0, false);
                        visible = false;
                    }
                }
                if (visible) {
                    addPass(out, s, station, aos, durationS, aos == 0 && g[k][0] > 0, true);
                }
            }
            out.sort(Comparator.comparingDouble(Pass::aosS));
            return out;
        }

        private void addPass(List<Pass> out, int s, GroundStation station, double aos, double los,
                             boolean aosCut, boolean losCut) {
            if (!(los > aos)) {
                return;
            }
            double[] max = maxElevation(s, aos, los);
            PassGeometry geometry = new PassGeometry(lookAngleAt(s, aos), lookAngleAt(s, max[0]), lookAngleAt(s, los));
            out.add(new Pass(station.name(), aos, los, FastMath.toDegrees(max[1]), max[0], aosCut, losCut,
                    java.util.Optional.of(geometry)));
        }

        /** @return {time, elevation rad} of the highest elevation in [aos, los] */
        private double[] maxElevation(int s, double aos, double los) {
            double bestT = aos;
            double bestEl = elevationAt(s, aos);
            double elLos = elevationAt(s, los);
            if (elLos > bestEl) {
                bestT = los;
                bestEl = elLos;
            }
            int bestIndex = -1;
            for (int i = firstCheckAtOrAfter(aos); i < nc && ct[i] <= los; i++) {
                double el = elevationAt(s, ct[i]);
                if (el > bestEl) {
                    bestEl = el;
                    bestT = ct[i];
                    bestIndex = i;
                }
            }
            double lo = bestIndex > 0 ? Math.max(aos, ct[bestIndex - 1]) : aos;
            double hi = bestIndex >= 0 && bestIndex + 1 < nc ? Math.min(los, ct[bestIndex + 1]) : los;
            // golden-section search for the maximum
            final double phi = (Math.sqrt(5) - 1) / 2;
            double x1 = hi - phi * (hi - lo);
            double x2 = lo + phi * (hi - lo);
            double f1 = elevationAt(s, x1);
            double f2 = elevationAt(s, x2);
            for (int it = 0; it < 60 && hi - lo > 1e-3; it++) {
                if (f1 < f2) {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + phi * (hi - lo);
                    f2 = elevationAt(s, x2);
                } else {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - phi * (hi - lo);
                    f1 = elevationAt(s, x1);
                }
            }
            double tm = 0.5 * (lo + hi);
            double em = elevationAt(s, tm);
            return em >= bestEl ? new double[] {tm, em} : new double[] {bestT, bestEl};
        }

        private int firstCheckAtOrAfter(double tS) {
            int lo = 0;
            int hi = nc;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ct[mid] < tS) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private LookAngle lookAngleAt(int s, double tS) {
            traj.state(tS, scratch);
            return geo.lookAngle(s, tS, scratch[0], scratch[1], scratch[2]);
        }

        private double elevationAt(int s, double tS) {
            traj.state(tS, scratch);
            return geo.elevation(s, tS, scratch[0], scratch[1], scratch[2]);
        }

        List<Eclipse> eclipses() {
            List<Eclipse> out = new ArrayList<>();
            shadow(SatelliteGeometry.PENUMBRA, ShadowKind.PENUMBRA, out);
            shadow(SatelliteGeometry.UMBRA, ShadowKind.UMBRA, out);
            out.sort(Comparator.comparingDouble(Eclipse::startS).thenComparing(Eclipse::kind));
            return out;
        }

        private void shadow(int k, ShadowKind kind, List<Eclipse> out) {
            boolean dark = g[k][0] <= 0;
            double start = 0;
            for (double[] root : roots(k)) {
                if (root[1] < 0) {
                    dark = true;
                    start = root[0];
                } else if (dark) {
                    if (root[0] > start) {
                        out.add(new Eclipse(kind, start, root[0], start == 0 && g[k][0] <= 0, false));
                    }
                    dark = false;
                }
            }
            if (dark && durationS > start) {
                out.add(new Eclipse(kind, start, durationS, start == 0 && g[k][0] <= 0, true));
            }
        }

        LightingSamples lighting(List<Eclipse> eclipses) {
            List<Eclipse> pen = eclipses.stream().filter(e -> e.kind() == ShadowKind.PENUMBRA).toList();
            List<Eclipse> umb = eclipses.stream().filter(e -> e.kind() == ShadowKind.UMBRA).toList();
            KnotBuffer knots = new KnotBuffer();
            int u = 0;
            for (Eclipse p : pen) {
                double firstUmbra = Double.NaN;
                double lastUmbra = Double.NaN;
                while (u < umb.size() && umb.get(u).startS() < p.endS()) {
                    if (umb.get(u).endS() > p.startS()) {
                        if (Double.isNaN(firstUmbra)) {
                            firstUmbra = umb.get(u).startS();
                        }
                        lastUmbra = umb.get(u).endS();
                    }
                    u++;
                }
                // Known ratios at the bounds (1 at penumbra bounds, 0 at umbra bounds); NaN: compute (cut bounds).
                double r0 = p.startCut() ? Double.NaN : 1.0;
                double r1 = p.endCut() ? Double.NaN : 1.0;
                if (Double.isNaN(firstUmbra)) {
                    transition(p.startS(), p.endS(), r0, r1, knots);
                } else {
                    transition(p.startS(), firstUmbra, r0, firstUmbra > p.startS() ? 0.0 : Double.NaN, knots);
                    transition(lastUmbra, p.endS(), lastUmbra < p.endS() ? 0.0 : Double.NaN, r1, knots);
                }
            }
            return knots.curve();
        }

        /** Adds knots from a to b inclusive, every knotStepS at most; ends forced where known (NaN: computed). */
        private void transition(double a, double b, double ra, double rb, KnotBuffer knots) {
            int segments = b > a ? (int) Math.min(5000, Math.max(2, Math.ceil((b - a) / options.knotStepS()))) : 0;
            for (int j = 0; j <= segments; j++) {
                double t = segments == 0 ? a : a + (b - a) * j / segments;
                double r;
                if (j == 0 && !Double.isNaN(ra)) {
                    r = ra;
                } else if (j == segments && !Double.isNaN(rb)) {
                    r = rb;
                } else {
                    traj.state(t, scratch);
                    r = geo.lightingRatio(t, scratch[0], scratch[1], scratch[2]);
                }
                knots.add(t, r);
            }
        }

        /** @return {times, beta angles deg} sampled every betaStepS and at the end */
        double[][] beta() {
            int count = (int) Math.floor(durationS / options.betaStepS()) + 1;
            boolean addEnd = (count - 1) * options.betaStepS() < durationS;
            int total = count + (addEnd ? 1 : 0);
            double[] times = new double[total];
            double[] beta = new double[total];
            double[] sun = new double[3];
            for (int i = 0; i < total; i++) {
                double t = i < count ? i * options.betaStepS() : durationS;
                traj.state(t, scratch);
                geo.sunInertial(t, sun);
                double hx = scratch[1] * scratch[5] - scratch[2] * scratch[4];
                double hy = scratch[2] * scratch[3] - scratch[0] * scratch[5];
                double hz = scratch[0] * scratch[4] - scratch[1] * scratch[3];
                double hn = FastMath.sqrt(hx * hx + hy * hy + hz * hz);
                double sn = FastMath.sqrt(sun[0] * sun[0] + sun[1] * sun[1] + sun[2] * sun[2]);
                times[i] = t;
                beta[i] = FastMath.toDegrees(FastMath.asin((hx * sun[0] + hy * sun[1] + hz * sun[2]) / (hn * sn)));
            }
            return new double[][] {times, beta};
        }

        SunDirectionSamples sunDirection(double stepS) {
            int count = (int) Math.floor(durationS / stepS) + 1;
            float[] x = new float[count];
            float[] y = new float[count];
            float[] z = new float[count];
            double[] sun = new double[3];
            double distanceSum = 0;
            for (int i = 0; i < count; i++) {
                double t = i * stepS;
                traj.state(t, scratch);
                geo.sunInertial(t, sun);
                double[] q = Qsw.sunDirection(scratch, sun);
                x[i] = (float) q[0];
                y[i] = (float) q[1];
                z[i] = (float) q[2];
                distanceSum += q[3];
            }
            return new SunDirectionSamples(stepS, x, y, z, distanceSum / count / Constants.IAU_2012_ASTRONOMICAL_UNIT);
        }
    }

    /** Growable knot list that drops non-increasing times. */
    private static final class KnotBuffer {
        private double[] times = new double[256];
        private double[] ratios = new double[256];
        private int n;

        void add(double t, double r) {
            if (n > 0 && t <= times[n - 1]) {
                return;
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, 2 * n);
                ratios = Arrays.copyOf(ratios, 2 * n);
            }
            times[n] = t;
            ratios[n] = r;
            n++;
        }

        LightingSamples curve() {
            return new LightingSamples(Arrays.copyOf(times, n), Arrays.copyOf(ratios, n));
        }
    }
}

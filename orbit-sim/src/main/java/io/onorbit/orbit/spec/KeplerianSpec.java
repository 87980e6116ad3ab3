package io.onorbit.orbit.spec;

import io.onorbit.orbit.context.OrbitContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.util.FastMath;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.forces.gravity.J2OnlyPerturbation;
import org.orekit.orbits.KeplerianOrbit;
import org.orekit.orbits.Orbit;
import org.orekit.orbits.OrbitType;
import org.orekit.orbits.PositionAngleType;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.EcksteinHechlerPropagator;
import org.orekit.propagation.analytical.KeplerianPropagator;
import org.orekit.propagation.numerical.NumericalPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;

/**
 * Osculating Keplerian elements in EME2000 at an epoch.
 *
 * @param epoch             epoch of the elements (UTC instant)
 * @param semiMajorAxisM    semi-major axis, m (&gt; Earth radius)
 * @param eccentricity      eccentricity, [0, 1)
 * @param inclinationDeg    inclination, deg [0, 180]
 * @param raanDeg           right ascension of the ascending node, deg
 * @param argOfPerigeeDeg   argument of perigee, deg
 * @param trueAnomalyDeg    true anomaly, deg
 * @param kind              propagator
 */
public record KeplerianSpec(Instant epoch, double semiMajorAxisM, double eccentricity, double inclinationDeg,
                            double raanDeg, double argOfPerigeeDeg, double trueAnomalyDeg,
                            PropagatorKind kind) implements OrbitSpec {

    /** Earth gravitational parameter used for every Keplerian orbit, m^3/s^2 (EIGEN-5C, as Eckstein-Hechler). */
    public static final double MU = Constants.EIGEN5C_EARTH_MU;
    /** Largest eccentricity Eckstein-Hechler handles well. */
    public static final double MAX_ECKSTEIN_HECHLER_ECCENTRICITY = 0.1;

    /** The critical inclination, deg: sin^2 i = 4/5, where the J2 apsidal rate vanishes (its mirror: 180 - it). */
    public static final double CRITICAL_INCLINATION_DEG = 63.43494882292201;
    /** Smallest sin^2 i the Eckstein-Hechler propagator is given (Orekit refuses a mean one below 1e-10). */
    static final double EH_EQUATORIAL_SIN2 = 1e-8;
    /** Closest |sin^2 i - 4/5| the Eckstein-Hechler propagator is given (Orekit refuses a mean one below 1e-3). */
    static final double EH_CRITICAL_SIN2_MARGIN = 5e-3;

    private static final double MASS_KG = 100.0;

    public KeplerianSpec {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(kind, "kind");
        if (!(semiMajorAxisM > Constants.WGS84_EARTH_EQUATORIAL_RADIUS)) {
            throw new IllegalArgumentException("semiMajorAxisM " + semiMajorAxisM + " must exceed the Earth radius");
        }
        if (!(eccentricity >= 0 && eccentricity < 1)) {
            throw new IllegalArgumentException("eccentricity " + eccentricity + " is outside [0, 1)");
        }
        if (!(inclinationDeg >= 0 && inclinationDeg <= 180)) {
            throw new IllegalArgumentException("inclinationDeg " + inclinationDeg + " is outside [0, 180]");
        }
        if (kind == PropagatorKind.ECKSTEIN_HECHLER && eccentricity > MAX_ECKSTEIN_HECHLER_ECCENTRICITY) {
            throw new IllegalArgumentException("eccentricity " + eccentricity
                    + " is too large for the Eckstein-Hechler propagator (at most 0.1); use the numerical one");
        }
        if (kind == PropagatorKind.ECKSTEIN_HECHLER) {
            ecksteinHechlerInclinationProblem(inclinationDeg).ifPresent(p -> {
                throw new IllegalArgumentException("inclinationDeg " + inclinationDeg + " " + p);
            });
        }
    }

    /**
     * Where the Eckstein-Hechler model is singular: its mean-element terms divide by sin^2 i (equatorial orbits)
     * and by 4 - 5 sin^2 i (the critical inclinations 63.43 and 116.57 deg, where the J2 apsidal rate vanishes);
     * Orekit refuses a mean inclination with sin^2 i below 1e-10 or |sin^2 i - 4/5| below 1e-3 (about 0.07 deg).
     * Checked on the osculating inclination with a margin, since the mean one differs from it by the J2
     * short-period terms: sin^2 i below {@value #EH_EQUATORIAL_SIN2} or |sin^2 i - 4/5| below
     * {@value #EH_CRITICAL_SIN2_MARGIN} (within about 0.36 deg of a critical inclination).
     *
     * @param inclinationDeg osculating inclination, deg, in [0, 180]
     * @return why the Eckstein-Hechler propagator cannot take it (the reason and the fix, to follow the value), or
     *         empty
     */
    public static Optional<String> ecksteinHechlerInclinationProblem(double inclinationDeg) {
        double sin = FastMath.sin(FastMath.toRadians(inclinationDeg));
        double sin2 = sin * sin;
        if (sin2 < EH_EQUATORIAL_SIN2) {
            return Optional.of("is an equatorial orbit, where the Eckstein-Hechler propagator is"
                    + " singular; set propagator: numerical-j2 or keplerian");
        }
        if (FastMath.abs(sin2 - 0.8) < EH_CRITICAL_SIN2_MARGIN) {
            double critical = inclinationDeg < 90 ? CRITICAL_INCLINATION_DEG : 180 - CRITICAL_INCLINATION_DEG;
            return Optional.of(String.format(Locale.ROOT, "is within %.2f deg of the critical inclination"
                    + " %.2f deg, where the Eckstein-Hechler propagator is singular; set propagator: numerical-j2",
                    FastMath.abs(inclinationDeg - critical), critical));
        }
        return Optional.empty();
    }

    /** @return a copy with another propagator */
    public KeplerianSpec withKind(PropagatorKind newKind) {
        return new KeplerianSpec(epoch, semiMajorAxisM, eccentricity, inclinationDeg, raanDeg, argOfPerigeeDeg,
                trueAnomalyDeg, newKind);
    }

    /** @return a copy with another node and true anomaly (Walker constellations) */
    public KeplerianSpec withRaanAndAnomaly(double newRaanDeg, double newTrueAnomalyDeg) {
        return new KeplerianSpec(epoch, semiMajorAxisM, eccentricity, inclinationDeg, newRaanDeg, argOfPerigeeDeg,
                newTrueAnomalyDeg, kind);
    }

    /** @return the Orekit orbit in the context's EME2000 */
    public Orbit orbit(OrbitContext context) {
        AbsoluteDate date = new AbsoluteDate(epoch, context.utc());
        return new KeplerianOrbit(semiMajorAxisM, eccentricity, FastMath.toRadians(inclinationDeg),
                FastMath.toRadians(argOfPerigeeDeg), FastMath.toRadians(raanDeg), FastMath.toRadians(trueAnomalyDeg),
                PositionAngleType.TRUE, context.inertial(), date, MU);
    }

    @Override
    public Propagator propagator(OrbitContext context) {
        Orbit orbit = orbit(context);
        FrameAlignedProvider attitude = new FrameAlignedProvider(context.inertial());
        switch (kind) {
            case ECKSTEIN_HECHLER:
                return new EcksteinHechlerPropagator(orbit, attitude, MASS_KG, Constants.EIGEN5C_EARTH_EQUATORIAL_RADIUS,
                        MU, Constants.EIGEN5C_EARTH_C20, Constants.EIGEN5C_EARTH_C30, Constants.EIGEN5C_EARTH_C40,
                        Constants.EIGEN5C_EARTH_C50, Constants.EIGEN5C_EARTH_C60);
            case KEPLERIAN:
                return new KeplerianPropagator(orbit, attitude, MU, MASS_KG);
            case NUMERICAL_J2:
            default:
                return numerical(orbit, context, attitude);
        }
    }

    private static Propagator numerical(Orbit orbit, OrbitContext context, FrameAlignedProvider attitude) {
        double[][] tol = NumericalPropagator.tolerances(1.0e-3, orbit, OrbitType.CARTESIAN);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1.0e-3, 300.0, tol[0], tol[1]);
        NumericalPropagator p = new NumericalPropagator(integrator, attitude);
        p.setOrbitType(OrbitType.CARTESIAN);
        p.setMu(MU);
        p.addForceModel(new J2OnlyPerturbation(MU, Constants.EIGEN5C_EARTH_EQUATORIAL_RADIUS,
                -Constants.EIGEN5C_EARTH_C20, context.itrf()));
        p.setInitialState(new SpacecraftState(orbit).withMass(MASS_KG));
        return p;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Keplerian a=%.1f km e=%.4f i=%.2f deg (%s)", semiMajorAxisM / 1000.0,
                eccentricity, inclinationDeg, kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}

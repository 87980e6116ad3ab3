package io.onorbit.orbit.events;

import java.util.Optional;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.MathArrays;
import org.hipparchus.util.MathUtils;
import org.hipparchus.util.SinCos;
import org.orekit.frames.Frame;
import org.orekit.orbits.CircularOrbit;
import org.orekit.orbits.Orbit;
import org.orekit.orbits.OrbitType;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.analytical.EcksteinHechlerPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

/**
 * Position and velocity of Orekit's Eckstein-Hechler model (Orekit 13.1, Apache 2.0:
 * {@code EcksteinHechlerPropagator.EHModel.propagateParameters} and {@code toCartesian}), evaluated
 * in plain doubles for the value and the first time derivative only. Orekit evaluates every
 * element through {@code UnivariateDerivative2} to also return the acceleration, which the event
 * finder does not use: that was a fifth of a year's plan. The operations are Orekit's and
 * Hipparchus's, in their order (the derivative parts with the same {@code linearCombination}),
 * so the results are Orekit's to the bit (tested: within 1e-6 m and 1e-9 m/s on several orbits
 * over a year, in practice 0).
 *
 * <p>Only for a propagator whose model is the one built from its initial state (no state reset
 * since): {@link #of} checks that at two dates against the propagator itself and otherwise
 * declines.
 */
final class EcksteinHechlerPositions {

    /** Orekit's defaults for the osculating-to-mean conversion of the initial state. */
    private static final double MEAN_EPSILON = 1.0e-11;
    private static final int MEAN_MAX_ITERATIONS = 100;
    /** Largest position difference, m, against the propagator at the checks of {@link #of}. */
    private static final double CHECK_M = 1.0e-6;

    private final Frame frame;
    private final AbsoluteDate meanDate;
    private final double meanA;
    private final double meanEx;
    private final double meanEy;
    private final double meanRaanRad;
    private final double meanAlphaMRad;

    // Orekit's preprocessed model constants, same names and formulas (EHModel's constructor)
    private final double xnotDot;
    private final double rdpom;
    private final double rdpomp;
    private final double eps1;
    private final double eps2;
    private final double xim;
    private final double ommD;
    private final double aMD;
    private final double kh;
    private final double kl;
    private final double ax1;
    private final double ay1;
    private final double as1;
    private final double ac2;
    private final double axy3;
    private final double as3;
    private final double ac4;
    private final double as5;
    private final double ac6;
    private final double ex1;
    private final double exx2;
    private final double exy2;
    private final double ex3;
    private final double ex4;
    private final double ey1;
    private final double eyx2;
    private final double eyy2;
    private final double ey3;
    private final double ey4;
    private final double rx1;
    private final double ry1;
    private final double r2;
    private final double r3;
    private final double rl;
    private final double iy1;
    private final double ix1;
    private final double i2;
    private final double i3;
    private final double ih;
    private final double lx1;
    private final double ly1;
    private final double l2;
    private final double l3;
    private final double ll;

    private EcksteinHechlerPositions(EcksteinHechlerPropagator propagator) {
        Orbit initial = propagator.getInitialState().getOrbit();
        double referenceRadius = propagator.getReferenceRadius();
        double mu = propagator.getMu();
        double[] ck0 = propagator.getCk0();
        // as the propagator's resetInitialState: circular first, then Orekit's fixed-point mean
        CircularOrbit circular = (CircularOrbit) OrbitType.CIRCULAR.convertType(initial);
        CircularOrbit mean = EcksteinHechlerPropagator.computeMeanOrbit(circular, referenceRadius, mu, ck0[2], ck0[3],
                ck0[4], ck0[5], ck0[6], MEAN_EPSILON, MEAN_MAX_ITERATIONS);
        this.frame = mean.getFrame();
        this.meanDate = mean.getDate();
        this.meanA = mean.getA();
        this.meanEx = mean.getCircularEx();
        this.meanEy = mean.getCircularEy();
        this.meanRaanRad = mean.getRightAscensionOfAscendingNode();
        this.meanAlphaMRad = mean.getAlphaM();

        double q = referenceRadius / mean.getA();
        double ql = q * q;
        final double g2 = ck0[2] * ql;
        ql *= q;
        final double g3 = ck0[3] * ql;
        ql *= q;
        final double g4 = ck0[4] * ql;
        ql *= q;
        final double g5 = ck0[5] * ql;
        ql *= q;
        final double g6 = ck0[6] * ql;

        final SinCos sc = FastMath.sinCos(mean.getI());
        final double cosI1 = sc.cos();
        final double sinI1 = sc.sin();
        final double sinI2 = sinI1 * sinI1;
        final double sinI4 = sinI2 * sinI2;
        final double sinI6 = sinI2 * sinI4;

        xnotDot = FastMath.sqrt(mu / mean.getA()) / mean.getA();
        rdpom = -0.75 * g2 * (4.0 - 5.0 * sinI2);
        rdpomp = 7.5 * g4 * (1.0 - 31.0 / 8.0 * sinI2 + 49.0 / 16.0 * sinI4)
                - 13.125 * g6 * (1.0 - 8.0 * sinI2 + 129.0 / 8.0 * sinI4 - 297.0 / 32.0 * sinI6);
        q = 3.0 / (32.0 * rdpom);
        eps1 = q * g4 * sinI2 * (30.0 - 35.0 * sinI2) - 175.0 * q * g6 * sinI2 * (1.0 - 3.0 * sinI2 + 2.0625 * sinI4);
        q = 3.0 * sinI1 / (8.0 * rdpom);
        eps2 = q * g3 * (4.0 - 5.0 * sinI2) - q * g5 * (10.0 - 35.0 * sinI2 + 26.25 * sinI4);
        xim = mean.getI();
        ommD = cosI1 * (1.50 * g2 - 2.25 * g2 * g2 * (2.5 - 19.0 / 6.0 * sinI2)
                + 0.9375 * g4 * (7.0 * sinI2 - 4.0)
                + 3.28125 * g6 * (2.0 - 9.0 * sinI2 + 8.25 * sinI4));
        final double rdl = 1.0 - 1.50 * g2 * (3.0 - 4.0 * sinI2);
        aMD = rdl
                + 2.25 * g2 * g2 * (9.0 - 263.0 / 12.0 * sinI2 + 341.0 / 24.0 * sinI4)
                + 15.0 / 16.0 * g4 * (8.0 - 31.0 * sinI2 + 24.5 * sinI4)
                + 105.0 / 32.0 * g6 * (-10.0 / 3.0 + 25.0 * sinI2 - 48.75 * sinI4 + 27.5 * sinI6);
        final double qq = -1.5 * g2 / rdl;
        final double qA = 0.75 * g2 * g2 * sinI2;
        final double qB = 0.25 * g4 * sinI2;
        final double qC = 105.0 / 16.0 * g6 * sinI2;
        final double qD = -0.75 * g3 * sinI1;
        final double qE = 3.75 * g5 * sinI1;
        kh = 0.375 / rdpom;
        kl = kh / sinI1;
        ax1 = qq * (2.0 - 3.5 * sinI2);
        ay1 = qq * (2.0 - 2.5 * sinI2);
        as1 = qD * (4.0 - 5.0 * sinI2) + qE * (2.625 * sinI4 - 3.5 * sinI2 + 1.0);
        ac2 = qq * sinI2 + qA * 7.0 * (2.0 - 3.0 * sinI2) + qB * (15.0 - 17.5 * sinI2)
                + qC * (3.0 * sinI2 - 1.0 - 33.0 / 16.0 * sinI4);
        axy3 = qq * 3.5 * sinI2;
        as3 = qD * 5.0 / 3.0 * sinI2 + qE * 7.0 / 6.0 * sinI2 * (1.0 - 1.125 * sinI2);
        ac4 = qA * sinI2 + qB * 4.375 * sinI2 + qC * 0.75 * (1.1 * sinI4 - sinI2);
        as5 = qE * 21.0 / 80.0 * sinI4;
        ac6 = qC * -11.0 / 80.0 * sinI4;
        ex1 = qq * (1.0 - 1.25 * sinI2);
        exx2 = qq * 0.5 * (3.0 - 5.0 * sinI2);
        exy2 = qq * (2.0 - 1.5 * sinI2);
        ex3 = qq * 7.0 / 12.0 * sinI2;
        ex4 = qq * 17.0 / 8.0 * sinI2;
        ey1 = qq * (1.0 - 1.75 * sinI2);
        eyx2 = qq * (1.0 - 3.0 * sinI2);
        eyy2 = qq * (2.0 * sinI2 - 1.5);
        ey3 = qq * 7.0 / 12.0 * sinI2;
        ey4 = qq * 17.0 / 8.0 * sinI2;
        q = -qq * cosI1;
        rx1 = 3.5 * q;
        ry1 = -2.5 * q;
        r2 = -0.5 * q;
        r3 = 7.0 / 6.0 * q;
        rl = g3 * cosI1 * (4.0 - 15.0 * sinI2) - 2.5 * g5 * cosI1 * (4.0 - 42.0 * sinI2 + 52.5 * sinI4);
        q = 0.5 * qq * sinI1 * cosI1;
        iy1 = q;
        ix1 = -q;
        i2 = q;
        i3 = q * 7.0 / 3.0;
        ih = -g3 * cosI1 * (4.0 - 5.0 * sinI2) + 2.5 * g5 * cosI1 * (4.0 - 14.0 * sinI2 + 10.5 * sinI4);
        lx1 = qq * (7.0 - 77.0 / 8.0 * sinI2);
        ly1 = qq * (55.0 / 8.0 * sinI2 - 7.50);
        l2 = qq * (1.25 * sinI2 - 0.5);
        l3 = qq * (77.0 / 24.0 * sinI2 - 7.0 / 6.0);
        ll = g3 * (53.0 * sinI2 - 4.0 - 57.5 * sinI4) + 2.5 * g5 * (4.0 - 96.0 * sinI2 + 269.5 * sinI4 - 183.75 * sinI6);
    }

    /**
     * @param propagator any propagator
     * @param checkDate  a date (besides the propagator's initial one) at which the evaluation is
     *                   checked against the propagator, typically the start of the span to sample
     * @return the double evaluation of an Eckstein-Hechler propagator, if that is what it is and it
     *         agrees with the propagator within 1e-6 m at its initial date and at {@code checkDate}
     */
    static Optional<EcksteinHechlerPositions> of(Propagator propagator, AbsoluteDate checkDate) {
        if (!(propagator instanceof EcksteinHechlerPropagator eh)) {
            return Optional.empty();
        }
        EcksteinHechlerPositions positions = new EcksteinHechlerPositions(eh);
        double[] out = new double[6];
        for (AbsoluteDate date : new AbsoluteDate[] {eh.getInitialState().getDate(), checkDate}) {
            PVCoordinates expected = eh.propagateOrbit(date).getPVCoordinates();
            positions.positionVelocity(date, out);
            double dx = out[0] - expected.getPosition().getX();
            double dy = out[1] - expected.getPosition().getY();
            double dz = out[2] - expected.getPosition().getZ();
            if (!(Math.sqrt(dx * dx + dy * dy + dz * dz) <= CHECK_M)) {
                return Optional.empty();
            }
        }
        return Optional.of(positions);
    }

    /** @return the frame positions and velocities are given in (the propagator's) */
    Frame frame() {
        return frame;
    }

    /**
     * Writes the position, m, and velocity, m/s, at {@code date} into {@code out[0..5]}.
     * Names follow Orekit's; a trailing 0 is a value, 1 its time derivative.
     */
    void positionVelocity(AbsoluteDate date, double[] out) {
        // Keplerian evolution
        final double dt0 = date.durationFrom(meanDate);
        final double xnot0 = dt0 * xnotDot;
        final double xnot1 = 1.0 * xnotDot;

        // secular eccentricity
        final double k = rdpom + rdpomp;
        final double x0 = xnot0 * k;
        final double x1 = xnot1 * k;
        final SinCos scx = FastMath.sinCos(x0);
        final double cx0 = scx.cos();
        final double cx1 = -scx.sin() * x1;
        final double sx0 = scx.sin();
        final double sx1 = scx.cos() * x1;
        final double ca = eps2 - (1.0 - eps1) * meanEy;
        final double exm0 = cx0 * meanEx + sx0 * ca;
        final double exm1 = cx1 * meanEx + sx1 * ca;
        final double cb = (1.0 + eps1) * meanEx;
        final double cc = meanEy - eps2;
        final double eym0 = sx0 * cb + cx0 * cc + eps2;
        final double eym1 = sx1 * cb + cx1 * cc;

        // right ascension of ascending node and latitude argument
        final double omm0 = MathUtils.normalizeAngle(meanRaanRad + ommD * xnot0, FastMath.PI);
        final double omm1 = ommD * xnotDot;
        final double xlm0 = MathUtils.normalizeAngle(meanAlphaMRad + aMD * xnot0, FastMath.PI);
        final double xlm1 = aMD * xnotDot;

        // periodical terms
        final SinCos scl = FastMath.sinCos(xlm0);
        final double cl10 = scl.cos();
        final double cl11 = -scl.sin() * xlm1;
        final double sl10 = scl.sin();
        final double sl11 = scl.cos() * xlm1;
        final double cl20 = cl10 * cl10 - sl10 * sl10;
        final double cl21 = lc(cl11, cl10, cl10, cl11) - lc(sl11, sl10, sl10, sl11);
        final double sl20 = cl10 * sl10 + sl10 * cl10;
        final double sl21 = lc(cl11, sl10, cl10, sl11) + lc(sl11, cl10, sl10, cl11);
        final double cl30 = cl20 * cl10 - sl20 * sl10;
        final double cl31 = lc(cl21, cl10, cl20, cl11) - lc(sl21, sl10, sl20, sl11);
        final double sl30 = cl20 * sl10 + sl20 * cl10;
        final double sl31 = lc(cl21, sl10, cl20, sl11) + lc(sl21, cl10, sl20, cl11);
        final double cl40 = cl30 * cl10 - sl30 * sl10;
        final double cl41 = lc(cl31, cl10, cl30, cl11) - lc(sl31, sl10, sl30, sl11);
        final double sl40 = cl30 * sl10 + sl30 * cl10;
        final double sl41 = lc(cl31, sl10, cl30, sl11) + lc(sl31, cl10, sl30, cl11);
        final double cl50 = cl40 * cl10 - sl40 * sl10;
        final double cl51 = lc(cl41, cl10, cl40, cl11) - lc(sl41, sl10, sl40, sl11);
        final double sl50 = cl40 * sl10 + sl40 * cl10;
        final double sl51 = lc(cl41, sl10, cl40, sl11) + lc(sl41, cl10, sl40, cl11);
        final double cl60 = cl50 * cl10 - sl50 * sl10;
        final double cl61 = lc(cl51, cl10, cl50, cl11) - lc(sl51, sl10, sl50, sl11);

        final double qh0 = (eym0 - eps2) * kh;
        final double qh1 = eym1 * kh;
        final double ql0 = exm0 * kl;
        final double ql1 = exm1 * kl;

        final double exmCl10 = exm0 * cl10;
        final double exmCl11 = lc(exm1, cl10, exm0, cl11);
        final double exmSl10 = exm0 * sl10;
        final double exmSl11 = lc(exm1, sl10, exm0, sl11);
        final double eymCl10 = eym0 * cl10;
        final double eymCl11 = lc(eym1, cl10, eym0, cl11);
        final double eymSl10 = eym0 * sl10;
        final double eymSl11 = lc(eym1, sl10, eym0, sl11);
        final double exmCl20 = exm0 * cl20;
        final double exmCl21 = lc(exm1, cl20, exm0, cl21);
        final double exmSl20 = exm0 * sl20;
        final double exmSl21 = lc(exm1, sl20, exm0, sl21);
        final double eymCl20 = eym0 * cl20;
        final double eymCl21 = lc(eym1, cl20, eym0, cl21);
        final double eymSl20 = eym0 * sl20;
        final double eymSl21 = lc(eym1, sl20, eym0, sl21);
        final double exmCl30 = exm0 * cl30;
        final double exmCl31 = lc(exm1, cl30, exm0, cl31);
        final double exmSl30 = exm0 * sl30;
        final double exmSl31 = lc(exm1, sl30, exm0, sl31);
        final double eymCl30 = eym0 * cl30;
        final double eymCl31 = lc(eym1, cl30, eym0, cl31);
        final double eymSl30 = eym0 * sl30;
        final double eymSl31 = lc(eym1, sl30, eym0, sl31);
        final double exmCl40 = exm0 * cl40;
        final double exmCl41 = lc(exm1, cl40, exm0, cl41);
        final double exmSl40 = exm0 * sl40;
        final double exmSl41 = lc(exm1, sl40, exm0, sl41);
        final double eymCl40 = eym0 * cl40;
        final double eymCl41 = lc(eym1, cl40, eym0, cl41);
        final double eymSl40 = eym0 * sl40;
        final double eymSl41 = lc(eym1, sl40, eym0, sl41);

        // semi major axis
        final double rda0 = exmCl10 * ax1 + eymSl10 * ay1 + sl10 * as1 + cl20 * ac2 + (exmCl30 + eymSl30) * axy3
                + sl30 * as3 + cl40 * ac4 + sl50 * as5 + cl60 * ac6;
        final double rda1 = exmCl11 * ax1 + eymSl11 * ay1 + sl11 * as1 + cl21 * ac2 + (exmCl31 + eymSl31) * axy3
                + sl31 * as3 + cl41 * ac4 + sl51 * as5 + cl61 * ac6;
        // eccentricity
        final double rdex0 = cl10 * ex1 + exmCl20 * exx2 + eymSl20 * exy2 + cl30 * ex3 + (exmCl40 + eymSl40) * ex4;
        final double rdex1 = cl11 * ex1 + exmCl21 * exx2 + eymSl21 * exy2 + cl31 * ex3 + (exmCl41 + eymSl41) * ex4;
        final double rdey0 = sl10 * ey1 + exmSl20 * eyx2 + eymCl20 * eyy2 + sl30 * ey3 + (exmSl40 - eymCl40) * ey4;
        final double rdey1 = sl11 * ey1 + exmSl21 * eyx2 + eymCl21 * eyy2 + sl31 * ey3 + (exmSl41 - eymCl41) * ey4;
        // ascending node
        final double rdom0 = exmSl10 * rx1 + eymCl10 * ry1 + sl20 * r2 + (eymCl30 - exmSl30) * r3 + ql0 * rl;
        final double rdom1 = exmSl11 * rx1 + eymCl11 * ry1 + sl21 * r2 + (eymCl31 - exmSl31) * r3 + ql1 * rl;
        // inclination
        final double rdxi0 = eymSl10 * iy1 + exmCl10 * ix1 + cl20 * i2 + (exmCl30 + eymSl30) * i3 + qh0 * ih;
        final double rdxi1 = eymSl11 * iy1 + exmCl11 * ix1 + cl21 * i2 + (exmCl31 + eymSl31) * i3 + qh1 * ih;
        // latitude argument
        final double rdxl0 = exmSl10 * lx1 + eymCl10 * ly1 + sl20 * l2 + (exmSl30 - eymCl30) * l3 + ql0 * ll;
        final double rdxl1 = exmSl11 * lx1 + eymCl11 * ly1 + sl21 * l2 + (exmSl31 - eymCl31) * l3 + ql1 * ll;

        // osculating parameters
        final double a0 = (rda0 + 1.0) * meanA;
        final double a1 = rda1 * meanA;
        final double ex0 = rdex0 + exm0;
        final double ex1v = rdex1 + exm1;
        final double ey0 = rdey0 + eym0;
        final double ey1v = rdey1 + eym1;
        final double i0 = rdxi0 + xim;
        final double i1 = rdxi1;
        final double om0 = rdom0 + omm0;
        final double om1 = rdom1 + omm1;
        final double al0 = rdxl0 + xlm0;
        final double al1 = rdxl1 + xlm1;

        toCartesian(a0, a1, ex0, ex1v, ey0, ey1v, i0, i1, om0, om1, al0, al1, out);
    }

    /** Orekit's {@code toCartesian}: circular parameters with derivatives to position and velocity. */
    private static void toCartesian(double a0, double a1, double ex0, double ex1, double ey0, double ey1, double i0,
                                    double i1, double om0, double om1, double al0, double al1, double[] out) {
        final SinCos sco = FastMath.sinCos(om0);
        final double cosOmega0 = sco.cos();
        final double cosOmega1 = -sco.sin() * om1;
        final double sinOmega0 = sco.sin();
        final double sinOmega1 = sco.cos() * om1;
        final SinCos sci = FastMath.sinCos(i0);
        final double cosI0 = sci.cos();
        final double cosI1 = -sci.sin() * i1;
        final double sinI0 = sci.sin();
        final double sinI1 = sci.cos() * i1;

        // meanToEccentric: Orekit's iteration of the generalized Kepler equation
        double dAe0 = 0.0;
        double dAe1 = 0.0;
        double ae0 = al0;
        double ae1 = al1;
        SinCos sce = FastMath.sinCos(ae0);
        double cosAe0 = sce.cos();
        double cosAe1 = -sce.sin() * ae1;
        double sinAe0 = sce.sin();
        double sinAe1 = sce.cos() * ae1;
        double shift0;
        int iter = 0;
        do {
            final double f20 = ex0 * sinAe0 - ey0 * cosAe0;
            final double f21 = lc(ex1, sinAe0, ex0, sinAe1) - lc(ey1, cosAe0, ey0, cosAe1);
            final double f10 = 1.0 - ex0 * cosAe0 - ey0 * sinAe0;
            final double f11 = 0.0 - lc(ex1, cosAe0, ex0, cosAe1) - lc(ey1, sinAe0, ey0, sinAe1);
            final double f00 = dAe0 - f20;
            final double f01 = dAe1 - f21;
            final double f120 = f10 * 2;
            final double f121 = f11 * 2;
            final double num0 = f00 * f120;
            final double num1 = lc(f01, f120, f00, f121);
            final double den0 = f10 * f120 - f00 * f20;
            final double den1 = lc(f11, f120, f10, f121) - lc(f01, f20, f00, f21);
            final double inv1 = 1.0 / den0;
            final double inv2 = inv1 * inv1;
            shift0 = num0 * inv1;
            final double shift1 = lc(num1, den0, -num0, den1) * inv2;
            dAe0 = dAe0 - shift0;
            dAe1 = dAe1 - shift1;
            ae0 = al0 + dAe0;
            ae1 = al1 + dAe1;
            sce = FastMath.sinCos(ae0);
            cosAe0 = sce.cos();
            cosAe1 = -sce.sin() * ae1;
            sinAe0 = sce.sin();
            sinAe1 = sce.cos() * ae1;
        } while (++iter < 50 && FastMath.abs(shift0) > 1.0e-12);

        final double ex20 = ex0 * ex0;
        final double ex21 = 2 * ex0 * ex1;
        final double ey20 = ey0 * ey0;
        final double ey21 = 2 * ey0 * ey1;
        final double exy0 = ex0 * ey0;
        final double exy1 = lc(ex1, ey0, ex0, ey1);
        final double s0 = -(ex20 + ey20 - 1);
        final double s1 = -(ex21 + ey21);
        final double q0 = FastMath.sqrt(s0);
        final double q1 = s1 / (2. * q0);
        final double binv1 = 1.0 / (q0 + 1);
        final double beta0 = binv1;
        final double beta1 = -q1 * (binv1 * binv1);
        final double bx20 = beta0 * ex20;
        final double bx21 = lc(beta1, ex20, beta0, ex21);
        final double by20 = beta0 * ey20;
        final double by21 = lc(beta1, ey20, beta0, ey21);
        final double bxy0 = beta0 * exy0;
        final double bxy1 = lc(beta1, exy0, beta0, exy1);
        final double u0 = bxy0 * sinAe0 - (ex0 + (by20 - 1) * cosAe0);
        final double u1 = lc(bxy1, sinAe0, bxy0, sinAe1) - (ex1 + lc(by21, cosAe0, by20 - 1, cosAe1));
        final double v0 = bxy0 * cosAe0 - (ey0 + (bx20 - 1) * sinAe0);
        final double v1 = lc(bxy1, cosAe0, bxy0, cosAe1) - (ey1 + lc(bx21, sinAe0, bx20 - 1, sinAe1));
        final double x0 = a0 * u0;
        final double x1 = lc(a1, u0, a0, u1);
        final double y0 = a0 * v0;
        final double y1 = lc(a1, v0, a0, v1);

        final double cis0 = cosI0 * sinOmega0;
        final double cis1 = lc(cosI1, sinOmega0, cosI0, sinOmega1);
        final double cic0 = cosI0 * cosOmega0;
        final double cic1 = lc(cosI1, cosOmega0, cosI0, cosOmega1);
        out[0] = x0 * cosOmega0 - y0 * cis0;
        out[1] = x0 * sinOmega0 + y0 * cic0;
        out[2] = y0 * sinI0;
        out[3] = lc(x1, cosOmega0, x0, cosOmega1) - lc(y1, cis0, y0, cis1);
        out[4] = lc(x1, sinOmega0, x0, sinOmega1) + lc(y1, cic0, y0, cic1);
        out[5] = lc(y1, sinI0, y0, sinI1);
    }

    /** The first derivative of a product, as Hipparchus's {@code UnivariateDerivative2.multiply} computes it. */
    private static double lc(double a1, double b1, double a2, double b2) {
        return MathArrays.linearCombination(a1, b1, a2, b2);
    }
}

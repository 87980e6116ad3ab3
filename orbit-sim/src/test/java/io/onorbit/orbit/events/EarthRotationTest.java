package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.util.SplittableRandom;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;

/** The cheap Earth rotation against Orekit's exact transform at random times, twice at each (new and repeated time). */
class EarthRotationTest {

    @ParameterizedTest(name = "{0} over {1} days, seed {2}")
    @CsvSource({"EME2000, 3, 7", "EME2000, 40, 11", "TEME, 20, 13", "TEME, 365, 17"}) // a year: knots on two threads
    void matchesOrekitWithinTwoCentimetresAtLeoDistance(String inertialName, double days, long seed) {
        OrbitContext ctx = OrbitContext.fileFree();
        Frame inertial = "TEME".equals(inertialName) ? ctx.data().getFrames().getTEME() : ctx.inertial();
        AbsoluteDate epoch = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc());
        double span = days * 86400;
        EarthRotation rot = new EarthRotation(inertial, ctx.cirf(), ctx.itrf(), epoch, span,
                SatelliteGeometry.EARTH_ROTATION_KNOT_S);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] out = new double[3];
        for (int i = 0; i < 300; i++) {
            double t = rnd.nextDouble() * span;
            Vector3D v = new Vector3D(rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5)
                    .normalize().scalarMultiply(7.0e6);
            // the reference goes through Orekit's own frame tree (its hourly-interpolated CIRF)
            Vector3D exact = inertial.getStaticTransformTo(ctx.itrf(), epoch.shiftedBy(t)).transformVector(v);
            rot.toFixed(t, v.getX(), v.getY(), v.getZ(), out);
            assertThat(exact.distance(new Vector3D(out))).isLessThan(0.02); // 3e-9 rad: microseconds of event time
            // a second vector at the same time (as the Sun after the satellite) reuses that time's spin
            Vector3D sun = new Vector3D(v.getY(), -v.getX(), 0.3 * v.getZ()).scalarMultiply(2.1e4);
            Vector3D exactSun = inertial.getStaticTransformTo(ctx.itrf(), epoch.shiftedBy(t)).transformVector(sun);
            rot.toFixed(t, sun.getX(), sun.getY(), sun.getZ(), out);
            assertThat(exactSun.distance(new Vector3D(out)) / sun.getNorm()).isLessThan(3.0e-9);
        }
    }
}

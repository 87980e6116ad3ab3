package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.util.SplittableRandom;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.orekit.time.AbsoluteDate;

/** The cheap Earth rotation against Orekit's exact transform at random times. */
class EarthRotationTest {

    @Test
    void matchesOrekitWithinTwoCentimetresAtLeoDistance() {
        OrbitContext ctx = OrbitContext.fileFree();
        AbsoluteDate epoch = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc());
        double span = 3 * 86400;
        EarthRotation rot = new EarthRotation(ctx.inertial(), ctx.itrf(), epoch, span,
                SatelliteGeometry.EARTH_ROTATION_KNOT_S);
        SplittableRandom rnd = new SplittableRandom(7);
        double[] out = new double[3];
        for (int i = 0; i < 500; i++) {
            double t = rnd.nextDouble() * span;
            Vector3D v = new Vector3D(rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5)
                    .normalize().scalarMultiply(7.0e6);
            Vector3D exact = ctx.inertial().getStaticTransformTo(ctx.itrf(), epoch.shiftedBy(t)).transformVector(v);
            rot.toFixed(t, v.getX(), v.getY(), v.getZ(), out);
            assertThat(exact.distance(new Vector3D(out))).isLessThan(0.02); // 3e-9 rad: microseconds of event time
        }
    }
}

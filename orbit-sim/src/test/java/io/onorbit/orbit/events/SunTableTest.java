package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.util.SplittableRandom;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orekit.time.AbsoluteDate;

/** The tabulated Sun against the context's Sun model evaluated directly, at random times of a year. */
class SunTableTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 29})
    void cubicTableMatchesTheModelWithinMetresAndPicoradians(long seed) {
        OrbitContext ctx = OrbitContext.fileFree();
        AbsoluteDate epoch = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc());
        double span = 365 * 86400.0;
        SunTable table = new SunTable(ctx.sun(), ctx.inertial(), epoch, span, 3600.0);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] out = new double[3];
        for (int i = 0; i < 400; i++) {
            double t = i == 0 ? 0 : i == 1 ? span : rnd.nextDouble() * span;
            Vector3D exact = ctx.sun().getPosition(epoch.shiftedBy(t), ctx.inertial());
            table.position(t, out);
            Vector3D v = new Vector3D(out);
            assertThat(exact.distance(v)).isLessThan(10.0);
            // 1e-10 rad moves a LEO shadow boundary by under a millimetre
            assertThat(Vector3D.angle(exact, v)).isLessThan(1.0e-10);
        }
    }
}

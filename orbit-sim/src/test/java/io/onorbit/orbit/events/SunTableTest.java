package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.util.SplittableRandom;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;

/**
 * The tabulated Sun against the context's Sun model evaluated directly in the table's frame, at
 * random times of a year: in the model's own frame (EME2000) and in TEME (the frame of every TLE
 * satellite).
 */
class SunTableTest {

    @ParameterizedTest(name = "seed {0}, TEME {1}")
    @CsvSource({"3, false", "29, false", "5, true", "31, true"})
    void cubicTableMatchesTheModelWithinMetresAndPicoradians(long seed, boolean teme) {
        OrbitContext ctx = OrbitContext.fileFree();
        Frame frame = teme ? ctx.data().getFrames().getTEME() : ctx.inertial();
        AbsoluteDate epoch = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc());
        double span = 365 * 86400.0;
        SunTable table = new SunTable(ctx.sun(), frame, epoch, span, 3600.0);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] out = new double[3];
        double worst = 0;
        for (int i = 0; i < 400; i++) {
            double t = i == 0 ? 0 : i == 1 ? span : rnd.nextDouble() * span;
            Vector3D exact = ctx.sun().getPosition(epoch.shiftedBy(t), frame);
            table.position(t, out);
            Vector3D v = new Vector3D(out);
            assertThat(exact.distance(v)).isLessThan(10.0);
            worst = Math.max(worst, Vector3D.angle(exact, v));
        }
        // 1e-10 rad moves a LEO shadow boundary by under a millimetre
        assertThat(worst).isLessThan(1.0e-10);
    }
}

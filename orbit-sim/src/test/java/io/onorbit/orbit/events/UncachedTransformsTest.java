package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.util.SplittableRandom;
import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orekit.frames.Frame;
import org.orekit.frames.StaticTransform;
import org.orekit.time.AbsoluteDate;

/**
 * Transforms past Orekit's frame caches against Orekit's own frame tree at random dates: the same
 * rotation within the caches' interpolation error, and exactly Orekit's where no frame on the path
 * has a cache.
 */
class UncachedTransformsTest {

    @ParameterizedTest(name = "{0} -> {1}, seed {2}")
    @CsvSource({"TEME, GCRF, 3", "EME2000, TEME, 5", "TEME, CIRF, 7", "EME2000, CIRF, 11"})
    void agreesWithOrekitsCachedFramesWithinTheirInterpolationError(String fromName, String toName, long seed) {
        OrbitContext ctx = OrbitContext.fileFree();
        Frame from = frame(ctx, fromName);
        Frame to = frame(ctx, toName);
        AbsoluteDate epoch = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc());
        SplittableRandom rnd = new SplittableRandom(seed);
        double worst = 0;
        for (int i = 0; i < 50; i++) {
            AbsoluteDate date = epoch.shiftedBy(rnd.nextDouble() * 365 * 86400);
            Rotation mine = UncachedTransforms.between(from, to, date).getRotation();
            Rotation orekit = from.getStaticTransformTo(to, date).getRotation();
            worst = Math.max(worst, Rotation.distance(mine, orekit));
        }
        // the nutation terms are arcseconds a day: a cache an hour apart interpolates them to 1e-12 rad
        assertThat(worst).isLessThan(1.0e-10);
        // and the path is not the identity: TEME and CIRF are arcminutes of precession from GCRF
        assertThat(Rotation.distance(UncachedTransforms.between(from, to, epoch).getRotation(), Rotation.IDENTITY))
                .isGreaterThan(1.0e-4);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"13"})
    void isOrekitsOwnTransformWhereNoFrameOnThePathIsCached(long seed) {
        OrbitContext ctx = OrbitContext.fileFree();
        Frame eme2000 = ctx.inertial();
        Frame gcrf = ctx.data().getFrames().getGCRF();
        AbsoluteDate date = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc())
                .shiftedBy(new SplittableRandom(seed).nextDouble() * 86400);
        StaticTransform mine = UncachedTransforms.between(eme2000, gcrf, date);
        StaticTransform orekit = eme2000.getStaticTransformTo(gcrf, date);
        assertThat(mine.getRotation().getQ0()).isEqualTo(orekit.getRotation().getQ0());
        assertThat(mine.getRotation().getQ1()).isEqualTo(orekit.getRotation().getQ1());
        assertThat(mine.getRotation().getQ2()).isEqualTo(orekit.getRotation().getQ2());
        assertThat(mine.getRotation().getQ3()).isEqualTo(orekit.getRotation().getQ3());
    }

    private static Frame frame(OrbitContext ctx, String name) {
        return switch (name) {
            case "TEME" -> ctx.data().getFrames().getTEME();
            case "GCRF" -> ctx.data().getFrames().getGCRF();
            case "CIRF" -> ctx.cirf();
            default -> ctx.inertial();
        };
    }
}

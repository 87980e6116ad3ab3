package io.onorbit.orbit.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.utils.IERSConventions;

/** The file-free context against published facts (IERS leap seconds, USNO equinox and solstice times). */
class FileFreeContextTest {

    private final OrbitContext ctx = OrbitContext.fileFree();

    @Test
    void leapSecondsMatchBulletinC() {
        TimeScale utc = ctx.utc();
        TimeScale tai = ctx.data().getTimeScales().getTAI();
        // TAI-UTC = 36 s before 2017-01-01 and 37 s from then on (IERS Bulletin C 52).
        AbsoluteDate before = new AbsoluteDate(2016, 12, 31, 12, 0, 0.0, utc);
        AbsoluteDate after = new AbsoluteDate(2017, 1, 1, 12, 0, 0.0, utc);
        AbsoluteDate y2000 = new AbsoluteDate(2000, 1, 1, 12, 0, 0.0, utc);
        assertThat(-utc.offsetFromTAI(before).toDouble()).isEqualTo(36.0);
        assertThat(-utc.offsetFromTAI(after).toDouble()).isEqualTo(37.0);
        assertThat(-utc.offsetFromTAI(y2000).toDouble()).isEqualTo(32.0);
        assertThat(after.durationFrom(before)).isEqualTo(86401.0); // the leap second is inside
        assertThat(tai).isNotNull();
        assertThat(LeapSeconds.taiMinusUtcS(2026, 6, 21)).isEqualTo(37);
    }

    @Test
    void earthOrientationIsZeroWithoutFiles() {
        AbsoluteDate d = new AbsoluteDate(2026, 6, 21, 0, 0, 0.0, ctx.utc());
        TimeScale ut1 = ctx.data().getTimeScales().getUT1(IERSConventions.IERS_2010, true);
        assertThat(ut1.offsetFromTAI(d).toDouble()).isEqualTo(ctx.utc().offsetFromTAI(d).toDouble());
    }

    @Test
    void sunCrossesTheEquatorAtTheMarch2026Equinox() {
        // USNO: March equinox 2026-03-20 14:46 UT; the Sun's declination of date is zero then.
        AbsoluteDate equinox = new AbsoluteDate(2026, 3, 20, 14, 46, 0.0, ctx.utc());
        Frame mod = ctx.data().getFrames().getMOD(IERSConventions.IERS_2010);
        Vector3D s = ctx.sun().getPosition(equinox, mod);
        assertThat(FastMath.toDegrees(s.getDelta())).isCloseTo(0.0, within(0.01));
        assertThat(FastMath.toDegrees(s.getAlpha())).isCloseTo(0.0, within(0.03));
    }

    @Test
    void sunIsAtRightAscension90AtTheJune2026Solstice() {
        // USNO: June solstice 2026-06-21 08:24 UT; the Sun's right ascension of date is 90 deg then.
        AbsoluteDate solstice = new AbsoluteDate(2026, 6, 21, 8, 24, 0.0, ctx.utc());
        Frame mod = ctx.data().getFrames().getMOD(IERSConventions.IERS_2010);
        Vector3D s = ctx.sun().getPosition(solstice, mod);
        assertThat(FastMath.toDegrees(s.getAlpha())).isCloseTo(90.0, within(0.01));
        assertThat(FastMath.toDegrees(s.getDelta())).isCloseTo(23.436, within(0.01));
    }

    @Test
    void perihelionCorrectionIsTheSecularRateTimesCenturiesSinceJ2000() {
        PerihelionCorrectedSun sun = new PerihelionCorrectedSun(ctx.data());
        AbsoluteDate j2000 = new AbsoluteDate(2000, 1, 1, 12, 0, 0.0, ctx.utc());
        AbsoluteDate y2023 = j2000.shiftedBy(23 * 365.25 * 86400);
        assertThat(sun.correctionRad(j2000)).isCloseTo(0.0, within(1e-6));
        assertThat(FastMath.toDegrees(sun.correctionRad(y2023))).isCloseTo(0.32327 * 0.23, within(1e-5));
    }
}

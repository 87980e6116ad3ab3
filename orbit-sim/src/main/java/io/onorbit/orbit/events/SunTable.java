package io.onorbit.orbit.events;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.ExtendedPositionProvider;

/**
 * Sun positions in an inertial frame, computed every {@code stepS} and interpolated by cubics
 * through the four nearest samples. The Sun's direction turns 2e-7 rad/s along a nearly circular
 * path, so at a 1-hour step the cubic's error is below 1e-12 rad and a few metres of distance:
 * nothing at LEO shadow boundaries, where a year costs 8 800 Sun evaluations instead of 53 000
 * for the linear table at 10 minutes that this replaces. The Sun is computed in its model's own
 * frame and, for a table in another frame (TEME, the frame of every TLE satellite), rotated by
 * {@link RotationKnots} through day-apart exact transforms ({@link UncachedTransforms}): within
 * 3e-9 rad of the model evaluated in that frame (a few microseconds of a LEO shadow boundary), where an
 * exact TEME transform at every hourly sample cost about 1 s of CPU a year in a fresh process.
 * Not thread-safe (one per satellite run).
 */
final class SunTable {

    private final double stepS;
    private final double[] xyz;
    private final double[] weights = new double[4];

    /**
     * @param sun       the Sun model
     * @param sunFrame  the frame the model computes in (EME2000 for the file-free context)
     * @param frame     the frame of the table
     * @param epoch     time origin
     * @param durationS span to cover, s
     * @param stepS     spacing of Sun samples, s
     */
    SunTable(ExtendedPositionProvider sun, Frame sunFrame, Frame frame, AbsoluteDate epoch, double durationS,
             double stepS) {
        this.stepS = stepS;
        // sample i at (i - 1) * stepS: one before the span and two after it for the cubic stencils
        int n = (int) Math.ceil(durationS / stepS) + 4;
        xyz = new double[3 * n];
        if (frame == sunFrame) {
            for (int i = 0; i < n; i++) {
                Vector3D p = sun.getPosition(epoch.shiftedBy((i - 1) * stepS), frame);
                xyz[3 * i] = p.getX();
                xyz[3 * i + 1] = p.getY();
                xyz[3 * i + 2] = p.getZ();
            }
            return;
        }
        // the rotation's knots start a day before the epoch: cover the sample before it too
        RotationKnots rotation = new RotationKnots(date -> UncachedTransforms.between(sunFrame, frame, date), epoch,
                (n - 1) * stepS, EarthRotation.NUTATION_KNOT_S);
        double[] m = new double[9];
        double[] w = new double[4];
        for (int i = 0; i < n; i++) {
            double tS = (i - 1) * stepS;
            Vector3D p = sun.getPosition(epoch.shiftedBy(tS), sunFrame);
            rotation.at(tS, m, w);
            xyz[3 * i] = m[0] * p.getX() + m[1] * p.getY() + m[2] * p.getZ();
            xyz[3 * i + 1] = m[3] * p.getX() + m[4] * p.getY() + m[5] * p.getZ();
            xyz[3 * i + 2] = m[6] * p.getX() + m[7] * p.getY() + m[8] * p.getZ();
        }
    }

    /** Writes the interpolated Sun position at {@code tS} into {@code out}, m. */
    void position(double tS, double[] out) {
        int n = xyz.length / 3;
        int j = Math.min(Math.max(0, (int) Math.floor(tS / stepS)), n - 4);
        double u = tS / stepS - j; // samples j .. j + 3 sit at u = -1, 0, 1, 2
        double[] w = weights;
        CubicWeights.at(u, w);
        int o = 3 * j;
        for (int c = 0; c < 3; c++) {
            out[c] = w[0] * xyz[o + c] + w[1] * xyz[o + 3 + c] + w[2] * xyz[o + 6 + c] + w[3] * xyz[o + 9 + c];
        }
    }
}

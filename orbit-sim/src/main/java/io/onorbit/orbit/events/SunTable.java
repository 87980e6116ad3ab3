package io.onorbit.orbit.events;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.ExtendedPositionProvider;

/**
 * Sun positions in an inertial frame, computed every {@code stepS} and interpolated linearly
 * in between. The Sun's direction turns 2e-7 rad/s, so at a 10-minute step the chord error is
 * below 2e-9 rad: negligible for shadow boundaries (millimetres at LEO).
 */
final class SunTable {

    private final double stepS;
    private final double[] xyz;

    SunTable(ExtendedPositionProvider sun, Frame frame, AbsoluteDate epoch, double durationS, double stepS) {
        this.stepS = stepS;
        int n = (int) Math.ceil(durationS / stepS) + 2;
        xyz = new double[3 * n];
        for (int i = 0; i < n; i++) {
            Vector3D p = sun.getPosition(epoch.shiftedBy(i * stepS), frame);
            xyz[3 * i] = p.getX();
            xyz[3 * i + 1] = p.getY();
            xyz[3 * i + 2] = p.getZ();
        }
    }

    /** Writes the interpolated Sun position at {@code tS} into {@code out}, m. */
    void position(double tS, double[] out) {
        int n = xyz.length / 3;
        int i = Math.min(Math.max(0, (int) (tS / stepS)), n - 2);
        double f = (tS - i * stepS) / stepS;
        for (int c = 0; c < 3; c++) {
            out[c] = xyz[3 * i + c] + f * (xyz[3 * (i + 1) + c] - xyz[3 * i + c]);
        }
    }
}

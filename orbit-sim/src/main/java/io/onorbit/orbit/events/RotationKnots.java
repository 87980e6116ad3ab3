package io.onorbit.orbit.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.StaticTransform;
import org.orekit.time.AbsoluteDate;

/**
 * A slowly varying rotation between two frames (precession and nutation: no Earth spin), evaluated
 * exactly every {@code stepS} and interpolated element-wise by cubics through the four nearest
 * knots. At 1-day knots the fastest sizeable nutation term (13.66 days, 0.23") is matched within
 * 1e-9 rad; neighbouring knots differ by ~1e-6 rad, so the interpolated matrix stays orthogonal
 * to 1e-12. Exact evaluations of a long precession-nutation series cost tens of microseconds each
 * (Orekit's own frames evaluate it on an hourly grid), so a year costs 370 instead of 8 760.
 * Immutable once built; {@link #at} writes into a caller's arrays.
 */
final class RotationKnots {

    /** knot counts at or above this are evaluated on two threads */
    private static final int PARALLEL_KNOTS = 64;

    private final double stepS;
    private final double[] knots; // 9 per knot, row-major, v_to = M v_from; knot j at (j - 1) * stepS

    /**
     * @param exact     the exact transform at a date (thread-safe: long spans call it from two threads)
     * @param epoch     time origin
     * @param durationS span to cover, s (&ge; 0)
     * @param stepS     spacing of exact evaluations, s (&gt; 0)
     */
    RotationKnots(Function<AbsoluteDate, StaticTransform> exact, AbsoluteDate epoch, double durationS, double stepS) {
        if (!(stepS > 0) || !(durationS >= 0)) {
            throw new IllegalArgumentException("rotation knots: stepS " + stepS + " must be > 0 and durationS "
                    + durationS + " >= 0");
        }
        this.stepS = stepS;
        // one knot before the span and two after it for the cubic stencils
        int n = (int) Math.ceil(durationS / stepS) + 4;
        knots = new double[9 * n];
        if (n < PARALLEL_KNOTS) {
            fill(exact, epoch, 0, n);
            return;
        }
        // A long span: the knots are independent, so the second half is evaluated on a second
        // thread (Orekit's frames and providers are thread-safe), the first here.
        int half = n / 2;
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> fill(exact, epoch, half, n),
                RotationKnots::startDaemon);
        fill(exact, epoch, 0, half);
        try {
            second.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static void startDaemon(Runnable r) {
        Thread t = new Thread(r, "orbit-sim-nutation");
        t.setDaemon(true);
        t.start();
    }

    /** Fills knots [from, to). */
    private void fill(Function<AbsoluteDate, StaticTransform> exact, AbsoluteDate epoch, int from, int to) {
        double[] a = new double[9];
        for (int j = from; j < to; j++) {
            matrix(exact.apply(epoch.shiftedBy((j - 1) * stepS)), a);
            System.arraycopy(a, 0, knots, 9 * j, 9);
        }
    }

    /**
     * Writes the interpolated row-major matrix at {@code tS} (s since the epoch) into {@code out}
     * (9), using {@code weights} (4) as scratch.
     */
    void at(double tS, double[] out, double[] weights) {
        int n = knots.length / 9;
        // knots j .. j + 3 around tS, where knot j + 1 sits at time j * step
        int j = Math.min(Math.max(0, (int) Math.floor(tS / stepS)), n - 4);
        double u = tS / stepS - j; // in [0, 1] between knots j + 1 and j + 2
        CubicWeights.at(u, weights);
        for (int i = 0; i < 9; i++) {
            out[i] = weights[0] * knots[9 * j + i] + weights[1] * knots[9 * (j + 1) + i]
                    + weights[2] * knots[9 * (j + 2) + i] + weights[3] * knots[9 * (j + 3) + i];
        }
    }

    /** Writes the rotation of {@code t} as a row-major matrix: v_to = M v_from. */
    static void matrix(StaticTransform t, double[] out) {
        Rotation r = t.getRotation();
        Vector3D c0 = r.applyTo(Vector3D.PLUS_I);
        Vector3D c1 = r.applyTo(Vector3D.PLUS_J);
        Vector3D c2 = r.applyTo(Vector3D.PLUS_K);
        out[0] = c0.getX();
        out[1] = c1.getX();
        out[2] = c2.getX();
        out[3] = c0.getY();
        out[4] = c1.getY();
        out[5] = c2.getY();
        out[6] = c0.getZ();
        out[7] = c1.getZ();
        out[8] = c2.getZ();
    }
}

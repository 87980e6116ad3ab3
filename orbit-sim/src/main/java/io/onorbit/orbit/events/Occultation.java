package io.onorbit.orbit.events;

import org.hipparchus.util.FastMath;

/** Lighting ratio from the apparent discs of the Sun and the Earth, as seen from the satellite. */
public final class Occultation {

    private Occultation() {
    }

    /**
     * Fraction of the solar disc not hidden by the Earth's disc, from the planar overlap of two
     * discs of angular radii {@code earthRadiusRad} and {@code sunRadiusRad} whose centres are
     * {@code separationRad} apart.
     *
     * @return lighting ratio in [0, 1]
     */
    public static double lightingRatio(double separationRad, double earthRadiusRad, double sunRadiusRad) {
        double d = separationRad;
        double bigR = earthRadiusRad;
        double r = sunRadiusRad;
        if (d >= bigR + r) {
            return 1.0;
        }
        if (d <= bigR - r) {
            return 0.0;
        }
        if (d <= r - bigR) {
            // Earth disc entirely inside the Sun's (not possible near Earth; kept for completeness)
            return 1.0 - (bigR * bigR) / (r * r);
        }
        double a1 = FastMath.acos(clamp((d * d + r * r - bigR * bigR) / (2 * d * r)));
        double a2 = FastMath.acos(clamp((d * d + bigR * bigR - r * r) / (2 * d * bigR)));
        double k = (-d + r + bigR) * (d + r - bigR) * (d - r + bigR) * (d + r + bigR);
        double overlap = r * r * a1 + bigR * bigR * a2 - 0.5 * FastMath.sqrt(Math.max(0, k));
        double ratio = 1.0 - overlap / (FastMath.PI * r * r);
        return Math.min(1.0, Math.max(0.0, ratio));
    }

    private static double clamp(double c) {
        return Math.max(-1.0, Math.min(1.0, c));
    }
}

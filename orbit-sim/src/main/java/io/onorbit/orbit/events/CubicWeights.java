package io.onorbit.orbit.events;

/** Lagrange weights of the cubic through four equally spaced samples at u = -1, 0, 1, 2. */
final class CubicWeights {

    private CubicWeights() {
    }

    /** Writes the four weights for position {@code u} (in [0, 1] between the middle samples) into {@code w}. */
    static void at(double u, double[] w) {
        w[0] = -u * (u - 1) * (u - 2) / 6;
        w[1] = (u + 1) * (u - 1) * (u - 2) / 2;
        w[2] = -(u + 1) * u * (u - 2) / 2;
        w[3] = (u + 1) * u * (u - 1) / 6;
    }
}

package io.onorbit.orbit.archfixture;

/** Architecture-test fixture: orbit-sim interpolating lighting itself (forbidden). Not production code. */
public final class OwnLightingCurve {

    public double ratioAt(double tS) {
        return tS >= 0 ? 1.0 : 0.0;
    }
}

package io.onorbit.orbit.spec;

/** Which propagator integrates Keplerian elements. */
public enum PropagatorKind {
    /** Eckstein-Hechler analytical model (zonal harmonics J2..J6, near-circular orbits); the default. */
    ECKSTEIN_HECHLER,
    /** Numerical integration (Dormand-Prince 8(5,3)) of two-body plus J2 only. */
    NUMERICAL_J2,
    /** Pure two-body motion (no perturbation): for closed-form checks. */
    KEPLERIAN
}

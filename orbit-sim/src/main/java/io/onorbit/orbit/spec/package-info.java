/**
 * What a mission file says about orbits and ground stations, as validated value types.
 *
 * <p>Summary: an {@link io.onorbit.orbit.spec.OrbitSpec} is a TLE (SGP4), Keplerian elements
 * (Eckstein-Hechler by default, numerical two-body + J2, or pure Keplerian), or a CCSDS OPM/OMM
 * file; a {@link io.onorbit.orbit.spec.WalkerConstellation} expands into Keplerian satellites. A
 * {@link io.onorbit.orbit.spec.GroundStation} has a geodetic position, a minimum elevation or an
 * azimuth-dependent {@link io.onorbit.orbit.spec.ElevationMaskSpec} (its radio's link rates are the
 * ground's, not orbit-sim's). {@link io.onorbit.orbit.spec.OrbitalPlanes} groups satellites whose
 * orbit normals lie within a tolerance (the ground's clusters by orbital plane).
 *
 * <p>Inputs and outputs: angles in degrees, lengths in metres (names say so);
 * {@code propagator(context)} returns a fresh Orekit propagator (not thread-safe: one per thread).
 *
 * <p>Limits: Eckstein-Hechler only for near-circular orbits (e &le; 0.1); Keplerian elements are
 * osculating, in EME2000, with the EIGEN-5C gravitational parameter.
 */
package io.onorbit.orbit.spec;

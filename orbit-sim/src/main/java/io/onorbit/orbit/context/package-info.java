/**
 * The Orekit data context, built once and passed in (no hidden global state).
 *
 * <p>Summary: {@link io.onorbit.orbit.context.OrbitContext#fileFree()} builds a context without a
 * single data file: leap seconds in code ({@link io.onorbit.orbit.context.LeapSeconds}, TAI-UTC up to
 * 37 s since 2017-01-01), an empty Earth-orientation history (Orekit then uses zero EOP), and the Sun
 * from Orekit's analytical model with the advance of perihelion added
 * ({@link io.onorbit.orbit.context.PerihelionCorrectedSun}). {@code OrbitContext.fromFolder(dir)}
 * (the {@code --orekit-data} option or {@code OREKIT_DATA}) reads a full orekit-data folder into a
 * private context instead (JPL Sun, real EOP).
 *
 * <p>Assumptions and limits: dates from 1972 on; zero EOP moves contact times by up to ~0.4 s on
 * grazing passes when |UT1-UTC| is large (7 ms in 2023); the corrected analytical Sun puts eclipse
 * times within ~0.1 s of DE430 in the 2020s. Only the Sun and the Earth exist without files.
 *
 * <p>Units: SI (m, s, rad) as Orekit. Frames: EME2000 (inertial), ITRF IERS 2010 simple EOP
 * (Earth-fixed), WGS84 ellipsoid.
 */
package io.onorbit.orbit.context;

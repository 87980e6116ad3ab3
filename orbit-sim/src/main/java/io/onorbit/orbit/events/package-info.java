/**
 * Contact windows, eclipses, lighting ratio and beta angle of a satellite over a span.
 *
 * <p>Summary: {@link io.onorbit.orbit.events.FastEventFinder} finds the same events as Orekit's
 * ElevationDetector and EclipseDetector (umbra, penumbra) on the WGS84 ellipsoid, about an order of
 * magnitude faster: exact propagator samples every 300 s near events (skipping ahead by safe step
 * bounds far from them), sign checks every 60 s on a quintic Hermite interpolation with the Earth's
 * rotation interpolated between exact transforms (precession-nutation once a day, spin every 2 h)
 * and the Sun tabulated hourly, roots refined
 * with Brent to 0.1 ms and finished on the exact propagator where the interpolation error matters (an
 * Eckstein-Hechler propagator is sampled through {@code EcksteinHechlerPositions}: Orekit's model and
 * operations in plain doubles, without the second derivatives, the same numbers to the bit);
 * {@link io.onorbit.orbit.events.OrekitEventFinder} is the straightforward
 * detector-based reference; {@link io.onorbit.orbit.events.TimelineCalculator} runs many satellites
 * over worker threads.
 *
 * <p>Outputs: {@link io.onorbit.orbit.events.SatelliteTimeline} with times in s since the span start:
 * passes (AOS, LOS, max elevation and its time, look angles (azimuth, elevation,
 * range) at AOS, TCA and LOS), eclipses (a penumbra
 * interval contains its umbra; intervals open at the span bounds are cut there and flagged), a
 * lighting ratio sampled as {@link io.onorbit.orbit.events.LightingSamples} (knots every 2 s in
 * penumbra transitions, exactly 1 between eclipses; the one curve through them, interpolation and
 * mean, is flight-sw's {@code LightingProfile}, which orbit-sim must not use), beta angle samples (deg), optional Sun direction in
 * the QSW local orbital frame.
 *
 * <p>Limits: when a function is within 3 deg of zero at a check, that 60 s interval is searched for a
 * short excursion, so passes shorter than the check spacing are found (Orekit with a 60 s max check
 * misses some of them). Atmospheric refraction is not modelled.
 */
package io.onorbit.orbit.events;

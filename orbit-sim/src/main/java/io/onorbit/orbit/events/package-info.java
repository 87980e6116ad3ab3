/**
 * Contact windows, eclipses, lighting ratio and beta angle of a satellite over a span.
 *
 * <p>Summary: {@link io.onorbit.orbit.events.FastEventFinder} finds the same events as Orekit's
 * ElevationDetector and EclipseDetector (umbra, penumbra) on the WGS84 ellipsoid, about an order of
 * magnitude faster: adaptive exact sampling with safe step bounds, roots refined with Brent on an
 * interpolated trajectory; {@link io.onorbit.orbit.events.OrekitEventFinder} is the straightforward
 * detector-based reference; {@link io.onorbit.orbit.events.TimelineCalculator} runs many satellites
 * over worker threads.
 *
 * <p>Outputs: {@link io.onorbit.orbit.events.SatelliteTimeline} with times in s since the span start:
 * passes (AOS, LOS, max elevation and its time, downlink/uplink volume), eclipses (a penumbra
 * interval contains its umbra; intervals open at the span bounds are cut there and flagged), a
 * piecewise-linear {@link io.onorbit.orbit.events.LightingCurve} (knots every 2 s in penumbra
 * transitions, exactly 1 between eclipses), beta angle samples (deg), optional Sun direction in
 * the QSW local orbital frame.
 *
 * <p>Limits: like Orekit with a 60 s max check, a pass shorter than about a minute that falls
 * between samples can be missed; no atmospheric refraction.
 */
package io.onorbit.orbit.events;

/**
 * The onboard schedule: what the ground tells the spacecraft about its future (contact windows,
 * eclipses, lighting ratio, Sun direction), in the spacecraft's own types.
 *
 * <p>The spacecraft does not run Orekit: ground-segment converts orbit-sim's timeline into an
 * {@link io.onorbit.flight.schedule.OnboardSchedule} and uplinks it. All times are seconds since
 * the schedule's epoch ({@code double}, s); rates are bits per second; angles are degrees.
 *
 * <p>{@link io.onorbit.flight.schedule.LightingProfile} is the project's one lighting curve
 * (piecewise-linear through orbit-sim's samples, float32 ratios, exact mean by trapezoids): the
 * power model reads it on board and the mission plan's mean lighting ratio is read from it too.
 */
package io.onorbit.flight.schedule;

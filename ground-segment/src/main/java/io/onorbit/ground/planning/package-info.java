/**
 * Mission planning: mission file to orbit-sim to what each spacecraft is told.
 *
 * <p>Summary: {@link io.onorbit.ground.planning.MissionPlanner#plan} gives a
 * {@link io.onorbit.ground.planning.MissionPlan} (every satellite's passes, eclipses, lighting and
 * beta angle; what {@code onorbit plan} prints); {@link io.onorbit.ground.planning.MissionPlanner#schedules}
 * gives one flight-sw {@link io.onorbit.flight.schedule.OnboardSchedule} per satellite (contacts with
 * station rates, eclipses, lighting profile with knots every 2 s through penumbra, Sun direction in
 * QSW every 60 s). {@link io.onorbit.ground.planning.MissionPlanner#lighting} hands orbit-sim's
 * lighting samples to flight-sw's one lighting curve; the plan's mean lighting ratio is read from
 * that same curve, so the plan and the spacecraft cannot disagree on it.
 *
 * <p>Usage: {@code MissionPlanner.fileFree().schedules(MissionLoader.load(path))}; pass another
 * {@link io.onorbit.orbit.context.OrbitContext} to use a full orekit-data folder. Satellites run in
 * parallel over all cores ({@code withThreads(n)} to change).
 *
 * <p>Units: times in s since the mission start (schedule epoch), rates in bit/s, angles in deg.
 */
package io.onorbit.ground.planning;

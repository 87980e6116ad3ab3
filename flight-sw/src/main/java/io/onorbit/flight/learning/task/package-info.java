/**
 * Drifting task streams for onboard learning: {@link io.onorbit.flight.learning.task.SolarArrayTask}
 * (default; array power from sun incidence, lighting and panel temperature on the mission's own
 * schedule, with gradual degradation, a string failure and sensor bias drift), MOA's
 * {@link io.onorbit.flight.learning.task.SeaTask} and {@link io.onorbit.flight.learning.task.HyperplaneTask}
 * (same definitions and random draw order as MOA, for comparison with published results), and
 * {@link io.onorbit.flight.learning.task.CsvTask} for a user's own telemetry.
 * {@link io.onorbit.flight.learning.task.TaskSpec} is the mission's choice ({@code learning.task.kind})
 * and builds the stream for a satellite; drift onsets are absolute times from the config.
 *
 * <p>Every task is a time-ordered stream (times in s since the schedule epoch) with a known drift
 * schedule ({@code abruptDriftTimesS}, {@code driftsGradually}) and, for synthetic tasks, the true current concept for an
 * oracle. Units of features and label are documented per task. The stream boilerplate they share
 * (description, walk through the sample times: a regular grid or a file's recorded times) is
 * {@link io.onorbit.flight.learning.task.TaskStream}; a task writes only how it draws a sample and
 * what its concept is. Limits: single-output tasks only.
 */
package io.onorbit.flight.learning.task;

/**
 * {@code onorbit experiment}: trade studies. {@code experiment drift MISSION.yaml [--task NAME]
 * [--days N] [--format table|json] [--out FILE]} runs {@link io.onorbit.flight.learning.eval.DriftExperiment}
 * on the mission's first satellite: time-averaged errors of frozen, onboard, ground-retrain and
 * oracle learners, recovery times (s) after each abrupt drift, training energy (Wh) and peak
 * training memory (bytes).
 *
 * <p>Stand-ins, stated in every output: the schedule is closed-form until the mission planner is
 * wired in, the envelope is a constant surplus in full sunlight until the power budget's envelope
 * is, and the optimizer is a conjugate-gradient CPU model until a flight optimizer is in main.
 */
package io.onorbit.verification.experiment;

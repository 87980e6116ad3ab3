/**
 * {@code onorbit experiment}: trade studies. {@code experiment drift MISSION.yaml [--task NAME]
 * [--days N] [--format table|json] [--out FILE]} runs {@link io.onorbit.flight.learning.eval.DriftExperiment}
 * on the mission's first satellite: time-averaged errors of frozen, onboard, ground-retrain and
 * oracle learners, recovery times (s) after each abrupt drift, training energy (Wh) and peak
 * training memory (bytes).
 *
 * <p>Inputs: the mission planner's schedule of the first satellite, the power budget's training
 * envelope ({@code spacecraft.power}, battery stepped with the training energy drawn), the
 * {@code learning} section, and the analog (default) or digital optimizer.
 */
package io.onorbit.verification.experiment;

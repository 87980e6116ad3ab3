/**
 * Power budget and training envelope: how much energy the spacecraft can spare for training, at
 * every instant, without ever taking its battery below the floor.
 *
 * <p><b>Models.</b> {@link io.onorbit.flight.power.SolarArray} P = S(t) · area · efficiency ·
 * cos(incidence) · lighting ratio · (1 - degradation), sun-tracking or body-mounted;
 * {@link io.onorbit.flight.power.BatterySpec} / {@link io.onorbit.flight.power.Battery} energy in
 * the cell with charge and discharge efficiency, rate limits, calendar capacity fade and a hard
 * floor; {@link io.onorbit.flight.power.LoadProfile} bus, payload duty cycle, transmitter during
 * passes, heaters in eclipse. Defaults for a 6U cubesat ({@code sixUCubesat()}) are documented on
 * each record. {@link io.onorbit.flight.power.PowerModel} turns them and an
 * {@link io.onorbit.flight.schedule.OnboardSchedule} into mean W over a step.
 *
 * <p><b>Budget.</b> {@link io.onorbit.flight.power.PowerBudget#step(double, double, double)} advances
 * one step (s since the schedule epoch, step length s, training power W) and returns a
 * {@link io.onorbit.flight.power.PowerStep} in Wh whose terms balance exactly: generated =
 * stored change + loads + training + losses + spilled. Allocation-light and O(log n) per step.
 *
 * <p><b>Envelope and oracle.</b> {@link io.onorbit.flight.power.TrainingEnvelope} plans a reserve
 * curve backward over the whole known schedule (or a finite look-ahead, always past the next
 * eclipse and pass) and returns, per step, the most training power that keeps the battery on or
 * above it (zero without surplus; it never discharges the battery for training). {@link io.onorbit.flight.power.PowerOracle}
 * is the perfect-knowledge optimum on the same grid (exact dynamic programming, checked against a
 * linear program); harvest ratio = envelope / oracle energy. Faults for the closed loop:
 * {@code PowerBudget.brownout}, {@code capacityFault} (plan the envelope again after one), and
 * {@code step(t, dt, w, radioOnS)} with the transmitter's actual on-time (in [0, dt]; without it, the transmitter is on through every pass).
 *
 * <p><b>Limits.</b> No albedo, no cell temperature, no battery voltage or Peukert effect (energy
 * model only); calendar fade only, no cycle fade; the heater follows the darkness fraction, not a
 * thermal model. The envelope trusts the schedule; its margin is the allowance for model error.
 *
 * <p><b>Use.</b> {@code PowerModel m = new PowerModel(schedule, PowerSystem.sixUCubesat());
 * TrainingEnvelope env = TrainingEnvelope.plan(m, 30); PowerRun r = new PowerRun(m, 30);} then
 * each step {@code r.step(min(r.offeredW(env), wanted))}; {@code PowerRun} is the one loop that
 * steps a budget on a grid under a {@code TrainingPolicy} (the envelope is one), whole runs with
 * {@code PowerRun.run(m, 30, env)}. The closed loop splits it at the module boundary instead: the
 * flight executive asks the envelope, the simulator's physics steps the budget.
 */
package io.onorbit.flight.power;

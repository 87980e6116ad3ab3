/**
 * The closed-loop mission simulator: steps every satellite through its
 * {@link io.onorbit.flight.schedule.OnboardSchedule} on a fixed grid and moves data between the
 * parts: power budget, training envelope, onboard trainer, delta encoder, store-and-forward
 * queue, pass-gated radio, the emulated space channel, ground ingest, automatic review,
 * aggregation and the signed uplink that the spacecraft applies in a later pass.
 *
 * <p><b>Design.</b> The loop knows the parts only through narrow stage interfaces
 * ({@link io.onorbit.verification.sim.PowerStage}, {@link io.onorbit.verification.sim.LearningStage},
 * {@link io.onorbit.verification.sim.FlightLinkStage}, {@link io.onorbit.verification.sim.GroundStage}).
 * Each is implemented by a thin adapter over the real module; a stage whose module is not built
 * yet is absent, skipped, and reported as "not available" in the summary. The loop holds no
 * logic of its own about power, learning, coding or review: it orchestrates, emulates the
 * physical channel ({@link io.onorbit.verification.sim.SpaceChannel}: carrier only in true
 * contact, bit errors, corrupted and missed passes) and keeps the books
 * ({@link io.onorbit.verification.sim.DeltaLedger}) against which invariants are checked.
 *
 * <p><b>Time.</b> All times are s since the schedule epoch. Steps are {@code stepS} long
 * (10-60 s); the radio is given exactly the overlap of the step with the true contact window,
 * so pass capacity does not depend on the step. The flight computer has its own clock
 * ({@code onboard = true + offset}); a clock-jump fault moves the offset and the ground's time
 * beacon clears it during the next pass.
 *
 * <p><b>Parallelism.</b> Satellites are independent between ground synchronizations (every
 * {@code syncIntervalS}); each runs on its own thread within an interval with its own seeded
 * random stream, and the ground's archive, review and aggregation run sequentially in satellite
 * order at the interval's end, so a run is reproducible whatever the thread timing.
 */
package io.onorbit.verification.sim;

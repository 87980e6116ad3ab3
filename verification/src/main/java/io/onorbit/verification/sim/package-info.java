/**
 * The closed-loop mission simulator: physics, faults, the space channel and the books around the
 * real flight software. Every satellite steps through its
 * {@link io.onorbit.flight.schedule.OnboardSchedule} on a fixed grid; the spacecraft's decisions
 * are all made by its {@link io.onorbit.flight.executive.FlightExecutive}; the ground's by the
 * ground segment (ingest, automatic review, aggregation, signed uplink).
 *
 * <p><b>Design.</b> The loop knows the parts only through narrow stage interfaces:
 * {@link io.onorbit.verification.sim.PowerStage} (battery physics under the real draw),
 * {@link io.onorbit.verification.sim.SensorStage} (the drifting environment the payload sensor
 * sees, and the instruments that score the flight model against the frozen and federated
 * references), {@link io.onorbit.verification.sim.FlightStage} (boots the flight software on the
 * emulated hardware) and {@link io.onorbit.verification.sim.GroundStage}. A stage whose module is
 * not built is absent, skipped, and reported as "not available" in the summary.
 * {@link io.onorbit.verification.sim.SatelliteRunner} is a driver: each step it feeds the flight
 * software the sensor samples, the power telemetry and the clock, gives it the carrier and the
 * ground's time beacon during true contact, carries its packets through the emulated channel
 * ({@link io.onorbit.verification.sim.SpaceChannel}: carrier only in true contact, bit errors,
 * corrupted and missed passes) to the ground and back, and integrates the battery with the energy
 * the training engine really drew (measured at its interface) and the transmitter's on-time. It
 * decides nothing a spacecraft decides, and keeps the books
 * ({@link io.onorbit.verification.soak.DeltaLedger}) against which invariants are checked.
 *
 * <p><b>Resets.</b> A reset throws the flight software instance away, with all its RAM, and after
 * the reboot time boots a new one from the emulated flash only. The flash is
 * {@link io.onorbit.flight.storage.CrashingFileOps} over a folder: a reset strikes after a random
 * number (0-12) of the step's flash operations, tearing the write in progress, or at the step's
 * end; either way every file written but not yet flushed is torn (fsync is honoured). The clock,
 * the transmitter, the training engine and the battery are hardware and outlive resets.
 *
 * <p><b>Time.</b> All times are s since the schedule epoch. Steps are {@code stepS} long
 * (10-60 s); the radio is given exactly the overlap of the step with the true contact window,
 * so pass capacity does not depend on the step. The flight computer has its own clock
 * ({@code onboard = true + offset}, {@link io.onorbit.verification.sim.EmulatedClock}); a
 * clock-jump fault moves the offset and the flight software sets the clock from the ground's
 * beacon on carrier lock.
 *
 * <p><b>Parallelism.</b> Satellites are independent between ground synchronizations (every
 * {@code syncIntervalS}); each runs on its own thread within an interval with its own seeded
 * random stream, and the ground's review and aggregation run sequentially in satellite
 * order at the interval's end, so a run is reproducible whatever the thread timing. Within an
 * interval a satellite's ground port archives its deltas and signs its updates (answers acted on
 * during the pass) on that satellite's thread; each touches only its own satellite's rows of the
 * shared archive (which serializes its calls), and the published versions change only at a
 * synchronization.
 */
package io.onorbit.verification.sim;

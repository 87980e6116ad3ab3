/**
 * The flight executive: the one piece of flight software that decides what the spacecraft does,
 * and its wiring.
 *
 * <p><b>Summary.</b> {@link io.onorbit.flight.executive.FlightTopology#boot} builds every
 * component from flash and the pre-launch {@link io.onorbit.flight.executive.FlightConfig}, and
 * connects them once, visibly (the F Prime "topology"). The resulting
 * {@link io.onorbit.flight.executive.FlightExecutive} is driven through
 * {@link io.onorbit.flight.executive.FlightSoftware}: each tick it plans (once per boot, and again
 * after the power system reports a capacity loss) and queries the training envelope, trains on
 * the sensor samples inside it, cuts deltas, checkpoints; during a contact it drives the
 * pass-gated radio, takes acknowledgements and model updates, verifies them (HMAC, anti-replay,
 * base), merges an applied global model with the local progress the ground does not have yet
 * (without a personal model; with one the global model becomes the payload's third expert and no
 * trained model changes, so the next delta carries the trained model minus it), persists, and only
 * then acknowledges; a refused update is answered with a refusal naming the
 * version held. The ground's time beacon sets the clock if it verifies (see below).
 *
 * <p><b>Decisions.</b> A delta is cut once per contact of the schedule, after that contact's
 * uplink has been taken in (so it is built on the newest global model): not before the ground's
 * uplink could have been applied (acquisition of signal + the link's pass margin + one tick) and
 * not while an update is half received, or at a deadline a third of the contact in (at most 60 s
 * or two ticks, never before that earliest time) if no uplink comes; inside a contact longer than
 * {@code deltaCadenceS} (GEO, always in view) one is also cut every {@code deltaCadenceS}. Nothing
 * is cut without progress on the shared body since the last delta. An arriving global model gives
 * {@code w = w_global + (w_local - w_reference)}, where {@code w_reference} is the onboard model
 * when the last delta of the old base was cut (the old base itself if none was): the progress
 * already handed to the queue reaches the ground by its delta and is not counted twice, the rest
 * is kept. Personalisation (FedPer, Arivazhagan et al. 2019, {@code LearningSettings.personalLayers}):
 * the top layers are this spacecraft's own head; a delta carries only the body below them (the
 * head's coordinates are zero) and the merge above applies to the body only, the head staying as
 * trained on board. Model interpolation (Mansour et al. 2020, {@code learning.Personalisation}):
 * the payload also trains a personal model on this spacecraft's samples only, which no global
 * model touches, and serves the interpolation of its prediction with the federated model's by a
 * weight fitted on board ({@code learning.MixingWeight}); the federated model takes the slower step
 * of two time-scales ({@code Personalisation.federatedStepScale}); both models and the weight are in the
 * checkpoint, with each learner's adaptation state ({@code OnboardTrainer.saveAdaptation}: replay samples,
 * variable step, change detector and confirmation, iterate average, faded sums), so that a reset costs the
 * learner only what it learned since the checkpoint. Checkpoints are written every {@code checkpointIntervalS},
 * after every delta and after every applied update.
 *
 * <p><b>A reset is a reset.</b> Everything the executive holds is RAM: trainer, encoder residual,
 * receiver, packetizer, link state, counters. A reset is a new {@code boot}: it reads
 * {@link io.onorbit.flight.executive.PersistentCounters} (three CRC-checked slots) and the
 * {@link io.onorbit.flight.executive.Checkpoint} (two slots, else the golden image), increments and
 * stores the boot counter first, and resumes: control-message ids come from blocks reserved on
 * flash before use, so no id repeats across boots; the delta queue never hands out a sequence
 * below the flash high-water mark, even if all its own counter slots are damaged; the uplink
 * anti-replay counter and the version held are the larger of the counters' and the checkpoint's
 * copies; CCSDS sequence counts of the telemetry APIDs continue from a floor reserved on flash
 * before a count reaches it (1024 ahead, less than half the 2^14 range, so counts keep advancing
 * across a reboot however many quiet boots come between).
 * Every write goes through {@link io.onorbit.flight.storage.FileOps} as an atomic replace
 * (temporary file, fsync, rename, directory fsync).
 *
 * <p><b>Assumptions and limits.</b> The clock and the transmitter are hardware and outlive a
 * reset. The ground's time beacon is authenticated like an uplink command
 * ({@link io.onorbit.flight.command.TimeBeacon}: HMAC-SHA256 under the satellite's key, addressed,
 * and newer than the last beacon accepted, whose time is stored with the counters before the
 * clock moves), so without the key nobody can move the clock, not even by playing a recorded
 * beacon back after a reset. The envelope is planned on the tick
 * grid, so ticks must be {@code tickS} long for its exact guarantee. If every copy of the
 * counters and both checkpoints are lost at once, counters restart from what the queue files
 * still name; ids could then repeat. A reset between a delta's queue write and the checkpoint
 * that follows it can send that delta's progress a second time in the next delta. Samples that
 * arrive while the computer is down are lost. The counters are written twice per store into three slots: losing
 * the newest values takes two damaged files between two stores.
 *
 * <p><b>Inputs and outputs.</b> In: sensor samples ({@link io.onorbit.flight.executive.SensorBatch}),
 * power telemetry ({@link io.onorbit.flight.executive.PowerTelemetry}), carrier intervals, uplinked
 * packets, the beacon. Out: the energy the trainer drew ({@link io.onorbit.flight.executive.TickReport}),
 * packets to the transmitter, events for telemetry ({@link io.onorbit.flight.executive.ExecutiveEvents}).
 *
 * <p><b>How to use.</b> Build a {@code FlightConfig} and a {@link io.onorbit.flight.executive.Hardware}
 * (flash operations and folder, clock, transmitter, training engine), call
 * {@code FlightTopology.boot}, then each tick {@code tick}; during a contact {@code beacon},
 * {@code downlink}, {@code uplink}; read {@code drainEvents}. To reset, drop the instance and boot
 * again on the same flash.
 */
package io.onorbit.flight.executive;

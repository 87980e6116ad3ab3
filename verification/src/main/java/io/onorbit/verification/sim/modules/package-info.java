/**
 * Adapters that plug the real parts into the loop's stage interfaces, configured from the
 * mission file by {@link io.onorbit.verification.sim.modules.ModuleStages}:
 * <ul>
 *   <li>{@link io.onorbit.verification.sim.modules.FlightPowerStage}: {@code flight.power}'s
 *       battery integration as physics (true time, charged what the training payload drew, states
 *       x time, plus the transmitter; brownouts and capacity faults act on the battery). No
 *       envelope: the flight executive plans it on board;</li>
 *   <li>{@link io.onorbit.verification.sim.modules.SensorStream}: the satellite's own
 *       stream (the mission's {@code learning.task}), and the frozen launch model and the latest applied global model
 *       scored on the samples the payload trained on, beside the flight model's predictions;</li>
 *   <li>{@link io.onorbit.verification.sim.modules.FlightComputerStage}: boots
 *       {@code flight.executive.FlightTopology} (with the {@code flight.payload} training payload of
 *       {@code spacecraft.training_payload}) on the emulated flash, clock and transmitter; the
 *       training engine is hardware, its operating power recorded at the {@code Optimizer}
 *       interface ({@code RecordingOptimizer}); a reset also empties the payload's sample buffer;</li>
 *   <li>{@link io.onorbit.verification.sim.modules.GroundSegmentStage}: the link's ground end,
 *       {@code ground.archive}, {@code ground.review} (automatic policy: approve what carries no
 *       flag), {@code ground.aggregation}, {@code ground.uplink}.</li>
 * </ul>
 * The launch model ({@link io.onorbit.verification.sim.modules.DeployedModel}) is one pre-launch
 * fit for the whole constellation, global version 0 in the archive and every spacecraft's golden
 * image. A mission without an uplink key file gets fresh per-satellite keys from a secure random
 * source (saved owner-only next to the archive by a run that keeps one); keys derived from the
 * mission's seed only when asked for ({@code --demo-keys-from-seed}), for reproducible demonstrations.
 */
package io.onorbit.verification.sim.modules;

/**
 * Adapters that plug the real parts into the loop's stage interfaces, configured from the
 * mission file by {@link io.onorbit.verification.sim.modules.ModuleStages}:
 * <ul>
 *   <li>{@link io.onorbit.verification.sim.modules.FlightPowerStage}: {@code flight.power}
 *       (battery integrated in true time; envelope asked in flight-computer time on the loop's
 *       grid; re-planned after a capacity fault; brownouts through the budget's protection);</li>
 *   <li>{@link io.onorbit.verification.sim.modules.FlightLearningStage}: {@code flight.payload}
 *       training payload ({@code spacecraft.training_payload}) running the {@code flight.learning}
 *       trainer on the satellite's own solar-array stream during the on-time the envelope
 *       allocates, with the frozen launch model and the latest global model scored on the same
 *       samples; the power stage is charged what the payload drew (states x time); the solver's
 *       operating power recorded at the {@code Optimizer} interface; atomic CRC-checked
 *       checkpoints, golden-image fallback; a reset also empties the payload's sample buffer;</li>
 *   <li>{@link io.onorbit.verification.sim.modules.FlightDataPath}: {@code flight.delta},
 *       {@code flight.storage}, {@code flight.link}, {@code flight.command};</li>
 *   <li>{@link io.onorbit.verification.sim.modules.GroundSegmentStage}: the link's ground end,
 *       {@code ground.archive}, {@code ground.review} (automatic policy: approve what carries no
 *       flag), {@code ground.aggregation}, {@code ground.uplink}.</li>
 * </ul>
 * The launch model ({@link io.onorbit.verification.sim.modules.DeployedModel}) is one pre-launch
 * fit for the whole constellation, global version 0 in the archive. A mission without an uplink
 * key file gets per-run keys drawn from its seed, held in memory only.
 *
 * <p>Limits: the spacecraft's CCSDS packetizer (the transponder) and the command receiver's held
 * model and counter survive resets as hardware and persisted state would; the delta encoder's
 * error-feedback residual is RAM and is lost at a reset.
 */
package io.onorbit.verification.sim.modules;

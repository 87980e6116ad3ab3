/**
 * Mission files: YAML read into validated value types of every module. {@link
 * io.onorbit.ground.config.ConfigNode} walks the tree keeping the file name and the field path,
 * so that every bad value is reported as one line: {@code file: path: reason}.
 *
 * <p>Each section (satellites, ground stations, spacecraft power, training payload, learning,
 * link, ground) has its own reader in this package, the one place where its fields are validated.
 * {@link io.onorbit.ground.config.MissionLoader} calls each reader exactly once and returns a
 * {@link io.onorbit.ground.config.MissionConfig} of immutable typed sections; no YAML tree is kept
 * (the architecture test holds this). The sections whose types the ground cannot see
 * ({@code simulation}, {@code link.experiment}, {@code learning.experiment}) are checked to be mappings and read by their owner
 * in {@code verification} from the same parsed document ({@code verification.sim.MissionFile}), so
 * a file is parsed once per command ({@link io.onorbit.ground.config.YamlFiles#timesParsed} counts
 * it). A new section is one new reader and one new field on the mission.
 *
 * <p>A {@code ground_stations} entry splits by owner: its position and elevation mask become
 * orbit-sim's {@code GroundStation}, its {@code downlink_bps}/{@code uplink_bps} the ground's
 * {@link io.onorbit.ground.config.StationLink} (bit/s), which planning turns into data volume and
 * contact-window rates.
 */
package io.onorbit.ground.config;

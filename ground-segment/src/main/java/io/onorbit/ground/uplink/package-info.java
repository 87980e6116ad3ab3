/**
 * Signed uplink products. {@link io.onorbit.ground.uplink.UplinkSigner} turns two global versions
 * into a compact {@link io.onorbit.flight.command.ModelUpdate} (only the parameters that changed)
 * signed with HMAC-SHA256 under the satellite's key and the next command counter, recorded in the
 * archive so counters stay strictly increasing across restarts. Keys come from the file named by
 * the mission's {@code ground.uplink_keys_file} ({@link io.onorbit.ground.uplink.UplinkKeys}:
 * {@code name hexkey} per line, &ge; 16 bytes), never from source.
 *
 * <p>Use: {@code new UplinkSigner(UplinkKeys.read(file)).next(archive, "sat-1", heldVersion, now)}
 * and send {@code frame()} in the next pass; the spacecraft checks it with
 * {@link io.onorbit.flight.command.UpdateReceiver}.
 */
package io.onorbit.ground.uplink;

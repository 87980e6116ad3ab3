package io.onorbit.verification.cli;

import io.onorbit.ground.uplink.KeyOrigin;
import picocli.CommandLine.Option;

/**
 * The {@code --demo-keys-from-seed} option (picocli mixin) of the commands that run the closed loop.
 * Without a key file in the mission ({@code ground.uplink_keys_file}) a run draws fresh keys from a
 * secure random source and saves them owner-only next to its archive; this option derives them from
 * the mission's seed instead, reproducible and therefore not secret.
 */
public final class KeyOptions {

    @Option(names = "--demo-keys-from-seed", description = "Without ground.uplink_keys_file, derive the satellites' keys "
            + "from the mission seed (reproducible demonstrations only: anyone who reads the mission file can sign "
            + "commands). Default: fresh keys from a secure random source, saved owner-only next to the archive.")
    boolean demoFromSeed;

    /** @return where the keys come from when the mission names no key file */
    public KeyOrigin withoutKeyFile() {
        return demoFromSeed ? KeyOrigin.DEMO_FROM_SEED : KeyOrigin.GENERATED;
    }
}

package io.onorbit.ground.uplink;

/** Where a run's per-satellite keys come from. */
public enum KeyOrigin {
    /** The mission's {@code ground.uplink_keys_file}: secret, managed by the operator. */
    KEY_FILE("read from the mission's key file"),
    /** No key file: fresh keys from a {@link java.security.SecureRandom}, saved owner-only next to the outputs. */
    GENERATED("generated from a secure random source"),
    /**
     * No key file and the user asked for reproducible demonstration keys: derived from the mission's
     * seed, so anyone who reads the mission file knows them. Never for a mission that flies.
     */
    DEMO_FROM_SEED("derived from the mission seed (demonstration only: anyone who reads the mission file can sign)");

    private final String description;

    KeyOrigin(String description) {
        this.description = description;
    }

    /** @return how the keys were made, for a person */
    public String description() {
        return description;
    }
}

package io.onorbit.ground.ingest;

import io.onorbit.flight.link.DeltaSeal;
import io.onorbit.ground.uplink.UplinkKeys;
import java.util.Optional;

/**
 * Checks that a whole downlinked delta message is sealed ({@link DeltaSeal}, HMAC-SHA256) with the
 * key of the satellite whose channel it came on, before anything decodes it. The keys are the
 * mission's per-satellite keys, the same that authenticate its uplink. Stateless.
 */
public final class DeltaAuthenticator {

    private final UplinkKeys keys;

    public DeltaAuthenticator(UplinkKeys keys) {
        this.keys = keys;
    }

    /**
     * @return the delta bytes, or empty if the satellite has no key or the tag does not match
     *         (forged, corrupted, truncated or sealed with another satellite's key)
     */
    public Optional<byte[]> open(String satellite, byte[] message) {
        if (!keys.has(satellite)) {
            return Optional.empty();
        }
        return DeltaSeal.open(keys.key(satellite), message);
    }
}

package io.onorbit.ground.uplink;

import io.onorbit.flight.command.ModelUpdate;
import io.onorbit.flight.command.TimeBeacon;
import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.GlobalVersion;
import java.time.Instant;
import java.util.Optional;

/**
 * Signs global-model updates for uplink: the compact change from the version a satellite holds
 * to a newer one, under that satellite's key, with the next command counter.
 */
public final class UplinkSigner {

    private final UplinkKeys keys;

    public UplinkSigner(UplinkKeys keys) {
        this.keys = keys;
    }

    /** @return the signed update taking {@code satellite} from {@code from} to {@code to} */
    public SignedUplink sign(String satellite, long counter, GlobalVersion from, GlobalVersion to) {
        if (to.version() <= from.version()) {
            throw new IllegalArgumentException("target version " + to.version() + " must be newer than " + from.version());
        }
        ModelUpdate u = ModelUpdate.between(satellite, counter, from.modelVersion(), from.params(), to.modelVersion(), to.params());
        return new SignedUplink(satellite, counter, from.version(), to.version(), u.parameters().size(),
                UplinkFrame.sign(u, keys.key(satellite)));
    }

    /**
     * @return the time beacon telling {@code satellite} the ground time, signed under its key
     *         ({@link TimeBeacon}: it sets the spacecraft's clock only if it verifies and is newer
     *         than the last one the spacecraft accepted)
     */
    public byte[] beacon(String satellite, long groundTimeMs) {
        return TimeBeacon.sign(satellite, groundTimeMs, keys.key(satellite));
    }

    /**
     * Prepares the update from the version {@code satellite} holds to the newest one of the chain it
     * follows ({@link Archive#latestGlobalFor}: its cluster's in a clustered federation),
     * takes the next counter and records the uplink (so a counter is never reused, even across
     * restarts).
     *
     * @return empty if the satellite already holds the newest version
     */
    public Optional<SignedUplink> next(Archive archive, String satellite, long heldVersion, Instant at) {
        GlobalVersion latest = archive.latestGlobalFor(satellite).orElseThrow(() -> new IllegalStateException("archive has no global model"));
        if (latest.version() <= heldVersion) {
            return Optional.empty();
        }
        GlobalVersion held = archive.global(heldVersion)
                .orElseThrow(() -> new IllegalArgumentException("archive has no global version " + heldVersion));
        long counter = archive.lastUplinkCounter(satellite) + 1;
        SignedUplink s = sign(satellite, counter, held, latest);
        archive.recordUplink(satellite, counter, held.version(), latest.version(), s.frame().length, at);
        return Optional.of(s);
    }
}

package io.onorbit.ground.link;

import io.onorbit.flight.link.LinkMessages;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.uplink.SignedUplink;
import io.onorbit.ground.uplink.UplinkSigner;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The ground's model-update traffic with one satellite: which global version the ground believes
 * the satellite holds, and the one signed update on its way at a time. At each synchronization it
 * reads the spacecraft's answers from the {@link GroundLink}: an acknowledgement means the update
 * was applied; a refusal names the version the spacecraft holds (after a reset that lost the last
 * update, a golden-image boot, or an update applied whose acknowledgement was lost), which becomes
 * the ground's belief, so the next update is signed from the version really held, not from the
 * one the ground hoped for. Then, if the archive has a newer global version than the one held, it
 * signs the change from the held version to the newest with the next counter
 * ({@link UplinkSigner#next}) and queues it on the link, which offers it at every pass (and again
 * within a pass once its answer is overdue) until it is answered; an unanswered update that a
 * newer version overtakes is withdrawn and replaced, so a satellite is always offered the newest. Not thread-safe: one per satellite, used between passes.
 */
public final class SatelliteUpdates {

    private final String satellite;
    private final GroundLink link;
    private final UplinkSigner signer;
    private long heldVersion;
    private SignedUplink pending;

    /**
     * @param satellite       the satellite
     * @param link            the ground end of its link
     * @param signer          signs updates under its key
     * @param launchVersion   the version it was launched with (the ground's first belief)
     */
    public SatelliteUpdates(String satellite, GroundLink link, UplinkSigner signer, long launchVersion) {
        this.satellite = Objects.requireNonNull(satellite, "satellite");
        this.link = Objects.requireNonNull(link, "link");
        this.signer = Objects.requireNonNull(signer, "signer");
        if (launchVersion < 0) {
            throw new IllegalArgumentException("launch version " + launchVersion + " must be >= 0");
        }
        this.heldVersion = launchVersion;
    }

    /**
     * Takes the answers that arrived since the last call, then signs and queues the next update if
     * the satellite lacks the archive's newest version and none is on its way.
     *
     * @param archive the ground's archive (versions, counters, the uplink record)
     * @param at      now
     * @return the update queued now, if one was
     */
    public Optional<SignedUplink> synchronize(Archive archive, Instant at) {
        for (GroundLink.UpdateAnswer a : link.drainUpdateAnswers()) {
            answered(a, archive);
        }
        if (pending != null && link.updatePending(pending.counter())) {
            long latest = archive.latestGlobal().orElseThrow().version();
            if (latest <= pending.toVersion()) {
                return Optional.empty(); // still on its way, and still the newest
            }
            // A newer version exists: offer it instead, from the version held (if the satellite did
            // apply the withdrawn one and its answer was lost, it refuses naming it, and the next
            // update is signed from there).
            link.withdrawModelUpdate(pending.counter());
        }
        pending = null;
        Optional<SignedUplink> next = signer.next(archive, satellite, heldVersion, at);
        next.ifPresent(u -> {
            link.sendModelUpdate(u.counter(), u.frame());
            pending = u;
        });
        return next;
    }

    private void answered(GroundLink.UpdateAnswer a, Archive archive) {
        if (pending == null || a.updateId() != pending.counter()) {
            return; // an answer to an update superseded earlier: the newer one decides
        }
        if (a.applied()) {
            heldVersion = pending.toVersion();
        } else {
            LinkMessages.Refusal r = a.refusal().orElseThrow();
            // The spacecraft names what it holds; sign from it next. A version the archive never
            // made cannot be signed from: keep the belief (the next refusal will name it again).
            if (archive.global(r.heldVersion()).isPresent()) {
                heldVersion = r.heldVersion();
            }
        }
        pending = null;
    }

    /** @return the global version the ground believes the satellite holds */
    public long heldVersion() {
        return heldVersion;
    }

    /** @return the counter of the update on its way, if any */
    public Optional<Long> pendingCounter() {
        return Optional.ofNullable(pending).map(SignedUplink::counter);
    }
}

package io.onorbit.ground.link;

import io.onorbit.flight.link.LinkMessages;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.uplink.SignedUplink;
import io.onorbit.ground.uplink.UplinkSigner;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ground's model-update traffic with one satellite: which global version the ground believes
 * the satellite holds, and the one signed update on its way at a time. It acts on the spacecraft's
 * answers as they arrive, during the pass ({@link #answersArrived}): an acknowledgement means the
 * update was applied; a refusal names the version the spacecraft holds (after a reset that lost
 * the last update, a golden-image boot, or an update applied whose acknowledgement was lost),
 * which becomes the ground's belief, and the next update is signed at once from the version
 * really held, so it can go up in the same pass. An update whose answer is overdue is offered
 * again within the pass by the {@link GroundLink} itself. At each synchronization
 * ({@link #synchronize}), when the archive may have a newer global version, it signs the change
 * from the held version to the newest of the chain it follows (its cluster's, in a clustered federation) with the next counter ({@link UplinkSigner#next}, which
 * commits the uplink record before the update is queued, so a counter is never reused) and queues
 * it on the link, which offers it at every pass until it is answered; an unanswered update that a
 * newer version overtakes is withdrawn and replaced, so a satellite is always offered the newest.
 *
 * <p>Archive work happens only when something changes: answers that arrived (one read of the
 * named version's digest per refusal) and a signature (reads of the two versions, one commit);
 * a step with no answer touches nothing. Not thread-safe: one per satellite, used from one thread
 * at a time (the archive may be shared; it serializes its own calls).
 */
public final class SatelliteUpdates {

    private final String satellite;
    private final GroundLink link;
    private final UplinkSigner signer;
    private long heldVersion;
    /** The newest global version the ground has signed an update to or seen in the archive. */
    private long newestKnown;
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
        this.newestKnown = launchVersion;
    }

    /**
     * At a synchronization: takes the answers that arrived since the last call, then signs and
     * queues the next update if the satellite lacks the archive's newest version and none is on
     * its way (an unanswered one that a newer version overtook is withdrawn first).
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
            long latest = archive.latestGlobalVersionFor(satellite).orElseThrow();
            newestKnown = Math.max(newestKnown, latest);
            if (latest <= pending.toVersion()) {
                return Optional.empty(); // still on its way, and still the newest
            }
            // A newer version exists: offer it instead, from the version held (if the satellite did
            // apply the withdrawn one and its answer was lost, it refuses naming it, and the next
            // update is signed from there).
            link.withdrawModelUpdate(pending.counter());
        }
        pending = null;
        return signNext(archive, at);
    }

    /**
     * During a pass, right after the spacecraft's packets were received: acts on the answers
     * that arrived with them. After an acknowledgement the satellite holds the update's version;
     * after a refusal, the version it names, and if that is older than the newest version the
     * ground has signed for it, the update from the version held is signed and queued at once, so
     * it goes up in this pass (or the next) rather than after the next synchronization. Without
     * answers it does nothing and touches no archive.
     *
     * @param archive the ground's archive
     * @param at      now
     * @return the update queued now, if one was
     */
    public Optional<SignedUplink> answersArrived(Archive archive, Instant at) {
        List<GroundLink.UpdateAnswer> answers = link.drainUpdateAnswers();
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        answers.forEach(a -> answered(a, archive));
        if (pending != null || heldVersion >= newestKnown) {
            return Optional.empty(); // an answer to a superseded update, or the newest is held
        }
        return signNext(archive, at);
    }

    private Optional<SignedUplink> signNext(Archive archive, Instant at) {
        Optional<SignedUplink> next = signer.next(archive, satellite, heldVersion, at);
        next.ifPresent(u -> {
            link.sendModelUpdate(u.counter(), u.frame());
            pending = u;
            newestKnown = Math.max(newestKnown, u.toVersion());
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
            if (archive.globalDigest(r.heldVersion()).isPresent()) {
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

package io.onorbit.verification.soak;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.ground.archive.UplinkRecord;
import java.util.List;

/**
 * What the ground's archive newly holds about one satellite after a ground synchronization, read
 * back from the archive itself ({@link ArchiveAudit}), not from the link: the truth against which
 * delivery and the uplink are checked.
 *
 * @param trueTimeS   synchronization time, s since epoch
 * @param archivedIds ids of this satellite's deltas archived since the last synchronization
 * @param signed      signed updates the ground issued to this satellite since then, by counter
 * @param published   global versions published since then on this satellite's chain (its cluster's in a
 *                    clustered federation, else every version), with the digest of the parameters the
 *                    archive holds for each
 */
public record GroundRecord(double trueTimeS, long[] archivedIds, List<UplinkRecord> signed, List<ModelVersion> published) {

    public GroundRecord {
        archivedIds = archivedIds.clone();
        signed = List.copyOf(signed);
        published = List.copyOf(published);
    }

    /** @return a synchronization at which nothing new was archived, signed or published */
    public static GroundRecord nothing(double trueTimeS) {
        return new GroundRecord(trueTimeS, new long[0], List.of(), List.of());
    }
}

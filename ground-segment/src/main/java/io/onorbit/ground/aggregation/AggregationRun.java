package io.onorbit.ground.aggregation;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.GlobalVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Aggregates the archive's approved deltas that build on the current global version into the next
 * global version, recording which deltas made it. Approved deltas on an older base are left
 * approved (not merged) and listed in {@link Candidate#skipped()}: adding an update computed
 * against another model would be a guess.
 */
public final class AggregationRun {

    private AggregationRun() {
    }

    /**
     * The next global model, not yet stored.
     *
     * @param parent  the global version it builds on
     * @param params  the new parameters (parent + combined delta, float32)
     * @param used    deltas merged
     * @param skipped approved deltas on another base, not merged
     * @param rule    aggregator used
     */
    public record Candidate(GlobalVersion parent, float[] params, List<DeltaRecord> used, List<DeltaRecord> skipped,
            Aggregator rule) {
    }

    /**
     * Computes the candidate without writing anything.
     *
     * @return empty if the archive has no global version or no usable approved delta
     */
    public static Optional<Candidate> preview(Archive archive, Aggregator aggregator) {
        Optional<GlobalVersion> parent = archive.latestGlobal();
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        float[] base = parent.get().params();
        List<DeltaRecord> used = new ArrayList<>();
        List<DeltaRecord> skipped = new ArrayList<>();
        for (DeltaRecord d : archive.deltas(DeltaStatus.APPROVED)) {
            boolean fits = d.baseVersion() == parent.get().version() && d.dimension() == base.length
                    && Double.isFinite(d.norm()) && (aggregator.rule() != AggregationRule.FEDAVG || d.sampleCount() > 0);
            (fits ? used : skipped).add(d);
        }
        if (used.isEmpty()) {
            return Optional.empty();
        }
        List<float[]> dense = used.stream().map(DeltaRecord::dense).toList();
        long[] weights = used.stream().mapToLong(DeltaRecord::sampleCount).toArray();
        double[] combined = aggregator.combine(dense, weights);
        float[] params = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            params[i] = (float) (base[i] + combined[i]);
        }
        return Optional.of(new Candidate(parent.get(), params, used, skipped, aggregator));
    }

    /**
     * Computes and stores the next global version with its lineage (one transaction).
     *
     * @return the new version, or empty if there was nothing to aggregate
     */
    public static Optional<GlobalVersion> run(Archive archive, Aggregator aggregator, Instant at) {
        return preview(archive, aggregator).map(c -> archive.recordGlobalVersion(c.params(), aggregator.rule().label(),
                c.used().stream().map(d -> new GlobalVersion.LineageEntry(d.id(), aggregator.lineageWeight(d.sampleCount())))
                        .toList(), at));
    }
}

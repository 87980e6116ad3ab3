package io.onorbit.ground.aggregation;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.Attribution;
import io.onorbit.ground.archive.OperatorAction;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.GlobalVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buffered asynchronous aggregation (FedBuff, Nguyen et al. 2022): every approved delta in the
 * archive (the buffer) is merged into the next global version, whatever global version it was
 * built on, each shrunk by its staleness as {@link Aggregator} describes; the next version is
 * recorded with its lineage (which deltas, with which effective weight).
 *
 * <p>Staleness alone never keeps a delta out. Left approved (not merged) and listed in
 * {@link Candidate#skipped()} are only deltas that cannot be applied: a base version the ground
 * never made (or newer than its newest), another dimension, a non-finite norm, or zero samples
 * under FedAvg.
 */
public final class AggregationRun {

    private AggregationRun() {
    }

    /**
     * The next global model, not yet stored.
     *
     * @param parent    the global version it builds on
     * @param params    the new parameters (parent + combined delta, float32)
     * @param used      deltas merged
     * @param staleness for each of {@code used}, in order: parent version - its base version
     * @param skipped   approved deltas that cannot be applied, not merged
     * @param rule      aggregator used
     * @param cluster   the chain it extends: a cluster, or empty for the common chain
     */
    public record Candidate(GlobalVersion parent, float[] params, List<DeltaRecord> used, List<Long> staleness,
            List<DeltaRecord> skipped, Aggregator rule, Optional<String> cluster) {

        /** A candidate of the common chain (an unclustered federation's only one). */
        public Candidate(GlobalVersion parent, float[] params, List<DeltaRecord> used, List<Long> staleness,
                         List<DeltaRecord> skipped, Aggregator rule) {
            this(parent, params, used, staleness, skipped, rule, Optional.empty());
        }

        public Candidate {
            used = List.copyOf(used);
            staleness = List.copyOf(staleness);
            skipped = List.copyOf(skipped);
            if (staleness.size() != used.size()) {
                throw new IllegalArgumentException("staleness (" + staleness.size() + ") must match used (" + used.size() + ")");
            }
        }

        /** @return lineage entries: each used delta with its effective weight */
        public List<GlobalVersion.LineageEntry> lineage() {
            List<GlobalVersion.LineageEntry> out = new ArrayList<>();
            for (int k = 0; k < used.size(); k++) {
                DeltaRecord d = used.get(k);
                out.add(new GlobalVersion.LineageEntry(d.id(), rule.lineageWeight(d.sampleCount(), staleness.get(k))));
            }
            return out;
        }
    }

    /**
     * Computes the candidate without writing anything.
     *
     * @return empty if the archive has no global version or no usable approved delta
     */
    public static Optional<Candidate> preview(Archive archive, Aggregator aggregator) {
        return preview(archive, aggregator, Integer.MAX_VALUE);
    }

    /**
     * Computes the candidate of a personalised federation (FedPer, Arivazhagan et al. 2019): only
     * the shared body, the first {@code sharedCoordinates} parameters, is aggregated; the rest (each
     * satellite's personal head, kept on board) stays as in the parent version, whatever a delta
     * carries there.
     *
     * @param sharedCoordinates leading parameters aggregated, &ge; 0 (at least the dimension: all)
     * @return empty if the archive has no global version or no usable approved delta
     */
    public static Optional<Candidate> preview(Archive archive, Aggregator aggregator, int sharedCoordinates) {
        return preview(archive, aggregator, sharedCoordinates, latestModels(archive, aggregator));
    }

    /** @return the latest models the archive's merged deltas give, if the rule combines them; else none */
    private static LatestModels latestModels(Archive archive, Aggregator aggregator) {
        return aggregator.basis() == AggregationBasis.LATEST_MODELS ? LatestModels.merged(archive) : LatestModels.none();
    }

    /**
     * The next version of one chain of a clustered federation, the whole model shared, the latest models
     * read from the archive (an operator's aggregate or report).
     *
     * @param cluster the chain: a cluster of the archive, or empty for the common chain
     * @return empty if the chain has no version or no usable approved delta of its members
     */
    public static Optional<Candidate> preview(Archive archive, Aggregator aggregator, Optional<String> cluster) {
        return preview(archive, aggregator, Integer.MAX_VALUE, latestModels(archive, aggregator), cluster);
    }

    /**
     * As {@link #preview(Archive, Aggregator, int)}, given the latest models the archive's merged
     * deltas give (kept by a caller that aggregates again and again, so the archive is not read
     * whole each time; ignored with {@link AggregationBasis#DELTAS}).
     *
     * <p>With {@link AggregationBasis#LATEST_MODELS} the approved deltas are folded into
     * {@code merged}, and the rule combines, for every satellite heard from, its latest model minus
     * the current global model, each with its staleness (versions since the base of its newest
     * delta) and one vote per satellite: FedAvg then gives the current model plus
     * sum_i s(tau_i) (m_i - current) / N, the mean of the N latest models when all are fresh
     * (McMahan et al. 2017's model average; weight averaging of models fine-tuned from one start
     * stays in one basin, Wortsman et al. 2022, "Model soups"). Adding each delta to the current
     * model instead (FedBuff's rebase) moves it to the average of the few satellites heard since the
     * last version: a model that follows whoever passed last.
     *
     * @param merged the latest models of the deltas already merged (MERGED in the archive)
     */
    public static Optional<Candidate> preview(Archive archive, Aggregator aggregator, int sharedCoordinates,
                                              LatestModels merged) {
        return preview(archive, aggregator, sharedCoordinates, merged, Optional.empty());
    }

    /**
     * As {@link #preview(Archive, Aggregator, int, LatestModels)}, for one chain of a clustered federation
     * (IFCA, Ghosh et al. 2020, with the clusters given rather than learned; Sattler et al. 2021): the parent is
     * the newest version of {@code cluster}'s chain, and only its members' deltas and latest models are
     * combined. A delta's staleness is counted along that chain ({@link Archive#versionsSince}); one on a base
     * outside it cannot be applied and is skipped. Approved deltas of other clusters are neither used nor
     * skipped: they wait for their own chain.
     *
     * @param cluster the chain: a cluster of the archive, or empty for the common chain (all there is without clusters)
     */
    public static Optional<Candidate> preview(Archive archive, Aggregator aggregator, int sharedCoordinates,
                                              LatestModels merged, Optional<String> cluster) {
        if (sharedCoordinates < 0) {
            throw new IllegalArgumentException("sharedCoordinates " + sharedCoordinates + " must be >= 0");
        }
        Optional<GlobalVersion> parent = archive.latestGlobal(cluster);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        long current = parent.get().version();
        float[] base = parent.get().params();
        Map<Long, java.util.OptionalLong> since = new HashMap<>();
        List<DeltaRecord> used = new ArrayList<>();
        List<Long> staleness = new ArrayList<>();
        List<DeltaRecord> skipped = new ArrayList<>();
        for (DeltaRecord d : archive.deltas(DeltaStatus.APPROVED)) {
            if (!archive.clusterOf(d.satellite()).equals(cluster)) {
                continue;
            }
            java.util.OptionalLong tau = since.computeIfAbsent(d.baseVersion(), v -> archive.versionsSince(v, current));
            boolean fits = tau.isPresent() && d.dimension() == base.length
                    && Double.isFinite(d.norm()) && (aggregator.rule() != AggregationRule.FEDAVG || d.sampleCount() > 0);
            if (fits) {
                used.add(d);
                staleness.add(tau.getAsLong());
            } else {
                skipped.add(d);
            }
        }
        if (used.isEmpty()) {
            return Optional.empty();
        }
        double[] combined = aggregator.basis() == AggregationBasis.LATEST_MODELS
                ? latestModelsStep(archive, aggregator, merged.with(used), current, base, cluster, since)
                : aggregator.combine(used.stream().map(DeltaRecord::dense).toList(),
                        used.stream().mapToLong(DeltaRecord::sampleCount).toArray(),
                        staleness.stream().mapToLong(Long::longValue).toArray());
        return Optional.of(new Candidate(parent.get(), shiftedShared(base, combined, sharedCoordinates), used, staleness,
                skipped, aggregator, cluster));
    }

    /*
     * The per-parameter loops of an aggregation are methods of their own: inside preview (run once
     * per synchronisation) their iterations made the JIT compile it, with the archive reads it
     * calls, at its highest tier (on-stack, then whole); now only these small loops are.
     */

    /** @return {@code base + combined} (float32) on the first {@code sharedCoordinates} parameters, {@code base} on the rest */
    private static float[] shiftedShared(float[] base, double[] combined, int sharedCoordinates) {
        float[] params = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            params[i] = i < sharedCoordinates ? (float) (base[i] + combined[i]) : base[i];
        }
        return params;
    }

    /** @return {@code model - base}, element by element (float32) */
    private static float[] minus(float[] model, float[] base) {
        float[] d = new float[base.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = model[i] - base[i];
        }
        return d;
    }

    /** @return the rule's combination of every satellite's latest model minus {@code base} (version {@code current}) */
    private static double[] latestModelsStep(Archive archive, Aggregator aggregator, LatestModels latest, long current,
                                             float[] base, Optional<String> cluster, Map<Long, java.util.OptionalLong> since) {
        Map<Long, float[]> bases = new HashMap<>();
        List<float[]> towards = new ArrayList<>();
        List<Long> taus = new ArrayList<>();
        for (Map.Entry<String, LatestModels.Latest> e : latest.bySatellite().entrySet()) {
            LatestModels.Latest m = e.getValue();
            java.util.OptionalLong tau = since.computeIfAbsent(m.baseVersion(), v -> archive.versionsSince(v, current));
            // Only this chain's members vote, each on a base of this chain (a member's always is).
            if (!archive.clusterOf(e.getKey()).equals(cluster) || tau.isEmpty()) {
                continue;
            }
            float[] model = m.model(bases.computeIfAbsent(m.baseVersion(), v -> archive.global(v).orElseThrow().params()));
            towards.add(minus(model, base));
            taus.add(tau.getAsLong());
        }
        long[] tau = taus.stream().mapToLong(Long::longValue).toArray();
        long[] votes = new long[tau.length];
        Arrays.fill(votes, 1);
        return aggregator.combine(towards, votes, tau);
    }

    /**
     * Computes and stores the next global version with its lineage (one transaction).
     *
     * @return the new version, or empty if there was nothing to aggregate
     */
    public static Optional<GlobalVersion> run(Archive archive, Aggregator aggregator, Instant at) {
        return run(archive, aggregator, Integer.MAX_VALUE, at);
    }

    /**
     * Computes and stores the next global version of a personalised federation (see
     * {@link #preview(Archive, Aggregator, int)}), with its lineage (one transaction).
     *
     * @return the new version, or empty if there was nothing to aggregate
     */
    public static Optional<GlobalVersion> run(Archive archive, Aggregator aggregator, int sharedCoordinates, Instant at) {
        return preview(archive, aggregator, sharedCoordinates).map(c -> store(archive, c, new Attribution(Archive.AUTOMATIC_OPERATOR, "", at), List.of()));
    }

    /**
     * Stores exactly this candidate as the next global version, recording who stored it and why.
     *
     * @throws IllegalArgumentException if another version was stored since the candidate was
     *                                  computed, or one of its deltas is no longer approved
     */
    public static GlobalVersion store(Archive archive, Candidate c, Attribution by, List<OperatorAction.Kind> waivers) {
        return archive.recordGlobalVersion(c.params(), c.rule().rule().label(), c.lineage(), Optional.of(c.parent().version()), by, waivers,
                c.cluster());
    }

}

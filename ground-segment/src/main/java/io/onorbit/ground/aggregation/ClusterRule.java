package io.onorbit.ground.aggregation;

import io.onorbit.flight.labels.FileLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the ground splits a federation into clusters, each with its own chain of global versions made from
 * its members' deltas only (the mission file's {@code ground.aggregation.clusters}).
 *
 * <p>Why: one global model is a compromise that satellites whose data differ pay for. Clustered federated
 * learning gives each group of similar clients a model of its own (Ghosh, Chung, Yin and Ramchandran 2020,
 * "An efficient framework for clustered federated learning" (IFCA); Sattler, Müller and Samek 2021,
 * "Clustered federated learning"); those papers learn the groups, here the orbit gives them: satellites in
 * one plane share a beta-angle history, so their sensors see the Sun alike. Measured on 13 Walkers not in
 * the repository (BENCHMARKS.md, "A model per orbital plane"): per-plane chains beat one global chain.
 */
public enum ClusterRule {
    /** One chain of global versions for the whole constellation. */
    SINGLE,
    /**
     * One cluster per orbital plane holding at least two satellites ({@code plane-1}, {@code plane-2}, ...
     * in the order of their first satellite in the mission file); satellites alone in their plane share one
     * cluster, {@code unpaired}. A constellation that makes one cluster only (one plane, a lone satellite, or
     * every satellite alone in its plane) keeps the single chain.
     */
    ORBITAL_PLANES;

    /** Name of the cluster of the satellites alone in their plane. */
    public static final String UNPAIRED = "unpaired";

    /** @return the name used in files (single, orbital-planes) */
    public String label() {
        return FileLabels.of(this);
    }

    /** @return the rule named by {@link #label()} (case-insensitive; '_' accepted for '-') */
    public static ClusterRule parse(String label) {
        return FileLabels.parse(ClusterRule.class, label);
    }

    /**
     * @param planes the constellation's orbital planes, each its satellites' names (e.g. from
     *               {@code io.onorbit.orbit.spec.OrbitalPlanes#group})
     * @return each satellite's cluster by name, in the planes' order; empty when the rule makes one cluster
     *         of everyone (then the single chain is kept)
     */
    public Map<String, String> members(List<List<String>> planes) {
        if (this == SINGLE) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        int named = 0;
        for (List<String> plane : planes) {
            String cluster = plane.size() >= 2 ? "plane-" + (++named) : UNPAIRED;
            plane.forEach(s -> out.put(s, cluster));
        }
        return out.values().stream().distinct().count() <= 1 ? Map.of() : java.util.Collections.unmodifiableMap(out);
    }
}

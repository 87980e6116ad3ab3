package io.onorbit.ground.aggregation;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each satellite's latest model as the ground can rebuild it from the deltas it accepted: the
 * global version the satellite's newest delta was cut on plus the sum of that satellite's deltas
 * on that base. A delta carries the trained model minus its base less what earlier deltas on the
 * same base carried, so the sum is the trained model minus the base (up to what compression keeps
 * in the spacecraft's error-feedback residual). A delta on a base older than the satellite's
 * newest is superseded: the deltas on the newer base carry its content again. Immutable.
 */
public final class LatestModels {

    /**
     * One satellite's latest model, relative to a global version.
     *
     * @param baseVersion the global version its newest delta was cut on
     * @param sum         the sum of its deltas on that base (the model minus the base), one value per parameter
     */
    public record Latest(long baseVersion, double[] sum) {
        public Latest {
            if (baseVersion < 0) {
                throw new IllegalArgumentException("base version " + baseVersion + " must be >= 0");
            }
            sum = sum.clone();
        }

        /** @return the sum of the deltas on the base (a copy) */
        @Override
        public double[] sum() {
            return sum.clone();
        }

        /** @return the model: {@code base} plus the sum, float32 like the models on board */
        public float[] model(float[] base) {
            if (base.length != sum.length) {
                throw new IllegalArgumentException("base has " + base.length + " parameters, the deltas " + sum.length);
            }
            float[] m = new float[base.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) (base[i] + sum[i]);
            }
            return m;
        }
    }

    private static final LatestModels NONE = new LatestModels(Map.of());

    private final Map<String, Latest> bySatellite;

    private LatestModels(Map<String, Latest> bySatellite) {
        this.bySatellite = Collections.unmodifiableMap(new TreeMap<>(bySatellite));
    }

    /** @return no satellite heard from */
    public static LatestModels none() {
        return NONE;
    }

    /** @return the latest models the archive's merged deltas give (one read of them, e.g. on reopening an archive) */
    public static LatestModels merged(Archive archive) {
        return NONE.with(archive.deltas(DeltaStatus.MERGED));
    }

    /**
     * @param deltas accepted deltas in reception order ({@link DeltaRecord#RECEPTION_ORDER}), all of one dimension
     * @return these models with the deltas folded in
     */
    public LatestModels with(List<DeltaRecord> deltas) {
        if (deltas.isEmpty()) {
            return this;
        }
        Map<String, Latest> next = new TreeMap<>(bySatellite);
        for (DeltaRecord d : deltas) {
            Latest held = next.get(d.satellite());
            float[] dense = d.dense();
            if (held == null || d.baseVersion() > held.baseVersion()) {
                next.put(d.satellite(), new Latest(d.baseVersion(), widened(dense)));
            } else if (d.baseVersion() == held.baseVersion()) {
                if (dense.length != held.sum().length) {
                    throw new IllegalArgumentException("delta " + d.id() + " has " + dense.length + " parameters, "
                            + d.satellite() + "'s earlier ones " + held.sum().length);
                }
                next.put(d.satellite(), new Latest(d.baseVersion(), plus(held.sum(), dense)));
            }
        }
        return new LatestModels(next);
    }

    /*
     * The per-parameter loops are methods of their own: inside with (run once per synchronisation)
     * their iterations made the JIT compile it at its highest tier again and again (on-stack, then
     * whole, then again after a speculation failed); now only these small loops are compiled.
     */

    /** @return {@code dense} in doubles */
    private static double[] widened(float[] dense) {
        double[] sum = new double[dense.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = dense[i];
        }
        return sum;
    }

    /** @return {@code sum} (changed in place) plus {@code dense} */
    private static double[] plus(double[] sum, float[] dense) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += dense[i];
        }
        return sum;
    }

    /** @return each satellite's latest model, by satellite name (sorted) */
    public Map<String, Latest> bySatellite() {
        return bySatellite;
    }
}

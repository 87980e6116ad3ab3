package io.onorbit.ground.archive;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/** Seeded deltas for archive tests. */
public final class ArchiveFixtures {

    public static final Instant T0 = Instant.parse("2026-06-21T00:00:00Z");

    private ArchiveFixtures() {
    }

    /** A delta whose digest is derived from its content, so different seeds give different digests. */
    public static DeltaSubmission delta(String satellite, long pass, long seed, float[] base, long baseVersion) {
        SplittableRandom r = new SplittableRandom(seed);
        int dim = base.length;
        int nnz = Math.max(1, dim / 4);
        int[] idx = new int[nnz];
        float[] val = new float[nnz];
        int step = dim / nnz;
        for (int i = 0; i < nnz; i++) {
            idx[i] = i * step;
            val[i] = (float) (r.nextGaussian() * 0.1);
        }
        byte[] encoded = (satellite + ":" + pass + ":" + seed).getBytes(StandardCharsets.UTF_8);
        byte[] digest = com.google.common.hash.Hashing.sha256().hashBytes(encoded).asBytes();
        return new DeltaSubmission(satellite, pass, "svalbard", baseVersion, ModelVersion.digestOf(base), digest,
                100 + seed, T0.plusSeconds(seed), new SparseVector(dim, idx, val), encoded);
    }
}

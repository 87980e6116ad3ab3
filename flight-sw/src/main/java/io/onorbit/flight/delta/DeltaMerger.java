package io.onorbit.flight.delta;

import java.time.Instant;

/**
 * Sums two deltas of the same satellite and base into one, re-sparsified and re-quantized, for a
 * store-and-forward queue that is full. Because deltas of one base are incremental, their sum is
 * the delta that would have covered both. Stateless.
 */
public final class DeltaMerger {

    private DeltaMerger() {
    }

    /**
     * The merge and what it had to leave out.
     *
     * @param merged  the merged delta
     * @param dropped dense values of (a + b) not carried by {@code merged}; give them back to the
     *                encoder ({@link DeltaEncoder#restore(float[])}) so that nothing is lost
     */
    public record Result(WeightDelta merged, float[] dropped) {
    }

    /**
     * @param older    the earlier delta
     * @param newer    the later delta (same satellite, base and layout)
     * @param sequence sequence number of the merged delta
     * @return the merged delta keeping at most max(older.size, newer.size) entries, at the newer
     *         delta's bits and scale mode; sample counts add up; creation time is the newer one's
     */
    public static Result merge(WeightDelta older, WeightDelta newer, long sequence) {
        if (!older.satellite().equals(newer.satellite()) || !older.base().equals(newer.base())
                || !older.layout().equals(newer.layout())) {
            throw new IllegalArgumentException("only deltas of the same satellite, base and layout merge: "
                    + older + " and " + newer);
        }
        float[] sum = older.toDense();
        newer.addTo(sum);
        int k = Math.max(1, Math.max(older.size(), newer.size()));
        int[] kept = Quantizer.topK(sum, k);
        Instant created = newer.createdAt().isAfter(older.createdAt()) ? newer.createdAt() : older.createdAt();
        DeltaHeader h = new DeltaHeader(newer.satellite(), sequence, newer.base(),
                older.sampleCount() + newer.sampleCount(), created);
        WeightDelta merged = Quantizer.quantize(h, newer.layout(), newer.bits(), newer.scaleMode(), kept, sum);
        float[] dropped = sum.clone();
        float[] carried = merged.toDense();
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] -= carried[i];
        }
        return new Result(merged, dropped);
    }
}

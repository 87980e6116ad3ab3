package io.onorbit.verification.sim;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The simulator's own books on one satellite's deltas, kept from what the parts report (the
 * encoder's new ids, the ground's completed ids, the queue's contents and its own reports), so
 * that "every delta generated is delivered exactly once or still queued" can be checked from
 * outside the code under test.
 *
 * <p>A delta is accounted for when it is delivered, still queued, merged by the full queue into
 * a newer queued delta (its content travels on), or reported corrupted by the queue after an
 * injected storage fault (counted as {@code lost}: detected, never silent). Anything else is a
 * silent loss and a violation. Ids live in coalescing range sets, so memory stays flat over
 * long runs (ids are increasing, delivery is mostly in order).
 */
public final class DeltaLedger {

    private final RangeSet<Long> generated = TreeRangeSet.create();
    private final RangeSet<Long> delivered = TreeRangeSet.create();
    private final RangeSet<Long> lostIds = TreeRangeSet.create();
    /** Generated, not yet delivered, corrupted or merged: must be in the queue. Small (queue-sized). */
    private final TreeSet<Long> outstanding = new TreeSet<>();
    private long generatedCount;
    private long deliveredCount;
    private long duplicatedCount;
    private long lostCount;
    private long mergedCount;
    private long queuedCount;
    private long silentlyLostCount;

    /**
     * Books one step.
     *
     * @return the first accounting problem found in this step, or null if the books balance
     */
    public String record(long[] generatedIds, long[] deliveredIds, long[] corruptedIds, long[] mergedIds,
                         long[] queuedIds) {
        String problem = null;
        for (long id : generatedIds) {
            if (generated.contains(id)) {
                problem = first(problem, "delta id " + id + " generated twice");
            }
            generated.add(Range.closedOpen(id, id + 1));
            outstanding.add(id);
            generatedCount++;
        }
        for (long id : deliveredIds) {
            if (!generated.contains(id)) {
                problem = first(problem, "delta id " + id + " delivered but never generated");
                continue;
            }
            if (delivered.contains(id)) {
                duplicatedCount++;
                problem = first(problem, "delta id " + id + " delivered twice");
                continue;
            }
            delivered.add(Range.closedOpen(id, id + 1));
            deliveredCount++;
            outstanding.remove(id);
            if (lostIds.contains(id)) {
                // Reported corrupted, yet a good copy reached the ground before: not lost after all.
                lostIds.remove(Range.closedOpen(id, id + 1));
                lostCount--;
            }
        }
        for (long id : corruptedIds) {
            if (!delivered.contains(id) && !lostIds.contains(id) && generated.contains(id)) {
                lostIds.add(Range.closedOpen(id, id + 1));
                lostCount++;
            }
            outstanding.remove(id);
        }
        for (long id : mergedIds) {
            if (outstanding.remove(id)) {
                mergedCount++;
            }
        }
        if (queuedIds != null) {
            queuedCount = queuedIds.length;
            long[] sorted = queuedIds.clone();
            Arrays.sort(sorted);
            for (long id : sorted) {
                if (!generated.contains(id)) {
                    problem = first(problem, "queue holds delta id " + id + " that was never generated");
                }
            }
            java.util.Iterator<Long> it = outstanding.iterator();
            while (it.hasNext()) {
                long id = it.next();
                if (Arrays.binarySearch(sorted, id) < 0) {
                    problem = first(problem, "delta id " + id + " is neither delivered nor queued (silent loss)");
                    // Booked once: the loss is counted and reported at the step it happened, not at every later step.
                    it.remove();
                    silentlyLostCount++;
                }
            }
        }
        return problem;
    }

    private static String first(String existing, String candidate) {
        return existing != null ? existing : candidate;
    }

    /** @return true if delta {@code id} was booked as generated */
    public boolean knows(long id) {
        return generated.contains(id);
    }

    public long generated() {
        return generatedCount;
    }

    public long delivered() {
        return deliveredCount;
    }

    /** @return deltas the ground received a second time and accepted again (must stay 0) */
    public long duplicated() {
        return duplicatedCount;
    }

    /** @return deltas destroyed by detected storage corruption before delivery */
    public long lost() {
        return lostCount;
    }

    /** @return deltas that vanished without delivery, corruption report or merge (each one a violation) */
    public long silentlyLost() {
        return silentlyLostCount;
    }

    /** @return deltas folded into a newer queued delta by the full queue */
    public long merged() {
        return mergedCount;
    }

    /** @return deltas in the queue at the last step */
    public long queued() {
        return queuedCount;
    }

    /** @return deltas generated and not yet delivered, lost or merged */
    public int outstanding() {
        return outstanding.size();
    }
}

package io.onorbit.verification.soak;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulator's own books on one satellite's deltas, kept from what the parts report (the
 * encoder's new ids, the queue's contents and its own reports) and from what the ground's archive
 * really holds, so that "every delta generated is archived on the ground exactly once or still
 * queued" can be checked from outside the code under test.
 *
 * <p>A delta is delivered only when the ground archive holds it (booked by {@link #archived} after
 * each ground synchronization, never from the link's counters). Until then it must be in the
 * spacecraft's queue, merged by the full queue into a newer queued delta (its content travels on),
 * or reported corrupted by the queue after an injected storage fault (counted as {@code lost}:
 * detected, never silent). A delta that left the queue otherwise waits for the next
 * synchronization; if the archive does not hold it by then, it is a silent loss and a violation.
 * The same delta archived twice is a duplicate and a violation. Ids live in coalescing range sets,
 * so memory stays flat over long runs (ids are increasing, delivery is mostly in order).
 */
public final class DeltaLedger {

    private final RangeSet<Long> generated = TreeRangeSet.create();
    private final RangeSet<Long> delivered = TreeRangeSet.create();
    private final RangeSet<Long> lostIds = TreeRangeSet.create();
    /** Generated, not yet archived, corrupted or merged: must be in the queue. Small (queue-sized). */
    private final TreeSet<Long> outstanding = new TreeSet<>();
    /** Left the queue without archive, corruption report or merge: id to the time it left, s. */
    private final TreeMap<Long, Double> awaitingArchive = new TreeMap<>();
    private long generatedCount;
    private long deliveredCount;
    private long duplicatedCount;
    private long lostCount;
    private long mergedCount;
    private long queuedCount;
    private long silentlyLostCount;

    /**
     * Books one step of the spacecraft.
     *
     * @param trueTimeS step start, s (remembered for a delta that leaves the queue unarchived)
     * @return the first accounting problem found in this step, or empty if the books balance
     */
    public Optional<String> record(double trueTimeS, long[] generatedIds, long[] corruptedIds, long[] mergedIds,
                         Optional<long[]> queued) {
        String problem = null;
        for (long id : generatedIds) {
            if (generated.contains(id)) {
                problem = first(problem, "delta id " + id + " generated twice");
            }
            generated.add(Range.closedOpen(id, id + 1));
            outstanding.add(id);
            generatedCount++;
        }
        for (long id : corruptedIds) {
            if (!delivered.contains(id) && !lostIds.contains(id) && generated.contains(id)) {
                lostIds.add(Range.closedOpen(id, id + 1));
                lostCount++;
            }
            outstanding.remove(id);
            awaitingArchive.remove(id);
        }
        for (long id : mergedIds) {
            if (outstanding.remove(id) || awaitingArchive.remove(id) != null) {
                mergedCount++;
            }
        }
        if (queued.isPresent()) {
            long[] queuedIds = queued.get();
            queuedCount = queuedIds.length;
            long[] sorted = queuedIds.clone();
            Arrays.sort(sorted);
            for (long id : sorted) {
                if (!generated.contains(id)) {
                    problem = first(problem, "queue holds delta id " + id + " that was never generated");
                }
            }
            Iterator<Long> it = outstanding.iterator();
            while (it.hasNext()) {
                long id = it.next();
                if (Arrays.binarySearch(sorted, id) < 0) {
                    // Acknowledged (or dropped): it must be in the archive by the next synchronization.
                    it.remove();
                    awaitingArchive.put(id, trueTimeS);
                }
            }
        }
        return Optional.ofNullable(problem);
    }

    /**
     * Books what the ground archive newly holds for this satellite, read back from the archive
     * after a synchronization, and closes the books on deltas that left the queue before it.
     *
     * @param archivedIds delta ids of the rows archived since the last synchronization
     * @return the first problem (archived twice, never generated, left the queue and not archived), or empty if none
     */
    public Optional<String> archived(long[] archivedIds) {
        String problem = null;
        for (long id : archivedIds) {
            if (!generated.contains(id)) {
                problem = first(problem, "the ground archived delta id " + id + " that was never generated");
                continue;
            }
            if (delivered.contains(id)) {
                duplicatedCount++;
                problem = first(problem, "delta id " + id + " archived twice on the ground");
                continue;
            }
            delivered.add(Range.closedOpen(id, id + 1));
            deliveredCount++;
            outstanding.remove(id);
            awaitingArchive.remove(id);
            if (lostIds.contains(id)) {
                // Reported corrupted, yet a good copy reached the archive before: not lost after all.
                lostIds.remove(Range.closedOpen(id, id + 1));
                lostCount--;
            }
        }
        for (Map.Entry<Long, Double> e : awaitingArchive.entrySet()) {
            problem = first(problem, String.format(java.util.Locale.ROOT,
                    "delta id %d left the spacecraft's queue at t=%.0f s and the ground archive does not hold it (silent loss)",
                    e.getKey(), e.getValue()));
            silentlyLostCount++; // booked once: reported at the synchronization that proved it
        }
        awaitingArchive.clear();
        return Optional.ofNullable(problem);
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

    /** @return deltas the ground archive holds (each counted once) */
    public long delivered() {
        return deliveredCount;
    }

    /** @return deltas the ground archived a second time (must stay 0) */
    public long duplicated() {
        return duplicatedCount;
    }

    /** @return deltas destroyed by detected storage corruption before delivery */
    public long lost() {
        return lostCount;
    }

    /** @return deltas that left the queue and never reached the archive (each one a violation) */
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

    /** @return deltas generated and not yet archived, lost or merged */
    public int outstanding() {
        return outstanding.size() + awaitingArchive.size();
    }
}

package io.onorbit.flight.packet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts rejections by reason and keeps the last few messages; logs each at DEBUG level
 * ({@link System.Logger}), so that bad input is visible without flooding flight logs.
 * Not thread-safe.
 */
public final class RejectCounters {

    private static final System.Logger LOG = System.getLogger(RejectCounters.class.getName());
    private static final int RECENT = 32;

    private final EnumMap<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
    private final Deque<String> recent = new ArrayDeque<>();
    private RejectReason last;

    /** Counts and logs one rejection. */
    public void reject(RejectReason reason, String detail) {
        counts.merge(reason, 1L, Long::sum);
        last = reason;
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "rejected (" + reason + "): " + detail);
        }
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(reason + ": " + detail);
    }

    /** @return the reason of the latest rejection, or null if none */
    public RejectReason lastReason() {
        return last;
    }

    /** @return rejections for {@code reason} */
    public long count(RejectReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /** @return all rejections */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return counts by reason (a copy, reasons with zero count omitted) */
    public Map<RejectReason, Long> snapshot() {
        return Map.copyOf(counts);
    }

    /** @return the last rejections, oldest first, as "REASON: detail" */
    public List<String> recent() {
        return List.copyOf(recent);
    }

    @Override
    public String toString() {
        return "RejectCounters" + counts;
    }
}

package io.onorbit.verification.soak;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts one satellite's injected faults by kind and decides which were survived: a fault is
 * survived when no invariant breaks on that satellite from its injection until
 * {@link #SURVIVAL_WINDOW_S} later (or the end of the run). Memory is bounded by the faults of
 * one window.
 */
public final class FaultTally {

    /** How long after a fault a violation is blamed on it, s (one day: several passes and eclipses). */
    public static final double SURVIVAL_WINDOW_S = 86400;

    private final EnumMap<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private final ArrayDeque<double[]> pending = new ArrayDeque<>(); // {timeS, count}
    private long survived;
    private long notSurvived;

    /** Records {@code count} faults of {@code kind} injected at {@code timeS}. */
    public void injected(FaultKind kind, double timeS, long count) {
        if (count <= 0) {
            return;
        }
        injected.merge(kind, count, Long::sum);
        pending.addLast(new double[] {timeS, count});
    }

    /** Called once per step after the invariants were checked. */
    public void stepChecked(double timeS, boolean violated) {
        if (violated) {
            for (double[] p : pending) {
                notSurvived += (long) p[1];
            }
            pending.clear();
            return;
        }
        while (!pending.isEmpty() && timeS - pending.peekFirst()[0] >= SURVIVAL_WINDOW_S) {
            survived += (long) pending.pollFirst()[1];
        }
    }

    /** Closes the books at the end of the run: faults still pending were survived. */
    public void finish() {
        for (double[] p : pending) {
            survived += (long) p[1];
        }
        pending.clear();
    }

    /** @return injected faults by kind (a copy) */
    public Map<FaultKind, Long> injected() {
        return new EnumMap<>(injected);
    }

    public long survived() {
        return survived;
    }

    public long notSurvived() {
        return notSurvived;
    }
}

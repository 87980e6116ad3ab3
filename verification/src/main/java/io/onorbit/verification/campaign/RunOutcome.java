package io.onorbit.verification.campaign;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run produced: its figures (deterministic: they go to results.csv) or its error, and
 * how it ran (wall time and member, which differ from run to run: they go to results.json only).
 * A class rather than a record because it crosses the cluster by Java serialization, which
 * {@link Optional} does not support.
 */
public final class RunOutcome implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How a run ended. */
    public enum Status { OK, FAILED }

    private final String runId;
    private final Status status;
    private final LinkedHashMap<String, String> figures;
    private final String error;
    private final double wallS;
    private final String member;

    /**
     * @param runId   the run's id
     * @param status  ok or failed
     * @param figures summary figures by column name, as text (empty text: not available); empty when failed
     * @param error   the error of a failed run, one line; empty for an ok run
     * @param wallS   wall-clock time of the run, s
     * @param member  who ran it ({@code local} or a cluster member's address)
     */
    public RunOutcome(String runId, Status status, Map<String, String> figures, Optional<String> error,
                      double wallS, String member) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.status = Objects.requireNonNull(status, "status");
        this.figures = new LinkedHashMap<>(figures);
        this.error = Objects.requireNonNull(error, "error").orElse(null);
        this.wallS = wallS;
        this.member = Objects.requireNonNull(member, "member");
        if ((status == Status.FAILED) != error.isPresent()) {
            throw new IllegalArgumentException("a failed run has an error, an ok run none: " + status + " " + error);
        }
    }

    static RunOutcome ok(String runId, Map<String, String> figures, double wallS, String member) {
        return new RunOutcome(runId, Status.OK, figures, Optional.empty(), wallS, member);
    }

    static RunOutcome failed(String runId, String error, double wallS, String member) {
        return new RunOutcome(runId, Status.FAILED, Map.of(), Optional.of(error), wallS, member);
    }

    public String runId() {
        return runId;
    }

    public Status status() {
        return status;
    }

    /** @return figures by column name, in column order */
    public Map<String, String> figures() {
        return Collections.unmodifiableMap(figures);
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** @return wall-clock time of the run, s */
    public double wallS() {
        return wallS;
    }

    public String member() {
        return member;
    }

    /** @return true if the run finished with figures */
    public boolean ok() {
        return status == Status.OK;
    }
}

package io.onorbit.verification.campaign;

import io.onorbit.verification.sim.MissionFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.ground.config.ConfigException;
import io.onorbit.ground.config.ConfigNode;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.cli.RunSupport;
import io.onorbit.verification.report.SummaryJson;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.soak.FaultPlan;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One run of a campaign, self-contained so that any engine (a local thread, a cluster member) can
 * run it: the mission document with the run's overrides already applied, the span and the seed.
 * Running it is the same closed loop {@code onorbit simulate} runs (same setup path), without a
 * report folder. A run never throws: a failure is an outcome with its error.
 *
 * @param runId       stable id from the run's place in the grid
 * @param missionFile absolute path of the base mission file (relative references inside resolve against its folder)
 * @param missionJson the mission document with the overrides applied, as JSON text
 * @param durationMs  span from the mission start, ms
 * @param seed        seed of the run
 */
public record RunTask(String runId, String missionFile, String missionJson, long durationMs, long seed)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(missionFile, "missionFile");
        Objects.requireNonNull(missionJson, "missionJson");
        if (durationMs <= 0) {
            throw new IllegalArgumentException("durationMs " + durationMs + " must be > 0");
        }
    }

    /**
     * @return a digest of everything that determines the run's figures: a journaled result is
     *         reused on resume only if it was made from exactly this task
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((runId + "\n" + missionFile + "\n" + durationMs + "\n" + seed + "\n" + missionJson)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Validates the overridden mission exactly as a mission file is validated.
     *
     * @return the mission, span applied
     * @throws ConfigException on a bad value, naming the mission file and field
     */
    public MissionFile mission() {
        Path file = Path.of(missionFile);
        JsonNode doc;
        try {
            doc = JSON.readTree(missionJson);
        } catch (IOException e) {
            throw new UncheckedIOException("campaign run document", e);
        }
        return validate(file, ConfigNode.root(file.getFileName().toString(), doc)).withDuration(Duration.ofMillis(durationMs));
    }

    /**
     * Validates a mission document as {@code onorbit simulate} validates a mission file: every section.
     *
     * @param file the mission file the document came from
     * @param root the document
     * @return the mission
     * @throws ConfigException on the first problem
     */
    static MissionFile validate(Path file, ConfigNode root) {
        return MissionFile.load(file, root);
    }

    /**
     * Runs the closed loop.
     *
     * @param member who runs it (for results.json only)
     * @return the outcome, failed with its error if anything went wrong
     */
    public RunOutcome run(String member) {
        long t0 = System.nanoTime();
        try {
            var setup = MissionSetups.of(mission(), OrbitContext.fileFree());
            SimulationResult r = RunSupport.run(setup, seed, FaultPlan.none(), null, (d, t) -> { });
            return RunOutcome.ok(runId, Figures.of(SummaryJson.tree(r)), seconds(t0), member);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return RunOutcome.failed(runId, oneLine(e), seconds(t0), member);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** @return the error as one line a person can read */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return text.lines().findFirst().orElse(text).trim();
    }
}

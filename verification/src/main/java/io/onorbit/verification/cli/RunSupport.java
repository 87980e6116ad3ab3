package io.onorbit.verification.cli;

import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.report.MissionReport;
import io.onorbit.verification.sim.FlightStorage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.soak.FaultPlan;
import io.onorbit.flight.learning.memory.MemoryBudgetException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** What {@code simulate} and {@code soak} share: run the loop into an atomic report folder, print a summary. */
public final class RunSupport {

    private RunSupport() {
    }

    /**
     * Runs the mission and, if {@code outDir} is given, writes its archive and report there (see
     * {@link #run(MissionSetup, long, FaultPlan, Path, MissionSimulator.ProgressListener)}).
     *
     * @return the result
     */
    static SimulationResult run(Path missionFile, MissionSetup setup, long seed, FaultPlan faults, Path outDir, String label,
                                CommandSpec spec) {
        // Before the bar, so that the line is not drawn over; --quiet keeps standard error empty (the
        // table still names the key file and the ground line says where the keys come from).
        keyNotice(setup, outDir).filter(line -> !ProgressBar.Mode.quietOn(spec)).ifPresent(line -> {
            spec.commandLine().getErr().println(line);
            spec.commandLine().getErr().flush();
        });
        // In a log, no line before 30 s: building the stages (launch model fit, archive) takes several
        // seconds on a loaded machine, and a bad setup must fail with its one line only.
        ProgressBar bar = ProgressBar.start(label, spec, ProgressBar.Mode.of(spec), Math.round(setup.durationS()),
                " days", 86_400, java.time.Duration.ofSeconds(ProgressBar.LINE_INTERVAL_S), java.time.Duration.ofSeconds(30));
        String kept = outDir == null ? "nothing was written"
                : "the ground archive so far is kept in " + outDir.resolve(ARCHIVE) + " (summary.json there says complete: false)";
        try (StopNotice stop = StopNotice.register(spec.commandLine().getErr(), bar, () -> kept)) {
            return run(setup, seed, faults, outDir, (d, t) -> bar.stepTo(Math.round(d)));
        } catch (UncheckedIOException e) {
            // The report folder could not be made or written: the user's path to fix, not a defect.
            throw new UserInputException("--out " + outDir + ": cannot write (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            MemoryBudgetException tooBig = causeOfType(e, MemoryBudgetException.class);
            if (tooBig != null) {
                throw new UserInputException(missionFile.getFileName() + ": learning.memory_budget_bytes: "
                        + tooBig.getMessage(), e);
            }
            throw e;
        } finally {
            bar.finish();
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The archive's file name in a report folder. */
    public static final String ARCHIVE = "archive.db";

    /** The file, in a report folder, holding keys generated for the run (owner-only). */
    public static final String KEYS = "uplink.keys";

    /**
     * @return the one line that tells the user where the run's keys come from when they are not
     *         the mission's key file: where generated keys are saved, or that demonstration keys are not secret
     */
    static java.util.Optional<String> keyNotice(MissionSetup setup, Path outDir) {
        return setup.stages().keyOrigin().flatMap(origin -> switch (origin) {
            case KEY_FILE -> java.util.Optional.empty();
            case GENERATED -> java.util.Optional.of(outDir == null
                    ? "onorbit: no ground.uplink_keys_file: the satellites' keys are generated from a secure random source "
                    + "for this run only (no --out, nothing kept that they sign)"
                    : "onorbit: no ground.uplink_keys_file: new satellite keys from a secure random source, saved owner-only in "
                    + outDir.resolve(KEYS) + " (name it in ground.uplink_keys_file to reuse them)");
            case DEMO_FROM_SEED -> java.util.Optional.of("onorbit: --demo-keys-from-seed: the satellites' keys are derived from "
                    + "the mission seed; anyone who reads the mission file can sign commands (demonstration only)");
        });
    }

    /**
     * Runs the mission without drawing anything; writes its report folder only if {@code outDir} is given.
     *
     * <p>With a folder, the ground archive is written at its final path as the run goes
     * ({@code outDir/archive.db}, SQLite WAL, a commit at each ingest): the folder is put in place
     * first, holding only the archive and a {@code summary.json} that says {@code "complete": false};
     * the finished report replaces that summary. A run that fails, or is stopped by Ctrl-C, leaves
     * the archive readable and the summary marked incomplete with the reason; a run killed outright
     * leaves the archive readable and the summary saying it was still running. The flight storage
     * (emulated flash in a temporary folder) is deleted on exit and on Ctrl-C.
     *
     * @param outDir report folder, or null for none (e.g. a campaign run, which keeps only the figures)
     * @return the result
     */
    public static SimulationResult run(MissionSetup setup, long seed, FaultPlan faults, Path outDir,
                                       MissionSimulator.ProgressListener progress) {
        Path work = FlightStorage.newRunFolder();
        Path[] live = {null};
        String started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Thread cleanup = new Thread(() -> {
            // Ctrl-C (or a plain kill): the loop may still be running; leave what a person can use.
            if (live[0] != null) {
                writeIncomplete(live[0], setup, seed, started, "interrupted", "stopped by a signal before the end");
            }
            // The loop's threads may still write flight storage while it is deleted: try a few times, and
            // never print a stack trace on Ctrl-C (the next run deletes the folders of processes that are gone).
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    AtomicOutput.deleteTree(work);
                    return;
                } catch (UncheckedIOException stillWritten) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "onorbit-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            if (outDir == null) {
                return simulator(setup, seed, faults, work, null, progress).run(setup.durationS());
            }
            live[0] = openLiveFolder(outDir, setup, seed, started, setup.stages().generatedKeys());
            SimulationResult r;
            try {
                r = simulator(setup, seed, faults, work, live[0].resolve(ARCHIVE), progress).run(setup.durationS());
            } catch (RuntimeException | Error e) {
                writeIncomplete(live[0], setup, seed, started, "failed", String.valueOf(e));
                live[0] = null;
                throw e;
            }
            MissionReport.write(r, live[0]); // summary.json, now complete, replaces the incomplete one
            AtomicOutput.mark(live[0]);
            live[0] = null;
            return r;
        } finally {
            live[0] = null;
            AtomicOutput.deleteTree(work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it does the same cleanup
            }
        }
    }

    /**
     * Puts the report folder in place before the run, holding a new archive (schema only; the run
     * fills it), the run's generated keys if it has no key file (owner-only, {@value #KEYS}) and an
     * incomplete summary, marked as OnOrbit's with the archive's WAL companions.
     */
    private static Path openLiveFolder(Path outDir, MissionSetup setup, long seed, String started,
                                       java.util.Optional<io.onorbit.ground.uplink.UplinkKeys> keysToSave) {
        try (AtomicOutput.Folder folder = AtomicOutput.folder(outDir)) {
            // An archive with its schema, not an empty file: killed at any point from now on, the folder
            // holds an archive that review opens (with no deltas yet if none arrived).
            io.onorbit.ground.archive.Archive.open(folder.dir().resolve(ARCHIVE)).close();
            keysToSave.ifPresent(k -> k.write(folder.dir().resolve(KEYS),
                    "generated " + started + " from a secure random source for the run whose archive is " + ARCHIVE));
            writeIncomplete(folder.dir(), setup, seed, started, "running", "the run has not finished (or was killed)");
            folder.commit();
        } catch (io.onorbit.ground.archive.ArchiveException e) {
            throw new UncheckedIOException("cannot create " + outDir.resolve(ARCHIVE) + ": " + e.getMessage(),
                    new java.io.IOException(e));
        }
        Path live = outDir.toAbsolutePath();
        AtomicOutput.mark(live, ARCHIVE + "-wal", ARCHIVE + "-shm");
        return live;
    }

    /** Writes {@code summary.json} saying the run is incomplete, why, and where its archive is. */
    private static void writeIncomplete(Path dir, MissionSetup setup, long seed, String started, String status, String detail) {
        com.fasterxml.jackson.databind.node.ObjectNode n = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .createObjectNode();
        n.put("mission", setup.mission());
        n.put("seed", seed);
        n.put("complete", false);
        n.put("status", status);
        n.put("detail", detail.replaceAll("\\s+", " "));
        n.put("started", started);
        n.put("archive", ARCHIVE);
        try {
            AtomicOutput.writeString(dir.resolve("summary.json"), n.toPrettyString() + "\n");
        } catch (RuntimeException e) {
            // best effort: the archive itself is what must survive
        }
    }

    private static MissionSimulator simulator(MissionSetup setup, long seed, FaultPlan faults, Path work, Path archive,
                                              MissionSimulator.ProgressListener progress) {
        return new MissionSimulator(setup.mission(), setup.schedules(), setup.stages(), setup.settings(), work)
                .withSeed(seed).withFaults(faults).withArchive(archive).withProgress(progress);
    }

    /** Prints the summary as an aligned table for a person. */
    static void printTable(SimulationResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "mission %s: %d satellite(s), %.2f days simulated in %.1f s (x%.0f), seed %d%n",
                r.mission(), r.satellites().size(), r.simulatedS() / 86400, r.wallS(), r.simulatedS() / Math.max(1e-9, r.wallS()),
                r.seed());
        r.stages().forEach(s -> out.printf(Locale.ROOT, "  %-9s %s%n", s.stage(), s.note()));
        kv(out, "min state of charge / floor", fmt(r.minSoc()) + " / " + fmt(r.socFloor()));
        kv(out, "training energy (Wh)", fmt(r.trainingEnergyWh()));
        kv(out, "model error (prequential)", "frozen " + fmt(r.meanError(0)) + ", onboard " + fmt(r.meanError(1))
                + change(r.meanError(1), r.meanError(0)) + ", federated " + fmt(r.meanError(2)) + change(r.meanError(2), r.meanError(0))
                + ", local only " + fmt(r.meanError(3)) + change(r.meanError(3), r.meanError(0))
                + r.errorUnit().map(u -> " (" + u + ")").orElse(""));
        kv(out, "deltas made/delivered/queued/lost/dup", r.sum(SimulationResult.Satellite::generated) + " / "
                + r.sum(SimulationResult.Satellite::delivered) + " / " + r.sum(SimulationResult.Satellite::queued) + " / "
                + r.sum(SimulationResult.Satellite::lost) + " / " + r.sum(SimulationResult.Satellite::duplicated));
        kv(out, "bytes sent down / as full weights", r.sum(SimulationResult.Satellite::bytesDownlinked) + " / "
                + r.sum(SimulationResult.Satellite::denseBytes));
        kv(out, "transmissions outside contact", Long.toString(r.sum(SimulationResult.Satellite::transmissionsOutsideContact)));
        long total = r.faultsInjected().values().stream().mapToLong(Long::longValue).sum();
        if (total > 0) {
            StringBuilder b = new StringBuilder();
            r.faultsInjected().forEach((k, v) -> b.append(k.key()).append('=').append(v).append(' '));
            kv(out, "faults injected (" + total + ")", b.toString().trim());
            kv(out, "faults survived", Long.toString(r.faultsSurvived()));
        }
        kv(out, "invariant violations", Long.toString(r.totalViolations()));
        for (Map.Entry<String, Long> e : r.invariantViolations().entrySet()) {
            if (e.getValue() > 0) {
                kv(out, "  " + e.getKey(), Long.toString(e.getValue()));
            }
        }
    }

    /** @return " (-12.3% vs frozen)" for an error against the frozen model's, empty if either is not measured */
    static String change(double error, double frozen) {
        if (!Double.isFinite(error) || !Double.isFinite(frozen) || frozen == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (%+.1f%% vs frozen)", 100 * (error - frozen) / frozen);
    }

    /** Prints the first violation (step and state), if any, to {@code err}. */
    static void printFirstViolation(SimulationResult r, PrintWriter err) {
        if (!r.firstViolations().isEmpty()) {
            err.println("FIRST VIOLATION: " + r.firstViolations().get(0));
        }
    }

    private static void kv(PrintWriter out, String k, String v) {
        out.printf(Locale.ROOT, "  %-34s %s%n", k, v);
    }

    private static String fmt(java.util.OptionalDouble v) {
        return v.isPresent() ? fmt(v.getAsDouble()) : "n/a";
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}

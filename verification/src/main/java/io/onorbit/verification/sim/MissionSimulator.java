package io.onorbit.verification.sim;

import io.onorbit.verification.soak.DeltaLedger;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.soak.ArchiveAudit;
import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.FaultPlan;
import io.onorbit.verification.soak.GroundRecord;
import io.onorbit.verification.soak.Invariants;
import io.onorbit.verification.soak.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the closed loop for a whole mission: every satellite steps through its schedule between
 * ground synchronizations (in parallel over satellites), then the ground archives, reviews and
 * aggregates on one thread. Options are set with {@code withXxx()} copies; {@link #run} may be
 * called once per instance.
 */
public final class MissionSimulator {

    /** Receives progress, simulated s done out of total, from the calling thread. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(double doneS, double totalS);
    }

    private final String mission;
    private final List<OnboardSchedule> schedules;
    private final StageFactory factory;
    private final SimulationSettings settings;
    private final FaultPlan faults;
    private final long seed;
    private final Path workDir;
    private final Path archiveFile;
    private final ProgressListener progress;
    private final int keepViolations;

    /**
     * @param mission   mission name
     * @param schedules one onboard schedule per satellite, same epoch
     * @param factory   builds the stages
     * @param settings  step and sync settings
     * @param workDir   folder for the spacecraft's storage (one subfolder per satellite)
     */
    public MissionSimulator(String mission, List<OnboardSchedule> schedules, StageFactory factory,
                            SimulationSettings settings, Path workDir) {
        this(mission, schedules, factory, settings, FaultPlan.none(), 1L, workDir, null, (d, t) -> { }, 20);
    }

    private MissionSimulator(String mission, List<OnboardSchedule> schedules, StageFactory factory,
                             SimulationSettings settings, FaultPlan faults, long seed, Path workDir, Path archiveFile,
                             ProgressListener progress, int keepViolations) {
        this.mission = Objects.requireNonNull(mission, "mission");
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("simulation: at least one satellite schedule is needed");
        }
        for (OnboardSchedule s : schedules) {
            if (!s.epoch().equals(schedules.get(0).epoch())) {
                throw new IllegalArgumentException("simulation: schedule of " + s.satellite() + " has epoch "
                        + s.epoch() + ", expected " + schedules.get(0).epoch());
            }
        }
        this.schedules = List.copyOf(schedules);
        this.factory = Objects.requireNonNull(factory, "factory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.seed = seed;
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.archiveFile = archiveFile;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.keepViolations = keepViolations;
    }

    public MissionSimulator withFaults(FaultPlan f) {
        return new MissionSimulator(mission, schedules, factory, settings, f, seed, workDir, archiveFile, progress, keepViolations);
    }

    public MissionSimulator withSeed(long s) {
        return new MissionSimulator(mission, schedules, factory, settings, faults, s, workDir, archiveFile, progress, keepViolations);
    }

    /** @return a copy whose ground keeps its archive in {@code file} (null: the ground's choice) */
    public MissionSimulator withArchive(Path file) {
        return new MissionSimulator(mission, schedules, factory, settings, faults, seed, workDir, file, progress, keepViolations);
    }

    public MissionSimulator withProgress(ProgressListener p) {
        return new MissionSimulator(mission, schedules, factory, settings, faults, seed, workDir, archiveFile, p, keepViolations);
    }

    /** @return a copy keeping at most {@code n} violations in detail (all are counted) */
    public MissionSimulator withKeptViolations(int n) {
        return new MissionSimulator(mission, schedules, factory, settings, faults, seed, workDir, archiveFile, progress, n);
    }

    /**
     * @param durationS simulated span, s (cut at the shortest schedule)
     * @return the result
     */
    public SimulationResult run(double durationS) {
        long wallStart = System.nanoTime();
        double span = schedules.stream().mapToDouble(OnboardSchedule::durationS).min().orElseThrow();
        double total = Math.min(durationS, span);
        if (!(total > 0)) {
            throw new IllegalArgumentException("simulation: duration " + durationS + " s must be > 0");
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        GroundStage ground = factory.ground(schedules, seeds.nextLong(), archiveFile);
        List<SatelliteRunner> runners = new ArrayList<>();
        // With a thread to spare beyond one per satellite, each satellite's reference learners score
        // beside its loop (same figures: they only consume what the loop hands them).
        boolean scoreBesideLoop = settings.threads() > schedules.size();
        for (int i = 0; i < schedules.size(); i++) {
            OnboardSchedule s = schedules.get(i);
            long satSeed = seeds.nextLong();
            SplittableRandom satSeeds = new SplittableRandom(satSeed);
            Path storage = workDir.resolve("flight-" + i + "-" + safe(s.satellite()));
            try {
                Files.createDirectories(storage);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create flight storage " + storage, e);
            }
            PowerStage power = factory.power(s, i, satSeeds.nextLong());
            long learningSeed = satSeeds.nextLong(); // the sensor stream and the training engine's devices
            satSeeds.nextLong(); // formerly the data path's: kept so every later stream is unchanged
            runners.add(new SatelliteRunner(i, s, settings, power,
                    factory.sensors(s, i, learningSeed), factory.flight(s, i, learningSeed),
                    ground == null ? null : ground.port(s.satellite()),
                    faults, satSeeds.nextLong(), keepViolations, storage, factory.passMarginS().orElse(0),
                    scoreBesideLoop));
        }
        int threads = Math.min(settings.threads(), runners.size());
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "onorbit-sim");
            t.setDaemon(true);
            return t;
        }) : null;
        // The truth on the ground: the archive read back over its own connection after each synchronization.
        ArchiveAudit audit = ground == null ? null : ground.archiveFile()
                .map(f -> new ArchiveAudit(f, schedules.stream().map(OnboardSchedule::satellite).toList())).orElse(null);
        Optional<SimulationResult.GroundBooks> books = Optional.empty();
        try {
            for (double from = 0; from < total - 1e-9; from += settings.syncIntervalS()) {
                double to = Math.min(total, from + settings.syncIntervalS());
                runInterval(runners, pool, from, to);
                if (ground != null) {
                    ground.synchronize(to);
                }
                if (audit != null) {
                    Map<String, GroundRecord> held = audit.read(to);
                    runners.forEach(r -> r.groundSynced(held.get(r.schedule.satellite())));
                }
                progress.progress(to, total);
            }
            runners.forEach(SatelliteRunner::drainScoring);
            if (audit != null) {
                books = Optional.of(new SimulationResult.GroundBooks(audit.archived(), audit.rejectedByReason(),
                        audit.published(), audit.rejectedInReviewByFlags(), audit.clusters()));
            }
        } finally {
            runners.forEach(SatelliteRunner::closeScoring);
            if (pool != null) {
                pool.shutdownNow();
            }
            if (audit != null) {
                audit.close();
            }
            if (ground != null) {
                ground.close();
            }
        }
        runners.forEach(SatelliteRunner::finish);
        return collect(runners, total, (System.nanoTime() - wallStart) / 1e9, books);
    }

    private static void runInterval(List<SatelliteRunner> runners, ExecutorService pool, double from, double to) {
        if (pool == null) {
            runners.forEach(r -> r.run(from, to));
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (SatelliteRunner r : runners) {
            futures.add(pool.submit(() -> r.run(from, to)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("simulation interrupted", e);
            } catch (ExecutionException e) {
                // A runner catches stage exceptions itself; reaching here is a defect of the loop.
                throw new IllegalStateException("simulation loop failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private SimulationResult collect(List<SatelliteRunner> runners, double total, double wallS,
                                     Optional<SimulationResult.GroundBooks> ground) {
        List<String> names = Invariants.names();
        Map<String, Long> byInvariant = new LinkedHashMap<>();
        names.forEach(n -> byInvariant.put(n, 0L));
        List<Violation> violations = new ArrayList<>();
        EnumMap<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
        for (FaultKind k : FaultKind.values()) {
            injected.put(k, 0L);
        }
        long survived = 0;
        List<SimulationResult.Satellite> sats = new ArrayList<>();
        for (SatelliteRunner r : runners) {
            for (int i = 0; i < names.size(); i++) {
                byInvariant.merge(names.get(i), r.violationsByInvariant[i], Long::sum);
            }
            violations.addAll(r.firstViolations);
            r.tally.injected().forEach((k, v) -> injected.merge(k, v, Long::sum));
            survived += r.tally.survived();
            DeltaLedger l = r.accounting.ledger();
            sats.add(new SimulationResult.Satellite(r.schedule.satellite(), r.stepsRun(), r.charge(),
                    r.trainingEnergyJ / 3600.0, r.trainingUpdates, r.samples, r.peakMemoryBytes(),
                    r.errorSums.clone(), r.errorCounts.clone(),
                    l.generated(), l.delivered(), l.queued(), l.lost() + l.silentlyLost(), l.silentlyLost(), l.merged(),
                    l.duplicated(),
                    r.bytesDownlinked, r.bytesUplinked, r.denseBytes, r.updatesApplied,
                    r.commands.signedNotApplied(), Map.copyOf(r.updatesRefused), r.updates.maxLagS(),
                    r.commands.beaconsAccepted(), Map.copyOf(r.beaconsRefused), r.payloadBooks(),
                    r.transmissionsOutsideContact, r.channel().missedPasses(), r.orbitS,
                    SimulationResult.Trace.of(r.powerSeries, 4), SimulationResult.Trace.of(r.errors, SensorStage.Errors.NAMES.size()),
                    SimulationResult.Trace.of(r.trainingPerOrbit, 1), SimulationResult.Trace.of(r.bytesPerPass, 1)));
        }
        List<String> order = runners.stream().map(r -> r.schedule.satellite()).toList();
        violations.sort(Comparator.comparingLong(Violation::step).thenComparingInt(v -> order.indexOf(v.satellite())));
        if (violations.size() > keepViolations) {
            violations = new ArrayList<>(violations.subList(0, keepViolations));
        }
        return new SimulationResult(mission, schedules.get(0).epoch(), seed, total, wallS, settings.stepS(),
                factory.statuses(), faults, sats, byInvariant, List.copyOf(violations), injected, survived, schedules,
                factory.trainingEngine(), ground, factory.passMarginS(),
                runners.stream().flatMap(r -> r.errorUnit().stream()).findFirst());
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

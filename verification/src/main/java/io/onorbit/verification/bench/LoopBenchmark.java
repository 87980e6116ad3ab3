package io.onorbit.verification.bench;

import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.soak.FaultPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The closed-loop benchmarks. Usage:
 * {@code LoopBenchmark [single|constellation|heap|all] [--sso FILE] [--walker FILE] [--heap-days N]}.
 */
public final class LoopBenchmark {

    private static final double DAY_S = 86400;

    private LoopBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String which = "all";
        Path sso = Path.of("mission-configs/sso-550km.yaml");
        Path walker = Path.of("mission-configs/walker-12.yaml");
        double heapDays = 365;
        double singleDays = 365;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sso" -> sso = Path.of(args[++i]);
                case "--walker" -> walker = Path.of(args[++i]);
                case "--heap-days" -> heapDays = Double.parseDouble(args[++i]);
                case "--single-days" -> singleDays = Double.parseDouble(args[++i]);
                default -> which = args[i];
            }
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (which.equals("all") || which.equals("single")) {
            single(sso, singleDays);
        }
        if (which.equals("all") || which.equals("constellation")) {
            constellation(walker, 30);
        }
        if (which.equals("all") || which.equals("heap")) {
            heap(sso, heapDays);
        }
    }

    /** One satellite with every available stage, against the bare loop over the same schedule. */
    static void single(Path mission, double days) throws IOException {
        long t0 = System.nanoTime();
        MissionSetup setup = MissionSetups.load(mission, days);
        double planS = (System.nanoTime() - t0) / 1e9;
        OnboardSchedule one = setup.schedules().get(0);
        printStages(setup.stages());
        SimulationResult bare = run(setup.mission(), List.of(one), new NoStages(), setup, 1, FaultPlan.none(), null);
        SimulationResult full = run(setup.mission(), List.of(one), setup.stages(), setup, 1, FaultPlan.none(), null);
        double bareSpeed = bare.simulatedS() / bare.wallS();
        double speed = full.simulatedS() / full.wallS();
        System.out.printf(Locale.ROOT, "single: %s, 1 satellite, %.0f days (planning %.1f s, not counted)%n",
                mission, full.simulatedS() / DAY_S, planS);
        System.out.printf(Locale.ROOT, "  bare loop (no stages, baseline): %.3g simulated s per wall s (%.2f s)%n",
                bareSpeed, bare.wallS());
        System.out.printf(Locale.ROOT, "  full loop: %.3g simulated s per wall s (%.2f s), %d training updates%n",
                speed, full.wallS(), full.sum(SimulationResult.Satellite::trainingUpdates));
        System.out.printf(Locale.ROOT, "  ratio full/bare %.3f; ratio to the 1e6 goal %.2f%n", speed / bareSpeed, speed / 1e6);
    }

    /** The 12-satellite constellation over 30 days with all cores, against one thread. */
    static void constellation(Path mission, double days) throws IOException {
        long t0 = System.nanoTime();
        MissionSetup setup = MissionSetups.load(mission, days);
        double planS = (System.nanoTime() - t0) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        SimulationResult seq = run(setup.mission(), setup.schedules(), setup.stages(), setup, 1, FaultPlan.none(), null);
        SimulationResult par = run(setup.mission(), setup.schedules(), setup.stages(), setup, cores, FaultPlan.none(), null);
        System.out.printf(Locale.ROOT, "constellation: %s, %d satellites, %.0f days (planning %.1f s)%n",
                mission, setup.schedules().size(), par.simulatedS() / DAY_S, planS);
        System.out.printf(Locale.ROOT, "  1 thread (baseline): %.2f s; %d threads: %.2f s; speed-up %.2f; "
                        + "planning + parallel run %.1f s against the 60 s goal (ratio %.2f)%n",
                seq.wallS(), cores, par.wallS(), seq.wallS() / par.wallS(), planS + par.wallS(), (planS + par.wallS()) / 60);
    }

    /** Heap after GC over a long soak with every fault on. */
    static void heap(Path mission, double days) throws IOException {
        MissionSetup setup = MissionSetups.load(mission, days);
        HeapSampler sampler = new HeapSampler(2 * DAY_S);
        SimulationResult r = run(setup.mission(), setup.schedules(), setup.stages(), setup,
                Runtime.getRuntime().availableProcessors(), FaultPlan.all(), sampler);
        double[] fit = sampler.fit(0.1);
        double growth = fit[0] * (r.simulatedS() / DAY_S);
        System.out.printf(Locale.ROOT, "heap: %s soak with all faults, %.0f days, %d violations, %.1f s wall%n",
                mission, r.simulatedS() / DAY_S, r.totalViolations(), r.wallS());
        System.out.printf(Locale.ROOT, "  heap after GC: %d samples after 10%% warm-up, mean %.1f MiB (baseline), "
                        + "slope %.1f KiB/day, growth over the run %.2f MiB = %.2f%% of the mean%n",
                (int) fit[2], fit[1] / 1048576, fit[0] / 1024, growth / 1048576, 100 * growth / fit[1]);
    }

    private static SimulationResult run(String name, List<OnboardSchedule> schedules, StageFactory stages,
                                        MissionSetup setup, int threads, FaultPlan faults,
                                        MissionSimulator.ProgressListener progress) throws IOException {
        Path work = io.onorbit.verification.sim.FlightStorage.newRunFolder();
        try {
            MissionSimulator sim = new MissionSimulator(name, schedules, stages, setup.settings().withThreads(threads), work)
                    .withSeed(setup.seed()).withFaults(faults);
            Path archive = work.resolve("archive.db");
            sim = sim.withArchive(archive);
            if (progress != null) {
                sim = sim.withProgress(progress);
            }
            return sim.run(setup.durationS());
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    private static void printStages(StageFactory f) {
        for (StageStatus s : f.statuses()) {
            System.out.printf(Locale.ROOT, "  stage %-9s %s%n", s.stage(), s.note());
        }
    }

    /** The bare loop: schedule stepping, channel and invariants, no module. */
    private static final class NoStages implements StageFactory {
        @Override
        public List<StageStatus> statuses() {
            return List.of();
        }

        @Override
        public io.onorbit.verification.sim.PowerStage power(OnboardSchedule s, int i, long seed) {
            return null;
        }

        @Override
        public io.onorbit.verification.sim.SensorStage sensors(OnboardSchedule s, int i, long seed) {
            return null;
        }

        @Override
        public io.onorbit.verification.sim.FlightStage flight(OnboardSchedule s, int i, long seed) {
            return null;
        }

        @Override
        public io.onorbit.verification.sim.GroundStage ground(List<OnboardSchedule> s, long seed, Path archive) {
            return null;
        }
    }
}

package io.onorbit.verification.bench;

import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.report.SummaryJson;
import io.onorbit.verification.sim.modules.ModuleStages;
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
import java.util.Map;
import java.util.Optional;

/**
 * The closed-loop benchmarks. Usage:
 * {@code LoopBenchmark [single|constellation|heap|all] [--sso FILE] [--walker FILE] [--heap-days N]
 * [--single-days N] [--no-reference] [--threads N]} ({@code --no-reference}: skip the integrated-flow run;
 * {@code --threads}: the single-satellite runs' {@code simulation.threads}, by default the machine's cores as
 * in {@code simulate}: with two, the reference learners score beside the loop).
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
        boolean reference = true;
        int singleThreads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sso" -> sso = Path.of(args[++i]);
                case "--walker" -> walker = Path.of(args[++i]);
                case "--heap-days" -> heapDays = Double.parseDouble(args[++i]);
                case "--single-days" -> singleDays = Double.parseDouble(args[++i]);
                case "--no-reference" -> reference = false;
                case "--threads" -> singleThreads = Integer.parseInt(args[++i]);
                default -> which = args[i];
            }
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (which.equals("all") || which.equals("single")) {
            single(sso, singleDays, reference, singleThreads);
        }
        if (which.equals("all") || which.equals("constellation")) {
            constellation(walker, 30);
        }
        if (which.equals("all") || which.equals("heap")) {
            heap(sso, heapDays);
        }
    }

    /**
     * One satellite with every available stage: the analog engine's flow solved exactly (the
     * default) against, in the same run, the same loop with the flow integrated by Dormand-Prince
     * (the engine before the exact solution) and the bare loop. Both full runs must give the same
     * summary figures: the largest relative difference of any number in summary.json is printed.
     * Speeds are given in wall time and in process CPU time (all threads: JIT and GC included),
     * because on a shared machine the wall time measures the neighbours' load.
     */
    static void single(Path mission, double days, boolean reference, int threads) throws IOException {
        long t0 = System.nanoTime();
        MissionSetup setup = MissionSetups.load(mission, days);
        double planS = (System.nanoTime() - t0) / 1e9;
        OnboardSchedule one = setup.schedules().get(0);
        printStages(setup.stages());
        // fresh stages for each measured run, so that each fits its launch model as a simulate does
        StageFactory warm = setup.stages();
        StageFactory exact = warm instanceof ModuleStages m ? m.withAnalogFlow(AnalogOptimizer.FlowSolution.EXACT) : warm;
        StageFactory integrated = !reference ? null
                : warm instanceof ModuleStages m ? m.withAnalogFlow(AnalogOptimizer.FlowSolution.INTEGRATED) : null;
        // a short warm-up of the exact loop, so that neither measured run pays the JIT alone
        run(setup.mission(), List.of(one), warm, setup, threads, FaultPlan.none(), null, Math.min(setup.durationS(), 2 * DAY_S));
        Timed bare = timed(() -> run(setup.mission(), List.of(one), new NoStages(), setup, 1, FaultPlan.none(), null, setup.durationS()));
        Timed ref = integrated == null ? null
                : timed(() -> run(setup.mission(), List.of(one), integrated, setup, threads, FaultPlan.none(), null, setup.durationS()));
        Timed full = timed(() -> run(setup.mission(), List.of(one), exact, setup, threads, FaultPlan.none(), null, setup.durationS()));
        double simS = full.result.simulatedS();
        System.out.printf(Locale.ROOT, "single: %s, 1 satellite, %.0f days, %d thread(s) (planning %.1f s, not counted)%n",
                mission, simS / DAY_S, threads, planS);
        System.out.printf(Locale.ROOT, "  bare loop (no stages, baseline): %.3g simulated s per wall s (%.2f s)%n",
                simS / bare.result.wallS(), bare.result.wallS());
        if (ref != null) {
            System.out.printf(Locale.ROOT, "  full loop, analog flow integrated (Dormand-Prince, reference): %.3g simulated s per wall s "
                            + "(%.2f s), %.3g per CPU s (%.2f s CPU)%n",
                    simS / ref.result.wallS(), ref.result.wallS(), simS / ref.cpuS, ref.cpuS);
        }
        System.out.printf(Locale.ROOT, "  full loop, analog flow exact: %.3g simulated s per wall s (%.2f s), %.3g per CPU s (%.2f s CPU), "
                        + "%d training updates%n",
                simS / full.result.wallS(), full.result.wallS(), simS / full.cpuS, full.cpuS,
                full.result.sum(SimulationResult.Satellite::trainingUpdates));
        // with a spare core the wall time is at best the loop thread's: this says where the rest went
        System.out.printf(Locale.ROOT, "  full loop, analog flow exact, by thread: %s%n", full.breakdown(simS));
        if (ref != null) {
            System.out.printf(Locale.ROOT, "  exact vs integrated: %.2fx (wall), %.2fx (CPU); summary figures: %s%n",
                    ref.result.wallS() / full.result.wallS(), ref.cpuS / full.cpuS,
                    SummaryDifference.describe(SummaryJson.tree(ref.result), SummaryJson.tree(full.result)));
        }
        System.out.printf(Locale.ROOT, "  ratio full/bare %.3f; ratio to the 1e6 goal %.2f (wall), %.2f (process CPU), %.2f (loop thread CPU)%n",
                bare.result.wallS() / full.result.wallS(), simS / full.result.wallS() / 1e6, simS / full.cpuS / 1e6,
                simS / full.loopCpuS / 1e6);
    }

    /**
     * @param cpuS     process CPU over the run (all threads, ended ones included), s
     * @param loopCpuS CPU of the thread that ran the loop (the benchmark's own), s
     * @param roles    CPU of the JIT compilers and the collector over the run, s (empty without /proc)
     */
    private record Timed(SimulationResult result, double cpuS, double loopCpuS, Optional<Map<ThreadCpu.Role, Double>> roles) {

        /** The loop thread, the compilers, the collector, and the rest (the scoring lanes), per CPU s and share. */
        String breakdown(double simS) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "loop thread %.2f s CPU (%.3g simulated s per its CPU s, %.0f%% of the process)",
                    loopCpuS, simS / loopCpuS, 100 * loopCpuS / cpuS));
            roles.ifPresent(r -> {
                double jit = r.get(ThreadCpu.Role.JIT);
                double gc = r.get(ThreadCpu.Role.GC);
                b.append(String.format(Locale.ROOT, ", JIT compilers %.2f s, GC %.2f s, scoring lanes and other threads %.2f s",
                        jit, gc, cpuS - loopCpuS - jit - gc));
            });
            return b.toString();
        }
    }

    private interface Run {
        SimulationResult run() throws IOException;
    }

    private static Timed timed(Run r) throws IOException {
        System.gc();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Optional<Map<ThreadCpu.Role, Double>> r0 = ThreadCpu.snapshot();
        double l0 = threads.getCurrentThreadCpuTime() / 1e9;
        double c0 = processCpuS();
        SimulationResult result = r.run();
        double cpuS = processCpuS() - c0;
        double loopS = threads.getCurrentThreadCpuTime() / 1e9 - l0;
        Optional<Map<ThreadCpu.Role, Double>> r1 = ThreadCpu.snapshot();
        Optional<Map<ThreadCpu.Role, Double>> roles = r0.isPresent() && r1.isPresent()
                ? Optional.of(ThreadCpu.difference(r0.get(), r1.get())) : Optional.empty();
        return new Timed(result, cpuS, loopS, roles);
    }

    /** @return CPU time of the whole process (all threads), s */
    static double processCpuS() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
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
        return run(name, schedules, stages, setup, threads, faults, progress, setup.durationS());
    }

    private static SimulationResult run(String name, List<OnboardSchedule> schedules, StageFactory stages,
                                        MissionSetup setup, int threads, FaultPlan faults,
                                        MissionSimulator.ProgressListener progress, double durationS) throws IOException {
        Path work = io.onorbit.verification.sim.FlightStorage.newRunFolder();
        try {
            MissionSimulator sim = new MissionSimulator(name, schedules, stages, setup.settings().withThreads(threads), work)
                    .withSeed(setup.seed()).withFaults(faults);
            Path archive = work.resolve("archive.db");
            sim = sim.withArchive(archive);
            if (progress != null) {
                sim = sim.withProgress(progress);
            }
            return sim.run(durationS);
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

package io.onorbit.verification.bench;

import io.onorbit.flight.payload.HostWork;
import io.onorbit.flight.payload.PowerState;
import io.onorbit.flight.payload.TrainingPayload;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.FlightLinkStage;
import io.onorbit.verification.sim.FlightStorage;
import io.onorbit.verification.sim.GroundStage;
import io.onorbit.verification.sim.LearningStage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.PowerStage;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.sim.modules.FlightLearningStage;
import io.onorbit.verification.soak.FaultPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training payload in the closed loop: for each mission file given (e.g. the power-starved
 * 3U with the analog engine, then a copy with {@code engine: digital}), one satellite's whole run,
 * then the payload's books: duty, energy drawn, energy per update next to the counted work behind
 * it (host operations priced at Horowitz figures, plus what the solver reported), samples seen,
 * trained and dropped, and the battery's lowest state of charge. Usage:
 * {@code PayloadBench MISSION.yaml [MISSION.yaml ...]}.
 */
public final class PayloadBench {

    private PayloadBench() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> missions = new ArrayList<>();
        for (String a : args) {
            missions.add(Path.of(a));
        }
        if (missions.isEmpty()) {
            missions.add(Path.of("mission-configs/starved-3u.yaml"));
        }
        for (Path m : missions) {
            run(m);
        }
    }

    static void run(Path mission) throws IOException {
        MissionSetup setup = MissionSetups.load(mission, null);
        Capture stages = new Capture(setup.stages());
        OnboardSchedule one = setup.schedules().get(0);
        Path work = FlightStorage.newRunFolder();
        SimulationResult r;
        try {
            r = new MissionSimulator(setup.mission(), List.of(one), stages, setup.settings().withThreads(1), work)
                    .withSeed(setup.seed()).withFaults(FaultPlan.none()).withArchive(work.resolve("archive.db"))
                    .run(setup.durationS());
        } finally {
            AtomicOutput.deleteTree(work);
        }
        TrainingPayload p = stages.learning.payload();
        HostWork w = p.hostWork();
        long u = Math.max(1, p.updates());
        System.out.printf(Locale.ROOT, "%s, %s engine (%.3g W training, %.3g W idle), %.1f days, wall %.1f s%n", mission,
                p.spec().engine().key(), p.spec().activeW(), p.spec().idleW(), r.simulatedS() / 86400, r.wallS());
        System.out.printf(Locale.ROOT, "  duty %.4f (training %.0f s, idle %.0f s, off %.0f s); drew %.3f Wh%n",
                p.dutyFraction(), p.seconds(PowerState.TRAINING), p.seconds(PowerState.IDLE), p.seconds(PowerState.OFF),
                p.energyJ() / 3600);
        System.out.printf(Locale.ROOT, "  samples seen %d, trained %d, dropped %d (buffer %d samples), updates %d%n",
                p.samplesSeen(), p.samplesTrained(), p.samplesDropped(), p.bufferCapacity(), p.updates());
        System.out.printf(Locale.ROOT, "  per update: drew %.4g J; counted work %.4g J = host %.4g J (%d MACs, %d memory"
                        + " accesses, %d instructions) + solve %.4g J (%.3g s)%n",
                p.energyJ() / u, p.countedWorkJ() / u, p.hostWorkJ() / u, w.macs() / u, w.memoryAccesses() / u,
                w.instructions() / u, p.solveJ() / u, p.solveS() / u);
        System.out.printf(Locale.ROOT, "  battery: min SoC %.6f (floor %.2f), invariant violations %d; onboard error %.5g%n",
                r.minSoc(), r.socFloor(), r.totalViolations(), r.meanError(1));
    }

    /** The mission's own stages, keeping the learning stage so its payload's books can be read. */
    private static final class Capture implements StageFactory {
        private final StageFactory inner;
        private FlightLearningStage learning;

        Capture(StageFactory inner) {
            this.inner = inner;
        }

        @Override
        public List<StageStatus> statuses() {
            return inner.statuses();
        }

        @Override
        public PowerStage power(OnboardSchedule s, int i, long seed) {
            return inner.power(s, i, seed);
        }

        @Override
        public LearningStage learning(OnboardSchedule s, int i, long seed, Path dir) {
            LearningStage l = inner.learning(s, i, seed, dir);
            learning = (FlightLearningStage) l;
            return l;
        }

        @Override
        public FlightLinkStage link(OnboardSchedule s, int i, long seed, Path dir) {
            return inner.link(s, i, seed, dir);
        }

        @Override
        public GroundStage ground(List<OnboardSchedule> s, long seed, Path archive) {
            return inner.ground(s, seed, archive);
        }
    }
}

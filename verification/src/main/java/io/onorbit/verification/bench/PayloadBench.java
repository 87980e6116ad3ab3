package io.onorbit.verification.bench;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.verification.learning.PrequentialError;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.payload.HostWork;
import io.onorbit.flight.payload.PayloadEngine;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.payload.PayloadStep;
import io.onorbit.flight.payload.PowerState;
import io.onorbit.flight.payload.TrainingPayload;
import io.onorbit.flight.power.PowerRun;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.verification.cli.MissionOptions;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.sim.modules.DeployedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training payload on its power budget, for each mission file given (e.g. the power-starved
 * 3U with the analog engine, then a copy with {@code engine: digital}): the first satellite's
 * schedule, the envelope planned on 30 s steps, the payload fed the mission's sensor
 * stream from the launch model, and the budget stepped with what the payload draws (the
 * transmitter charged for every whole pass, as {@code onorbit power} does). Prints the payload's
 * books: duty, energy drawn, energy per update next to the counted work behind it (host
 * operations priced at Horowitz figures, plus what the solver reported), samples seen, trained and
 * dropped, the lowest state of charge and the floor violations. The closed loop ({@code onorbit
 * simulate}) runs the same payload inside the flight executive. Usage:
 * {@code PayloadBench MISSION.yaml [MISSION.yaml ...]}.
 */
public final class PayloadBench {

    private static final double STEP_S = 30;

    private PayloadBench() {
    }

    public static void main(String[] args) {
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

    static void run(Path mission) {
        MissionFile file = MissionOptions.load(mission, null);
        MissionConfig m = file.config();
        PowerSystem system = m.power();
        PayloadSpec spec = m.payload();
        LearningConfig learning = m.learning();
        OnboardSchedule s = new MissionPlanner(OrbitContext.fileFree()).schedules(m).get(0);
        long t0 = System.nanoTime();
        PowerModel model = new PowerModel(s, system);
        TrainingEnvelope envelope = TrainingEnvelope.plan(model, STEP_S);
        PowerRun run = new PowerRun(model, STEP_S);
        Optimizer engine = spec.engine() == PayloadEngine.ANALOG ? AnalogOptimizer.withDefaults()
                : DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        DriftTask task = learning.createTask(s, m.seed());
        TrainingPayload p = TrainingPayload.of(spec, task.featureCount(), learning.trainer(), engine);
        DeployedModel launch = DeployedModel.fit(s, learning, file.driftExperiment());
        p.trainer().model().setParameters(launch.parameters(), launch.version().version());
        PrequentialError error = new PrequentialError(file.driftExperiment().fadingFactor());
        float[] x = new float[task.featureCount()];
        boolean has = task.hasNext();
        float y = has ? task.next(x) : 0;
        while (run.hasNext()) {
            double t = run.timeS();
            double dt = run.stepLengthS();
            while (has && task.timeS() < t + dt) {
                p.offer(x, y);
                has = task.hasNext();
                if (has) {
                    y = task.next(x);
                }
            }
            PayloadStep step = p.run(run.offeredW(envelope), dt,
                    (xs, label, prediction, served) -> error.add(task.classification()
                            ? ((prediction >= 0.5 ? 1 : 0) == Math.round(label) ? 0 : 1) : Math.abs(prediction - label)));
            run.advance(step.drawnJ() / dt);
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        HostWork w = p.hostWork();
        long u = Math.max(1, p.updates());
        System.out.printf(Locale.ROOT, "%s, %s engine (%.3g W training, %.3g W idle), %.1f days, wall %.1f s%n", mission,
                spec.engine().key(), spec.activeW(), spec.idleW(), s.durationS() / 86400, wallS);
        System.out.printf(Locale.ROOT, "  duty %.4f (training %.0f s, idle %.0f s, off %.0f s); drew %.3f Wh"
                        + " (budget charged %.3f Wh)%n", p.dutyFraction(), p.seconds(PowerState.TRAINING),
                p.seconds(PowerState.IDLE), p.seconds(PowerState.OFF), p.energyJ() / 3600, run.budget().trainingWh());
        System.out.printf(Locale.ROOT, "  samples seen %d, trained %d, dropped %d (buffer %d samples), updates %d%n",
                p.samplesSeen(), p.samplesTrained(), p.samplesDropped(), p.bufferCapacity(), p.updates());
        System.out.printf(Locale.ROOT, "  per update: drew %.4g J; counted work %.4g J = host %.4g J (%d MACs, %d memory"
                        + " accesses, %d instructions) + solve %.4g J (%.3g s)%n",
                p.energyJ() / u, p.countedWorkJ() / u, p.hostWorkJ() / u, w.macs() / u, w.memoryAccesses() / u,
                w.instructions() / u, p.solveJ() / u, p.solveS() / u);
        System.out.printf(Locale.ROOT, "  battery: min SoC %.6f (floor %.2f + margin %.2f), floor violations %d;"
                        + " onboard prequential error %.5g%n", run.budget().minSoc(), system.battery().floorSoc(),
                system.marginSoc(), run.budget().floorViolations(), error.faded());
    }
}

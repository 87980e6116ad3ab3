package io.onorbit.verification.bench;

import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerOracle;
import io.onorbit.flight.power.PowerRun;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.planning.MissionPlanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Cost of a year of power budget (envelope planning, budget stepping under the envelope, and the
 * oracle) at 10 s and 60 s steps on a planned mission schedule, against a baseline measured in
 * the same run: the bare schedule queries every step must make anyway (mean lighting ratio over
 * the step). Planning the schedule with orbit-sim is not timed.
 *
 * <p>Run: {@code ./onorbit --help >/dev/null && java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.PowerBudgetBench [MISSION.yaml] [DAYS]}
 * (defaults: mission-configs/sso-550km.yaml, 365)
 */
public final class PowerBudgetBench {

    private static final int ROUNDS = 5;

    private PowerBudgetBench() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "mission-configs/sso-550km.yaml");
        double days = args.length > 1 ? Double.parseDouble(args[1]) : 365;
        MissionConfig m = MissionLoader.load(file).withDuration(Duration.ofMillis(Math.round(days * 86_400_000L)));
        long t0 = System.nanoTime();
        OnboardSchedule s = MissionPlanner.fileFree().schedule(m, m.satellites().get(0).name());
        System.out.printf(Locale.ROOT, "planned %s %s for %.0f days in %.1f s (not part of the figures)%n", m.name(),
                s.satellite(), days, (System.nanoTime() - t0) / 1e9);
        PowerSystem system = m.power();
        PowerModel model = new PowerModel(s, system);
        System.out.printf(Locale.ROOT, "%6s %10s %11s %11s %11s %11s %9s%n", "step_s", "steps", "baseline_s",
                "envelope_s", "budget_s", "oracle_s", "ratio");
        for (double step : new double[] {10, 60}) {
            long steps = (long) Math.ceil(s.durationS() / step);
            double base = Double.MAX_VALUE;
            double plan = Double.MAX_VALUE;
            double run = Double.MAX_VALUE;
            double oracle = Double.MAX_VALUE;
            double sink = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long a = System.nanoTime();
                for (long k = 0; k < steps; k++) {
                    double t = k * step;
                    sink += s.lighting().meanRatio(t, Math.min(t + step, s.durationS()));
                }
                long b = System.nanoTime();
                TrainingEnvelope env = TrainingEnvelope.plan(model, step);
                long c = System.nanoTime();
                PowerBudget budget = PowerRun.run(model, step, env);
                long d = System.nanoTime();
                sink += PowerOracle.maxTrainingEnergyWh(model, step);
                long e = System.nanoTime();
                sink += budget.trainingWh();
                base = Math.min(base, (b - a) / 1e9);
                plan = Math.min(plan, (c - b) / 1e9);
                run = Math.min(run, (d - c) / 1e9);
                oracle = Math.min(oracle, (e - d) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%6.0f %10d %11.3f %11.3f %11.3f %11.3f %9.1f%n", step, steps, base, plan, run,
                    oracle, (plan + run) / base);
            if (sink == 42) {
                System.out.println();
            }
        }
        System.out.println("ratio = (envelope planning + budget stepping under the envelope) / bare lighting queries; "
                + "best of " + ROUNDS + " rounds");
    }
}

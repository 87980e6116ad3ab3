package io.onorbit.verification.bench;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.verification.learning.SyntheticSchedule;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.optimizer.Optimizer;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Cost of one onboard trainer step, per sample, against a baseline measured in the same run: the
 * forward pass alone (what a frozen model costs). Also reports heap bytes allocated per sample
 * (HotSpot's per-thread allocation counter), which must be 0 for steps without an update.
 *
 * <p>Run: {@code ./onorbit --help >/dev/null && java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.TrainerStepBench}
 */
public final class TrainerStepBench {

    private static final int SAMPLES = 8_000;
    private static final int ROUNDS = 3;

    private TrainerStepBench() {
    }

    public static void main(String[] args) {
        OnboardSchedule schedule = SyntheticSchedule.circular(SAMPLES * 60.0 + 60, 550, 20, 6);
        SolarArrayTask task = new SolarArrayTask(schedule, SolarArrayScenario.defaults(SAMPLES * 30.0));
        float[] xs = new float[SAMPLES * 4];
        float[] ys = new float[SAMPLES];
        float[] x = new float[4];
        for (int i = 0; i < SAMPLES; i++) {
            ys[i] = task.next(x);
            System.arraycopy(x, 0, xs, i * 4, 4);
        }
        System.out.printf(Locale.ROOT, "trainer step benchmark: %d solar-array samples x %d rounds, model 4-32-16-1%n",
                SAMPLES, ROUNDS);
        System.out.printf(Locale.ROOT, "%-36s %12s %10s %14s%n", "case", "ns/sample", "ratio", "alloc B/sample");
        Optimizer digital = DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        double base = measure("baseline: forward pass only", xs, ys, null, digital, 0, Double.NaN);
        for (TrainableSubset.Kind kind : TrainableSubset.Kind.values()) {
            LearningSettings s = LearningSettings.defaults().withSubset(kind);
            String k = kind.name().toLowerCase(Locale.ROOT);
            measure("step, no envelope, " + k, xs, ys, s, digital, 0.0, base);
            measure("step, 2 W, digital, " + k, xs, ys, s, digital, 2.0, base);
            if (kind != TrainableSubset.Kind.FULL) {
                // a dense crossbar of the whole network is decomposed per update; the diagonal proximal
                // model of sparse_rows (the default learner) and the small subsets are practical
                measure("step, 2 W, analog, " + k, xs, ys, s, AnalogOptimizer.withDefaults(), 2.0, base);
            }
        }
    }

    private static double measure(String name, float[] xs, float[] ys, LearningSettings s, Optimizer optimizer,
                                  double powerW, double base) {
        OnboardTrainer trainer = OnboardTrainer.create(4, s == null ? LearningSettings.defaults() : s, optimizer);
        float[] x = new float[4];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double best = Double.MAX_VALUE;
        double allocPerSample = 0;
        float sink = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long a0 = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            for (int i = 0; i < SAMPLES; i++) {
                System.arraycopy(xs, i * 4, x, 0, 4);
                sink += s == null ? trainer.model().predict(x) : trainer.step(x, ys[i], powerW);
            }
            long t1 = System.nanoTime();
            long a1 = mx.getThreadAllocatedBytes(tid);
            best = Math.min(best, (t1 - t0) / (double) SAMPLES);
            allocPerSample = (a1 - a0) / (double) SAMPLES;
        }
        System.out.printf(Locale.ROOT, "%-36s %12.0f %10.2f %14.1f%s%n", name, best,
                Double.isNaN(base) ? 1.0 : best / base, allocPerSample, Float.isNaN(sink) ? " (nan)" : "");
        return best;
    }
}

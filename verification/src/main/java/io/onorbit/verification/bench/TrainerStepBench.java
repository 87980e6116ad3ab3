package io.onorbit.verification.bench;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.learning.ProximalGradientEnergy;
import io.onorbit.flight.learning.StepRule;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.SampleBatch;
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
 *
 * <p>{@code TrainerStepBench update [SAMPLES [ROUNDS]]} measures instead what the closed loop pays per
 * update: the default learner on the analog engine at 2 W, in thread CPU time (a figure that holds
 * under load) per update (its 4 steps, 24 replayed samples, the backward passes and the solve) and
 * heap bytes allocated per update, a fresh trainer each round over the same stream, with a checksum of
 * the predictions and the energy so that two builds can be seen to compute the same numbers.
 *
 * <p>{@code TrainerStepBench parts [UPDATES]} splits one update of the default learner into its parts,
 * each repeated on its own over a trained model and the stream's samples (thread CPU per update):
 * the batch's 4 samples (a forward and a backward pass each, one at a time), the 24 replayed samples'
 * forward pass together, their 24 backward passes (deltas, the NLMS norm, the scaled gradient of the
 * trained rows) and the analog solve of the 361-variable step.
 *
 * <p>{@code TrainerStepBench forward [SAMPLES [ROUNDS]]} measures the single-sample forward pass of
 * the default learner's model trained on the stream (what each served prediction, the frozen
 * reference and each prequential test cost), thread CPU ns per sample per round, with the sum of
 * the outputs as a checksum.
 */
public final class TrainerStepBench {

    private static final int SAMPLES = 8_000;
    private static final int ROUNDS = 3;

    private TrainerStepBench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("parts")) {
            parts(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
            return;
        }
        if (args.length > 0 && args[0].equals("forward")) {
            forward(args.length > 1 ? Integer.parseInt(args[1]) : 40_000, args.length > 2 ? Integer.parseInt(args[2]) : 10);
            return;
        }
        if (args.length > 0 && args[0].equals("update")) {
            perUpdate(args.length > 1 ? Integer.parseInt(args[1]) : 40_000, args.length > 2 ? Integer.parseInt(args[2]) : 8);
            return;
        }
        float[] ys = new float[SAMPLES];
        float[] xs = stream(ys);
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

    /**
     * The solar-array stream of a 550 km circular orbit, one sample a minute.
     *
     * @param ys receives the labels; its length is the number of samples
     * @return the features, 4 per sample
     */
    private static float[] stream(float[] ys) {
        int samples = ys.length;
        OnboardSchedule schedule = SyntheticSchedule.circular(samples * 60.0 + 60, 550, 20, 6);
        SolarArrayTask task = new SolarArrayTask(schedule, SolarArrayScenario.defaults(samples * 30.0));
        float[] xs = new float[samples * 4];
        float[] x = new float[4];
        for (int i = 0; i < samples; i++) {
            ys[i] = task.next(x);
            System.arraycopy(x, 0, xs, i * 4, 4);
        }
        return xs;
    }

    private static void perUpdate(int samples, int rounds) {
        float[] ys = new float[samples];
        float[] xs = stream(ys);
        float[] x = new float[4];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf(Locale.ROOT, "default learner on the analog engine at 2 W: %d solar-array samples x %d rounds%n",
                samples, rounds);
        System.out.printf(Locale.ROOT, "%5s %8s %16s %16s %14s %14s %16s%n", "round", "updates", "CPU us/update",
                "alloc B/update", "forward ns", "energy J", "prediction sum");
        for (int r = 0; r < rounds; r++) {
            OnboardTrainer trainer = OnboardTrainer.create(4, LearningSettings.defaults(), AnalogOptimizer.withDefaults());
            double sum = 0;
            long a0 = mx.getThreadAllocatedBytes(tid);
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < samples; i++) {
                System.arraycopy(xs, i * 4, x, 0, 4);
                sum += trainer.step(x, ys[i], 2.0);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getThreadAllocatedBytes(tid);
            long updates = trainer.updates() + trainer.unconvergedUpdates() + trainer.rejectedUpdates();
            // the forward pass alone on the trained model, for scale
            float frozen = 0;
            for (int i = 0; i < samples; i++) {
                System.arraycopy(xs, i * 4, x, 0, 4);
                frozen += trainer.model().predict(x);
            }
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "%5d %8d %16.1f %16.0f %14.0f %14.6e %16.6f%s%n", r, updates,
                    (c1 - c0) / 1e3 / updates, (a1 - a0) / (double) updates, (c2 - c1) / (double) samples,
                    trainer.energySpentJ(), sum, Float.isNaN(frozen) ? " (nan)" : "");
        }
    }

    private static void forward(int samples, int rounds) {
        float[] ys = new float[samples];
        float[] xs = stream(ys);
        float[] x = new float[4];
        OnboardTrainer trainer = OnboardTrainer.create(4, LearningSettings.defaults(), AnalogOptimizer.withDefaults());
        for (int i = 0; i < samples; i++) {
            System.arraycopy(xs, i * 4, x, 0, 4);
            trainer.step(x, ys[i], 2.0);
        }
        DenseNetwork net = trainer.model();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "single-sample forward pass of the trained default model: %d samples x %d rounds%n",
                samples, rounds);
        System.out.printf(Locale.ROOT, "%5s %14s %16s%n", "round", "CPU ns/sample", "output sum");
        for (int r = 0; r < rounds; r++) {
            double sum = 0;
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < samples; i++) {
                System.arraycopy(xs, i * 4, x, 0, 4);
                sum += net.predict(x);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "%5d %14.0f %16.6f%n", r, (c1 - c0) / (double) samples, sum);
        }
    }

    private static void parts(int updates) {
        LearningSettings settings = LearningSettings.defaults();
        int batch = settings.batchSize();
        int slots = settings.replayPerUpdate();
        float[] ys = new float[40_000];
        float[] xs = stream(ys);
        // a model trained on the stream, so that the weights and errors are those of the loop
        OnboardTrainer trainer = OnboardTrainer.create(4, settings, AnalogOptimizer.withDefaults());
        float[] x = new float[4];
        for (int i = 0; i < ys.length; i++) {
            System.arraycopy(xs, i * 4, x, 0, 4);
            trainer.step(x, ys[i], 2.0);
        }
        DenseNetwork net = trainer.model();
        var subset = trainer.subset();
        SampleBatch samples = net.newBatch(slots, MemoryAccountant.unbounded());
        float[] grad = new float[subset.size()];
        float[] errors = new float[slots];
        ProximalGradientEnergy energy = new ProximalGradientEnergy(grad);
        energy.setStepSize(settings.learningRate());
        AnalogOptimizer engine = AnalogOptimizer.withDefaults();
        double[] zero = new double[subset.size()];
        double[] step = new double[subset.size()];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "default learner, one update's parts, thread CPU us per update, %d updates per round%n",
                updates);
        System.out.printf(Locale.ROOT, "%5s %14s %14s %14s %12s %12s%n", "round", "batch fwd+bwd", "replay fwd",
                "replay bwd", "solve", "sum");
        double sink = 0;
        for (int round = 0; round < 6; round++) {
            java.util.Arrays.fill(grad, 0f);
            long c0 = mx.getCurrentThreadCpuTime();
            for (int u = 0; u < updates; u++) {
                for (int s = 0; s < batch; s++) {
                    int i = (u * (batch + slots) + s) % ys.length;
                    System.arraycopy(xs, i * 4, x, 0, 4);
                    addNormalised(net, subset, grad, net.predict(x) - ys[i]);
                }
            }
            long c1 = mx.getCurrentThreadCpuTime();
            for (int u = 0; u < updates; u++) {
                for (int s = 0; s < slots; s++) {
                    int i = (u * (batch + slots) + batch + s) % ys.length;
                    System.arraycopy(xs, i * 4, x, 0, 4);
                    samples.setInput(s, x);
                    errors[s] = -ys[i];
                }
                net.predict(samples, 0, slots);
            }
            for (int s = 0; s < slots; s++) {
                errors[s] += samples.output(s);
            }
            long c2 = mx.getCurrentThreadCpuTime();
            for (int u = 0; u < updates; u++) {
                for (int s = 0; s < slots; s++) {
                    float e = errors[s];
                    if (e != 0f) {
                        net.propagate(samples, s, e, subset);
                        double e2 = (double) e * e;
                        double norm = net.gradientSquaredNorm(samples, s, subset);
                        net.addGradient(samples, s, subset, grad, (float) (e2 / (StepRule.NLMS_REGULARISER * e2 + norm)));
                    }
                }
            }
            for (int k = 0; k < grad.length; k++) {
                grad[k] /= (float) updates * (batch + slots);
            }
            long c3 = mx.getCurrentThreadCpuTime();
            for (int u = 0; u < updates; u++) {
                sink += engine.minimizeInto(energy, zero, 2.0, step).energyJ();
            }
            long c4 = mx.getCurrentThreadCpuTime();
            double per = 1e3 * updates;
            System.out.printf(Locale.ROOT, "%5d %14.1f %14.1f %14.1f %12.1f %12.1f%n", round, (c1 - c0) / per,
                    (c2 - c1) / per, (c3 - c2) / per, (c4 - c3) / per, (c4 - c0) / per);
        }
        if (Double.isNaN(sink)) {
            System.out.println("(nan)");
        }
    }

    /** One sample's normalised gradient into {@code grad}, as the trainer adds it (the model's latest forward pass). */
    private static void addNormalised(DenseNetwork net, io.onorbit.flight.learning.model.TrainableSubset subset,
                                      float[] grad, float e) {
        if (e != 0f) {
            net.propagate(e, subset);
            double e2 = (double) e * e;
            net.addGradient(subset, grad, (float) (e2 / (StepRule.NLMS_REGULARISER * e2 + net.gradientSquaredNorm(subset))));
        }
    }
}

package io.onorbit.verification.compression;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaFormatException;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.learning.model.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs federated rounds of a {@link FederatedProblem} under each compression setting. Stateless. */
public final class CompressionExperiment {

    /** The swept top-k fractions. */
    public static final double[] TOP_K = {0.1, 0.01, 0.001};
    /** The swept bit widths. */
    public static final int[] BITS = {8, 4, 2, 1};

    /** One run's outcome. */
    public record Run(CompressionSettings settings, double meanBytesPerDelta, double error) {
    }

    /** The whole study. */
    public record Result(String problem, int parameters, int clients, int rounds, long denseFloat32Bytes,
                         Run baseline, List<Run> points) {
        /** @return dense float32 bytes / a run's mean bytes per delta */
        public double ratio(Run r) {
            return denseFloat32Bytes / r.meanBytesPerDelta();
        }

        /** @return a run's relative error increase against the baseline (0.01 = 1%) */
        public double relativeErrorIncrease(Run r) {
            return r.error() / baseline.error() - 1;
        }
    }

    private CompressionExperiment() {
    }

    /** @return the settings swept: each top-k x bits x error feedback on/off, per-tensor scales */
    public static List<CompressionSettings> sweep() {
        List<CompressionSettings> out = new ArrayList<>();
        for (double k : TOP_K) {
            for (int b : BITS) {
                for (boolean ef : new boolean[] {true, false}) {
                    out.add(new CompressionSettings(k, b, io.onorbit.flight.delta.ScaleMode.PER_TENSOR, ef));
                }
            }
        }
        return out;
    }

    /** @return baseline (uncompressed) and every point of {@code settings}, runs in parallel */
    public static Result run(FederatedProblem problem, int rounds, List<CompressionSettings> settings) {
        return run(List.of(problem), rounds, settings);
    }

    /**
     * Runs every setting on each problem (e.g. the same task under several seeds) and averages
     * bytes and error over them, so that one lucky draw does not decide a point.
     *
     * @param problems problems of the same model size
     * @return baseline (uncompressed) and every point of {@code settings}, averaged over problems
     */
    public static Result run(List<? extends FederatedProblem> problems, int rounds, List<CompressionSettings> settings) {
        return run(problems, rounds, settings, done -> { });
    }

    /**
     * As {@link #run(List, int, List)}, telling {@code progress} how many points (baseline
     * included, out of {@code settings.size() + 1}) are done, from any thread.
     */
    public static Result run(List<? extends FederatedProblem> problems, int rounds, List<CompressionSettings> settings,
                             java.util.function.IntConsumer progress) {
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        FederatedProblem first = problems.get(0);
        for (FederatedProblem p : problems) {
            if (p.layout().dimension() != first.layout().dimension()) {
                throw new IllegalArgumentException("problems must have the same model size");
            }
        }
        Run baseline = averaged(problems, rounds, CompressionSettings.uncompressed());
        progress.accept(done.incrementAndGet());
        List<Run> points = settings.parallelStream().map(s -> {
            Run r = averaged(problems, rounds, s);
            progress.accept(done.incrementAndGet());
            return r;
        }).toList();
        return new Result(first.describe(), first.layout().dimension(), first.clients(), rounds,
                DeltaCodec.denseFloat32Bytes(first.layout().dimension()), baseline, points);
    }

    private static Run averaged(List<? extends FederatedProblem> problems, int rounds, CompressionSettings s) {
        double bytes = 0;
        double error = 0;
        for (FederatedProblem p : problems) {
            Run r = runOne(p, rounds, s);
            bytes += r.meanBytesPerDelta();
            error += r.error();
        }
        return new Run(s, bytes / problems.size(), error / problems.size());
    }

    /** @return one federated run under {@code settings} */
    public static Run runOne(FederatedProblem problem, int rounds, CompressionSettings settings) {
        int n = problem.layout().dimension();
        int clients = problem.clients();
        DeltaEncoder[] encoders = new DeltaEncoder[clients];
        for (int c = 0; c < clients; c++) {
            encoders[c] = new DeltaEncoder(settings, problem.layout());
        }
        float[] global = problem.initialParameters();
        long bytes = 0;
        long deltas = 0;
        Instant t0 = Instant.parse("2026-06-21T00:00:00Z");
        for (int round = 0; round < rounds; round++) {
            ModelVersion base = ModelVersion.of(round, global);
            double[] sum = new double[n];
            for (int c = 0; c < clients; c++) {
                float[] local = global.clone();
                problem.train(c, round, local);
                WeightDelta d = encoders[c].encode(new DeltaHeader("client-" + c, round, base, 1,
                        t0.plusSeconds(round * 5400L)), global, local);
                byte[] wire = DeltaCodec.encode(d);
                bytes += wire.length;
                deltas++;
                WeightDelta received;
                try {
                    received = DeltaCodec.decode(wire); // the ground sees only the bytes
                } catch (DeltaFormatException e) {
                    throw new IllegalStateException("codec failed its own output: " + e.getMessage(), e);
                }
                float[] dense = received.toDense();
                for (int i = 0; i < n; i++) {
                    sum[i] += dense[i];
                }
            }
            for (int i = 0; i < n; i++) {
                global[i] += (float) (sum[i] / clients);
            }
        }
        return new Run(settings, (double) bytes / deltas, problem.error(global));
    }
}

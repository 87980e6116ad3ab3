package io.onorbit.orbit.events;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * Computes the timelines of many satellites in parallel (one {@link FastEventFinder} run per
 * satellite, each with its own propagator), over {@code threads} worker threads.
 */
public final class TimelineCalculator {

    private final OrbitContext context;
    private final List<GroundStation> stations;
    private final FastEventFinder.Options options;
    private final int threads;
    private final DoubleConsumer progress;

    /**
     * @param threads  worker threads (&ge; 1); at most one per satellite is used
     * @param progress receives the overall fraction done in [0, 1], possibly from worker threads (may be null)
     */
    public TimelineCalculator(OrbitContext context, List<GroundStation> stations, FastEventFinder.Options options,
                              int threads, DoubleConsumer progress) {
        this.context = Objects.requireNonNull(context, "context");
        this.stations = List.copyOf(stations);
        this.options = Objects.requireNonNull(options, "options");
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be at least 1");
        }
        this.threads = threads;
        this.progress = progress;
    }

    /** @return default worker count: the machine's cores */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return one timeline per satellite, in the given order */
    public List<SatelliteTimeline> compute(List<SatelliteSpec> satellites, Instant start, double durationS) {
        int n = satellites.size();
        if (n == 0) {
            return List.of();
        }
        // progress: per-satellite fraction in millionths, summed
        AtomicLong[] done = new AtomicLong[n];
        for (int i = 0; i < n; i++) {
            done[i] = new AtomicLong();
        }
        AtomicLong total = new AtomicLong();
        int workers = Math.min(threads, n);
        if (workers == 1) {
            List<SatelliteTimeline> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(one(satellites.get(i), start, durationS, reporter(done, total, i)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "orbit-sim-timeline");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SatelliteTimeline>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SatelliteSpec s = satellites.get(i);
                DoubleConsumer r = reporter(done, total, i);
                futures.add(pool.submit(() -> one(s, start, durationS, r)));
            }
            List<SatelliteTimeline> out = new ArrayList<>();
            for (Future<SatelliteTimeline> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing timelines", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private SatelliteTimeline one(SatelliteSpec s, Instant start, double durationS, DoubleConsumer r) {
        FastEventFinder finder = new FastEventFinder(context, stations, options);
        return finder.find(s.name(), s.orbit().propagator(context), start, durationS, r);
    }

    private DoubleConsumer reporter(AtomicLong[] done, AtomicLong total, int i) {
        if (progress == null) {
            return null;
        }
        return f -> {
            done[i].set((long) (f * 1e6));
            long sum = 0;
            for (AtomicLong d : done) {
                sum += d.get();
            }
            progress.accept(sum / (1e6 * done.length));
        };
    }
}

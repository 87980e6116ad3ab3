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
        double splitS = splitPointS(durationS);
        if (2 * n <= threads && splitS > 0) {
            return halves(satellites, start, durationS, splitS);
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
        ExecutorService pool = pool(workers);
        try {
            List<Future<SatelliteTimeline>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SatelliteSpec s = satellites.get(i);
                DoubleConsumer r = reporter(done, total, i);
                futures.add(pool.submit(() -> one(s, start, durationS, r)));
            }
            List<SatelliteTimeline> out = new ArrayList<>();
            for (Future<SatelliteTimeline> f : futures) {
                out.add(result(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** spans at least this long are split in two when there are twice as many threads as satellites */
    static final double SPLIT_MIN_S = 60 * 86400.0;

    /**
     * @return where a span is split (a whole number of days, so every sample grid of the finder
     *         runs through it), or 0 if it is not split
     */
    double splitPointS(double durationS) {
        if (durationS < SPLIT_MIN_S) {
            return 0;
        }
        double splitS = Math.floor(durationS / 2 / 86400.0) * 86400.0;
        for (double step : new double[] {options.betaStepS(), options.sunStepS(), options.exactStepS(), options.maxCheckS()}) {
            if (step > 0 && Math.abs(Math.IEEEremainder(splitS, step)) > 1e-9) {
                return 0;
            }
        }
        return splitS;
    }

    /** @return daemon worker threads for timelines */
    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "orbit-sim-timeline");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the timeline a worker computed; its exception rethrown as it was */
    private static SatelliteTimeline result(Future<SatelliteTimeline> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing timelines", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Each satellite's span as two halves on two threads, joined: the events of the second half
     * shifted by the split, a pass or an eclipse cut at the split by both halves made one again,
     * the lighting knots, beta angles and Sun samples concatenated (the split is on their grids).
     */
    // package-private: the split test forces a split on a span shorter than SPLIT_MIN_S
    List<SatelliteTimeline> halves(List<SatelliteSpec> satellites, Instant start, double durationS, double splitS) {
        int n = satellites.size();
        AtomicLong[] done = new AtomicLong[2 * n];
        for (int i = 0; i < done.length; i++) {
            done[i] = new AtomicLong();
        }
        AtomicLong total = new AtomicLong();
        ExecutorService pool = pool(2 * n);
        try {
            List<Future<SatelliteTimeline>> futures = new ArrayList<>();
            Instant second = start.plusMillis(Math.round(splitS * 1000));
            for (int i = 0; i < n; i++) {
                SatelliteSpec s = satellites.get(i);
                DoubleConsumer r0 = reporter(done, total, 2 * i);
                DoubleConsumer r1 = reporter(done, total, 2 * i + 1);
                futures.add(pool.submit(() -> one(s, start, splitS, r0)));
                futures.add(pool.submit(() -> one(s, second, durationS - splitS, r1)));
            }
            List<SatelliteTimeline> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(join(result(futures.get(2 * i)), result(futures.get(2 * i + 1)), splitS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the timeline of a span from its two halves, the second starting {@code splitS} after the first */
    static SatelliteTimeline join(SatelliteTimeline a, SatelliteTimeline b, double splitS) {
        List<Pass> passes = new ArrayList<>(a.passes());
        for (Pass p : b.passes()) {
            Pass shifted = new Pass(p.station(), p.aosS() + splitS, p.losS() + splitS, p.maxElevationDeg(),
                    p.maxElevationTimeS() + splitS, false, p.losCut(), p.geometry());
            int open = p.aosCut() ? openPass(passes, p.station(), splitS) : -1;
            if (open < 0) {
                // not cut by the whole span's start: a pass the first half saw end just before the split
                passes.add(shifted);
                continue;
            }
            Pass first = passes.get(open);
            boolean firstHigher = first.maxElevationDeg() >= p.maxElevationDeg();
            java.util.Optional<PassGeometry> geometry = first.geometry().isPresent() && p.geometry().isPresent()
                    ? java.util.Optional.of(new PassGeometry(first.geometry().get().aos(),
                            firstHigher ? first.geometry().get().tca() : p.geometry().get().tca(), p.geometry().get().los()))
                    : java.util.Optional.empty();
            passes.set(open, new Pass(first.station(), first.aosS(), shifted.losS(),
                    firstHigher ? first.maxElevationDeg() : p.maxElevationDeg(),
                    firstHigher ? first.maxElevationTimeS() : shifted.maxElevationTimeS(),
                    first.aosCut(), p.losCut(), geometry));
        }
        passes.sort(java.util.Comparator.comparingDouble(Pass::aosS));
        List<Eclipse> eclipses = new ArrayList<>(a.eclipses());
        for (Eclipse e : b.eclipses()) {
            int open = e.startCut() ? openEclipse(eclipses, e.kind(), splitS) : -1;
            if (open < 0) {
                eclipses.add(new Eclipse(e.kind(), e.startS() + splitS, e.endS() + splitS, false, e.endCut()));
            } else {
                Eclipse first = eclipses.get(open);
                eclipses.set(open, new Eclipse(e.kind(), first.startS(), e.endS() + splitS, first.startCut(), e.endCut()));
            }
        }
        eclipses.sort(java.util.Comparator.comparingDouble(Eclipse::startS).thenComparing(Eclipse::kind));
        LightingSamples lighting = concat(a.lighting(), b.lighting(), splitS);
        double[][] beta = concat(a.betaTimesS(), a.betaDeg(), b.betaTimesS(), b.betaDeg(), splitS);
        SunDirectionSamples sun = a.sunDirection() == null || b.sunDirection() == null ? null
                : concat(a.sunDirection(), b.sunDirection());
        return new SatelliteTimeline(a.satellite(), a.epoch(), a.durationS() + b.durationS(), passes, eclipses, lighting,
                beta[0], beta[1], sun, a.samples() + b.samples());
    }

    /** @return the index of the first half's pass over {@code station} cut at the split, or -1 */
    private static int openPass(List<Pass> passes, String station, double splitS) {
        for (int i = passes.size() - 1; i >= 0; i--) {
            Pass p = passes.get(i);
            if (p.station().equals(station) && p.losCut() && p.losS() == splitS) {
                return i;
            }
        }
        return -1;
    }

    /** @return the index of the first half's eclipse of {@code kind} cut at the split, or -1 */
    private static int openEclipse(List<Eclipse> eclipses, ShadowKind kind, double splitS) {
        for (int i = eclipses.size() - 1; i >= 0; i--) {
            Eclipse e = eclipses.get(i);
            if (e.kind() == kind && e.endCut() && e.endS() == splitS) {
                return i;
            }
        }
        return -1;
    }

    private static LightingSamples concat(LightingSamples a, LightingSamples b, double splitS) {
        double[] ta = a.timesS();
        double[] ra = a.ratios();
        double[] tb = b.timesS();
        double[] rb = b.ratios();
        double[] t = new double[ta.length + tb.length];
        double[] r = new double[t.length];
        System.arraycopy(ta, 0, t, 0, ta.length);
        System.arraycopy(ra, 0, r, 0, ra.length);
        int k = ta.length;
        for (int i = 0; i < tb.length; i++) {
            double time = tb[i] + splitS;
            if (k > 0 && !(time > t[k - 1])) {
                continue; // the split itself, known to both halves
            }
            t[k] = time;
            r[k++] = rb[i];
        }
        return new LightingSamples(java.util.Arrays.copyOf(t, k), java.util.Arrays.copyOf(r, k));
    }

    private static double[][] concat(double[] ta, double[] va, double[] tb, double[] vb, double splitS) {
        double[] t = new double[ta.length + tb.length];
        double[] v = new double[t.length];
        System.arraycopy(ta, 0, t, 0, ta.length);
        System.arraycopy(va, 0, v, 0, va.length);
        int k = ta.length;
        for (int i = 0; i < tb.length; i++) {
            double time = tb[i] + splitS;
            if (k > 0 && !(time > t[k - 1])) {
                continue;
            }
            t[k] = time;
            v[k++] = vb[i];
        }
        return new double[][] {java.util.Arrays.copyOf(t, k), java.util.Arrays.copyOf(v, k)};
    }

    /** The halves' samples on one grid: the second half's first sample is the first half's last. */
    private static SunDirectionSamples concat(SunDirectionSamples a, SunDirectionSamples b) {
        int na = a.x().length;
        int nb = b.x().length - 1;
        float[] x = java.util.Arrays.copyOf(a.x(), na + nb);
        float[] y = java.util.Arrays.copyOf(a.y(), na + nb);
        float[] z = java.util.Arrays.copyOf(a.z(), na + nb);
        System.arraycopy(b.x(), 1, x, na, nb);
        System.arraycopy(b.y(), 1, y, na, nb);
        System.arraycopy(b.z(), 1, z, na, nb);
        double distance = (a.sunDistanceAu() * na + b.sunDistanceAu() * (nb + 1)) / (na + nb + 1);
        return new SunDirectionSamples(a.stepS(), x, y, z, distance);
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

package io.onorbit.flight.learning.task;

/**
 * What every task stream shares: its fixed description (name, feature count, label unit, whether
 * it classifies) and its walk through the sample times, so that each task writes only how a sample
 * is drawn and what its concept is. Sample times are either a regular grid (synthetic streams:
 * sample i at {@code i * periodS}, {@code floor(durationS / periodS)} samples) or recorded times
 * (a data file). Mutable position; one per stream.
 */
public abstract class TaskStream implements DriftTask {

    /** Where sample {@code i} lies in time: a regular grid or recorded times. */
    private interface SampleTimes {
        long count();

        double timeS(long i);
    }

    private record Grid(double periodS, long count) implements SampleTimes {
        @Override
        public double timeS(long i) {
            return i * periodS;
        }
    }

    private record Recorded(double[] timesS) implements SampleTimes {
        @Override
        public long count() {
            return timesS.length;
        }

        @Override
        public double timeS(long i) {
            return timesS[(int) i];
        }
    }

    private final String name;
    private final int featureCount;
    private final String labelUnit;
    private final boolean classification;
    private final SampleTimes times;
    private long index = -1;

    /**
     * A synthetic stream on a regular grid.
     *
     * @param periodS   time between samples, s (&gt; 0)
     * @param durationS stream length, s (&ge; 0; a span shorter than one period holds no sample)
     */
    protected TaskStream(String name, int featureCount, String labelUnit, boolean classification, double periodS,
            double durationS) {
        this(name, featureCount, labelUnit, classification, grid(name, periodS, durationS));
    }

    /**
     * A recorded stream.
     *
     * @param timesS the samples' times, s since the schedule epoch, non-decreasing (not copied: the
     *               caller hands over its own array)
     */
    protected TaskStream(String name, int featureCount, String labelUnit, boolean classification, double[] timesS) {
        this(name, featureCount, labelUnit, classification, new Recorded(timesS));
    }

    private TaskStream(String name, int featureCount, String labelUnit, boolean classification, SampleTimes times) {
        if (featureCount < 1) {
            throw new IllegalArgumentException(name + ": featureCount " + featureCount + " must be >= 1");
        }
        this.name = name;
        this.featureCount = featureCount;
        this.labelUnit = labelUnit;
        this.classification = classification;
        this.times = times;
    }

    private static SampleTimes grid(String name, double periodS, double durationS) {
        if (!(periodS > 0) || !(durationS >= 0)) {
            throw new IllegalArgumentException(name + ": samplePeriodS must be > 0 and durationS >= 0");
        }
        return new Grid(periodS, (long) Math.floor(durationS / periodS));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int featureCount() {
        return featureCount;
    }

    @Override
    public final String labelUnit() {
        return labelUnit;
    }

    @Override
    public final boolean classification() {
        return classification;
    }

    @Override
    public final boolean hasNext() {
        return index + 1 < times.count();
    }

    @Override
    public final double timeS() {
        return times.timeS(index);
    }

    /** Moves to the next sample and returns its time, s; a task's {@link #next} calls it first. */
    protected final double advance() {
        index++;
        return timeS();
    }

    /** @return index of the current sample (-1 before the first) */
    protected final long index() {
        return index;
    }

    /** @return time of the last sample, s */
    protected final double lastTimeS() {
        return times.timeS(times.count() - 1);
    }
}

package io.onorbit.flight.learning.task;

import java.util.Random;

/**
 * The SEA concepts stream (Street and Kim 2001) exactly as MOA's {@code SEAGenerator} defines it:
 * three attributes uniform in [0, 10), label 0 if attrib1 + attrib2 &le; theta else 1, with theta
 * one of 8, 9, 7, 9.5 (functions 1-4), and each label flipped with probability noisePercentage/100
 * (MOA draws it as {@code 1 + nextInt(100) <= noise}). Same {@link Random} draw order as MOA, so
 * a seed gives MOA's sequence. The concept switches abruptly 1 -> 2 -> 3 -> 4 at 1, 2 and 3
 * concept spans after the epoch (absolute times; a drift after the end of the stream is not seen).
 *
 * <p>Features are the attributes divided by 10 (dimensionless, [0, 1)); label in {0, 1}.
 */
public final class SeaTask extends TaskStream {

    /** MOA's thresholds of functions 1..4. */
    public static final double[] THRESHOLDS = {8, 9, 7, 9.5};

    private final Random random;
    private final int noisePercentage;
    private final double[] driftTimesS;
    private int function;

    /**
     * @param seed            MOA's instanceRandomSeed
     * @param noisePercentage label noise, percent in [0, 100] (MOA default 10)
     * @param samplePeriodS   time between samples, s (&gt; 0)
     * @param durationS       stream length, s (&gt; 0); the four concepts each take a quarter
     */
    public SeaTask(long seed, int noisePercentage, double samplePeriodS, double durationS) {
        this(seed, noisePercentage, samplePeriodS, durationS, durationS / 4);
    }

    /**
     * @param seed            MOA's instanceRandomSeed
     * @param noisePercentage label noise, percent in [0, 100] (MOA default 10)
     * @param samplePeriodS   time between samples, s (&gt; 0)
     * @param durationS       stream length, s (&gt; 0)
     * @param conceptS        each of the first three concepts lasts this long, s (&gt; 0): drifts at
     *                        conceptS, 2 conceptS and 3 conceptS since the epoch
     */
    public SeaTask(long seed, int noisePercentage, double samplePeriodS, double durationS, double conceptS) {
        super("sea", 3, "class", true, samplePeriodS, durationS);
        if (noisePercentage < 0 || noisePercentage > 100) {
            throw new IllegalArgumentException("sea: noisePercentage " + noisePercentage + " must be in [0, 100]");
        }
        if (!(samplePeriodS > 0) || !(durationS >= samplePeriodS)) {
            throw new IllegalArgumentException("sea: samplePeriodS must be > 0 and durationS >= samplePeriodS");
        }
        this.random = new Random(seed);
        this.noisePercentage = noisePercentage;
        if (!(conceptS > 0)) {
            throw new IllegalArgumentException("sea: conceptS " + conceptS + " must be > 0");
        }
        this.driftTimesS = new double[] {conceptS, 2 * conceptS, 3 * conceptS};
    }

    @Override
    public float next(float[] xOut) {
        double t = advance();
        function = t >= driftTimesS[2] ? 3 : t >= driftTimesS[1] ? 2 : t >= driftTimesS[0] ? 1 : 0;
        double a1 = 10 * random.nextDouble();
        double a2 = 10 * random.nextDouble();
        double a3 = 10 * random.nextDouble();
        int group = a1 + a2 <= THRESHOLDS[function] ? 0 : 1;
        if (1 + random.nextInt(100) <= noisePercentage) {
            group = 1 - group;
        }
        xOut[0] = (float) (a1 / 10);
        xOut[1] = (float) (a2 / 10);
        xOut[2] = (float) (a3 / 10);
        return group;
    }

    @Override
    public double[] abruptDriftTimesS() {
        return java.util.Arrays.stream(driftTimesS).filter(t -> t <= lastTimeS()).toArray();
    }

    @Override
    public boolean knowsConcept() {
        return true;
    }

    @Override
    public double currentConceptLabel(float[] x) {
        return label(x, THRESHOLDS[function]);
    }

    @Override
    public double preDriftConceptLabel(float[] x) {
        return label(x, THRESHOLDS[Math.max(function - 1, 0)]);
    }

    private static double label(float[] x, double theta) {
        return 10.0 * x[0] + 10.0 * x[1] <= theta ? 0 : 1;
    }

    /** @return the MOA function number (1-4) in force at the latest sample */
    public int function() {
        return function + 1;
    }
}

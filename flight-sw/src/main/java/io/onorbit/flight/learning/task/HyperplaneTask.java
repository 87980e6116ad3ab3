package io.onorbit.flight.learning.task;

import java.util.Random;

/**
 * MOA's rotating hyperplane ({@code HyperplaneGenerator}, Hulten et al. 2001): attributes x_i
 * uniform in [0, 1); label 1 if sum w_i x_i &ge; w0 with w0 = 0.5 sum w_i, else 0; each label
 * flipped with probability noisePercentage/100. After every sample the first numDriftAtts weights
 * move by sigma_i * magChange and each sigma_i reverses with probability sigmaPercentage/100. Same
 * draw order as MOA ({@link Random}: weights at start, then per sample attributes, noise, and one
 * reversal draw per drifting attribute). Gradual drift only: no abrupt drift times.
 *
 * <p>Features are the attributes (dimensionless, [0, 1)); label in {0, 1}.
 */
public final class HyperplaneTask extends TaskStream {

    private final Random random;
    private final double[] weights;
    private final int[] sigma;
    private final int numDriftAtts;
    private final double magChange;
    private final int noisePercentage;
    private final int sigmaPercentage;

    /**
     * @param seed            MOA's instanceRandomSeed
     * @param numAtts         attributes (MOA default 10), &ge; 1
     * @param numDriftAtts    drifting attributes (MOA default 2), in [0, numAtts]
     * @param magChange       weight change per sample (MOA default 0; 0.001 is common), in [0, 1]
     * @param noisePercentage label noise, percent (MOA default 5)
     * @param sigmaPercentage chance of reversing a drift direction, percent (MOA default 10)
     * @param samplePeriodS   time between samples, s (&gt; 0)
     * @param durationS       stream length, s
     */
    public HyperplaneTask(long seed, int numAtts, int numDriftAtts, double magChange, int noisePercentage,
                          int sigmaPercentage, double samplePeriodS, double durationS) {
        super("hyperplane", numAtts, "class", true, samplePeriodS, durationS);
        if (numAtts < 1 || numDriftAtts < 0 || numDriftAtts > numAtts) {
            throw new IllegalArgumentException("hyperplane: numAtts must be >= 1 and numDriftAtts in [0, numAtts]");
        }
        if (!(magChange >= 0 && magChange <= 1) || noisePercentage < 0 || noisePercentage > 100
                || sigmaPercentage < 0 || sigmaPercentage > 100) {
            throw new IllegalArgumentException("hyperplane: magChange must be in [0, 1], percentages in [0, 100]");
        }
        if (!(samplePeriodS > 0) || !(durationS >= samplePeriodS)) {
            throw new IllegalArgumentException("hyperplane: samplePeriodS must be > 0 and durationS >= samplePeriodS");
        }
        this.random = new Random(seed);
        this.weights = new double[numAtts];
        this.sigma = new int[numAtts];
        for (int i = 0; i < numAtts; i++) {
            weights[i] = random.nextDouble();
            sigma[i] = i < numDriftAtts ? 1 : 0;
        }
        this.numDriftAtts = numDriftAtts;
        this.magChange = magChange;
        this.noisePercentage = noisePercentage;
        this.sigmaPercentage = sigmaPercentage;
    }

    /** @return the stream with MOA's defaults (10 attributes, 2 drifting, noise 5%, sigma 10%) and magChange 0.001 */
    public static HyperplaneTask moaDefaults(long seed, double samplePeriodS, double durationS) {
        return new HyperplaneTask(seed, 10, 2, 0.001, 5, 10, samplePeriodS, durationS);
    }

    @Override
    public boolean driftsGradually() {
        return magChange > 0 && numDriftAtts > 0;
    }

    @Override
    public float next(float[] xOut) {
        advance();
        double sum = 0;
        double sumWeights = 0;
        for (int i = 0; i < weights.length; i++) {
            double x = random.nextDouble();
            xOut[i] = (float) x;
            sum += weights[i] * x;
            sumWeights += weights[i];
        }
        int label = sum >= sumWeights * 0.5 ? 1 : 0;
        if (1 + random.nextInt(100) <= noisePercentage) {
            label = 1 - label;
        }
        // The concept used for this sample is now in the past; the oracle sees the drifted one.
        for (int i = 0; i < numDriftAtts; i++) {
            weights[i] += sigma[i] * magChange;
            if (1 + random.nextInt(100) <= sigmaPercentage) {
                sigma[i] = -sigma[i];
            }
        }
        return label;
    }

    @Override
    public double[] abruptDriftTimesS() {
        return new double[0];
    }

    @Override
    public boolean knowsConcept() {
        return true;
    }

    @Override
    public double currentConceptLabel(float[] x) {
        double sum = 0;
        double sumWeights = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * x[i];
            sumWeights += weights[i];
        }
        return sum >= sumWeights * 0.5 ? 1 : 0;
    }

    /** No abrupt drift: the concept before the latest one is the current one. */
    @Override
    public double preDriftConceptLabel(float[] x) {
        return currentConceptLabel(x);
    }

    /** @return a copy of the current weights w_i */
    public double[] weights() {
        return weights.clone();
    }
}

package io.onorbit.flight.learning.task;

/**
 * How the solar array ages in a {@link SolarArrayTask}.
 *
 * @param samplePeriodS          time between telemetry samples, s (&gt; 0)
 * @param strings                parallel strings in the array, &ge; 1
 * @param failedStrings          strings lost in the abrupt failure, in [0, strings)
 * @param stringFailureTimeS     when they fail, s since the schedule epoch
 * @param degradationPerYear     gradual power loss, fraction per year in [0, 0.5] (radiation, UV; ~0.01-0.04)
 * @param sensorBiasDriftKPerDay drift of the panel temperature sensor's bias, K/day
 * @param noiseFraction          telemetry noise on the label, standard deviation as a fraction of nominal power
 * @param seed                   noise seed
 */
public record SolarArrayScenario(double samplePeriodS, int strings, int failedStrings, double stringFailureTimeS,
                                 double degradationPerYear, double sensorBiasDriftKPerDay, double noiseFraction,
                                 long seed) {

    public SolarArrayScenario {
        if (!(samplePeriodS > 0)) {
            throw new IllegalArgumentException("solar array: samplePeriodS " + samplePeriodS + " must be > 0");
        }
        if (strings < 1 || failedStrings < 0 || failedStrings >= strings) {
            throw new IllegalArgumentException("solar array: strings must be >= 1 and failedStrings in [0, strings)");
        }
        if (!(stringFailureTimeS >= 0)) {
            throw new IllegalArgumentException("solar array: stringFailureTimeS must be >= 0");
        }
        if (!(degradationPerYear >= 0 && degradationPerYear <= 0.5)) {
            throw new IllegalArgumentException("solar array: degradationPerYear " + degradationPerYear + " must be in [0, 0.5]");
        }
        if (!(Math.abs(sensorBiasDriftKPerDay) <= 10)) {
            throw new IllegalArgumentException("solar array: sensorBiasDriftKPerDay must be in [-10, 10]");
        }
        if (!(noiseFraction >= 0 && noiseFraction <= 0.5)) {
            throw new IllegalArgumentException("solar array: noiseFraction must be in [0, 0.5]");
        }
    }

    /**
     * @param stringFailureTimeS when one of eight strings fails, s
     * @return 60 s samples, 8 strings with one failing, 3 %/yr degradation, 0.5 K/day bias drift, 1 % noise
     */
    public static SolarArrayScenario defaults(double stringFailureTimeS) {
        return new SolarArrayScenario(60, 8, 1, stringFailureTimeS, 0.03, 0.5, 0.01, 1L);
    }

    public SolarArrayScenario withSamplePeriodS(double v) {
        return new SolarArrayScenario(v, strings, failedStrings, stringFailureTimeS, degradationPerYear,
                sensorBiasDriftKPerDay, noiseFraction, seed);
    }

    public SolarArrayScenario withStringFailure(int failed, double timeS) {
        return new SolarArrayScenario(samplePeriodS, strings, failed, timeS, degradationPerYear,
                sensorBiasDriftKPerDay, noiseFraction, seed);
    }

    public SolarArrayScenario withDegradationPerYear(double v) {
        return new SolarArrayScenario(samplePeriodS, strings, failedStrings, stringFailureTimeS, v,
                sensorBiasDriftKPerDay, noiseFraction, seed);
    }

    public SolarArrayScenario withSensorBiasDriftKPerDay(double v) {
        return new SolarArrayScenario(samplePeriodS, strings, failedStrings, stringFailureTimeS, degradationPerYear,
                v, noiseFraction, seed);
    }

    public SolarArrayScenario withNoiseFraction(double v) {
        return new SolarArrayScenario(samplePeriodS, strings, failedStrings, stringFailureTimeS, degradationPerYear,
                sensorBiasDriftKPerDay, v, seed);
    }

    public SolarArrayScenario withSeed(long v) {
        return new SolarArrayScenario(samplePeriodS, strings, failedStrings, stringFailureTimeS, degradationPerYear,
                sensorBiasDriftKPerDay, noiseFraction, v);
    }
}

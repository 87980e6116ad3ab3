package io.onorbit.flight.learning;

/**
 * How the drift experiment compares learners (the mission file's {@code learning.experiment}).
 *
 * @param warmupS                commissioning span whose samples train the deployed model before
 *                               evaluation starts, s (&gt; 0)
 * @param fadingFactor           prequential fading factor alpha in (0, 1] (the closed loop's error curves)
 * @param groundLatencyS         time from a ground refit to the new model being usable on board, s
 *                               (it is uplinked at the first contact after that), &ge; 0
 * @param groundRetrainIntervalS time between ground refits, s (&gt; 0)
 * @param groundWindowS          the ground refits on the samples downlinked from the last
 *                               {@code groundWindowS} before the refit (a sliding window), s (&gt; 0)
 * @param oracleRefitIntervalS   time between oracle refits (it is also refit at every abrupt drift), s (&gt; 0)
 * @param oracleWindowS          span of recent samples the oracle relabels with the true current concept, s (&gt; 0)
 * @param pretrainEpochs         epochs of the pre-launch fit, &ge; 1
 * @param refitEpochs            epochs of each ground and oracle refit (warm-started), &ge; 1
 * @param recoveryWindowS        recovery is judged on the mean loss over a trailing window of this
 *                               length, s (&gt; 0)
 * @param recoveryHoldS          how long a recovery criterion must hold to count, s (&ge; 0)
 * @param seed                   seed of the fits' shuffles
 */
public record DriftExperimentSettings(double warmupS, double fadingFactor, double groundLatencyS,
                                      double groundRetrainIntervalS, double groundWindowS, double oracleRefitIntervalS,
                                      double oracleWindowS, int pretrainEpochs, int refitEpochs,
                                      double recoveryWindowS, double recoveryHoldS, long seed) {

    public DriftExperimentSettings {
        if (!(warmupS > 0)) {
            throw new IllegalArgumentException("experiment: warmupS " + warmupS + " must be > 0");
        }
        if (!(fadingFactor > 0 && fadingFactor <= 1)) {
            throw new IllegalArgumentException("experiment: fadingFactor " + fadingFactor + " must be in (0, 1]");
        }
        if (!(groundLatencyS >= 0) || !(groundRetrainIntervalS > 0) || !(groundWindowS > 0) || !(oracleRefitIntervalS > 0)
                || !(oracleWindowS > 0) || !(recoveryWindowS > 0) || !(recoveryHoldS >= 0)) {
            throw new IllegalArgumentException("experiment: latency and hold must be >= 0 s, intervals and windows > 0 s");
        }
        if (pretrainEpochs < 1 || refitEpochs < 1) {
            throw new IllegalArgumentException("experiment: pretrainEpochs and refitEpochs must be >= 1");
        }
    }

    /**
     * @return 1 day warm-up, alpha 0.98, daily ground refits on the last 2 days downlinked, used
     *         from the first contact 1 day after the refit (downlink, refit, validation, uplink
     *         planning), 6-hourly oracle refits on the last day, recovery judged on 6-hour means
     *         held for 1 hour
     */
    public static DriftExperimentSettings defaults() {
        return new DriftExperimentSettings(86400, 0.98, 86400, 86400, 2 * 86400, 6 * 3600, 86400, 150, 15, 6 * 3600,
                3600, 1L);
    }

    public DriftExperimentSettings withWarmupS(double v) {
        return new DriftExperimentSettings(v, fadingFactor, groundLatencyS, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, recoveryWindowS, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withFadingFactor(double v) {
        return new DriftExperimentSettings(warmupS, v, groundLatencyS, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, recoveryWindowS, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withGroundLatencyS(double v) {
        return new DriftExperimentSettings(warmupS, fadingFactor, v, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, recoveryWindowS, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withGroundRetrainIntervalS(double v) {
        return new DriftExperimentSettings(warmupS, fadingFactor, groundLatencyS, v, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, recoveryWindowS, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withGroundWindowS(double v) {
        return new DriftExperimentSettings(warmupS, fadingFactor, groundLatencyS, groundRetrainIntervalS, v,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, recoveryWindowS, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withRecoveryWindowS(double v) {
        return new DriftExperimentSettings(warmupS, fadingFactor, groundLatencyS, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, v, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withEpochs(int pretrain, int refit) {
        return new DriftExperimentSettings(warmupS, fadingFactor, groundLatencyS, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrain, refit, recoveryWindowS, recoveryHoldS, seed);
    }
}

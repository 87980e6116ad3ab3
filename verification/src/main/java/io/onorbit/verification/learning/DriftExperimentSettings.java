package io.onorbit.verification.learning;

import io.onorbit.ground.config.ConfigNode;
import java.util.List;
import java.util.Optional;

/**
 * How the drift experiment compares learners, and how the ground fits and scores the launch model
 * (the mission file's {@code learning.experiment}). These are the ground's and the instruments'
 * settings, not the spacecraft's: the mission loader leaves {@code learning.experiment} to this
 * type, which {@link #read} reads once from the same parsed document when a command loads the
 * mission ({@code verification.sim.MissionFile}), so a typo there is still reported by any command.
 * It lives in this package, not beside the study, because the closed loop uses it too (launch
 * model fit, prequential error) and {@code verification.sim} must not depend on the study.
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

    private static final double DAY_S = 86400.0;
    private static final List<String> KEYS = List.of("warmup_days", "fading_factor", "ground_latency_days",
            "ground_retrain_interval_days", "ground_window_days", "oracle_refit_interval_h", "oracle_window_days",
            "pretrain_epochs", "refit_epochs", "recovery_window_h", "recovery_hold_s");

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
     *         held for one window (6 hours)
     */
    public static DriftExperimentSettings defaults() {
        return new DriftExperimentSettings(86400, 0.98, 86400, 86400, 2 * 86400, 6 * 3600, 86400, 150, 15, 6 * 3600,
                6 * 3600, 1L);
    }

    /**
     * @param section the mission's {@code learning.experiment} node, empty if absent
     * @param seed    seed of the fits' shuffles when the section is given (the mission's
     *                {@code learning.seed}); an absent section keeps {@link #defaults()}' seed, as
     *                it always has, so that no bundled mission's figures move
     * @return its settings, defaults for every key not given
     * @throws io.onorbit.ground.config.ConfigException naming file, field and reason, for a bad value
     */
    public static DriftExperimentSettings read(Optional<ConfigNode> section, long seed) {
        DriftExperimentSettings e = defaults();
        if (section.isEmpty()) {
            return e;
        }
        ConfigNode x = section.get();
        x.allowOnly(KEYS);
        double windowS = x.number("recovery_window_h", e.recoveryWindowS() / 3600, 0.1, 720) * 3600;
        return new DriftExperimentSettings(x.number("warmup_days", e.warmupS() / DAY_S, 0.01, 365) * DAY_S,
                x.number("fading_factor", e.fadingFactor(), 0.5, 1),
                x.number("ground_latency_days", e.groundLatencyS() / DAY_S, 0, 365) * DAY_S,
                x.number("ground_retrain_interval_days", e.groundRetrainIntervalS() / DAY_S, 0.01, 365) * DAY_S,
                x.number("ground_window_days", e.groundWindowS() / DAY_S, 0.01, 365) * DAY_S,
                x.number("oracle_refit_interval_h", e.oracleRefitIntervalS() / 3600, 0.1, 8760) * 3600,
                x.number("oracle_window_days", e.oracleWindowS() / DAY_S, 0.01, 365) * DAY_S,
                (int) x.integer("pretrain_epochs", e.pretrainEpochs(), 1, 10_000),
                (int) x.integer("refit_epochs", e.refitEpochs(), 1, 10_000),
                windowS,
                // One window by default: a claim that holds until the window has renewed all its samples
                // rests on two disjoint windows, not on one window re-read (WindowedRecovery).
                x.number("recovery_hold_s", windowS, 0, 30 * DAY_S), seed);
    }

    public DriftExperimentSettings withGroundLatencyS(double v) {
        return new DriftExperimentSettings(warmupS, fadingFactor, v, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrainEpochs, refitEpochs, recoveryWindowS, recoveryHoldS, seed);
    }

    public DriftExperimentSettings withEpochs(int pretrain, int refit) {
        return new DriftExperimentSettings(warmupS, fadingFactor, groundLatencyS, groundRetrainIntervalS, groundWindowS,
                oracleRefitIntervalS, oracleWindowS, pretrain, refit, recoveryWindowS, recoveryHoldS, seed);
    }
}

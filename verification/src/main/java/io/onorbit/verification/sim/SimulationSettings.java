package io.onorbit.verification.sim;

import io.onorbit.ground.config.ConfigNode;
import java.util.Set;

/**
 * How the loop steps, read from the mission file's {@code simulation} section.
 *
 * @param stepS             fixed step, s, in [1, 120]
 * @param syncIntervalS     ground synchronization period (archive, review, aggregate), s, in [stepS, 86400]
 * @param checkpointIntervalS how often the learner checkpoints to storage, s, in [stepS, 86400]
 * @param threads           worker threads over satellites, in [1, 64]
 */
public record SimulationSettings(double stepS, double syncIntervalS, double checkpointIntervalS, int threads) {

    /** Keys of the {@code simulation} section. */
    public static final Set<String> KEYS = Set.of("step_s", "sync_interval_s", "checkpoint_interval_s", "threads");
    /** A key that moved: the engine is the training payload's hardware, not a simulation setting. */
    static final String MOVED_OPTIMIZER = "optimizer";

    public SimulationSettings {
        if (!(stepS >= 1 && stepS <= 120)) {
            throw new IllegalArgumentException("simulation.step_s " + stepS + " is outside [1, 120]");
        }
        if (!(syncIntervalS >= stepS && syncIntervalS <= 86400)) {
            throw new IllegalArgumentException("simulation.sync_interval_s " + syncIntervalS + " is outside [step_s, 86400]");
        }
        if (Math.abs(syncIntervalS / stepS - Math.rint(syncIntervalS / stepS)) > 1e-9) {
            // Every interval must start on the step grid the power envelope was planned on.
            throw new IllegalArgumentException("simulation.sync_interval_s " + syncIntervalS
                    + " must be a whole multiple of step_s " + stepS);
        }
        if (!(checkpointIntervalS >= stepS && checkpointIntervalS <= 86400)) {
            throw new IllegalArgumentException("simulation.checkpoint_interval_s " + checkpointIntervalS
                    + " is outside [step_s, 86400]");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("simulation.threads " + threads + " is outside [1, 64]");
        }
    }

    /** @return 30 s steps, hourly ground sync and checkpoints, one thread per core (at most 64) */
    public static SimulationSettings defaults() {
        return new SimulationSettings(30, 3600, 3600, Math.min(64, Runtime.getRuntime().availableProcessors()));
    }

    /** @return a copy with another step */
    public SimulationSettings withStepS(double s) {
        return new SimulationSettings(s, Math.max(1, Math.rint(syncIntervalS / s)) * s, Math.max(s, checkpointIntervalS), threads);
    }

    /** @return a copy with another thread count */
    public SimulationSettings withThreads(int n) {
        return new SimulationSettings(stepS, syncIntervalS, checkpointIntervalS, n);
    }

    /**
     * @param section the mission's {@code simulation} node, or null if absent
     * @return the settings, defaults for anything not given
     */
    public static SimulationSettings read(ConfigNode section) {
        SimulationSettings d = defaults();
        if (section == null) {
            return d;
        }
        if (section.has(MOVED_OPTIMIZER)) {
            throw section.error(MOVED_OPTIMIZER, "has moved: set spacecraft.training_payload.engine (analog or digital)");
        }
        section.allowOnly(KEYS);
        double step = section.number("step_s", d.stepS(), 1, 120);
        double sync = section.number("sync_interval_s", d.syncIntervalS(), step, 86400);
        double ckpt = section.number("checkpoint_interval_s", d.checkpointIntervalS(), step, 86400);
        int threads = (int) section.integer("threads", d.threads(), 1, 64);
        if (Math.abs(sync / step - Math.rint(sync / step)) > 1e-9) {
            throw section.error("sync_interval_s", sync + " must be a whole multiple of step_s " + step);
        }
        return new SimulationSettings(step, sync, ckpt, threads);
    }
}

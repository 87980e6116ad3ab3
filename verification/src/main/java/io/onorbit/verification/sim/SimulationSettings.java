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
 * @param optimizer         the flight optimizer the trainer uses: "analog" or "digital"
 */
public record SimulationSettings(double stepS, double syncIntervalS, double checkpointIntervalS, int threads,
                                 String optimizer) {

    /** Keys of the {@code simulation} section. */
    public static final Set<String> KEYS = Set.of("step_s", "sync_interval_s", "checkpoint_interval_s", "threads",
            "optimizer");
    /** Optimizer choices. */
    public static final Set<String> OPTIMIZERS = Set.of("analog", "digital");

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
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("simulation.optimizer '" + optimizer + "' is not one of " + OPTIMIZERS);
        }
    }

    /** @return 30 s steps, hourly ground sync and checkpoints, one thread per core (at most 64), analog optimizer
     */
    public static SimulationSettings defaults() {
        return new SimulationSettings(30, 3600, 3600, Math.min(64, Runtime.getRuntime().availableProcessors()), "analog");
    }

    /** @return a copy with another step */
    public SimulationSettings withStepS(double s) {
        return new SimulationSettings(s, Math.max(1, Math.rint(syncIntervalS / s)) * s, Math.max(s, checkpointIntervalS), threads,
                optimizer);
    }

    /** @return a copy with another thread count */
    public SimulationSettings withThreads(int n) {
        return new SimulationSettings(stepS, syncIntervalS, checkpointIntervalS, n, optimizer);
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
        section.allowOnly(KEYS);
        double step = section.number("step_s", d.stepS(), 1, 120);
        double sync = section.number("sync_interval_s", d.syncIntervalS(), step, 86400);
        double ckpt = section.number("checkpoint_interval_s", d.checkpointIntervalS(), step, 86400);
        int threads = (int) section.integer("threads", d.threads(), 1, 64);
        if (Math.abs(sync / step - Math.rint(sync / step)) > 1e-9) {
            throw section.error("sync_interval_s", sync + " must be a whole multiple of step_s " + step);
        }
        String optimizer = section.choice("optimizer", d.optimizer(), OPTIMIZERS);
        return new SimulationSettings(step, sync, ckpt, threads, optimizer);
    }
}

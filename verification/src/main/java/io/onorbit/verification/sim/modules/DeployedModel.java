package io.onorbit.verification.sim.modules;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.verification.learning.BatchFitter;
import io.onorbit.verification.learning.DriftExperimentSettings;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The model every satellite carries at launch (global version 0, the first in the archive): fitted on the ground, before
 * launch, to the predicted environment of the commissioning span (the experiment's warm-up) of
 * the whole constellation, with noise streams of their own: satellite k in name order (k = 0 ..
 * n-1) gives its samples k, k + n, k + 2n, ..., so the fit sees every satellite, costs what one
 * satellite's span costs, and does not depend on the order the mission file lists them in. One
 * model for the whole constellation, so that deltas share a base and can be averaged.
 *
 * @param parameters the parameters
 * @param version    their identity (version 0)
 */
public record DeployedModel(float[] parameters, ModelVersion version) {

    /** Noise seed offset of the pre-launch streams, so they differ from every satellite's own. */
    private static final long PRELAUNCH_SEED_OFFSET = 0x5EED_1A0CL;

    /** @return the pre-launch fit for one satellite's {@code schedule} under {@code config} and {@code experiment} */
    public static DeployedModel fit(OnboardSchedule schedule, LearningConfig config, DriftExperimentSettings experiment) {
        return fit(List.of(schedule), config, experiment);
    }

    /**
     * @param schedules every satellite's schedule (any order: they are taken in name order)
     * @param config     the learning section
     * @param experiment the learning section's {@code experiment}: warm-up span, pre-launch epochs, fit seed
     * @return the pre-launch fit on the constellation's commissioning span
     */
    public static DeployedModel fit(List<OnboardSchedule> schedules, LearningConfig config,
                                    DriftExperimentSettings experiment) {
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("launch model: at least one schedule is needed");
        }
        List<OnboardSchedule> byName = schedules.stream().sorted(Comparator.comparing(OnboardSchedule::satellite)).toList();
        int sats = byName.size();
        int d = config.createTask(byName.get(0), 0).featureCount();
        float[] xs = new float[1024 * d];
        float[] ys = new float[1024];
        float[] x = new float[d];
        int n = 0;
        for (int k = 0; k < sats; k++) {
            OnboardSchedule schedule = byName.get(k);
            DriftTask pre = config.createTask(schedule, config.solar().seed() + PRELAUNCH_SEED_OFFSET + k);
            double warmupS = Math.min(experiment.warmupS(), schedule.durationS());
            long index = 0;
            while (pre.hasNext()) {
                float y = pre.next(x);
                if (pre.timeS() >= warmupS) {
                    break;
                }
                if (index++ % sats != k) {
                    continue;
                }
                if (n == ys.length) {
                    ys = Arrays.copyOf(ys, 2 * n);
                    xs = Arrays.copyOf(xs, 2 * n * d);
                }
                System.arraycopy(x, 0, xs, n * d, d);
                ys[n++] = y;
            }
        }
        DenseNetwork net = new DenseNetwork(config.trainer().widths(d), config.trainer().seed(), MemoryAccountant.unbounded());
        if (n > 0) {
            new BatchFitter(experiment.pretrainEpochs(), 32, 0.01, experiment.seed()).fit(net, xs, ys, 0, n);
        }
        float[] p = net.parameters();
        return new DeployedModel(p, ModelVersion.of(0, p));
    }
}

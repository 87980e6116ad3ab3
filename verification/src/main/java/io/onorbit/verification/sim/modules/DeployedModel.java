package io.onorbit.verification.sim.modules;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.eval.BatchFitter;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.model.ModelVersion;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.Arrays;

/**
 * The model every satellite carries at launch (global version 0, the first in the archive): fitted on the ground, before
 * launch, to the predicted environment of the commissioning span (the experiment's warm-up) of
 * the first satellite, with a noise stream of its own. One model for the whole constellation,
 * so that deltas share a base and can be averaged.
 *
 * @param parameters the parameters
 * @param version    their identity (version 0)
 */
public record DeployedModel(float[] parameters, ModelVersion version) {

    /** Noise seed offset of the pre-launch stream, so it differs from every satellite's own. */
    private static final long PRELAUNCH_SEED_OFFSET = 0x5EED_1A0CL;

    /** @return the pre-launch fit for {@code schedule} under {@code config} */
    public static DeployedModel fit(OnboardSchedule schedule, LearningConfig config) {
        DriftTask pre = config.createTask(schedule, config.solar().seed() + PRELAUNCH_SEED_OFFSET);
        int d = pre.featureCount();
        double warmupS = Math.min(config.experiment().warmupS(), schedule.durationS());
        float[] xs = new float[1024 * d];
        float[] ys = new float[1024];
        float[] x = new float[d];
        int n = 0;
        while (pre.hasNext()) {
            float y = pre.next(x);
            if (pre.timeS() >= warmupS) {
                break;
            }
            if (n == ys.length) {
                ys = Arrays.copyOf(ys, 2 * n);
                xs = Arrays.copyOf(xs, 2 * n * d);
            }
            System.arraycopy(x, 0, xs, n * d, d);
            ys[n++] = y;
        }
        DenseNetwork net = new DenseNetwork(config.trainer().widths(d), config.trainer().seed(), MemoryAccountant.unbounded());
        if (n > 0) {
            new BatchFitter(config.experiment().pretrainEpochs(), 32, 0.01, config.experiment().seed()).fit(net, xs, ys, 0, n);
        }
        float[] p = net.parameters();
        return new DeployedModel(p, ModelVersion.of(0, p));
    }
}

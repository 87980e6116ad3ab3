package io.onorbit.verification.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Federation on the learning engineer's default drift task (solar-array power with sensor bias
 * drift and degradation): a deployed network fitted at commissioning, ten satellites at different
 * beta angles each hold ~180 samples from the day after the drift; over four rounds (passes)
 * each fine-tunes the current global model for ten epochs and sends its delta, the ground merges
 * them. "Own" = the same forty epochs on the satellite's own samples only. Error: mean squared
 * error of normalised array power (noise floor 1e-4 = 1 % noise squared) on held-out samples
 * of the following day, pooled over all satellites.
 */
class SolarArrayFederationTest {

    static final int SATELLITES = 10;
    static final double LR = 0.003; // Adam step
    static final double DAY_S = 86400;
    static final double SPAN_S = 30 * DAY_S;
    static final double PERIOD_S = 120;
    static final int ROUNDS = 4; // passes: fine-tune, downlink, merge, uplink
    static final int EPOCHS = 10; // local epochs per round

    record Data(float[] xs, float[] ys, int count) {
    }

    /** Samples of one satellite's stream with times in [fromS, toS), every {@code stride}-th. */
    static Data samples(OnboardSchedule schedule, SolarArrayScenario scenario, double fromS, double toS, int stride) {
        SolarArrayTask task = new SolarArrayTask(schedule, scenario);
        int d = task.featureCount();
        float[] x = new float[d];
        List<float[]> rows = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        long k = 0;
        while (task.hasNext()) {
            float y = task.next(x);
            double t = task.timeS();
            if (t >= toS) {
                break;
            }
            if (t >= fromS && k++ % stride == 0) {
                rows.add(x.clone());
                ys.add(y);
            }
        }
        float[] fx = new float[rows.size() * d];
        float[] fy = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, fx, i * d, d);
            fy[i] = ys.get(i);
        }
        return new Data(fx, fy, rows.size());
    }

    static double mse(DenseNetwork net, float[] params, Data v) {
        net.setParameters(params);
        int d = net.inputSize();
        float[] x = new float[d];
        double s = 0;
        for (int i = 0; i < v.count(); i++) {
            System.arraycopy(v.xs(), i * d, x, 0, d);
            double e = net.predict(x) - v.ys()[i];
            s += e * e;
        }
        return s / v.count();
    }

    @Test
    void mergedBeatsEachSatelliteAndRobustRulesResistPoison() {
        SolarArrayScenario base = SolarArrayScenario.defaults(SPAN_S * 2).withStringFailure(0, SPAN_S * 2)
                .withSamplePeriodS(PERIOD_S);
        int[] widths = LearningSettings.defaults().widths(4);
        DenseNetwork net = new DenseNetwork(widths, 1L, MemoryAccountant.unbounded());
        OnboardSchedule reference = SyntheticSchedule.circular(SPAN_S, 550, 30, 6);
        Data commissioning = samples(reference, base.withSeed(100), 0, DAY_S, 1);
        new BatchFitter(40, 32, 0.01, 7).fit(net, commissioning.xs(), commissioning.ys(), 0, commissioning.count());
        float[] p0 = net.parameters();

        List<Data> locals = new ArrayList<>();
        List<Data> validations = new ArrayList<>();
        long[] weights = new long[SATELLITES];
        for (int s = 0; s < SATELLITES; s++) {
            OnboardSchedule sch = SyntheticSchedule.circular(SPAN_S, 550, -60 + 13.0 * s, 6);
            SolarArrayScenario sc = base.withSeed(200 + s);
            locals.add(samples(sch, sc, SPAN_S - 2 * DAY_S, SPAN_S - DAY_S, 4));
            validations.add(samples(sch, sc.withSeed(900 + s), SPAN_S - DAY_S, SPAN_S, 3));
            weights[s] = locals.get(s).count();
        }
        Data validation = pool(validations);
        double deployed = mse(net, p0, validation);
        // Each satellite alone: ROUNDS x EPOCHS epochs on its own samples, from the deployed model.
        double[] single = new double[SATELLITES];
        List<float[]> ownParams = new ArrayList<>();
        for (int s = 0; s < SATELLITES; s++) {
            net.setParameters(p0);
            new BatchFitter(ROUNDS * EPOCHS, 16, LR, 11 + s).fit(net, locals.get(s).xs(), locals.get(s).ys(), 0,
                    locals.get(s).count());
            single[s] = mse(net, net.parameters(), validation);
            ownParams.add(net.parameters());
        }
        float[] fedParams = federate(net, p0, locals, weights, Aggregator.fedAvg(), 0);
        double fedClean = mse(net, fedParams, validation);
        int mergedWinsOwnData = 0;
        for (int s = 0; s < SATELLITES; s++) {
            if (mse(net, fedParams, validations.get(s)) < mse(net, ownParams.get(s), validations.get(s))) {
                mergedWinsOwnData++;
            }
        }
        double fedPoisoned = mse(net, federate(net, p0, locals, weights, Aggregator.fedAvg(), SATELLITES / 5), validation);
        double medPoisoned = mse(net, federate(net, p0, locals, weights, Aggregator.median(), SATELLITES / 5), validation);
        double trimClean = mse(net, federate(net, p0, locals, weights, Aggregator.trimmedMean(0.2), 0), validation);
        double trimPoisoned = mse(net, federate(net, p0, locals, weights, Aggregator.trimmedMean(0.2), SATELLITES / 5), validation);
        System.out.printf(Locale.ROOT, "solar-array task, %d satellites, validation MSE (normalised power^2): deployed %.3e |"
                        + " single best %.3e mean %.3e worst %.3e | fedavg clean %.3e poisoned %.3e | median poisoned %.3e"
                        + " | trimmed(0.2) clean %.3e poisoned %.3e%n", SATELLITES, deployed,
                Arrays.stream(single).min().orElseThrow(), Arrays.stream(single).average().orElseThrow(),
                Arrays.stream(single).max().orElseThrow(), fedClean, fedPoisoned, medPoisoned, trimClean, trimPoisoned);
        System.out.printf(Locale.ROOT, "  merged beats the satellite's own model on that satellite's own validation data"
                + " for %d of %d satellites%n", mergedWinsOwnData, SATELLITES);
        assertThat(fedClean).as("merged beats every satellite's own model").isLessThan(Arrays.stream(single).min().orElseThrow());
        assertThat(fedClean).as("and the deployed one").isLessThan(deployed);
        assertThat(mergedWinsOwnData).isGreaterThanOrEqualTo(8);
        assertThat(medPoisoned).isLessThanOrEqualTo(1.10 * fedClean);
        assertThat(trimPoisoned).isLessThanOrEqualTo(1.10 * fedClean);
        assertThat(fedPoisoned).isGreaterThan(1.10 * fedClean);
    }

    /**
     * ROUNDS passes: each satellite fine-tunes the current global model for EPOCHS epochs on its
     * samples and sends the delta; the first {@code poisoned} send it sign-flipped and x20.
     */
    static float[] federate(DenseNetwork net, float[] p0, List<Data> locals, long[] w, Aggregator a, int poisoned) {
        float[] g = p0.clone();
        for (int round = 0; round < ROUNDS; round++) {
            List<float[]> deltas = new ArrayList<>();
            for (int s = 0; s < locals.size(); s++) {
                net.setParameters(g);
                new BatchFitter(EPOCHS, 16, LR, 1000L * round + s).fit(net, locals.get(s).xs(), locals.get(s).ys(), 0,
                        locals.get(s).count());
                float[] p = net.parameters();
                float[] delta = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    delta[i] = (p[i] - g[i]) * (s < poisoned ? -20f : 1f);
                }
                deltas.add(delta);
            }
            double[] c = a.combine(deltas, w);
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (g[i] + c[i]);
            }
        }
        return g;
    }

    static Data pool(List<Data> parts) {
        int n = parts.stream().mapToInt(Data::count).sum();
        int d = parts.get(0).xs().length / Math.max(1, parts.get(0).count());
        float[] xs = new float[n * d];
        float[] ys = new float[n];
        int at = 0;
        for (Data p : parts) {
            System.arraycopy(p.xs(), 0, xs, at * d, p.count() * d);
            System.arraycopy(p.ys(), 0, ys, at, p.count());
            at += p.count();
        }
        return new Data(xs, ys, n);
    }
}

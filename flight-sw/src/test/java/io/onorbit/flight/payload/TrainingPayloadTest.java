package io.onorbit.flight.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.optimizer.AnalogOptimizer;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrainingPayloadTest {

    private static final int FEATURES = 3;
    private static final LearningSettings SMALL = LearningSettings.defaults().withHiddenLayers(4).withBatchSize(4)
            .withReplay(8, 2).withMemoryBudgetBytes(4096);

    private static TrainingPayload payload(PayloadSpec spec) {
        return TrainingPayload.of(spec, FEATURES, SMALL, spec.engine() == PayloadEngine.ANALOG
                ? AnalogOptimizer.withDefaults() : DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD));
    }

    private static float sample(SplittableRandom r, float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return 0.5f * x[0] - 0.25f * x[1] + 0.1f;
    }

    /** The books balance: sum over states of W x s is the energy reported; samples are all accounted for. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void booksBalance(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (PayloadSpec spec : new PayloadSpec[] {PayloadSpec.analogMcuHost(), PayloadSpec.digitalProcessor(),
            PayloadSpec.digitalProcessor().withIdleW(0)}) {
            TrainingPayload p = payload(spec);
            float[] x = new float[FEATURES];
            double sumStepJ = 0;
            for (int k = 0; k < 300; k++) {
                int arriving = r.nextInt(4);
                for (int i = 0; i < arriving; i++) {
                    p.offer(x, sample(r, x));
                }
                double env = r.nextInt(3) == 0 ? 0 : 2.5 * r.nextDouble();
                PayloadStep s = p.run(env, 30, (xs, y, pred, served) -> { });
                assertThat(s.drawnJ()).isLessThanOrEqualTo(env * 30 * (1 + 1e-12) + 1e-12);
                sumStepJ += s.drawnJ();
            }
            double byState = 0;
            for (PowerState st : PowerState.values()) {
                byState += spec.drawW(st) * p.seconds(st);
            }
            assertThat(p.energyJ()).isCloseTo(byState, within(1e-9 * (1 + byState)));
            assertThat(p.energyJ()).isCloseTo(sumStepJ, within(1e-9 * (1 + sumStepJ)));
            assertThat(p.elapsedS()).isCloseTo(300 * 30.0, within(1e-6));
            assertThat(p.dutyFraction()).isBetween(0.0, 1.0);
            assertThat(p.samplesSeen()).isEqualTo(p.samplesTrained() + p.samplesDropped() + p.buffered());
            assertThat(p.countedWorkJ()).isPositive().isLessThan(p.energyJ());
        }
    }

    /** Off: samples wait; a full buffer drops the oldest and counts it; powered again, the rest are trained. */
    @Test
    void buffersWhileOffAndCountsWhatItDrops() {
        TrainingPayload p = payload(PayloadSpec.analogMcuHost());
        int cap = p.bufferCapacity();
        assertThat(cap).isPositive();
        // the buffer is what the budget leaves next to the trainer: one more sample would not fit
        long free = SMALL.memoryBudgetBytes() - p.trainer().memory().usedBytes();
        assertThat(free).isBetween(0L, 4L * (FEATURES + 1) - 1);
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[FEATURES];
        int offered = cap + 25;
        for (int i = 0; i < offered; i++) {
            p.offer(x, sample(r, x));
        }
        PayloadStep off = p.run(0, 30, (xs, y, pred, served) -> { });
        assertThat(off.samplesTrained()).isZero();
        assertThat(p.samplesDropped()).isEqualTo(25);
        assertThat(p.buffered()).isEqualTo(cap);
        int[] told = {0};
        PayloadStep on = p.run(10, 30, (xs, y, pred, served) -> told[0]++);
        assertThat(on.samplesTrained()).isEqualTo(cap).isEqualTo(told[0]);
        assertThat(on.updates()).isEqualTo(cap / SMALL.batchSize());
        assertThat(p.samplesTrained()).isEqualTo(cap);
        // counted host work is exactly per-sample work x samples + per-update work x updates
        HostWorkModel m = new HostWorkModel(FEATURES, SMALL, p.trainer().subset().size());
        assertThat(p.hostWork()).isEqualTo(m.perSample().times(cap).plus(m.perUpdate().times(on.updates())));
        assertThat(p.energyPerUpdateJ().getAsDouble()).isCloseTo(p.energyJ() / on.updates(), within(1e-12));
    }

    /** A slow host trains only what fits its training time; the rest waits, nothing is lost. */
    @Test
    void workMustFitTheTrainingTime() {
        PayloadSpec slow = PayloadSpec.analogMcuHost().withHostOpsPerS(100);
        TrainingPayload p = payload(slow);
        HostWorkModel m = new HostWorkModel(FEATURES, SMALL, p.trainer().subset().size());
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[FEATURES];
        for (int i = 0; i < 40; i++) {
            p.offer(x, sample(r, x));
        }
        PayloadStep s = p.run(1, 30, (xs, y, pred, served) -> { });
        double usedS = m.perSample().timeS(100) * s.samplesTrained() + m.perUpdate().timeS(100) * s.updates()
                + p.solveS();
        assertThat(s.samplesTrained()).isPositive().isLessThan(40);
        assertThat(usedS).isLessThanOrEqualTo(s.allocation().trainingS());
        assertThat(p.buffered()).isEqualTo(40 - s.samplesTrained());
        assertThat(p.samplesDropped()).isZero();
    }

    @Test
    void restartLosesTheBufferAndCountsIt() {
        TrainingPayload p = payload(PayloadSpec.analogMcuHost());
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[FEATURES];
        for (int i = 0; i < 9; i++) {
            p.offer(x, sample(r, x));
        }
        p.restart();
        assertThat(p.buffered()).isZero();
        assertThat(p.samplesLostOnRestart()).isEqualTo(9);
        assertThat(p.samplesDropped()).isEqualTo(9);
        assertThat(p.samplesSeen()).isEqualTo(p.samplesTrained() + p.samplesDropped() + p.buffered());
    }

    /**
     * With a personal model the payload trains two models on every sample: the personal one exactly
     * as an independent trainer with the settings would, the federated one exactly as an independent
     * trainer at the scaled step would (two time-scales; no global model arrived, so both are
     * alone), both inside the one budget and both paid for; the served prediction is their
     * interpolation: the mean before any sample is fitted (lambda 1/2), between them after.
     */
    @Test
    void aPersonalModelTrainsLikeAnIndependentTrainerInsideTheSameBudgetAndIsPaidFor() {
        PayloadSpec spec = PayloadSpec.defaults(PayloadEngine.DIGITAL);
        LearningSettings settings = SMALL.withMemoryBudgetBytes(8192);
        Personalisation personalisation = Personalisation.defaults().resolvedFor(true);
        TrainingPayload p = TrainingPayload.of(spec, FEATURES, settings, personalisation,
                DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD));
        OnboardTrainer alone = OnboardTrainer.create(FEATURES, settings, DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD));
        LearningSettings slower = personalisation.federatedSettings(settings);
        assertThat(slower).isNotEqualTo(settings);
        OnboardTrainer slow = OnboardTrainer.create(FEATURES, slower, DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD));
        assertThat(p.personal()).isPresent();
        assertThat(p.memoryBytes()).isLessThanOrEqualTo(settings.memoryBudgetBytes())
                .isGreaterThanOrEqualTo(2 * alone.memoryBytes());
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[FEATURES];
        List<float[]> xs = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float y = sample(r, x);
            p.offer(x, y);
            xs.add(x.clone());
            ys.add(y);
        }
        // The global model held, a third expert: the deployed model until one arrives.
        DenseNetwork held = new DenseNetwork(settings.widths(FEATURES), settings.seed(), MemoryAccountant.unbounded());
        float[] deployed = held.parameters();
        for (int i = 0; i < deployed.length; i++) {
            deployed[i] += 0.01f * (i % 7 - 3); // not the trainers' own start
        }
        held.setParameters(deployed);
        assertThat(p.holdGlobal(deployed, 1)).as("held as an expert, not merged").isTrue();
        List<float[]> told = new ArrayList<>();
        PayloadStep s = p.run(spec.activeW(), 30, (xi, y, pred, served) -> told.add(new float[] {pred, served}));
        assertThat(s.samplesTrained()).isEqualTo(40);
        for (int i = 0; i < 40; i++) {
            float g = held.predict(xs.get(i));
            float own = alone.step(xs.get(i), ys.get(i), spec.activeW());
            float federated = slow.step(xs.get(i), ys.get(i), spec.activeW());
            assertThat(told.get(i)[0]).isEqualTo(federated);
            float served = told.get(i)[1];
            if (i == 0) {
                // the global model may move the own mixture by at most half its measured RMS error: none yet
                assertThat(served).as("nothing fitted yet: the own models' halves, the global model's pull 0")
                        .isCloseTo((own + federated) / 2, within(1e-6f));
            }
            float lo = Math.min(g, Math.min(own, federated));
            float hi = Math.max(g, Math.max(own, federated));
            assertThat(served).isBetween(lo - 1e-6f, hi + 1e-6f);
        }
        assertThat(p.personal().get().model().parameters()).containsExactly(alone.model().parameters());
        assertThat(p.trainer().model().parameters()).containsExactly(slow.model().parameters())
                .isNotEqualTo(alone.model().parameters());
        assertThat(s.updates()).isEqualTo(alone.updates() + slow.updates());
        HostWorkModel m = new HostWorkModel(FEATURES, settings, alone.subset().size());
        assertThat(p.hostWork()).as("two models trained, the global expert's forward pass")
                .isEqualTo(m.perSample().times(2 * 40).plus(m.forward().times(40))
                        .plus(m.perUpdate().times(alone.updates() + slow.updates())));
    }
}

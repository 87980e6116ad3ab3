package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MixingWeightTest {

    /** Labels that are exactly lambda p_personal + (1 - lambda) p_federated: least squares recovers lambda. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.5, 0.85, 1.0})
    void anExactInterpolationIsRecovered(double lambda) {
        SplittableRandom r = new SplittableRandom(Double.doubleToLongBits(lambda));
        MixingWeight m = MixingWeight.start(500);
        for (int i = 0; i < 200; i++) {
            float pv = (float) r.nextDouble(-1, 1);
            float pw = (float) r.nextDouble(-1, 1);
            m = m.observe(pv, pw, (float) (lambda * pv + (1 - lambda) * pw));
        }
        assertThat(m.personalShare()).isCloseTo(lambda, within(1e-5));
    }

    /** The weight is an interpolation: a label beyond either model is met by the nearer model, not by extrapolating. */
    @Test
    void theWeightStaysInZeroToOne() {
        MixingWeight beyondPersonal = MixingWeight.start(100).observe(1f, 0f, 3f).observe(-1f, 0f, -3f);
        MixingWeight beyondFederated = MixingWeight.start(100).observe(1f, 0f, -2f).observe(-1f, 0f, 2f);
        assertThat(beyondPersonal.personalShare()).isEqualTo(1.0);
        assertThat(beyondFederated.personalShare()).isEqualTo(0.0);
        assertThat(beyondPersonal.mix(1f, 0f)).isEqualTo(1f);
        assertThat(MixingWeight.start(100).personalShare()).as("nothing seen").isEqualTo(0.5);
    }

    /**
     * Two unbiased predictors with independent errors of equal variance: the best mix is the mean,
     * whose mean squared error is half of either's (variance of a mean of two independent terms).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void independentErrorsOfEqualSizeAreAveragedAndTheirSquaredErrorHalves(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MixingWeight m = MixingWeight.start(1e9);
        double mixed = 0;
        double alone = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            float y = (float) r.nextDouble(-1, 1);
            float pv = y + (float) (0.1 * gaussian(r));
            float pw = y + (float) (0.1 * gaussian(r));
            float p = m.mix(pv, pw); // served before the sample is fitted
            mixed += (p - y) * (p - y);
            alone += (pv - y) * (pv - y);
            m = m.observe(pv, pw, y);
        }
        assertThat(m.personalShare()).isCloseTo(0.5, within(0.02));
        assertThat(mixed / alone).isCloseTo(0.5, within(0.03));
    }

    /**
     * A fast and a slow estimator of a label with noise of its own (the two time-scales of
     * Arenas-García et al. 2006): prediction errors e1, e2 with standard deviations s1, s2 and
     * correlation rho, label noise sn independent of both. The least-squares convex weight has the
     * closed form lambda* = (v2 - c) / (v1 + v2 - 2c) (v = s^2, c = rho s1 s2; v2 / (v1 + v2) for
     * independent errors), and the mixture's excess squared error (v1 v2 - c^2) / (v1 + v2 - 2c)
     * is below both v1 and v2 whenever rho is below min(s1, s2) / max(s1, s2).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"0.10, 0.05, 0.0, 0.2", "0.05, 0.08, 0.3, 0.1", "0.04, 0.04, 0.6, 0.1"})
    void aMixtureOfTwoNoisyEstimatorsBeatsEachByTheClosedForm(double s1, double s2, double rho, double sn) {
        SplittableRandom r = new SplittableRandom(Double.doubleToLongBits(s1 + 3 * s2 + 7 * rho));
        MixingWeight m = MixingWeight.start(1e9);
        double v1 = s1 * s1;
        double v2 = s2 * s2;
        double c = rho * s1 * s2;
        double mixed = 0;
        double first = 0;
        double second = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double truth = r.nextDouble(-1, 1);
            double g1 = gaussian(r);
            double g2 = rho * g1 + Math.sqrt(1 - rho * rho) * gaussian(r);
            float y = (float) (truth + sn * gaussian(r));
            float p1 = (float) (truth + s1 * g1);
            float p2 = (float) (truth + s2 * g2);
            float p = m.mix(p1, p2);
            mixed += (p - y) * (p - y);
            first += (p1 - y) * (p1 - y);
            second += (p2 - y) * (p2 - y);
            m = m.observe(p1, p2, y);
        }
        double lambda = (v2 - c) / (v1 + v2 - 2 * c);
        double excess = (v1 * v2 - c * c) / (v1 + v2 - 2 * c);
        double noise = sn * sn;
        assertThat(m.personalShare()).isCloseTo(lambda, within(0.02));
        // mean squared errors against the label: the estimators' excess plus the label noise
        assertThat(first / n).isCloseTo(v1 + noise, within(0.02 * (v1 + noise)));
        assertThat(second / n).isCloseTo(v2 + noise, within(0.02 * (v2 + noise)));
        assertThat(mixed / n).isCloseTo(excess + noise, within(0.02 * (excess + noise)));
        assertThat(mixed).isLessThan(Math.min(first, second));
    }

    /** Two time-scales: the federated model takes the scaled step, the personal and a lone model the trainer's. */
    @Test
    void theFederatedModelTakesTheScaledStepOnlyBesideAPersonalModel() {
        LearningSettings t = LearningSettings.defaults();
        Personalisation p = new Personalisation(Personalisation.Kind.INTERPOLATION, 100, 0.25);
        assertThat(p.federatedSettings(t).learningRate()).isCloseTo(t.learningRate() / 4, within(1e-12));
        assertThat(p.federatedSettings(t).minLearningRate()).isCloseTo(t.minLearningRate() / 4, within(1e-12));
        assertThat(p.federatedSettings(t).withLearningRate(t.learningRate()).withMinLearningRate(t.minLearningRate())
                .withIterateAveraging(t.iterateAveraging())).isEqualTo(t);
        assertThat(p.federatedSettings(t).iterateAveraging()).as("the slow model serves its iterate after a change")
                .isEmpty();
        LearningSettings always = t.withIterateAveraging(t.iterateAveraging()
                .map(a -> a.withServing(IterateAveragingSettings.Serving.ALWAYS)));
        assertThat(p.federatedSettings(always).iterateAveraging()).isEqualTo(always.iterateAveraging());
        // a personalised learner (personal, federated and the global expert held) with 5 features fits 64 KiB
        ServedLearner.create(5, t, p, io.onorbit.flight.optimizer.AnalogOptimizer.withDefaults());
        LearningSettings exact = t.withSubset(io.onorbit.flight.learning.model.TrainableSubset.Kind.LAST_LAYER);
        assertThat(p.federatedSettings(exact).proximalWeight()).isCloseTo(exact.proximalWeight() * 4, within(1e-12));
        assertThat(new Personalisation(Personalisation.Kind.NONE, 100, 0.25).federatedSettings(t)).isEqualTo(t);
        assertThat(p.resolvedFor(true).federatedStepScale()).isEqualTo(0.25);
        assertThatThrownBy(() -> new Personalisation(Personalisation.Kind.INTERPOLATION, 100, 0))
                .hasMessageContaining("federatedStepScale");
        assertThatThrownBy(() -> new Personalisation(Personalisation.Kind.INTERPOLATION, 100, 1.5))
                .hasMessageContaining("federatedStepScale");
    }

    /**
     * The variable step's floor scales with its rate (it must never exceed it on the way): the
     * default vss_nlms 1.9 with floor 1.0 becomes 0.475 with floor 0.25 at scale 0.25.
     */
    @Test
    void theVariableStepsFloorIsScaledWithItsRate() {
        LearningSettings vss = LearningSettings.defaults().withStepRule(StepRule.VSS_NLMS).withLearningRate(1.9)
                .withMinLearningRate(1.0);
        LearningSettings slow = new Personalisation(Personalisation.Kind.INTERPOLATION, 100, 0.25).federatedSettings(vss);
        assertThat(slow.learningRate()).isCloseTo(0.475, within(1e-12));
        assertThat(slow.minLearningRate()).isCloseTo(0.25, within(1e-12));
    }

    /**
     * The global model as an expert of its own (ServedLearner's outer mixture): a satellite's own
     * unbiased estimate with error variance v, and the constellation's mean of N other satellites'
     * independent estimates of the same quantity, variance v / N, shifted by a bias b (the planes'
     * data differ). Least squares puts the share (v / N + b^2) / (v + v / N + b^2) on the own
     * estimate and the mixture's excess squared error is v (v / N + b^2) / (v + v / N + b^2): v / (N + 1)
     * without bias (the pooled mean of N + 1 estimates), and never above v, however large b.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"11, 0.0", "11, 0.02", "23, 0.01", "3, 0.1"})
    void theConstellationsMeanShrinksTheOwnEstimateByTheClosedForm(int others, double bias) {
        SplittableRandom r = new SplittableRandom(31L * others + Double.doubleToLongBits(bias));
        MixingWeight m = MixingWeight.start(1e9);
        double s = 0.05;
        double v = s * s;
        double vg = v / others;
        double mixed = 0;
        double own = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double truth = r.nextDouble(-1, 1);
            float mine = (float) (truth + s * gaussian(r));
            double mean = 0;
            for (int k = 0; k < others; k++) {
                mean += truth + s * gaussian(r);
            }
            float global = (float) (mean / others + bias);
            float p = m.mix(mine, global);
            mixed += (p - truth) * (p - truth);
            own += (mine - truth) * (mine - truth);
            m = m.observe(mine, global, (float) truth);
        }
        double share = (vg + bias * bias) / (v + vg + bias * bias);
        double excess = v * (vg + bias * bias) / (v + vg + bias * bias);
        assertThat(m.personalShare()).isCloseTo(share, within(0.02));
        assertThat(own / n).isCloseTo(v, within(0.02 * v));
        assertThat(mixed / n).isCloseTo(excess, within(0.03 * excess)).isLessThan(v);
    }

    /** With forgetting, a change of which model is right is followed within a few memories. */
    @Test
    void theWeightFollowsAChangeWithinItsMemory() {
        SplittableRandom r = new SplittableRandom(9);
        MixingWeight m = MixingWeight.start(100);
        for (int i = 0; i < 1000; i++) {
            float pv = (float) r.nextDouble(-1, 1);
            float pw = (float) r.nextDouble(-1, 1);
            m = m.observe(pv, pw, i < 500 ? pw : pv); // the federated model was right, then the personal one
        }
        // after 500 samples (5 memories) the old relation weighs e^-5 of the total
        assertThat(m.personalShare()).isGreaterThan(0.99);
    }

    @Test
    void autoIsInterpolationWhereThePersonalModelFitsAndNoneWhereItDoesNot() {
        assertThat(Personalisation.defaults().resolvedFor(true).kind()).isEqualTo(Personalisation.Kind.INTERPOLATION);
        assertThat(Personalisation.defaults().resolvedFor(false).kind()).isEqualTo(Personalisation.Kind.NONE);
        Personalisation chosen = new Personalisation(Personalisation.Kind.INTERPOLATION, 100);
        assertThat(chosen.resolvedFor(false)).isEqualTo(chosen);
    }

    @Test
    void aNonFiniteSampleIsIgnoredAndBadStateRefused() {
        MixingWeight m = MixingWeight.start(10).observe(1f, 0f, 1f);
        assertThat(m.observe(Float.NaN, 0f, 1f)).isEqualTo(m);
        assertThatThrownBy(() -> new MixingWeight(1.0, 0, 0)).hasMessageContaining("forgetting");
        assertThatThrownBy(() -> new MixingWeight(0.5, 0, -1)).hasMessageContaining("spread");
        assertThatThrownBy(() -> new Personalisation(Personalisation.Kind.INTERPOLATION, 1))
                .hasMessageContaining("mixingMemorySamples");
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

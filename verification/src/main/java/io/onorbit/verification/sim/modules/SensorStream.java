package io.onorbit.verification.sim.modules;

import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.eval.PrequentialError;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.model.ModelVersion;
import io.onorbit.verification.sim.SensorStage;
import java.util.Arrays;

/**
 * The satellite's own drifting stream (a {@code flight.learning.task}, following true time) and
 * the instruments that score the flight model on it: a frozen copy of the deployed model and a
 * copy of the latest global model the spacecraft applied, scored on the same samples
 * (prequential error with the experiment's fading factor; absolute error for regression,
 * misclassification for classes, as the drift experiment does). The world and the instruments
 * survive resets of the flight computer.
 */
public final class SensorStream implements SensorStage {

    private final DriftTask task;
    private final DenseNetwork frozen;
    private final DenseNetwork federated;
    private final PrequentialError eFrozen;
    private final PrequentialError eOnboard;
    private final PrequentialError eFederated;
    private final float[] x;
    private float pendingY;
    private double pendingTimeS = Double.NaN;

    /**
     * @param task            the satellite's stream (consumed)
     * @param settings        trainer settings (the network shape of the references)
     * @param deployed        the model deployed at launch
     * @param deployedVersion its identity
     * @param fadingFactor    prequential fading factor
     */
    public SensorStream(DriftTask task, LearningSettings settings, float[] deployed, ModelVersion deployedVersion,
                        double fadingFactor) {
        this.task = task;
        int[] widths = settings.widths(task.featureCount());
        this.frozen = new DenseNetwork(widths, settings.seed(), MemoryAccountant.unbounded());
        this.federated = new DenseNetwork(widths, settings.seed(), MemoryAccountant.unbounded());
        frozen.setParameters(deployed, deployedVersion.version());
        federated.setParameters(deployed, deployedVersion.version());
        this.eFrozen = new PrequentialError(fadingFactor);
        this.eOnboard = new PrequentialError(fadingFactor);
        this.eFederated = new PrequentialError(fadingFactor);
        this.x = new float[task.featureCount()];
        advanceStream();
    }

    private void advanceStream() {
        if (task.hasNext()) {
            pendingY = task.next(x);
            pendingTimeS = task.timeS();
        } else {
            pendingTimeS = Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public SensorBatch samples(double trueTimeS, double dtS) {
        int d = x.length;
        float[] xs = new float[0];
        float[] ys = new float[0];
        int n = 0;
        while (pendingTimeS < trueTimeS + dtS) {
            if (n == ys.length) {
                ys = Arrays.copyOf(ys, Math.max(4, 2 * n));
                xs = Arrays.copyOf(xs, ys.length * d);
            }
            System.arraycopy(x, 0, xs, n * d, d);
            ys[n++] = pendingY;
            advanceStream();
        }
        return new SensorBatch(d, Arrays.copyOf(xs, n * d), Arrays.copyOf(ys, n));
    }

    @Override
    public void score(SensorBatch batch, float[] onboardPredictions) {
        boolean cls = task.classification();
        int d = batch.featureCount();
        float[] xi = new float[d];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.features(), i * d, xi, 0, d);
            float y = batch.targets()[i];
            eFrozen.add(loss(frozen.predict(xi), y, cls));
            eFederated.add(loss(federated.predict(xi), y, cls));
            eOnboard.add(loss(onboardPredictions[i], y, cls));
        }
    }

    private static double loss(double prediction, float y, boolean classification) {
        if (classification) {
            return (prediction >= 0.5 ? 1 : 0) == Math.round(y) ? 0 : 1;
        }
        return Math.abs(prediction - y);
    }

    @Override
    public void globalApplied(float[] parameters, ModelVersion version) {
        federated.setParameters(parameters, version.version());
    }

    @Override
    public Errors errors() {
        return new Errors(value(eFrozen), value(eOnboard), value(eFederated));
    }

    private static double value(PrequentialError e) {
        return e.count() == 0 ? Double.NaN : e.faded();
    }

    @Override
    public String name() {
        return task.name() + " stream";
    }
}

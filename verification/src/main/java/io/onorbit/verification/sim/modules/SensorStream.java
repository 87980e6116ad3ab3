package io.onorbit.verification.sim.modules;

import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.learning.ServedLearner;
import io.onorbit.verification.learning.PrequentialError;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.verification.sim.SensorStage;
import java.util.Arrays;

/**
 * The satellite's own drifting stream (a {@code flight.learning.task}, following true time) and
 * the instruments that score the flight model on it, on the samples it trained on: a frozen copy
 * of the deployed model; a local-only learner (a {@link ServedLearner} with the flight software's
 * settings and personalisation: the same models, steps and mixture, on an engine of its own,
 * stepped on the same samples under the same envelope, that never receives a global model, so
 * the federated prediction differs from it only by what federation brings); the onboard and the federated (served,
 * personalised) predictions are the flight software's, made on board before training on each
 * sample (prequential error with the experiment's fading factor; absolute error for regression,
 * misclassification for classes, as the drift experiment does). The world and the instruments survive resets of the flight computer (so the
 * local-only learner loses nothing at a reset the flight model does).
 */
public final class SensorStream implements SensorStage {

    private final DriftTask task;
    /** Read by {@link #score}, which may run on another thread than {@link #samples} (the task's state is the latter's). */
    private final boolean classification;
    private final DenseNetwork frozen;
    private final ServedLearner local;
    private final PrequentialError eFrozen;
    private final PrequentialError eLocal;
    private final PrequentialError eOnboard;
    private final PrequentialError eFederated;
    private final float[] x;
    private float pendingY;
    private double pendingTimeS = Double.NaN;

    /**
     * @param task            the satellite's stream (consumed)
     * @param settings        trainer settings (the network shape of the references, the local-only learner)
     * @param personalisation the flight software's personalisation (chosen), which the local-only learner runs too
     * @param localEngine     the local-only learner's optimizer (not shared with the flight computer)
     * @param deployed        the model deployed at launch
     * @param deployedVersion its identity
     * @param fadingFactor    prequential fading factor
     */
    public SensorStream(DriftTask task, LearningSettings settings, Personalisation personalisation, Optimizer localEngine,
                        float[] deployed, ModelVersion deployedVersion, double fadingFactor) {
        this.task = task;
        this.classification = task.classification();
        int[] widths = settings.widths(task.featureCount());
        this.frozen = new DenseNetwork(widths, settings.seed(), MemoryAccountant.unbounded());
        frozen.setParameters(deployed, deployedVersion.version());
        this.local = ServedLearner.create(task.featureCount(), settings, personalisation, localEngine);
        local.deploy(deployed, deployedVersion.version());
        this.eFrozen = new PrequentialError(fadingFactor);
        this.eLocal = new PrequentialError(fadingFactor);
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
    public void score(SensorBatch trained, float[] onboardPredictions, float[] servedPredictions, double envelopeW) {
        boolean cls = classification;
        int d = trained.featureCount();
        float[] xi = new float[d];
        for (int i = 0; i < trained.size(); i++) {
            System.arraycopy(trained.features(), i * d, xi, 0, d);
            float y = trained.targets()[i];
            float localServed = local.step(xi, y, envelopeW);
            // The local-only learner is never given a global model: its third expert is the deployed
            // model, the frozen one's parameters, and has just predicted this sample; not again.
            float frozenPrediction = local.holdsGlobal() ? local.globalPrediction() : frozen.predict(xi);
            eFrozen.add(loss(frozenPrediction, y, cls));
            eFederated.add(loss(servedPredictions[i], y, cls));
            eOnboard.add(loss(onboardPredictions[i], y, cls));
            eLocal.add(loss(localServed, y, cls));
        }
    }

    private static double loss(double prediction, float y, boolean classification) {
        if (classification) {
            return (prediction >= 0.5 ? 1 : 0) == Math.round(y) ? 0 : 1;
        }
        return Math.abs(prediction - y);
    }

    @Override
    public Errors errors() {
        return new Errors(value(eFrozen), value(eOnboard), value(eFederated), value(eLocal));
    }

    private static double value(PrequentialError e) {
        return e.count() == 0 ? Double.NaN : e.faded();
    }

    @Override
    public String errorUnit() {
        return task.classification() ? "misclassification rate (fraction of samples)" : "mean absolute error, " + task.labelUnit();
    }

    @Override
    public String name() {
        return task.name() + " stream";
    }
}

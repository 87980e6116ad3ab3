package io.onorbit.verification.sim.modules;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.learning.eval.PrequentialError;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.model.ModelVersion;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.payload.PayloadStep;
import io.onorbit.flight.payload.TrainingPayload;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.LearningStage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Adapter of {@code flight.learning} to the loop: the satellite's own drifting stream (the
 * solar-array task on its schedule) arrives at the {@link TrainingPayload}, which trains its
 * {@link OnboardTrainer} test-then-train during the on-time the envelope allocates and reports
 * the energy it really drew (power states x time, not only the solve); a frozen copy of the
 * deployed model and a copy of the latest global model are scored on the same samples as they
 * are trained on (prequential error with the experiment's fading factor; absolute error for
 * regression, misclassification for classes, as the drift experiment does).
 *
 * <p>Persistence: a checkpoint (parameters, base version and digest, samples since base) is
 * written atomically with a CRC; a reset rebuilds the trainer from it, or from the deployed
 * model (the flight computer's golden image) if the checkpoint is missing or damaged. The
 * evaluation learners are instruments of the simulation and survive resets.
 */
public final class FlightLearningStage implements LearningStage {

    private final DriftTask task;
    private final LearningSettings settings;
    private final RecordingOptimizer optimizer;
    private final float[] deployed;
    private final ModelVersion deployedVersion;
    private final Path checkpointFile;
    private final DenseNetwork frozen;
    private final DenseNetwork federated;
    private final PrequentialError eFrozen;
    private final PrequentialError eOnboard;
    private final PrequentialError eFederated;
    private final float[] x;
    private float pendingY;
    private double pendingTimeS = Double.NaN;
    private final TrainingPayload payload;
    private OnboardTrainer trainer;
    private ModelVersion base;
    private float[] baseParams;
    private long samplesSinceBase;
    private long checkpointsRecovered;
    private long checkpointsDamaged;

    /**
     * @param task            the satellite's stream (consumed)
     * @param settings        trainer settings
     * @param optimizer       the flight optimizer
     * @param deployed        the model deployed at launch (global version {@code deployedVersion})
     * @param deployedVersion its identity
     * @param fadingFactor    prequential fading factor
     * @param storageDir      where checkpoints live
     * @param payloadSpec     the training payload's hardware ({@code spacecraft.training_payload})
     */
    public FlightLearningStage(DriftTask task, LearningSettings settings, Optimizer optimizer, float[] deployed,
                               ModelVersion deployedVersion, double fadingFactor, Path storageDir,
                               PayloadSpec payloadSpec) {
        this.task = task;
        this.settings = settings;
        this.optimizer = new RecordingOptimizer(optimizer);
        this.deployed = deployed.clone();
        this.deployedVersion = deployedVersion;
        this.checkpointFile = storageDir.resolve("model.ckpt");
        int[] widths = settings.widths(task.featureCount());
        this.frozen = new DenseNetwork(widths, settings.seed(), MemoryAccountant.unbounded());
        this.federated = new DenseNetwork(widths, settings.seed(), MemoryAccountant.unbounded());
        frozen.setParameters(deployed, deployedVersion.version());
        federated.setParameters(deployed, deployedVersion.version());
        this.eFrozen = new PrequentialError(fadingFactor);
        this.eOnboard = new PrequentialError(fadingFactor);
        this.eFederated = new PrequentialError(fadingFactor);
        this.x = new float[task.featureCount()];
        try {
            Files.createDirectories(storageDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + storageDir, e);
        }
        this.payload = TrainingPayload.of(payloadSpec, task.featureCount(), settings, this.optimizer);
        this.trainer = load(deployed, deployedVersion);
        this.base = deployedVersion;
        this.baseParams = deployed.clone();
        advanceStream();
    }

    private OnboardTrainer load(float[] params, ModelVersion version) {
        OnboardTrainer t = payload.trainer();
        t.model().setParameters(params, version.version());
        return t;
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
    public TrainingStep step(double onboardTimeS, double trueTimeS, double dtS, double envelopeW) {
        while (pendingTimeS < trueTimeS + dtS) {
            payload.offer(x, pendingY);
            advanceStream();
        }
        boolean cls = task.classification();
        PayloadStep p = payload.run(envelopeW, dtS, (xs, y, pb) -> {
            eFrozen.add(loss(frozen.predict(xs), y, cls));
            eFederated.add(loss(federated.predict(xs), y, cls));
            eOnboard.add(loss(pb, y, cls));
        });
        samplesSinceBase += p.samplesTrained();
        double[] spent = optimizer.drain();
        // The budget is charged what the payload drew; the peak is the solver's operating power.
        return new TrainingStep(p.drawnJ(), spent[0], p.samplesTrained(), p.updates());
    }

    /** @return the training payload's books (energy per state, duty, samples seen, trained, dropped) */
    public TrainingPayload payload() {
        return payload;
    }

    @Override
    public Optional<PayloadBooks> payloadBooks() {
        return Optional.of(new PayloadBooks(payload.dutyFraction(), payload.samplesSeen(), payload.samplesTrained(),
                payload.samplesDropped()));
    }

    private static double loss(double prediction, float y, boolean classification) {
        if (classification) {
            return (prediction >= 0.5 ? 1 : 0) == Math.round(y) ? 0 : 1;
        }
        return Math.abs(prediction - y);
    }

    @Override
    public float[] parameters() {
        return trainer.model().parameters();
    }

    @Override
    public ModelVersion base() {
        return base;
    }

    @Override
    public float[] baseParameters() {
        return baseParams.clone();
    }

    @Override
    public int[] tensorSizes() {
        return trainer.model().layout().tensors().stream().mapToInt(t -> t.size()).toArray();
    }

    @Override
    public long samplesSinceBase() {
        return samplesSinceBase;
    }

    @Override
    public long memoryUsedBytes() {
        return trainer.memoryBytes();
    }

    @Override
    public long memoryBudgetBytes() {
        return settings.memoryBudgetBytes();
    }

    @Override
    public Errors errors() {
        return new Errors(value(eFrozen), value(eOnboard), value(eFederated));
    }

    private static double value(PrequentialError e) {
        return e.count() == 0 ? Double.NaN : e.faded();
    }

    @Override
    public void applyGlobal(float[] parameters, ModelVersion version) {
        trainer.model().setParameters(parameters, version.version());
        federated.setParameters(parameters, version.version());
        base = version;
        baseParams = parameters.clone();
        samplesSinceBase = 0;
        checkpoint();
    }

    @Override
    public void checkpoint() {
        float[] p = trainer.model().parameters();
        // Big-endian like DataOutputStream, so the file format is unchanged; one buffer, no stream per float.
        ByteBuffer buf = ByteBuffer.allocate(8 + ModelVersion.DIGEST_BYTES + 8 + 4 + 8 * p.length + 8);
        buf.putLong(base.version()).put(base.digest()).putLong(samplesSinceBase).putInt(p.length);
        buf.asFloatBuffer().put(p).put(baseParams);
        buf.position(buf.position() + 8 * p.length);
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putLong(crc.getValue());
        AtomicOutput.writeBytes(checkpointFile, buf.array());
    }

    @Override
    public void reset() {
        float[] params = deployed;
        float[] baseP = deployed;
        ModelVersion version = deployedVersion;
        long since = 0;
        try {
            byte[] all = Files.readAllBytes(checkpointFile);
            CRC32 crc = new CRC32();
            if (all.length < 8) {
                throw new IOException("truncated");
            }
            crc.update(all, 0, all.length - 8);
            if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
                throw new IOException("checksum mismatch");
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8))) {
                long v = in.readLong();
                byte[] digest = in.readNBytes(ModelVersion.DIGEST_BYTES);
                since = in.readLong();
                int n = in.readInt();
                if (n != deployed.length) {
                    throw new IOException("wrong parameter count " + n);
                }
                float[] p = new float[n];
                for (int i = 0; i < n; i++) {
                    p[i] = in.readFloat();
                }
                float[] b = new float[n];
                for (int i = 0; i < n; i++) {
                    b[i] = in.readFloat();
                }
                ModelVersion bv = new ModelVersion(v, digest);
                if (!bv.matches(b)) {
                    throw new IOException("base parameters do not match their digest");
                }
                params = p;
                baseP = b;
                version = bv;
            }
            checkpointsRecovered++;
        } catch (NoSuchFileException e) {
            since = 0; // never checkpointed: the golden image
        } catch (IOException | IllegalArgumentException e) {
            checkpointsDamaged++; // detected; fall back to the golden image
            since = 0;
        }
        payload.restart(); // the payload's RAM is gone too: buffered samples are lost and counted
        trainer = load(params, version);
        base = version;
        baseParams = baseP.clone();
        samplesSinceBase = since;
    }

    /** @return resets that restarted from a damaged checkpoint (golden image used) */
    public long checkpointsDamaged() {
        return checkpointsDamaged;
    }

    @Override
    public String name() {
        return "flight.learning OnboardTrainer on " + task.name() + " with " + optimizer.name();
    }
}

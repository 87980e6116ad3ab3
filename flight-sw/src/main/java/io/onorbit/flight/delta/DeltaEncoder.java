package io.onorbit.flight.delta;

import io.onorbit.flight.learning.model.ModelVersion;
import java.util.Objects;

/**
 * Turns onboard weights into deltas, one call per delta, with error feedback. Not thread-safe;
 * one encoder per satellite.
 *
 * <p>Each delta carries the change since the previous delta of the same base (for the first
 * delta of a base: onboard minus base), plus, with error feedback, everything earlier deltas
 * computed but did not send. So base + the sum of a base's deltas = the onboard weights up to the
 * residual still held here, whose size the feedback keeps bounded.
 */
public final class DeltaEncoder {

    private final CompressionSettings settings;
    private final TensorLayout layout;
    private final float[] residual;
    private float[] lastOnboard;
    private ModelVersion lastBase;

    /**
     * @param settings compression settings
     * @param layout   tensor layout of the parameter vector
     */
    public DeltaEncoder(CompressionSettings settings, TensorLayout layout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.residual = new float[layout.dimension()];
    }

    public CompressionSettings settings() {
        return settings;
    }

    public TensorLayout layout() {
        return layout;
    }

    /**
     * @param header     satellite, sequence, base identity, sample count, time of the delta
     * @param baseParams parameters of {@code header.base()} (checked against its digest)
     * @param onboard    current onboard parameters
     * @return the compressed delta; the part not sent stays in the residual (error feedback on)
     */
    public WeightDelta encode(DeltaHeader header, float[] baseParams, float[] onboard) {
        int n = layout.dimension();
        if (baseParams.length != n || onboard.length != n) {
            throw new IllegalArgumentException("parameter vectors must have " + n + " entries, got base "
                    + baseParams.length + " and onboard " + onboard.length);
        }
        if (!header.base().matches(baseParams)) {
            throw new IllegalArgumentException("base parameters do not match " + header.base());
        }
        float[] reference = header.base().equals(lastBase) ? lastOnboard : baseParams;
        float[] target = target(onboard, reference);
        int[] kept = Quantizer.topK(target, settings.keptCount(n));
        WeightDelta delta = Quantizer.quantize(header, layout, settings.bits(), settings.scaleMode(), kept, target);
        if (settings.errorFeedback()) {
            // What was computed minus what was sent: carried into the next delta.
            keepResidual(target, delta.toDense());
        }
        lastOnboard = onboard.clone();
        lastBase = header.base();
        return delta;
    }

    /*
     * The per-parameter loops of encode are methods of their own: their iterations made the JIT
     * compile encode (once per delta) at its highest tier with all it calls, on-stack first; now
     * only these small loops are compiled.
     */

    /** @return what the delta should carry: {@code onboard - reference}, plus the residual with error feedback */
    private float[] target(float[] onboard, float[] reference) {
        float[] target = new float[onboard.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = onboard[i] - reference[i] + (settings.errorFeedback() ? residual[i] : 0f);
        }
        return target;
    }

    /** The residual becomes {@code target - sent}. */
    private void keepResidual(float[] target, float[] sent) {
        for (int i = 0; i < target.length; i++) {
            residual[i] = target[i] - sent[i];
        }
    }

    /**
     * Puts a delta that will never be sent (e.g. refused by a full queue) back into the residual,
     * so that, with error feedback, its content goes out with the next delta instead of being lost.
     */
    public void restore(WeightDelta unsent) {
        restore(unsent.toDense());
    }

    /** Adds {@code dense} (e.g. what a queue merge had to drop) into the residual. */
    public void restore(float[] dense) {
        if (dense.length != residual.length) {
            throw new IllegalArgumentException("residual has " + residual.length + " entries, got " + dense.length);
        }
        if (settings.errorFeedback()) {
            for (int i = 0; i < dense.length; i++) {
                residual[i] += dense[i];
            }
        }
    }

    /**
     * @param base       the base the next delta will be built on
     * @param baseParams its parameters
     * @return what the ground will already hold of this spacecraft's work on {@code base} once
     *         its deltas so far arrive: the onboard weights when the last delta of that base was
     *         cut, or the base itself if none was (a copy); the next delta carries the change
     *         since then
     */
    public float[] reference(ModelVersion base, float[] baseParams) {
        return (base.equals(lastBase) ? lastOnboard : baseParams).clone();
    }

    /**
     * @param base       the base of the deltas so far
     * @param baseParams its parameters
     * @return what the ground holds of this spacecraft's model once its deltas of {@code base}
     *         so far arrive: base + the sum of what they sent, which is {@link #reference} less the
     *         residual computed but not sent (exact when the residual was cleared as that base
     *         began, {@link #startBase()})
     */
    public float[] groundHeld(ModelVersion base, float[] baseParams) {
        float[] held = reference(base, baseParams);
        for (int i = 0; i < held.length; i++) {
            held[i] -= residual[i];
        }
        return held;
    }

    /**
     * A new base arrived: the next delta carries the whole onboard model minus it (the merge on
     * board keeps what the old base's deltas did not send, {@link #groundHeld}), so nothing
     * computed against the old base is owed any more and the residual is cleared; carrying it
     * would send it twice.
     */
    public void startBase() {
        java.util.Arrays.fill(residual, 0f);
    }

    /**
     * After a reset, continues where the persisted state left off: the next delta of {@code base}
     * carries the change since {@code reference}, plus {@code residual} (what earlier deltas did
     * not send). Call on a fresh encoder before its first delta.
     */
    public void resume(ModelVersion base, float[] reference, float[] residual) {
        if (reference.length != this.residual.length || residual.length != this.residual.length) {
            throw new IllegalArgumentException("state must have " + this.residual.length + " entries");
        }
        lastBase = base;
        lastOnboard = reference.clone();
        System.arraycopy(residual, 0, this.residual, 0, residual.length);
    }

    /** @return the error-feedback residual (a copy): computed but not yet sent */
    public float[] residual() {
        return residual.clone();
    }

    /** @return L2 norm of the residual */
    public double residualNorm() {
        double s = 0;
        for (float r : residual) {
            s += (double) r * r;
        }
        return Math.sqrt(s);
    }
}

package io.onorbit.flight.executive;

import io.onorbit.flight.learning.GlobalExpertWeight;
import io.onorbit.flight.learning.MixingWeight;
import io.onorbit.flight.learning.model.ModelVersion;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What the learner needs to resume after a reset, as written to flash by {@link CheckpointStore}.
 *
 * @param bootCount        boot that wrote it (a second, independent copy of the boot counter)
 * @param uplinkCounter    counter of the last applied uplink command (second copy of the anti-replay counter)
 * @param samplesSinceBase samples trained on since the base
 * @param base             the global model held: the base of the next delta
 * @param params           onboard parameters (the trained shared model's)
 * @param baseParams       the base's parameters (must match its digest)
 * @param reference        onboard parameters when the last delta of this base was cut (the base if none)
 * @param residual         error-feedback residual: computed for earlier deltas, not yet sent
 * @param personal         the personal model's parameters (no global model ever touches them), or
 *                         no entries when the spacecraft keeps no personal model
 * @param mixing           the interpolation weight's state (personal against the shared model)
 * @param globalMixing     the state of the weight of the own models' mixture against the global model
 * @param adaptation       the trained shared model's adaptation state ({@code OnboardTrainer.saveAdaptation}: replay
 *                         samples, variable step, change detector, iterate average), opaque here
 * @param personalAdaptation the personal model's, or no bytes when the spacecraft keeps no personal model
 */
public record Checkpoint(long bootCount, long uplinkCounter, long samplesSinceBase, ModelVersion base, float[] params,
                         float[] baseParams, float[] reference, float[] residual, float[] personal,
                         MixingWeight mixing, GlobalExpertWeight globalMixing, byte[] adaptation,
                         byte[] personalAdaptation) {

    public Checkpoint {
        int n = params.length;
        if (baseParams.length != n || reference.length != n || residual.length != n
                || (personal.length != n && personal.length != 0)) {
            throw new IllegalArgumentException("checkpoint vectors must all have " + n + " entries (personal: or none)");
        }
        java.util.Objects.requireNonNull(mixing, "mixing");
        java.util.Objects.requireNonNull(globalMixing, "global mixing");
        java.util.Objects.requireNonNull(adaptation, "adaptation");
        java.util.Objects.requireNonNull(personalAdaptation, "personal adaptation");
        if (!base.matches(baseParams)) {
            throw new IllegalArgumentException("base parameters do not match " + base);
        }
    }

    byte[] encode() {
        int n = params.length;
        ByteBuffer b = ByteBuffer.allocate(8 * 4 + ModelVersion.DIGEST_BYTES + 4 + 16 * n + 4 + 4 * personal.length + 8 * 8
                + 4 + adaptation.length + 4 + personalAdaptation.length);
        b.putLong(bootCount).putLong(uplinkCounter).putLong(samplesSinceBase).putLong(base.version()).put(base.digest());
        b.putInt(n);
        for (float[] v : new float[][] {params, baseParams, reference, residual}) {
            b.asFloatBuffer().put(v);
            b.position(b.position() + 4 * n);
        }
        b.putInt(personal.length);
        b.asFloatBuffer().put(personal);
        b.position(b.position() + 4 * personal.length);
        for (MixingWeight m : new MixingWeight[] {mixing, globalMixing.weight()}) {
            b.putDouble(m.forgetting()).putDouble(m.cross()).putDouble(m.spread());
        }
        b.putDouble(globalMixing.errorSquares()).putDouble(globalMixing.errorCount());
        b.putInt(adaptation.length).put(adaptation);
        b.putInt(personalAdaptation.length).put(personalAdaptation);
        return b.array();
    }

    /** @return the checkpoint in {@code body}, or empty if it is not one of {@code dimension} parameters */
    static Optional<Checkpoint> decode(byte[] body, int dimension) {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            long boot = b.getLong();
            long counter = b.getLong();
            long samples = b.getLong();
            long version = b.getLong();
            byte[] digest = new byte[ModelVersion.DIGEST_BYTES];
            b.get(digest);
            int n = b.getInt();
            if (n != dimension || b.remaining() < 16 * n + 4) {
                return Optional.empty();
            }
            float[][] v = new float[4][n];
            for (float[] a : v) {
                b.asFloatBuffer().get(a);
                b.position(b.position() + 4 * n);
            }
            int p = b.getInt();
            if ((p != n && p != 0) || b.remaining() < 4 * p + 8 * 8) {
                return Optional.empty();
            }
            float[] personal = new float[p];
            b.asFloatBuffer().get(personal);
            b.position(b.position() + 4 * p);
            MixingWeight mixing = new MixingWeight(b.getDouble(), b.getDouble(), b.getDouble());
            GlobalExpertWeight globalMixing = new GlobalExpertWeight(new MixingWeight(b.getDouble(), b.getDouble(), b.getDouble()),
                    b.getDouble(), b.getDouble());
            // A checkpoint written before the adaptation states were kept has none: the learners resume fresh.
            byte[] adaptation = b.hasRemaining() ? blob(b) : new byte[0];
            byte[] personalAdaptation = b.hasRemaining() ? blob(b) : new byte[0];
            if (b.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new Checkpoint(boot, counter, samples, new ModelVersion(version, digest), v[0], v[1], v[2], v[3],
                    personal, mixing, globalMixing, adaptation, personalAdaptation));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the next length-prefixed byte array of {@code b} */
    private static byte[] blob(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] a = new byte[length];
        b.get(a);
        return a;
    }
}

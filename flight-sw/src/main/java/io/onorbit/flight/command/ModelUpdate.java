package io.onorbit.flight.command;

import io.onorbit.flight.learning.model.ModelVersion;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A global-model update for one satellite, before signing: the parameters that changed from the
 * base version to the target version, as their new float32 values (not differences, so the result
 * is bit-exact and its digest can be checked on board).
 *
 * <p>Body layout (big-endian): magic "OU" (2), format 1 (1), satellite name length (1) + UTF-8,
 * counter (8), base version (8), base digest (32), target version (8), target digest (32),
 * dimension (4), count n (4), n indices (4 each), n values (float32, 4 each). The signed frame
 * is the body followed by its 32-byte HMAC-SHA256 ({@link UplinkFrame}).
 *
 * @param satellite  addressee (1..255 UTF-8 bytes)
 * @param counter    command counter, &gt; 0, strictly increasing per satellite
 * @param base       model version the update applies to
 * @param target     model version it produces
 * @param dimension  number of model parameters, &gt; 0
 * @param indices    strictly increasing indices in [0, dimension) of the changed parameters
 * @param values     their new values
 */
public record ModelUpdate(String satellite, long counter, ModelVersion base, ModelVersion target, int dimension,
        int[] indices, float[] values) {

    static final short MAGIC = 0x4F55; // "OU"
    static final byte FORMAT = 1;

    public ModelUpdate {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        int nameBytes = satellite.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes < 1 || nameBytes > 255) {
            throw new IllegalArgumentException("satellite name must be 1..255 UTF-8 bytes, is " + nameBytes);
        }
        if (counter <= 0) {
            throw new IllegalArgumentException("counter " + counter + " must be > 0");
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension " + dimension + " must be > 0");
        }
        if (indices.length != values.length || indices.length > dimension) {
            throw new IllegalArgumentException("indices (" + indices.length + ") and values (" + values.length
                    + ") must match and not exceed dimension " + dimension);
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= dimension || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("indices must be strictly increasing in [0, " + dimension + ")");
            }
        }
        indices = indices.clone();
        values = values.clone();
    }

    /**
     * @return the update that takes {@code from} (version {@code base}) to {@code to}: every
     *         position whose float32 bits differ, with its new value
     */
    public static ModelUpdate between(String satellite, long counter, ModelVersion base, float[] from,
            ModelVersion target, float[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("models differ in size: " + from.length + " vs " + to.length);
        }
        int n = 0;
        int[] idx = new int[to.length];
        for (int i = 0; i < to.length; i++) {
            if (Float.floatToRawIntBits(from[i]) != Float.floatToRawIntBits(to[i])) {
                idx[n++] = i;
            }
        }
        float[] val = new float[n];
        for (int k = 0; k < n; k++) {
            val[k] = to[idx[k]];
        }
        return new ModelUpdate(satellite, counter, base, target, to.length, Arrays.copyOf(idx, n), val);
    }

    /** @return {@code params} with this update applied (a new array) */
    public float[] applyTo(float[] params) {
        if (params.length != dimension) {
            throw new IllegalArgumentException("model has " + params.length + " parameters, update is for " + dimension);
        }
        float[] out = params.clone();
        for (int k = 0; k < indices.length; k++) {
            out[indices[k]] = values[k];
        }
        return out;
    }

    /** @return the body bytes that the HMAC covers */
    public byte[] encode() {
        byte[] name = satellite.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(bodyLength(name.length, indices.length));
        b.putShort(MAGIC).put(FORMAT).put((byte) name.length).put(name).putLong(counter);
        b.putLong(base.version()).put(base.digest()).putLong(target.version()).put(target.digest());
        b.putInt(dimension).putInt(indices.length);
        for (int i : indices) {
            b.putInt(i);
        }
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static int bodyLength(int nameBytes, int count) {
        return 2 + 1 + 1 + nameBytes + 8 + 8 + ModelVersion.DIGEST_BYTES + 8 + ModelVersion.DIGEST_BYTES + 4 + 4 + 8 * count;
    }

    /**
     * The body length a buffer announces, from its header, or -1 if the header itself is cut short.
     * Used to tell a truncated frame from a forged one before the MAC is checked.
     */
    static long announcedBodyLength(byte[] frame) {
        try {
            ByteBuffer b = ByteBuffer.wrap(frame);
            b.position(3);
            int nameBytes = Byte.toUnsignedInt(b.get());
            int countAt = 4 + nameBytes + 8 + 8 + ModelVersion.DIGEST_BYTES + 8 + ModelVersion.DIGEST_BYTES + 4;
            b.position(countAt);
            long count = Integer.toUnsignedLong(b.getInt());
            return 2 + 1 + 1 + nameBytes + 8L + 8 + ModelVersion.DIGEST_BYTES + 8 + ModelVersion.DIGEST_BYTES + 4 + 4 + 8 * count;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * Parses a body (exact length).
     *
     * @throws IllegalArgumentException if it is not a well-formed format-1 update
     */
    static ModelUpdate decode(byte[] body) {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            if (b.getShort() != MAGIC || b.get() != FORMAT) {
                throw new IllegalArgumentException("not a format-1 model update");
            }
            byte[] name = new byte[Byte.toUnsignedInt(b.get())];
            b.get(name);
            long counter = b.getLong();
            long baseVersion = b.getLong();
            byte[] baseDigest = new byte[ModelVersion.DIGEST_BYTES];
            b.get(baseDigest);
            long targetVersion = b.getLong();
            byte[] targetDigest = new byte[ModelVersion.DIGEST_BYTES];
            b.get(targetDigest);
            int dimension = b.getInt();
            int count = b.getInt();
            if (count < 0 || b.remaining() != 8L * count) {
                throw new IllegalArgumentException("update announces " + count + " entries but carries " + b.remaining() + " bytes");
            }
            int[] idx = new int[count];
            float[] val = new float[count];
            for (int k = 0; k < count; k++) {
                idx[k] = b.getInt();
            }
            for (int k = 0; k < count; k++) {
                val[k] = b.getFloat();
            }
            return new ModelUpdate(new String(name, StandardCharsets.UTF_8), counter,
                    new ModelVersion(baseVersion, baseDigest), new ModelVersion(targetVersion, targetDigest), dimension, idx, val);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("model update cut short", e);
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelUpdate u && u.satellite.equals(satellite) && u.counter == counter && u.base.equals(base)
                && u.target.equals(target) && u.dimension == dimension && Arrays.equals(u.indices, indices)
                && Arrays.equals(u.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(satellite, counter, base, target, dimension) * 31 + Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return "ModelUpdate[" + satellite + " #" + counter + " " + base + " -> " + target + ", " + indices.length + " of "
                + dimension + " params]";
    }
}

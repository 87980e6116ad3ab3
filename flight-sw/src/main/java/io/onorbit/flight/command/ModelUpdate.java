package io.onorbit.flight.command;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * @param parameters the parameters that changed, with their new values (the update's dimension
 *                   is the model's parameter count)
 */
public record ModelUpdate(String satellite, long counter, ModelVersion base, ModelVersion target,
        SparseVector parameters) {

    static final short MAGIC = 0x4F55; // "OU"
    static final byte FORMAT = 1;

    public ModelUpdate {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(parameters, "parameters");
        int nameBytes = satellite.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes < 1 || nameBytes > 255) {
            throw new IllegalArgumentException("satellite name must be 1..255 UTF-8 bytes, is " + nameBytes);
        }
        if (counter <= 0) {
            throw new IllegalArgumentException("counter " + counter + " must be > 0");
        }
    }

    /**
     * @return the update that takes {@code from} (version {@code base}) to {@code to}: every
     *         position whose float32 bits differ, with its new value
     */
    public static ModelUpdate between(String satellite, long counter, ModelVersion base, float[] from,
            ModelVersion target, float[] to) {
        return new ModelUpdate(satellite, counter, base, target, SparseVector.changed(from, to));
    }

    /** @return number of model parameters the update is for */
    public int dimension() {
        return parameters.dimension();
    }

    /** @return {@code params} with this update applied (a new array) */
    public float[] applyTo(float[] params) {
        return parameters.overwrite(params);
    }

    /** @return the body bytes that the HMAC covers */
    public byte[] encode() {
        byte[] name = satellite.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(bodyLength(name.length, parameters.size()));
        b.putShort(MAGIC).put(FORMAT).put((byte) name.length).put(name).putLong(counter);
        b.putLong(base.version()).put(base.digest()).putLong(target.version()).put(target.digest());
        b.putInt(parameters.dimension()).putInt(parameters.size());
        putEntries(b, parameters);
        return b.array();
    }

    /*
     * The per-entry loops are methods of their own: inside encode and decode (once per update)
     * their iterations made the JIT compile those at its highest tier with all they call (decode
     * on-stack first); now only these small loops are compiled.
     */

    /** Puts the indices, then the values. */
    private static void putEntries(ByteBuffer b, SparseVector p) {
        int count = p.size();
        for (int j = 0; j < count; j++) {
            b.putInt(p.index(j));
        }
        for (int j = 0; j < count; j++) {
            b.putFloat(p.value(j));
        }
    }

    /** @return the next {@code count} big-endian ints of {@code b} */
    private static int[] getInts(ByteBuffer b, int count) {
        int[] a = new int[count];
        for (int k = 0; k < count; k++) {
            a[k] = b.getInt();
        }
        return a;
    }

    /** @return the next {@code count} big-endian float32 values of {@code b} */
    private static float[] getFloats(ByteBuffer b, int count) {
        float[] a = new float[count];
        for (int k = 0; k < count; k++) {
            a[k] = b.getFloat();
        }
        return a;
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
            int[] idx = getInts(b, count);
            float[] val = getFloats(b, count);
            return new ModelUpdate(new String(name, StandardCharsets.UTF_8), counter,
                    new ModelVersion(baseVersion, baseDigest), new ModelVersion(targetVersion, targetDigest),
                    new SparseVector(dimension, idx, val));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("model update cut short", e);
        }
    }

    @Override
    public String toString() {
        return "ModelUpdate[" + satellite + " #" + counter + " " + base + " -> " + target + ", " + parameters.size() + " of "
                + parameters.dimension() + " params]";
    }
}

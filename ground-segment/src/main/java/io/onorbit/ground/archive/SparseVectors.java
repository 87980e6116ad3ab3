package io.onorbit.ground.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small helpers for sparse float vectors and their little-endian blob form in the archive. */
public final class SparseVectors {

    private SparseVectors() {
    }

    /** @return the L2 norm of {@code values}, accumulated in double */
    public static double norm(float[] values) {
        double s = 0;
        for (float v : values) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** @return a dense vector of length {@code dimension} with {@code values} at {@code indices} */
    public static float[] dense(int dimension, int[] indices, float[] values) {
        float[] out = new float[dimension];
        for (int i = 0; i < indices.length; i++) {
            out[indices[i]] = values[i];
        }
        return out;
    }

    static byte[] floatsToBlob(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] blobToFloats(byte[] blob) {
        float[] v = new float[blob.length / 4];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static byte[] intsToBlob(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }

    static int[] blobToInts(byte[] blob) {
        int[] v = new int[blob.length / 4];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
        return v;
    }
}

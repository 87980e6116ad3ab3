package io.onorbit.ground.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The archive's blob form of number arrays: little-endian, 4 bytes per element, no header (the
 * element count is the blob length / 4). Sparse vectors are stored as two such blobs.
 */
final class LittleEndianBlobs {

    private LittleEndianBlobs() {
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

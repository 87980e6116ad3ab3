package io.onorbit.flight.delta;

import java.io.ByteArrayOutputStream;

/** Big-endian and LEB128-varint writer. Package-private helper of the codec. */
final class ByteSink {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    void u8(int v) {
        out.write(v & 0xFF);
    }

    void i32(int v) {
        u8(v >>> 24);
        u8(v >>> 16);
        u8(v >>> 8);
        u8(v);
    }

    void i64(long v) {
        i32((int) (v >>> 32));
        i32((int) v);
    }

    /** Unsigned LEB128, 7 bits a byte, low group first. */
    void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            u8((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        u8((int) v);
    }

    void bytes(byte[] b) {
        out.write(b, 0, b.length);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}

package io.onorbit.flight.delta;

/** Bounds-checked reader matching {@link ByteSink}; every overrun is a {@link DeltaFormatException}. */
final class ByteSource {
    private final byte[] b;
    private final int end;
    private int pos;

    ByteSource(byte[] b, int end) {
        this.b = b;
        this.end = end;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n, String what) throws DeltaFormatException {
        if (n < 0 || n > end - pos) {
            throw new DeltaFormatException("truncated at byte " + pos + " reading " + what);
        }
    }

    int u8(String what) throws DeltaFormatException {
        need(1, what);
        return b[pos++] & 0xFF;
    }

    int i32(String what) throws DeltaFormatException {
        need(4, what);
        int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long i64(String what) throws DeltaFormatException {
        return ((long) i32(what) << 32) | (i32(what) & 0xFFFFFFFFL);
    }

    long varint(String what) throws DeltaFormatException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = u8(what);
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (shift == 63 && x > 1) {
                    break;
                }
                return v;
            }
        }
        throw new DeltaFormatException("varint too long reading " + what);
    }

    /** @return a varint in [0, max] */
    int varintUpTo(long max, String what) throws DeltaFormatException {
        long v = varint(what);
        if (v < 0 || v > max) {
            throw new DeltaFormatException(what + " " + v + " out of [0, " + max + "]");
        }
        return (int) v;
    }

    byte[] bytes(int n, String what) throws DeltaFormatException {
        need(n, what);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }
}

package io.onorbit.flight.delta;

import com.google.common.hash.Hashing;
import io.onorbit.flight.learning.model.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The byte format of a {@link WeightDelta}, shared by spacecraft and ground. Stateless.
 *
 * <pre>
 * magic "ODLT" | format 1 (u8) | satellite (u8 length + UTF-8) | sequence (varint)
 * | base version (varint) | base digest (32) | sample count (varint)
 * | created: epoch seconds (i64) + nanos (varint) | bits (u8) | scale mode (u8)
 * | tensor count T (varint) | T tensor sizes (varint)
 * | scales (float32 each: 0, 1 or T) | entry count (varint)
 * | index coding (u8: 0 all, 1 varint gaps, 2 bitmap LSB-first) | indices
 * | levels bit-packed MSB-first (b bits each, offset by qmax; or float32 each)
 * | SHA-256 of everything before (32)
 * </pre>
 * Multi-byte fixed fields are big-endian.
 *
 * <p>Decoding is bounded before it allocates: every count (tensors, scales, entries) must fit in
 * the bytes still unread (an entry needs at least its level's bits), and the model dimension must
 * not exceed the caller's known model size ({@link #decode(byte[], int)}), so a short forged
 * message cannot make the receiver allocate for a billion parameters.
 */
public final class DeltaCodec {

    private static final byte[] MAGIC = {'O', 'D', 'L', 'T'};
    private static final int FORMAT = 1;
    /** Length of the trailing digest, bytes. */
    public static final int DIGEST_BYTES = 32;

    static final int INDEX_ALL = 0;
    static final int INDEX_GAPS = 1;
    static final int INDEX_BITMAP = 2;

    private DeltaCodec() {
    }

    /** @return the encoded bytes of {@code d}, digest included */
    public static byte[] encode(WeightDelta d) {
        ByteSink s = new ByteSink();
        s.bytes(MAGIC);
        s.u8(FORMAT);
        byte[] name = d.satellite().getBytes(StandardCharsets.UTF_8);
        s.u8(name.length);
        s.bytes(name);
        s.varint(d.sequence());
        s.varint(d.base().version());
        s.bytes(d.base().digest());
        s.varint(d.sampleCount());
        s.i64(d.createdAt().getEpochSecond());
        s.varint(d.createdAt().getNano());
        s.u8(d.bits());
        s.u8(d.scaleMode().ordinal());
        int[] sizes = d.layout().sizes();
        s.varint(sizes.length);
        for (int size : sizes) {
            s.varint(size);
        }
        for (float scale : d.scales()) {
            s.i32(Float.floatToIntBits(scale));
        }
        int n = d.dimension();
        int nnz = d.size();
        s.varint(nnz);
        writeIndices(s, d.indices(), n);
        writeLevels(s, d);
        byte[] body = s.toByteArray();
        byte[] out = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(sha256(body, body.length), 0, out, body.length, DIGEST_BYTES);
        return out;
    }

    private static void writeIndices(ByteSink s, int[] idx, int n) {
        if (idx.length == n) {
            s.u8(INDEX_ALL);
            return;
        }
        ByteSink gaps = new ByteSink();
        int prev = -1;
        for (int i : idx) {
            gaps.varint(i - prev - 1L);
            prev = i;
        }
        int bitmapBytes = (n + 7) / 8;
        if (gaps.size() <= bitmapBytes) {
            s.u8(INDEX_GAPS);
            s.bytes(gaps.toByteArray());
        } else {
            byte[] bitmap = new byte[bitmapBytes];
            for (int i : idx) {
                bitmap[i >>> 3] |= (byte) (1 << (i & 7));
            }
            s.u8(INDEX_BITMAP);
            s.bytes(bitmap);
        }
    }

    private static void writeLevels(ByteSink s, WeightDelta d) {
        int bits = d.bits();
        int[] levels = d.levels();
        if (bits == CompressionSettings.FLOAT32) {
            for (int q : levels) {
                s.i32(q);
            }
            return;
        }
        int offset = bits == 1 ? 0 : WeightDelta.qmax(bits);
        long acc = 0;
        int held = 0;
        for (int q : levels) {
            acc = (acc << bits) | (q + offset);
            held += bits;
            while (held >= 8) {
                s.u8((int) (acc >>> (held - 8)));
                held -= 8;
            }
        }
        if (held > 0) {
            s.u8((int) (acc << (8 - held)));
        }
    }

    /**
     * Decodes with counts bounded by the bytes present only ({@link #decode(byte[], int)} when the
     * model size is known, as it is on the ground and on board).
     *
     * @param bytes encoded delta
     * @return the delta
     * @throws DeltaFormatException if the bytes are not a well-formed delta with a matching digest
     */
    public static WeightDelta decode(byte[] bytes) throws DeltaFormatException {
        return decode(bytes, Integer.MAX_VALUE);
    }

    /**
     * @param bytes             encoded delta
     * @param maxDimension      the largest model the receiver knows of, parameters: a delta of a
     *                          larger model is refused before anything of its size is allocated
     * @return the delta
     * @throws DeltaFormatException if the bytes are not a well-formed delta with a matching digest,
     *                              or announce more than they hold or than {@code maxDimension}
     */
    public static WeightDelta decode(byte[] bytes, int maxDimension) throws DeltaFormatException {
        if (bytes == null || bytes.length < MAGIC.length + DIGEST_BYTES) {
            throw new DeltaFormatException("too short for a delta: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        int bodyLen = bytes.length - DIGEST_BYTES;
        if (!MessageDigest.isEqual(sha256(bytes, bodyLen), Arrays.copyOfRange(bytes, bodyLen, bytes.length))) {
            throw new DeltaFormatException("digest mismatch: delta corrupted");
        }
        ByteSource r = new ByteSource(bytes, bodyLen);
        if (!Arrays.equals(r.bytes(MAGIC.length, "magic"), MAGIC)) {
            throw new DeltaFormatException("not a delta (bad magic)");
        }
        int format = r.u8("format");
        if (format != FORMAT) {
            throw new DeltaFormatException("unsupported delta format " + format);
        }
        String satellite = new String(r.bytes(r.u8("satellite length"), "satellite"), StandardCharsets.UTF_8);
        long sequence = r.varint("sequence");
        long version = r.varint("base version");
        byte[] digest = r.bytes(ModelVersion.DIGEST_BYTES, "base digest");
        long samples = r.varint("sample count");
        long epochS = r.i64("creation seconds");
        int nanos = r.varintUpTo(999_999_999L, "creation nanos");
        int bits = r.u8("bits");
        int modeOrdinal = r.u8("scale mode");
        if (modeOrdinal >= ScaleMode.values().length) {
            throw new DeltaFormatException("unknown scale mode " + modeOrdinal);
        }
        int tensors = r.varintUpTo(r.remaining(), "tensor count");
        int[] sizes = new int[tensors];
        long total = 0;
        for (int t = 0; t < tensors; t++) {
            sizes[t] = r.varintUpTo(Integer.MAX_VALUE, "tensor size");
            total += sizes[t];
        }
        if (total > maxDimension) {
            throw new DeltaFormatException("model of " + total + " parameters, larger than the " + maxDimension + " known");
        }
        try {
            TensorLayout layout = new TensorLayout(sizes);
            ScaleMode mode = ScaleMode.values()[modeOrdinal];
            if (!((bits >= 1 && bits <= 8) || bits == CompressionSettings.FLOAT32)) {
                throw new DeltaFormatException("bits " + bits + " not in 1..8 or 32");
            }
            int groups = WeightDelta.scaleGroups(bits, mode, layout);
            if (4L * groups > r.remaining()) {
                throw new DeltaFormatException(groups + " scales announced, " + r.remaining() + " bytes left");
            }
            float[] scales = new float[groups];
            for (int g = 0; g < scales.length; g++) {
                scales[g] = Float.intBitsToFloat(r.i32("scale"));
            }
            int n = layout.dimension();
            int nnz = r.varintUpTo(n, "entry count");
            // Each entry's level takes `bits` bits after the index coding (at least one more byte).
            if ((long) nnz * bits > 8L * (r.remaining() - 1)) {
                throw new DeltaFormatException("entry count " + nnz + " of " + bits + " bits exceeds the "
                        + r.remaining() + " bytes left");
            }
            int[] indices = readIndices(r, n, nnz);
            int[] levels = readLevels(r, bits, nnz);
            if (r.remaining() != 0) {
                throw new DeltaFormatException(r.remaining() + " unexpected bytes after the levels");
            }
            return new WeightDelta(satellite, sequence, new ModelVersion(version, digest), samples,
                    Instant.ofEpochSecond(epochS, nanos), layout, bits, mode, scales, indices, levels);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new DeltaFormatException("invalid delta: " + e.getMessage());
        }
    }

    private static int[] readIndices(ByteSource r, int n, int nnz) throws DeltaFormatException {
        int coding = r.u8("index coding");
        int[] idx = new int[nnz];
        switch (coding) {
            case INDEX_ALL -> {
                if (nnz != n) {
                    throw new DeltaFormatException("index coding 'all' with " + nnz + " of " + n + " entries");
                }
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
            }
            case INDEX_GAPS -> {
                if (nnz > r.remaining()) {
                    throw new DeltaFormatException("entry count " + nnz + " exceeds the bytes left");
                }
                long prev = -1;
                for (int j = 0; j < nnz; j++) {
                    long i = prev + 1 + r.varint("index gap");
                    if (i < 0 || i >= n) {
                        throw new DeltaFormatException("index " + i + " out of [0, " + n + ")");
                    }
                    idx[j] = (int) i;
                    prev = i;
                }
            }
            case INDEX_BITMAP -> {
                byte[] bitmap = r.bytes((n + 7) / 8, "index bitmap");
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
                        if (c == nnz) {
                            throw new DeltaFormatException("bitmap has more than " + nnz + " entries");
                        }
                        idx[c++] = i;
                    }
                }
                if (c != nnz) {
                    throw new DeltaFormatException("bitmap has " + c + " entries, header says " + nnz);
                }
                if ((n & 7) != 0 && (bitmap[bitmap.length - 1] & 0xFF) >>> (n & 7) != 0) {
                    throw new DeltaFormatException("bitmap sets bits past the last parameter");
                }
            }
            default -> throw new DeltaFormatException("unknown index coding " + coding);
        }
        return idx;
    }

    private static int[] readLevels(ByteSource r, int bits, int nnz) throws DeltaFormatException {
        int[] levels = new int[nnz];
        if (bits == CompressionSettings.FLOAT32) {
            for (int j = 0; j < nnz; j++) {
                levels[j] = r.i32("float32 value");
            }
            return levels;
        }
        byte[] packed = r.bytes((int) (((long) nnz * bits + 7) / 8), "levels");
        int offset = bits == 1 ? 0 : WeightDelta.qmax(bits);
        long bitPos = 0;
        for (int j = 0; j < nnz; j++) {
            int v = 0;
            for (int k = 0; k < bits; k++, bitPos++) {
                int bit = (packed[(int) (bitPos >>> 3)] >>> (7 - (bitPos & 7))) & 1;
                v = (v << 1) | bit;
            }
            levels[j] = v - offset;
        }
        return levels;
    }

    private static byte[] sha256(byte[] b, int len) {
        return Hashing.sha256().hashBytes(b, 0, len).asBytes();
    }

    /** @return bytes of the dense float32 delta of {@code dimension} parameters (4 per parameter) */
    public static long denseFloat32Bytes(int dimension) {
        return 4L * dimension;
    }
}

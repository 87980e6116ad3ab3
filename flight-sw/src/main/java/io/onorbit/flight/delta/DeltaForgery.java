package io.onorbit.flight.delta;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hostile delta bytes, for tests and the message fuzz benchmark: what an attacker (or a satellite
 * whose software went wrong) can put on the link. Every method returns bytes whose own SHA-256
 * digest is right, so they reach the decoder's field checks instead of stopping at the digest.
 */
public final class DeltaForgery {

    private DeltaForgery() {
    }

    /**
     * The message of issue #12: a format-1 delta of a one-tensor model of {@code parameters}
     * parameters claiming all of them sent ("all" index coding) at 1 bit, with no level bytes.
     * For satellite "sat-1" it is 105 bytes long.
     */
    public static byte[] announcing(String satellite, long parameters) {
        ByteSink s = new ByteSink();
        s.bytes(new byte[] {'O', 'D', 'L', 'T'});
        s.u8(1);
        byte[] name = satellite.getBytes(StandardCharsets.UTF_8);
        s.u8(name.length);
        s.bytes(name);
        s.varint(0); // sequence
        s.varint(0); // base version
        s.bytes(new byte[32]); // base digest
        s.varint(0); // samples
        s.i64(0); // created, s
        s.varint(0); // nanos
        s.u8(1); // bits
        s.u8(ScaleMode.PER_DELTA.ordinal());
        s.varint(1); // one tensor
        s.varint(parameters);
        s.i32(Float.floatToIntBits(1f)); // the one scale
        s.varint(parameters); // entries: all of them
        s.u8(DeltaCodec.INDEX_ALL);
        return withDigest(s.toByteArray());
    }

    /** @return {@code body} followed by its SHA-256, as {@link DeltaCodec} frames a delta */
    public static byte[] withDigest(byte[] body) {
        byte[] out = Arrays.copyOf(body, body.length + DeltaCodec.DIGEST_BYTES);
        System.arraycopy(com.google.common.hash.Hashing.sha256().hashBytes(body).asBytes(), 0, out, body.length,
                DeltaCodec.DIGEST_BYTES);
        return out;
    }

    /** @return {@code delta} (an encoded delta) with its trailing digest recomputed after a mutation */
    public static byte[] redigested(byte[] delta) {
        return withDigest(Arrays.copyOf(delta, Math.max(0, delta.length - DeltaCodec.DIGEST_BYTES)));
    }
}

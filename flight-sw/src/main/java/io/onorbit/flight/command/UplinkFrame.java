package io.onorbit.flight.command;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and checks uplink frames: body followed by HMAC-SHA256(key, body), 32 bytes. */
public final class UplinkFrame {

    /** HMAC-SHA256 tag length, bytes. */
    public static final int MAC_BYTES = 32;
    /** Shortest key accepted, bytes (128 bits). */
    public static final int MIN_KEY_BYTES = 16;

    private UplinkFrame() {
    }

    /** @return the signed frame: {@code update.encode()} followed by its HMAC under {@code key} */
    public static byte[] sign(ModelUpdate update, byte[] key) {
        byte[] body = update.encode();
        byte[] mac = mac(key, body, body.length);
        byte[] frame = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac, 0, frame, body.length, MAC_BYTES);
        return frame;
    }

    /** @return true if the last 32 bytes of {@code frame} are the HMAC of the rest (constant-time compare) */
    static boolean verify(byte[] frame, byte[] key) {
        if (frame.length < MAC_BYTES) {
            return false;
        }
        int bodyLength = frame.length - MAC_BYTES;
        byte[] expected = mac(key, frame, bodyLength);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(frame, bodyLength, frame.length));
    }

    /**
     * One HMAC engine per thread, re-keyed for each MAC (init resets it): finding the provider for
     * a new instance cost more than the MAC of a short frame, several times a step during passes.
     */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    });

    /**
     * @return HMAC-SHA256 under {@code key} of the first {@code length} bytes of {@code data}
     *         (the one HMAC of the project: uplink frames and sealed downlink deltas)
     * @throws IllegalArgumentException if the key is shorter than {@link #MIN_KEY_BYTES}
     */
    public static byte[] mac(byte[] key, byte[] data, int length) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("uplink key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac m = HMAC.get();
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            m.update(data, 0, length);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}

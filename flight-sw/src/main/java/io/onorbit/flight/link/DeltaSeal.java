package io.onorbit.flight.link;

import io.onorbit.flight.command.UplinkFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Authenticates downlinked delta messages: the message is the encoded delta followed by
 * HMAC-SHA256(key, DOMAIN || delta), 32 bytes, under the satellite's own key (the same key that
 * authenticates its uplink). The domain prefix keeps a downlink tag from ever being valid as an
 * uplink frame's and the other way round. The ground checks the tag before it decodes anything,
 * so a forged or corrupted message costs it one HMAC over the message's own bytes. Stateless.
 */
public final class DeltaSeal {

    /** Tag length, bytes. */
    public static final int MAC_BYTES = UplinkFrame.MAC_BYTES;
    private static final byte[] DOMAIN = "OnOrbit downlink delta v1\0".getBytes(StandardCharsets.US_ASCII);

    private DeltaSeal() {
    }

    /** @return {@code delta} followed by its tag under {@code key} */
    public static byte[] seal(byte[] key, byte[] delta) {
        byte[] out = Arrays.copyOf(delta, delta.length + MAC_BYTES);
        System.arraycopy(tag(key, delta, delta.length), 0, out, delta.length, MAC_BYTES);
        return out;
    }

    /**
     * @return the delta bytes if the last {@link #MAC_BYTES} of {@code message} are their tag under
     *         {@code key} (constant-time compare); empty if not, or if the message is too short
     */
    public static Optional<byte[]> open(byte[] key, byte[] message) {
        if (message == null || message.length < MAC_BYTES) {
            return Optional.empty();
        }
        int body = message.length - MAC_BYTES;
        byte[] expected = tag(key, message, body);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(message, body, message.length))) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(message, body));
    }

    private static byte[] tag(byte[] key, byte[] data, int length) {
        byte[] prefixed = new byte[DOMAIN.length + length];
        System.arraycopy(DOMAIN, 0, prefixed, 0, DOMAIN.length);
        System.arraycopy(data, 0, prefixed, DOMAIN.length, length);
        return UplinkFrame.mac(key, prefixed, prefixed.length);
    }
}

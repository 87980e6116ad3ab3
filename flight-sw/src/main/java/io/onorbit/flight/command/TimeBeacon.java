package io.onorbit.flight.command;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The ground's time beacon, authenticated like an uplink command: {@code "OTB1"}, the addressee's
 * name, the ground time in ms since the schedule's epoch, then HMAC-SHA256 of all that under the
 * satellite's uplink key ({@link UplinkFrame#mac}). The leading mark differs from a model update's,
 * so neither can be taken for the other under the same key. A spacecraft sets its clock from a
 * beacon only if it verifies, names it, and carries a time after the last beacon it accepted
 * (kept on flash by the caller), so a forged beacon, a recorded one played back, or a late one
 * cannot move the clock: without the key, the clock can only be left alone.
 */
public final class TimeBeacon {

    private static final int MARK = 0x4F544231; // "OTB1"
    private static final int MAX_NAME_BYTES = 255;

    /** A beacon that verified: whom it addresses and the ground time it carries. */
    public record Beacon(String satellite, long groundTimeMs) { }

    private TimeBeacon() {
    }

    /** @return the signed beacon telling {@code satellite} that the ground time is {@code groundTimeMs} */
    public static byte[] sign(String satellite, long groundTimeMs, byte[] key) {
        byte[] name = satellite.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("satellite name of " + name.length + " bytes: must be 1 to " + MAX_NAME_BYTES);
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + name.length + 8 + UplinkFrame.MAC_BYTES);
        b.putInt(MARK).put((byte) name.length).put(name).putLong(groundTimeMs);
        int body = b.position();
        b.put(UplinkFrame.mac(key, b.array(), body));
        return b.array();
    }

    /**
     * Checks a beacon as the spacecraft {@code satellite} receives it. Never throws on bad input.
     *
     * @param frame          the bytes received
     * @param satellite      this spacecraft
     * @param key            its uplink key
     * @param lastAcceptedMs ground time of the last beacon accepted (from flash), ms
     * @return the refusal reason, or empty if the beacon may set the clock
     */
    public static Optional<UpdateRefusal> check(byte[] frame, String satellite, byte[] key, long lastAcceptedMs) {
        Optional<Beacon> b = parse(frame);
        if (b.isEmpty()) {
            return Optional.of(frame == null || frame.length < 4 + 1 + 8 + UplinkFrame.MAC_BYTES
                    ? UpdateRefusal.TRUNCATED : UpdateRefusal.MALFORMED);
        }
        if (!UplinkFrame.verify(frame, key)) {
            return Optional.of(UpdateRefusal.FORGED);
        }
        if (!b.get().satellite().equals(satellite)) {
            return Optional.of(UpdateRefusal.WRONG_SATELLITE);
        }
        if (b.get().groundTimeMs() <= lastAcceptedMs) {
            return Optional.of(UpdateRefusal.REPLAYED); // played back, or overtaken by a later one
        }
        return Optional.empty();
    }

    /** @return the beacon's fields if {@code frame} is laid out as one (authenticity not checked) */
    public static Optional<Beacon> parse(byte[] frame) {
        if (frame == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(frame);
            if (b.getInt() != MARK) {
                return Optional.empty();
            }
            int n = Byte.toUnsignedInt(b.get());
            if (n == 0 || b.remaining() != n + 8 + UplinkFrame.MAC_BYTES) {
                return Optional.empty();
            }
            byte[] name = new byte[n];
            b.get(name);
            return Optional.of(new Beacon(new String(name, StandardCharsets.UTF_8), b.getLong()));
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}

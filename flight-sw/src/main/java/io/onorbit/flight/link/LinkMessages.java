package io.onorbit.flight.link;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Payloads of acknowledgement and negative-acknowledgement messages (see the package note). */
public final class LinkMessages {

    private LinkMessages() {
    }

    /** A request to send segments of a message again. */
    public record Nack(long messageId, int[] segments) {
    }

    /** @return an ACK payload for the given message ids (at most 65535) */
    public static byte[] ack(long... messageIds) {
        ByteBuffer b = ByteBuffer.allocate(2 + 4 * messageIds.length);
        b.putShort((short) messageIds.length);
        for (long id : messageIds) {
            b.putInt((int) id);
        }
        return b.array();
    }

    /** @return the message ids of an ACK payload, or empty if malformed */
    public static Optional<long[]> parseAck(byte[] payload) {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            int n = Short.toUnsignedInt(b.getShort());
            if (b.remaining() != 4 * n) {
                return Optional.empty();
            }
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = Integer.toUnsignedLong(b.getInt());
            }
            return Optional.of(ids);
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** @return a NACK payload */
    public static byte[] nack(long messageId, int[] segments) {
        ByteBuffer b = ByteBuffer.allocate(6 + 2 * segments.length);
        b.putInt((int) messageId).putShort((short) segments.length);
        for (int s : segments) {
            b.putShort((short) s);
        }
        return b.array();
    }

    /** @return the NACK, or empty if malformed */
    public static Optional<Nack> parseNack(byte[] payload) {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            long id = Integer.toUnsignedLong(b.getInt());
            int n = Short.toUnsignedInt(b.getShort());
            if (b.remaining() != 2 * n) {
                return Optional.empty();
            }
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = Short.toUnsignedInt(b.getShort());
            }
            return Optional.of(new Nack(id, s));
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}

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

    /**
     * A model update the spacecraft refused, and the model version it holds instead.
     *
     * @param messageId   the update's message id
     * @param reason      why, the ordinal of {@code io.onorbit.flight.command.UpdateRefusal}
     * @param heldVersion version of the global model the spacecraft holds
     */
    public record Refusal(long messageId, int reason, long heldVersion) {
    }

    /** First field of a refusal payload where an ACK has its count: no ACK of 65535 ids is 15 bytes long. */
    private static final short REFUSAL_MARK = (short) 0xFFFF;
    private static final int REFUSAL_BYTES = 2 + 4 + 1 + 8;

    /** @return a refusal payload, sent where an update ACK would be */
    public static byte[] refusal(long messageId, int reason, long heldVersion) {
        ByteBuffer b = ByteBuffer.allocate(REFUSAL_BYTES);
        b.putShort(REFUSAL_MARK).putInt((int) messageId).put((byte) reason).putLong(heldVersion);
        return b.array();
    }

    /** @return the refusal, or empty if {@code payload} is not one (an ACK, or malformed) */
    public static Optional<Refusal> parseRefusal(byte[] payload) {
        if (payload.length != REFUSAL_BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        if (b.getShort() != REFUSAL_MARK) {
            return Optional.empty();
        }
        long id = Integer.toUnsignedLong(b.getInt());
        int reason = Byte.toUnsignedInt(b.get());
        return Optional.of(new Refusal(id, reason, b.getLong()));
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

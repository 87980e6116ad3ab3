package io.onorbit.flight.link;

import io.onorbit.flight.packet.Packetizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

/**
 * Messages waiting to go out one direction of the radio, as packets, in order: what is pending
 * per message, what was asked again, what is sent and awaits an acknowledgement. Not thread-safe.
 */
public final class Outbox {

    private static final class Out {
        final int apid;
        final long messageId;
        final List<byte[]> packets;
        final TreeSet<Integer> pending = new TreeSet<>();
        final boolean needsAck;

        Out(int apid, long messageId, List<byte[]> packets, boolean needsAck, boolean probeOnly) {
            this.apid = apid;
            this.messageId = messageId;
            this.packets = packets;
            this.needsAck = needsAck;
            for (int i = probeOnly ? packets.size() - 1 : 0; i < packets.size(); i++) {
                pending.add(i);
            }
        }
    }

    private final Packetizer packetizer;
    private final PassGatedRadio radio;
    private final PassGatedRadio.Direction direction;
    private final LinkedHashMap<Long, Out> messages = new LinkedHashMap<>();
    private long packetsSent;
    private long bytesSent;
    private long resentPackets;

    /**
     * @param packetizer splits messages (its sequence counts go with this direction)
     * @param radio      the only way out
     * @param direction  which way this outbox sends
     */
    public Outbox(Packetizer packetizer, PassGatedRadio radio, PassGatedRadio.Direction direction) {
        this.packetizer = packetizer;
        this.radio = radio;
        this.direction = direction;
    }

    private static long key(int apid, long messageId) {
        return ((long) apid << 32) | (messageId & 0xFFFFFFFFL);
    }

    /** Queues a message; {@code needsAck} keeps it after sending until {@link #remove}. */
    public void enqueue(int apid, long messageId, byte[] message, boolean needsAck) {
        enqueue(apid, messageId, message, needsAck, false);
    }

    /**
     * Queues a message; with {@code probeOnly} only its last segment is sent at first, and the
     * receiver's NACK says what else it needs (for a message partly sent before a reset).
     */
    public void enqueue(int apid, long messageId, byte[] message, boolean needsAck, boolean probeOnly) {
        long k = key(apid, messageId);
        if (!messages.containsKey(k)) {
            messages.put(k, new Out(apid, messageId & 0xFFFFFFFFL,
                    packetizer.segmentUnsequenced(apid, direction == PassGatedRadio.Direction.UPLINK, messageId, message), needsAck,
                    probeOnly));
        }
    }

    /** @return true if the message is held (pending or awaiting its acknowledgement) */
    public boolean contains(int apid, long messageId) {
        return messages.containsKey(key(apid, messageId));
    }

    /** Marks segments to send again (a NACK); unknown messages or indices are ignored. */
    public void resend(int apid, long messageId, int[] segments) {
        Out o = messages.get(key(apid, messageId));
        if (o != null) {
            for (int s : segments) {
                if (s >= 0 && s < o.packets.size() && o.pending.add(s)) {
                    resentPackets++;
                }
            }
        }
    }

    /** For every fully sent message still awaiting its acknowledgement, send its last segment again. */
    public void probeUnacknowledged() {
        for (Out o : messages.values()) {
            if (o.needsAck && o.pending.isEmpty()) {
                o.pending.add(o.packets.size() - 1);
                resentPackets++;
            }
        }
    }

    /** Drops a message (acknowledged). @return true if it was held */
    public boolean remove(int apid, long messageId) {
        return messages.remove(key(apid, messageId)) != null;
    }

    /**
     * Sends pending packets in order until the radio refuses or is busy past {@code untilS}.
     *
     * @return packets sent
     */
    public int pump(double tS, double untilS) {
        int sent = 0;
        Iterator<Out> it = messages.values().iterator();
        while (it.hasNext()) {
            Out o = it.next();
            while (!o.pending.isEmpty()) {
                if (radio.busyUntilS(direction) >= untilS) {
                    return sent;
                }
                int idx = o.pending.first();
                // Counted when sent, not when segmented: a resend is a new packet with the next count.
                byte[] p = packetizer.stampNext(o.packets.get(idx));
                if (radio.transmit(Math.max(tS, radio.busyUntilS(direction)), direction, p)
                        instanceof PassGatedRadio.Refused) {
                    return sent;
                }
                packetizer.take(o.apid);
                o.pending.pollFirst();
                sent++;
                packetsSent++;
                bytesSent += p.length;
            }
            if (!o.needsAck) {
                it.remove();
            }
        }
        return sent;
    }

    /** @return message ids (with APIDs) fully sent and awaiting acknowledgement */
    public List<long[]> awaitingAck() {
        List<long[]> out = new ArrayList<>();
        for (Out o : messages.values()) {
            if (o.needsAck && o.pending.isEmpty()) {
                out.add(new long[] {o.apid, o.messageId});
            }
        }
        return out;
    }

    /** @return true if some packet waits to be sent */
    public boolean hasPending() {
        return messages.values().stream().anyMatch(o -> !o.pending.isEmpty());
    }

    /** @return messages held */
    public int size() {
        return messages.size();
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    /** @return packets queued again by NACKs and probes */
    public long resentPackets() {
        return resentPackets;
    }
}

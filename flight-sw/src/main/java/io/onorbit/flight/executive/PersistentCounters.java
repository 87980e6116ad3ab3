package io.onorbit.flight.executive;

import io.onorbit.flight.packet.Product;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The counters that must never go back, kept on flash (see {@link CounterStore}): a reset loses
 * RAM, not these.
 *
 * @param bootCount         boots so far, this one included (0: never booted)
 * @param controlIdNext     first control-message id no boot has handed out yet (ids are reserved
 *                          here in blocks before use, so they never repeat across boots)
 * @param deltaSequenceNext high-water mark of delta sequences: the queue never hands out less
 * @param uplinkCounter     counter of the last applied uplink command (anti-replay)
 * @param heldVersion       version of the global model applied last
 * @param packetCountNext   per {@link Product} ordinal, the CCSDS sequence count the next boot
 *                          starts that product's APID at (reserved ahead of the packets sent)
 * @param beaconFloorMs     ground time of the last time beacon accepted, ms since the epoch: a
 *                          beacon must carry a later time to set the clock ({@link Long#MIN_VALUE}
 *                          before the first)
 */
public record PersistentCounters(long bootCount, long controlIdNext, long deltaSequenceNext, long uplinkCounter,
                                 long heldVersion, int[] packetCountNext, long beaconFloorMs) {

    public PersistentCounters {
        if (bootCount < 0 || controlIdNext < 0 || deltaSequenceNext < 0 || uplinkCounter < 0 || heldVersion < 0) {
            throw new IllegalArgumentException("persistent counters must be >= 0");
        }
        if (packetCountNext.length != Product.values().length) {
            throw new IllegalArgumentException("packetCountNext needs one count per product");
        }
        packetCountNext = packetCountNext.clone();
    }

    /** @return the counters of a spacecraft that has never booted */
    public static PersistentCounters initial() {
        return new PersistentCounters(0, 0, 0, 0, 0, new int[Product.values().length], Long.MIN_VALUE);
    }

    @Override
    public int[] packetCountNext() {
        return packetCountNext.clone();
    }

    public PersistentCounters withBootCount(long v) {
        return new PersistentCounters(v, controlIdNext, deltaSequenceNext, uplinkCounter, heldVersion, packetCountNext, beaconFloorMs);
    }

    public PersistentCounters withControlIdNext(long v) {
        return new PersistentCounters(bootCount, v, deltaSequenceNext, uplinkCounter, heldVersion, packetCountNext, beaconFloorMs);
    }

    public PersistentCounters withDeltaSequenceNext(long v) {
        return new PersistentCounters(bootCount, controlIdNext, v, uplinkCounter, heldVersion, packetCountNext, beaconFloorMs);
    }

    public PersistentCounters withUplink(long counter, long version) {
        return new PersistentCounters(bootCount, controlIdNext, deltaSequenceNext, counter, version, packetCountNext, beaconFloorMs);
    }

    public PersistentCounters withPacketCountNext(int[] v) {
        return new PersistentCounters(bootCount, controlIdNext, deltaSequenceNext, uplinkCounter, heldVersion, v, beaconFloorMs);
    }

    public PersistentCounters withBeaconFloorMs(long v) {
        return new PersistentCounters(bootCount, controlIdNext, deltaSequenceNext, uplinkCounter, heldVersion, packetCountNext, v);
    }

    /** @return the larger of each counter (two damaged-in-different-ways copies never go back) */
    public PersistentCounters max(PersistentCounters o) {
        int[] p = new int[packetCountNext.length];
        for (int i = 0; i < p.length; i++) {
            // Counts wrap at 2^14: the one ahead is the one less than half the range in front.
            p[i] = Math.floorMod(o.packetCountNext[i] - packetCountNext[i], 1 << 14) < (1 << 13)
                    ? o.packetCountNext[i] : packetCountNext[i];
        }
        return new PersistentCounters(Math.max(bootCount, o.bootCount), Math.max(controlIdNext, o.controlIdNext),
                Math.max(deltaSequenceNext, o.deltaSequenceNext), Math.max(uplinkCounter, o.uplinkCounter),
                Math.max(heldVersion, o.heldVersion), p, Math.max(beaconFloorMs, o.beaconFloorMs));
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(5 * 8 + 4 + 4 * packetCountNext.length + 8);
        b.putLong(bootCount).putLong(controlIdNext).putLong(deltaSequenceNext).putLong(uplinkCounter).putLong(heldVersion);
        b.putInt(packetCountNext.length);
        for (int c : packetCountNext) {
            b.putInt(c);
        }
        b.putLong(beaconFloorMs);
        return b.array();
    }

    static Optional<PersistentCounters> decode(byte[] body) {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            long boot = b.getLong();
            long control = b.getLong();
            long delta = b.getLong();
            long uplink = b.getLong();
            long held = b.getLong();
            int n = b.getInt();
            if (n != Product.values().length || b.remaining() != 4 * n + 8) {
                return Optional.empty();
            }
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = b.getInt();
            }
            return Optional.of(new PersistentCounters(boot, control, delta, uplink, held, p, b.getLong()));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersistentCounters c && bootCount == c.bootCount && controlIdNext == c.controlIdNext
                && deltaSequenceNext == c.deltaSequenceNext && uplinkCounter == c.uplinkCounter
                && heldVersion == c.heldVersion && Arrays.equals(packetCountNext, c.packetCountNext)
                && beaconFloorMs == c.beaconFloorMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bootCount) * 31 + Arrays.hashCode(packetCountNext);
    }
}

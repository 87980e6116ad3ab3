package io.onorbit.verification.sim;

import io.onorbit.flight.schedule.ContactWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The physical radio channel between one spacecraft and the ground stations, emulated: it
 * decides whether a pass happens at all (a station may be down), flips bits at a bit error rate
 * and mangles whole packets, each from its own seeded random stream. It never alters the input
 * arrays; it counts what it did.
 */
public final class SpaceChannel {

    private final SplittableRandom random;
    private final double missedPassProbability;
    private final double bitErrorRate;
    private final double corruptedPacketProbability;
    private double decidedAosS = Double.NaN;
    private boolean decidedMissed;
    private long missedPasses;
    private long packetsWithBitErrors;
    private long corruptedPackets;

    /**
     * @param random                     this channel's own stream
     * @param missedPassProbability      chance a pass is lost, in [0, 1]
     * @param bitErrorRate               independent bit error probability, in [0, 0.01]
     * @param corruptedPacketProbability chance a packet is mangled as a whole, in [0, 1]
     */
    public SpaceChannel(SplittableRandom random, double missedPassProbability, double bitErrorRate,
                        double corruptedPacketProbability) {
        this.random = random;
        this.missedPassProbability = missedPassProbability;
        this.bitErrorRate = bitErrorRate;
        this.corruptedPacketProbability = corruptedPacketProbability;
    }

    /** @return true if {@code pass} is lost; decided once per pass */
    public boolean missed(ContactWindow pass) {
        if (pass.aosS() != decidedAosS) {
            decidedAosS = pass.aosS();
            decidedMissed = missedPassProbability > 0 && random.nextDouble() < missedPassProbability;
            if (decidedMissed) {
                missedPasses++;
            }
        }
        return decidedMissed;
    }

    /** @return the packets as they arrive at the other end */
    public List<byte[]> carry(List<byte[]> packets) {
        if (packets.isEmpty() || (bitErrorRate == 0 && corruptedPacketProbability == 0)) {
            return packets;
        }
        List<byte[]> out = new ArrayList<>(packets.size());
        for (byte[] p : packets) {
            byte[] q = p;
            if (corruptedPacketProbability > 0 && random.nextDouble() < corruptedPacketProbability) {
                q = mangle(p);
                corruptedPackets++;
            } else if (bitErrorRate > 0) {
                q = flipBits(p);
            }
            out.add(q);
        }
        return out;
    }

    /** Flips each bit with probability BER, skipping between errors geometrically (cheap at low BER). */
    private byte[] flipBits(byte[] p) {
        long bits = 8L * p.length;
        double logKeep = Math.log1p(-bitErrorRate);
        long pos = (long) Math.floor(Math.log(1 - random.nextDouble()) / logKeep);
        if (pos >= bits) {
            return p;
        }
        byte[] q = p.clone();
        while (pos < bits) {
            q[(int) (pos >>> 3)] ^= (byte) (1 << (pos & 7));
            pos += 1 + (long) Math.floor(Math.log(1 - random.nextDouble()) / logKeep);
        }
        packetsWithBitErrors++;
        return q;
    }

    /** Truncates, overwrites a burst, or drops the packet's tail: what a bad frame sync does. */
    private byte[] mangle(byte[] p) {
        int kind = random.nextInt(3);
        if (kind == 0 && p.length > 1) {
            return java.util.Arrays.copyOf(p, random.nextInt(p.length));
        }
        byte[] q = p.clone();
        if (q.length == 0) {
            return q;
        }
        int start = random.nextInt(q.length);
        int len = 1 + random.nextInt(Math.min(16, q.length - start));
        for (int i = start; i < start + len; i++) {
            q[i] = (byte) random.nextInt(256);
        }
        q[start] = (byte) (p[start] ^ (1 + random.nextInt(255))); // at least one byte surely differs
        if (kind == 2 && q.length > 1) {
            return java.util.Arrays.copyOf(q, q.length - 1 - random.nextInt(Math.min(8, q.length - 1)));
        }
        return q;
    }

    public long missedPasses() {
        return missedPasses;
    }

    public long packetsWithBitErrors() {
        return packetsWithBitErrors;
    }

    public long corruptedPackets() {
        return corruptedPackets;
    }
}

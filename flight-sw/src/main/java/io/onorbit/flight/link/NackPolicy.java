package io.onorbit.flight.link;

import io.onorbit.flight.packet.Reassembler;
import java.util.HashMap;
import java.util.Map;

/**
 * When a receiver asks again for the segments of an incomplete message: when it has received
 * something new since it last asked, or when {@code intervalS} has passed (the request itself may
 * have been lost). Not thread-safe.
 */
final class NackPolicy {

    private final double intervalS;
    private final Map<Long, double[]> last = new HashMap<>(); // key -> {time asked, received then}

    NackPolicy(double intervalS) {
        this.intervalS = intervalS;
    }

    /** @return true if a NACK for {@code p} should go out at {@code tS} */
    boolean due(Reassembler.PartialStatus p, double tS) {
        long key = ((long) p.apid() << 32) | p.messageId();
        int received = p.count() - p.missing().length;
        double[] l = last.get(key);
        if (l == null || received != l[1] || tS - l[0] >= intervalS) {
            last.put(key, new double[] {tS, received});
            return true;
        }
        return false;
    }

    void forget(int apid, long messageId) {
        last.remove(((long) apid << 32) | messageId);
    }
}

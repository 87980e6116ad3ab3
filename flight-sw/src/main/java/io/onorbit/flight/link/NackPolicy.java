package io.onorbit.flight.link;

import io.onorbit.flight.packet.Reassembler;
import java.util.HashMap;
import java.util.Map;

/**
 * When a receiver asks again for the segments of an incomplete message: at once when it first sees
 * the message (a probe after a reset needs an answer), then at most once per {@code intervalS}
 * (the sender may still be sending; the request itself may have been lost), and only while the
 * message is still missing segments. Not thread-safe.
 */
public final class NackPolicy {

    private final double intervalS;
    private final Map<Long, Double> last = new HashMap<>(); // key -> time asked

    public NackPolicy(double intervalS) {
        this.intervalS = intervalS;
    }

    /** @return true if a NACK for {@code p} should go out at {@code tS} */
    public boolean due(Reassembler.PartialStatus p, double tS) {
        long key = ((long) p.apid() << 32) | p.messageId();
        Double l = last.get(key);
        if (l == null || tS - l >= intervalS) {
            last.put(key, tS);
            return true;
        }
        return false;
    }

    public void forget(int apid, long messageId) {
        last.remove(((long) apid << 32) | messageId);
    }
}

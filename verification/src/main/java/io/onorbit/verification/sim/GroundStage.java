package io.onorbit.verification.sim;

import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/**
 * The ground segment as the loop drives it (adapter over {@code ground.ingest},
 * {@code ground.archive}, {@code ground.review}, {@code ground.aggregation}, {@code ground.uplink}).
 */
public interface GroundStage {

    /**
     * @return the per-satellite receiving end; it is used from that satellite's thread only,
     *         between two {@link #synchronize} calls
     */
    Port port(String satellite);

    /**
     * Runs at each ground synchronization, on one thread: archive what the ports received,
     * review it by the automatic policy, aggregate approved deltas into a new global model when
     * there are any, and prepare signed updates for each satellite's next pass.
     *
     * @param trueTimeS synchronization time, s since epoch
     * @return what happened, for the report
     */
    SyncReport synchronize(double trueTimeS);

    /** @return the archive file, if the ground keeps one */
    Optional<Path> archiveFile();

    /** Closes the archive. */
    void close();

    /** @return a short name of the implementation for the summary */
    String name();

    /** A satellite's receiving end at the ground stations. */
    interface Port {

        /**
         * Feeds packets as they arrived (possibly corrupted).
         *
         * @return ids of deltas that became complete and verified with these packets
         */
        List<Long> receive(double trueTimeS, List<byte[]> packets);

        /**
         * @param trueTimeS ground time now, s since epoch
         * @return the ground's time beacon for this satellite, signed under its key
         */
        byte[] beacon(double trueTimeS);

        /**
         * @param trueTimeS start of the carrier interval, s
         * @param untilS    its end, s (the ground's radio limits what fits)
         * @return packets to send up now (acknowledgements, a signed update)
         */
        List<byte[]> uplink(double trueTimeS, double untilS);
    }

    /**
     * @param approved     deltas approved by the automatic review since the last sync
     * @param rejected     deltas rejected (flags) since the last sync
     * @param newGlobalVersion version of the global model made at this sync, or -1 if none
     */
    record SyncReport(int approved, int rejected, long newGlobalVersion) {
        public static final SyncReport NOTHING = new SyncReport(0, 0, -1);
    }
}

package io.onorbit.verification.report;

import java.util.Map;

/**
 * Plain-words explanations of the reason keys the ground records when it refuses a packet or a
 * delta, and the spacecraft when it refuses an uplinked update (the keys stay as they are in the archive and in JSON; a person also reads what they mean).
 */
public final class Reasons {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("truncated", "a packet was shorter than its header says"),
            Map.entry("length-mismatch", "a packet was longer than its header says"),
            Map.entry("bad-version", "a packet of an unknown protocol version"),
            Map.entry("bad-check", "a packet failed its integrity check (bit errors on the link)"),
            Map.entry("unknown-apid", "a packet addressed to no known satellite product"),
            Map.entry("bad-segment-header", "a packet with an impossible segment header"),
            Map.entry("inconsistent-segment", "a segment that disagrees with the others of its message"),
            Map.entry("duplicate-segment", "a segment received twice"),
            Map.entry("bad-message-check", "a reassembled message failed its integrity check"),
            Map.entry("evicted", "a partial message dropped to bound memory (asked for again)"),
            Map.entry("bad-content", "a message whose content could not be decoded"),
            Map.entry("id-conflict", "a delta id already delivered with other content (kept on board)"),
            Map.entry("wrong-satellite", "a packet naming another satellite than its channel"),
            Map.entry("unauthenticated", "a delta not sealed with its satellite's key (forged or damaged)"),
            Map.entry("delta-format", "a delta that could not be decoded"),
            Map.entry("delta-digest", "a delta whose digest does not match its content"),
            Map.entry("delta-fields", "a delta with out-of-range fields"),
            Map.entry("satellite-mismatch", "a delta claiming another satellite than its channel"),
            Map.entry("message-id-mismatch", "a delta arriving under another message id than its own"),
            Map.entry("duplicate-delta", "a delta already archived (a retransmission)"),
            Map.entry("assembler-error", "a packet the ground could not process"),
            Map.entry("review", "rejected in review (flagged by the automatic checks or by an operator)"),
            // why a spacecraft refused an uplinked model update
            Map.entry("malformed", "an update with a bad format or out-of-range fields"),
            Map.entry("forged", "an update whose signature does not verify (forged or corrupted)"),
            Map.entry("wrong_satellite", "an update addressed to another satellite"),
            Map.entry("replayed", "an update replayed, or an old one arriving late"),
            Map.entry("not_newer", "an update not newer than the model held"),
            Map.entry("base_mismatch", "an update built on another model than the one held (e.g. before its predecessor)"),
            Map.entry("result_mismatch", "an update that does not produce the model it announces"));

    private Reasons() {
    }

    /** @return what the reason key means, in plain words (the key itself if it is not a known one) */
    public static String describe(String key) {
        return TEXT.getOrDefault(key, key);
    }
}

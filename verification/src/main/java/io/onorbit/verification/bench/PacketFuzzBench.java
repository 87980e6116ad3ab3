package io.onorbit.verification.bench;

import io.onorbit.flight.packet.PacketFuzzer;
import java.util.Locale;

/**
 * The packet fuzz benchmark, in two parts. Packets: one million seeded random and mutated packets
 * through the decoder and reassembler (none may escape with an exception), timed against a
 * baseline of the same number of valid packets measured in the same run. Whole messages
 * ({@link MessageFuzzer}): one million valid, mutated, forged, oversized and truncated messages in
 * packets with valid CRCs (sealed or signed where the receiver authenticates, so mutations reach
 * the decoders) through the delta, link-message and model-update parsers: no exception may escape,
 * every forged, oversized and truncated message must be refused, every valid one accepted, and no
 * parser may allocate, for a refused message, more than its length plus a fixed
 * {@value #FIXED_ALLOCATION_BYTES} bytes (the HMAC engine and one exception).
 *
 * <p>Run: {@code java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.PacketFuzzBench [packets] [seed] [messages]} after {@code ./onorbit --help}
 * (which builds the classes and the lib folder). Exit code 1 if any check fails.
 */
public final class PacketFuzzBench {

    private PacketFuzzBench() {
    }

    /** Bytes a parser may allocate for a refused message beyond the message's length. */
    public static final long FIXED_ALLOCATION_BYTES = 16 * 1024;

    public static void main(String[] args) {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20260621L;
        long messages = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
        PacketFuzzer.run(seed, 50_000, true); // warm-up
        PacketFuzzer.run(seed, 50_000, false);
        long t0 = System.nanoTime();
        PacketFuzzer.Report base = PacketFuzzer.run(seed, packets, false);
        long t1 = System.nanoTime();
        PacketFuzzer.Report fuzz = PacketFuzzer.run(seed, packets, true);
        long t2 = System.nanoTime();
        double baseS = (t1 - t0) / 1e9;
        double fuzzS = (t2 - t1) / 1e9;
        System.out.printf(Locale.ROOT, "packet fuzz, seed %d: %d packets in %.2f s (%.0f packets/s), %d completed,"
                        + " %d rejected %s, %d escaped exceptions%n", seed, fuzz.packets(), fuzzS, fuzz.packets() / fuzzS,
                fuzz.completed(), fuzz.rejectedTotal(), fuzz.rejected(), fuzz.escaped());
        System.out.printf(Locale.ROOT, "baseline (valid packets only): %d packets in %.2f s, %d messages completed%n",
                base.packets(), baseS, base.completed());
        System.out.printf(Locale.ROOT, "ratio fuzz time / baseline time: %.2f%n", fuzzS / baseS);
        MessageFuzzer.run(seed + 1, Math.max(20_000, messages / 20)); // warm-up: class loading and first calls allocate
        long m0 = System.nanoTime();
        MessageFuzzer.Report m = MessageFuzzer.run(seed, messages);
        double messagesS = (System.nanoTime() - m0) / 1e9;
        System.out.printf(Locale.ROOT, "whole-message fuzz, seed %d: %d messages in %.2f s, %d framing failures, "
                + "%d escaped exceptions, %d forged/oversized/truncated accepted, %d valid refused, "
                + "most bytes allocated beyond a refused message's length %d%n", seed, m.messages(), messagesS,
                m.framingFailures(), m.escaped(), m.harmfulAccepted(), m.validRefused(), m.maxExcessOnRefusal());
        m.tallies().forEach((target, kinds) -> kinds.forEach((kind, t) -> System.out.printf(Locale.ROOT,
                "  %-12s %-9s fed %7d accepted %7d refused %7d escaped %d | longest %6d B, most allocated %8d B, "
                        + "most beyond its length %8d B%n", target, kind, t.fed(), t.accepted(), t.refused(), t.escaped(),
                t.maxMessageBytes(), t.maxAllocatedBytes(), t.maxExcessBytes())));
        boolean ok = fuzz.escaped() == 0 && m.escaped() == 0 && m.framingFailures() == 0 && m.harmfulAccepted() == 0
                && m.validRefused() == 0 && m.maxExcessOnRefusal() <= FIXED_ALLOCATION_BYTES;
        System.out.println(ok ? "all checks pass" : "CHECK FAILED");
        if (!ok) {
            System.exit(1);
        }
    }
}

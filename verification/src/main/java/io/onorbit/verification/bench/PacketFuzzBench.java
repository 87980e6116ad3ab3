package io.onorbit.verification.bench;

import io.onorbit.flight.packet.PacketFuzzer;
import java.util.Locale;

/**
 * The packet fuzz benchmark: one million seeded random and mutated packets through the decoder and
 * reassembler (none may escape with an exception), timed against a baseline of the same number of
 * valid packets measured in the same run.
 *
 * <p>Run: {@code java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.PacketFuzzBench [packets] [seed]} after {@code ./onorbit --help}
 * (which builds the classes and the lib folder).
 */
public final class PacketFuzzBench {

    private PacketFuzzBench() {
    }

    public static void main(String[] args) {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20260621L;
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
        if (fuzz.escaped() != 0) {
            System.exit(1);
        }
    }
}

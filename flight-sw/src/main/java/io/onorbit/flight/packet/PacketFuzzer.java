package io.onorbit.flight.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded fuzzing of the packet decoder and {@link Reassembler}: random octets, valid packets,
 * mutated packets (bit flips, truncation, extension) and mutated packets with their CRC fixed so
 * the mutation reaches the segment logic. For tests, soak runs and the fuzz benchmark.
 */
public final class PacketFuzzer {

    /**
     * What a fuzz run did.
     *
     * @param packets   packets fed
     * @param completed messages completed
     * @param rejected  rejections by reason
     * @param escaped   exceptions that escaped the reassembler (must be 0)
     */
    public record Report(long packets, long completed, Map<RejectReason, Long> rejected, long escaped) {
        /** @return all rejections */
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private PacketFuzzer() {
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /**
     * @param seed    seed of everything
     * @param packets how many packets to feed
     * @param mutate  false: feed only the valid packets, in order (a baseline for throughput)
     * @return the report
     */
    public static Report run(long seed, long packets, boolean mutate) {
        SplittableRandom r = new SplittableRandom(seed);
        ApidPlan plan = new ApidPlan(List.of("sat-1", "sat-2"), 64);
        Packetizer pk = new Packetizer(128, plan.number("sat-2"));
        List<byte[]> valid = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            int apid = mutate && r.nextInt(4) == 0 ? 5 + r.nextInt(50)
                    : plan.apid(r.nextBoolean() ? "sat-1" : "sat-2", Product.values()[r.nextInt(Product.values().length)]);
            valid.addAll(pk.segment(apid, r.nextBoolean(), m, randomBytes(r, 1 + r.nextInt(600))));
        }
        Reassembler ra = new Reassembler(plan::isKnown, plan.number("sat-2"), 16, 4096);
        long completed = 0;
        long escaped = 0;
        for (long i = 0; i < packets; i++) {
            byte[] p;
            int kind = mutate ? r.nextInt(4) : 1;
            if (kind == 0) {
                p = randomBytes(r, r.nextInt(140));
            } else {
                // Valid-only baseline: every packet in order, so every message completes once a cycle.
                p = valid.get(mutate ? r.nextInt(valid.size()) : (int) (i % valid.size())).clone();
                if (kind >= 2) {
                    int flips = 1 + r.nextInt(3);
                    for (int f = 0; f < flips; f++) {
                        p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    if (r.nextInt(8) == 0) {
                        p = Arrays.copyOf(p, r.nextInt(p.length + 8));
                    }
                    if (kind == 3 && p.length >= 9) {
                        int c = Crc16Ccitt.compute(p, 0, p.length - 2);
                        p[p.length - 2] = (byte) (c >>> 8);
                        p[p.length - 1] = (byte) c;
                    }
                }
            }
            try {
                if (ra.offer(p) instanceof Reassembler.Completed) {
                    completed++;
                }
            } catch (RuntimeException e) {
                escaped++;
            }
            if (!mutate && (i + 1) % valid.size() == 0) {
                // Start over so every message completes again, not as duplicates.
                ra = new Reassembler(plan::isKnown, plan.number("sat-2"), 16, 4096);
            }
        }
        return new Report(packets, completed, ra.rejects().snapshot(), escaped);
    }
}

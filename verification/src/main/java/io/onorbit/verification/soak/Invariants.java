package io.onorbit.verification.soak;

import io.onorbit.verification.sim.DeltaLedger;
import io.onorbit.verification.sim.StepState;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak's invariants. Each is checked from raw facts in {@link StepState}, not from what the
 * part under test says about itself; a stage that is not available yields NaN/-1 facts and its
 * invariant holds vacuously (the summary says which stages ran).
 */
public final class Invariants {

    /** Relative and absolute slack for floating-point comparisons. */
    static final double EPS = 1e-9;
    /** CCSDS sequence counts are 14 bits and wrap. */
    static final int SEQUENCE_MODULUS = 1 << 14;

    private Invariants() {
    }

    /** @return a fresh set of every invariant for one satellite, in report order */
    public static List<Invariant> forSatellite() {
        return List.of(new SocFloor(), new Envelope(), new Contact(), new DeltaAccounting(new DeltaLedger()),
                new SequenceCounters(), new MemoryBudget(), new NoUncaughtException());
    }

    /** @return invariant names in report order */
    public static List<String> names() {
        return forSatellite().stream().map(Invariant::name).toList();
    }

    /** State of charge never under the floor, and no demand refused at it (the protection's way of holding it). */
    public static final class SocFloor implements Invariant {
        @Override
        public String name() {
            return "soc_floor";
        }

        @Override
        public String check(StepState s) {
            if (Double.isNaN(s.socFloor())) {
                return null;
            }
            if (Double.isNaN(s.soc()) || s.soc() < s.socFloor() - EPS) {
                return String.format(Locale.ROOT, "state of charge %.6f is under the floor %.6f", s.soc(), s.socFloor());
            }
            if (s.unservedWh() > EPS) {
                return String.format(Locale.ROOT, "the battery refused %.6f Wh of demand at its floor", s.unservedWh());
            }
            return null;
        }
    }

    /** The optimizer never draws more power than the envelope allowed. */
    public static final class Envelope implements Invariant {
        @Override
        public String name() {
            return "optimizer_within_envelope";
        }

        @Override
        public String check(StepState s) {
            boolean drew = s.optimizerPeakPowerW() > 0 || s.trainingEnergyJ() > 0;
            if (!drew) {
                return null;
            }
            double limit = Double.isNaN(s.envelopeW()) ? 0 : s.envelopeW();
            if (!(s.optimizerPeakPowerW() <= limit * (1 + EPS) + EPS)) {
                return String.format(Locale.ROOT, "optimizer drew %.6f W above the envelope %.6f W",
                        s.optimizerPeakPowerW(), limit);
            }
            // Mean power over the step too: several updates, or one longer than the step, must fit the budget.
            if (!(s.trainingEnergyJ() <= limit * s.dtS() * (1 + EPS) + EPS)) {
                return String.format(Locale.ROOT, "optimizer spent %.6f J in %.0f s, more than the envelope %.6f W allows",
                        s.trainingEnergyJ(), s.dtS(), limit);
            }
            return null;
        }
    }

    /** Nothing is transmitted outside a true contact window, and a pass carries at most rate x time. */
    public static final class Contact implements Invariant {
        @Override
        public String name() {
            return "no_transmission_outside_contact";
        }

        @Override
        public String check(StepState s) {
            if (s.bytesTransmitted() <= 0) {
                return null;
            }
            if (s.contactOverlapS() <= 0) {
                return s.bytesTransmitted() + " bytes transmitted outside any contact window";
            }
            long largestPacket = 0;
            for (byte[] p : s.downlinkPackets()) {
                largestPacket = Math.max(largestPacket, p.length);
            }
            // One packet of slack: a packet may straddle the step boundary.
            double allowed = s.downlinkBps() * s.contactOverlapS() / 8.0 + largestPacket;
            if (s.bytesTransmitted() > allowed) {
                return String.format(Locale.ROOT, "%d bytes transmitted in %.1f s of contact at %.0f bit/s (at most %.0f)",
                        s.bytesTransmitted(), s.contactOverlapS(), s.downlinkBps(), allowed);
            }
            return null;
        }
    }

    /** Every delta generated is delivered exactly once or still queued (or reported lost by the queue). */
    public static final class DeltaAccounting implements Invariant {
        private final DeltaLedger ledger;

        public DeltaAccounting(DeltaLedger ledger) {
            this.ledger = ledger;
        }

        public DeltaLedger ledger() {
            return ledger;
        }

        @Override
        public String name() {
            return "delta_exactly_once";
        }

        @Override
        public String check(StepState s) {
            if (s.queuedIds() == null && s.generatedIds().length == 0 && s.deliveredIds().length == 0) {
                return null;
            }
            return ledger.record(s.generatedIds(), s.deliveredIds(), s.corruptedIds(), s.mergedIds(), s.queuedIds());
        }
    }

    /**
     * CCSDS sequence counts per APID advance (modulo 2^14, by less than half the range) and uplink
     * command counters strictly increase. Headers are read here from the standard's bit layout
     * (CCSDS 133.0-B-2 section 4.1.3), independently of the packet code under test. A verbatim
     * retransmission (the same octets under the same count, as a selective-repeat link resends)
     * is the same packet, not a new one, and does not move the counter; any other packet whose
     * count does not advance is a violation.
     */
    public static final class SequenceCounters implements Invariant {
        private final Map<Integer, Integer> lastCount = new HashMap<>();
        /** Per APID, a fingerprint of the packet last sent under each count (bounded: 2^14 entries). */
        private final Map<Integer, long[]> fingerprints = new HashMap<>();
        private long lastCommandCounter = Long.MIN_VALUE;

        @Override
        public String name() {
            return "sequence_counters_monotonic";
        }

        @Override
        public String check(StepState s) {
            String problem = null;
            for (byte[] p : s.downlinkPackets()) {
                if (p.length < 6) {
                    problem = problem != null ? problem : "a packet of " + p.length + " bytes has no primary header";
                    continue;
                }
                int apid = ((p[0] & 0x07) << 8) | (p[1] & 0xFF);
                int count = ((p[2] & 0x3F) << 8) | (p[3] & 0xFF);
                long[] prints = fingerprints.computeIfAbsent(apid, a -> new long[SEQUENCE_MODULUS]);
                long print = fingerprint(p);
                Integer last = lastCount.get(apid);
                if (last != null && prints[count] == print) {
                    continue; // the same packet again
                }
                if (last != null) {
                    int advance = Math.floorMod(count - last, SEQUENCE_MODULUS);
                    if (advance == 0 || advance >= SEQUENCE_MODULUS / 2) {
                        problem = problem != null ? problem
                                : "APID " + apid + " sequence count went from " + last + " to " + count
                                        + " with a packet not sent before";
                    }
                }
                prints[count] = print;
                lastCount.put(apid, count);
            }
            for (long c : s.acceptedCounters()) {
                if (c <= lastCommandCounter) {
                    problem = problem != null ? problem
                            : "uplink command counter " + c + " accepted after " + lastCommandCounter;
                }
                lastCommandCounter = Math.max(lastCommandCounter, c);
            }
            return problem;
        }

        /** 64-bit FNV-1a of the octets, never 0 (0 marks "nothing sent under this count"). */
        private static long fingerprint(byte[] p) {
            long h = 0xcbf29ce484222325L;
            for (byte b : p) {
                h ^= b & 0xFF;
                h *= 0x100000001b3L;
            }
            return h == 0 ? 1 : h;
        }
    }

    /** The trainer never holds more bytes than its budget. */
    public static final class MemoryBudget implements Invariant {
        @Override
        public String name() {
            return "memory_budget";
        }

        @Override
        public String check(StepState s) {
            if (s.memoryBudgetBytes() < 0) {
                return null;
            }
            if (s.memoryUsedBytes() > s.memoryBudgetBytes()) {
                return "trainer holds " + s.memoryUsedBytes() + " bytes, budget " + s.memoryBudgetBytes();
            }
            return null;
        }
    }

    /** No stage threw. */
    public static final class NoUncaughtException implements Invariant {
        @Override
        public String name() {
            return "no_uncaught_exception";
        }

        @Override
        public String check(StepState s) {
            return s.error() == null ? null : "uncaught " + s.error();
        }
    }
}

package io.onorbit.verification.soak;

import io.onorbit.flight.executive.FlightExecutive;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.ground.archive.UplinkRecord;
import io.onorbit.verification.soak.DeltaLedger;
import io.onorbit.verification.soak.StepState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The soak's invariants. Each is checked from raw facts in {@link StepState} and from the truth
 * outside the spacecraft (the true contact windows of the orbit, the ground's archive read back
 * after each synchronization), not from what the part under test says about itself; a stage that
 * is not available yields absent facts (empty optionals) and its invariant holds vacuously (the summary says which
 * stages ran).
 */
public final class Invariants {

    /** Relative and absolute slack for floating-point comparisons. */
    static final double EPS = 1e-9;
    /** CCSDS sequence counts are 14 bits and wrap. */
    static final int SEQUENCE_MODULUS = 1 << 14;

    private Invariants() {
    }

    /**
     * @param trueContacts the satellite's true contact windows (from the orbit, not from its clock)
     * @return a fresh set of every invariant for one satellite, in report order
     */
    public static List<Invariant> forSatellite(List<ContactWindow> trueContacts) {
        return List.of(new SocFloor(), new Envelope(), new Contact(trueContacts), new DeltaAccounting(new DeltaLedger()),
                new SequenceCounters(), new MemoryBudget(), new NoUncaughtException(), new GenuineCommandsOnly(),
                new UpdatesApplied(UpdatesApplied.PASSES));
    }

    /** @return invariant names in report order */
    public static List<String> names() {
        return forSatellite(List.of()).stream().map(Invariant::name).toList();
    }

    /**
     * State of charge never under the floor under the real draw, and no demand refused at it. The
     * battery model's own state of charge cannot cross the floor (its protection cuts the load),
     * so the crossing is judged on {@link StepState.BatteryState#realDrawSoc()}: where the cell would be had it
     * served everything the step demanded.
     */
    public static final class SocFloor implements Invariant {
        @Override
        public String name() {
            return "soc_floor";
        }

        @Override
        public Optional<String> check(StepState s) {
            if (s.battery().isEmpty()) {
                return Optional.empty();
            }
            StepState.BatteryState b = s.battery().get();
            if (!(b.soc() >= b.socFloor() - EPS)) {
                return Optional.of(String.format(Locale.ROOT, "state of charge %.6f is under the floor %.6f", b.soc(), b.socFloor()));
            }
            if (!(b.realDrawSoc() >= b.socFloor() - EPS)) {
                return Optional.of(String.format(Locale.ROOT, "state of charge under the real draw %.6f is under the floor %.6f "
                        + "(the protected battery shows %.6f, %.6f Wh refused)", b.realDrawSoc(), b.socFloor(), b.soc(),
                        b.unservedWh()));
            }
            if (b.unservedWh() > EPS) {
                return Optional.of(String.format(Locale.ROOT, "the battery refused %.6f Wh of demand", b.unservedWh()));
            }
            return Optional.empty();
        }
    }

    /** The optimizer never draws more power than the envelope allowed. */
    public static final class Envelope implements Invariant {
        @Override
        public String name() {
            return "optimizer_within_envelope";
        }

        @Override
        public Optional<String> check(StepState s) {
            boolean drew = s.optimizerPeakPowerW() > 0 || s.trainingEnergyJ() > 0;
            if (!drew) {
                return Optional.empty();
            }
            double limit = s.envelopeW().orElse(0); // no envelope planned: nothing may be drawn
            if (!(s.optimizerPeakPowerW() <= limit * (1 + EPS) + EPS)) {
                return Optional.of(String.format(Locale.ROOT, "optimizer drew %.6f W above the envelope %.6f W",
                        s.optimizerPeakPowerW(), limit));
            }
            // Mean power over the step too: several updates, or one longer than the step, must fit the budget.
            if (!(s.trainingEnergyJ() <= limit * s.dtS() * (1 + EPS) + EPS)) {
                return Optional.of(String.format(Locale.ROOT, "optimizer spent %.6f J in %.0f s, more than the envelope %.6f W allows",
                        s.trainingEnergyJ(), s.dtS(), limit));
            }
            return Optional.empty();
        }
    }

    /**
     * Nothing is transmitted outside a true contact window, and a pass carries at most rate x time.
     * Judged on the true time the radio was keyed ({@link StepState#keying()}) against the contact windows of the true orbit given at
     * construction, never against the spacecraft's clock or its own idea of the pass.
     */
    public static final class Contact implements Invariant {
        private final List<ContactWindow> windows;
        private final double longestS;

        /** @param trueContacts the satellite's true contact windows */
        public Contact(List<ContactWindow> trueContacts) {
            List<ContactWindow> w = new ArrayList<>(trueContacts);
            w.sort(Comparator.comparingDouble(ContactWindow::aosS));
            this.windows = List.copyOf(w);
            this.longestS = w.stream().mapToDouble(ContactWindow::durationS).max().orElse(0);
        }

        @Override
        public String name() {
            return "no_transmission_outside_contact";
        }

        @Override
        public Optional<String> check(StepState s) {
            if (s.bytesTransmitted() <= 0) {
                return Optional.empty();
            }
            if (s.keying().isEmpty() || !(s.keying().get().trueEndS() >= s.keying().get().trueStartS())) {
                return Optional.of(s.bytesTransmitted() + " bytes transmitted with no true keying interval");
            }
            double a = s.keying().get().trueStartS();
            double b = s.keying().get().trueEndS();
            Optional<ContactWindow> holding = containing(a, b);
            if (holding.isEmpty()) {
                return Optional.of(String.format(Locale.ROOT, "%d bytes transmitted at true t=[%.1f, %.1f] s, outside every true contact window",
                        s.bytesTransmitted(), a, b));
            }
            ContactWindow w = holding.get();
            long largestPacket = 0;
            for (byte[] p : s.downlinkPackets()) {
                largestPacket = Math.max(largestPacket, p.length);
            }
            // The pass-capacity rule over the keying interval (no margin: the radio keyed then), plus
            // one packet of slack: a packet may straddle the step boundary.
            long allowed = ContactWindow.capacityBytes(w.downlinkBps(), b - a, 0) + largestPacket;
            if (s.bytesTransmitted() > allowed) {
                return Optional.of(String.format(Locale.ROOT, "%d bytes transmitted in %.1f s of contact with %s at %.0f bit/s (at most %d)",
                        s.bytesTransmitted(), b - a, w.station(), w.downlinkBps(), allowed));
            }
            return Optional.empty();
        }

        /** @return a true window holding all of [a, b], if there is one */
        private Optional<ContactWindow> containing(double a, double b) {
            int lo = 0;
            int hi = windows.size();
            while (lo < hi) { // first window with aos > a
                int mid = (lo + hi) >>> 1;
                if (windows.get(mid).aosS() <= a + EPS) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int i = lo - 1; i >= 0 && windows.get(i).aosS() >= a - longestS - EPS; i--) {
                if (windows.get(i).losS() >= b - EPS) {
                    return Optional.of(windows.get(i));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Every delta generated is archived on the ground exactly once or still queued (see
     * {@link DeltaLedger}): delivery is read from the ground's archive after each synchronization,
     * never from the link's counters.
     */
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
        public Optional<String> check(StepState s) {
            if (s.queuedIds().isEmpty() && s.generatedIds().length == 0) {
                return Optional.empty();
            }
            return ledger.record(s.trueTimeS(), s.generatedIds(), s.corruptedIds(), s.mergedIds(), s.queuedIds());
        }

        @Override
        public Optional<String> groundSynced(GroundRecord g) {
            return ledger.archived(g.archivedIds());
        }
    }

    /**
     * CCSDS sequence counts per APID advance (modulo 2^14, by less than half the range). Headers are read here from the standard's bit layout
     * (CCSDS 133.0-B-2 section 4.1.3), independently of the packet code under test. A verbatim
     * retransmission (the same octets under the same count, as a selective-repeat link resends)
     * is the same packet, not a new one, and does not move the counter; any other packet whose
     * count does not advance is a violation.
     */
    public static final class SequenceCounters implements Invariant {
        private final Map<Integer, Integer> lastCount = new HashMap<>();
        /** Per APID, a fingerprint of the packet last sent under each count (bounded: 2^14 entries). */
        private final Map<Integer, long[]> fingerprints = new HashMap<>();

        @Override
        public String name() {
            return "sequence_counters_monotonic";
        }

        @Override
        public Optional<String> check(StepState s) {
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
            return Optional.ofNullable(problem);
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
        public Optional<String> check(StepState s) {
            if (s.memory().isEmpty()) {
                return Optional.empty();
            }
            StepState.TrainerMemory m = s.memory().get();
            if (m.usedBytes() > m.budgetBytes()) {
                return Optional.of("trainer holds " + m.usedBytes() + " bytes, budget " + m.budgetBytes());
            }
            return Optional.empty();
        }
    }

    /** No stage threw. */
    public static final class NoUncaughtException implements Invariant {
        @Override
        public String name() {
            return "no_uncaught_exception";
        }

        @Override
        public Optional<String> check(StepState s) {
            return s.error().map(e -> "uncaught " + e);
        }
    }

    /**
     * No forged, replayed or reordered command is ever accepted: every model update the spacecraft
     * applied carries a counter above every counter it applied before (across resets: this check
     * lives outside the spacecraft), the ground really signed that counter for this satellite and
     * that version, and the parameters the spacecraft installed are bit for bit the global version
     * the ground published (compared by SHA-256 digest). Counters are checked at once; signature
     * and content at the next synchronization, when the archive has been read back. Likewise for
     * the time beacon: every beacon the spacecraft set its clock from is one the ground really
     * sent, later than every beacon it accepted before, and at most
     * {@link FlightExecutive#MAX_BEACON_AGE_S} old in true time (one-way time transfer cannot tell
     * a genuine beacon the spacecraft missed, played back later, from a late one: that age bounds
     * how far it can set the clock back).
     */
    public static final class GenuineCommandsOnly implements Invariant {
        private final Map<Long, UplinkRecord> signed = new HashMap<>();
        private final Map<Long, ModelVersion> published = new HashMap<>();
        private final List<Pending> pending = new ArrayList<>();
        private long lastCounter = Long.MIN_VALUE;
        private long lastBeaconMs = Long.MIN_VALUE;
        /** Ground times of the beacons the ground sent within the last {@code MAX_BEACON_AGE_S}, ms. */
        private final java.util.TreeSet<Long> beaconsSent = new java.util.TreeSet<>();
        private long beaconsAccepted;
        private long applied;
        private long genuineApplied;

        private record Pending(long step, double trueTimeS, long counter, long version, byte[] digest) { }

        @Override
        public String name() {
            return "uplink_only_genuine_commands";
        }

        @Override
        public Optional<String> check(StepState s) {
            String problem = null;
            for (long ms : s.beaconsSentMs()) {
                beaconsSent.add(ms);
            }
            long trueMs = Math.round(s.trueTimeS() * 1000);
            long oldestMs = trueMs - Math.round(FlightExecutive.MAX_BEACON_AGE_S * 1000);
            beaconsSent.headSet(oldestMs).clear();
            for (long ms : s.beaconsAcceptedMs()) {
                beaconsAccepted++;
                if (ms < oldestMs) {
                    problem = problem != null ? problem : "a time beacon for t=" + ms + " ms set the clock at true t="
                            + trueMs + " ms, older than " + FlightExecutive.MAX_BEACON_AGE_S + " s (replayed)";
                } else if (!beaconsSent.contains(ms)) {
                    problem = problem != null ? problem : "a time beacon for t=" + ms
                            + " ms that the ground never sent set the clock (forged)";
                } else if (ms <= lastBeaconMs) {
                    problem = problem != null ? problem : "a time beacon for t=" + ms + " ms set the clock after one for t="
                            + lastBeaconMs + " ms (a replayed or reordered beacon was accepted)";
                }
                lastBeaconMs = Math.max(lastBeaconMs, ms);
            }
            for (StepState.AppliedUpdate u : s.appliedUpdates()) {
                applied++;
                if (u.counter() <= lastCounter) {
                    problem = problem != null ? problem : "uplink command counter " + u.counter()
                            + " applied after counter " + lastCounter + " (a replayed or reordered command was accepted)";
                }
                lastCounter = Math.max(lastCounter, u.counter());
                pending.add(new Pending(s.step(), s.trueTimeS(), u.counter(), u.version(), ModelVersion.digestOf(u.parameters())));
            }
            return Optional.ofNullable(problem);
        }

        @Override
        public Optional<String> groundSynced(GroundRecord g) {
            g.signed().forEach(r -> signed.put(r.counter(), r));
            g.published().forEach(v -> published.put(v.version(), v));
            String problem = null;
            for (Pending p : pending) {
                Optional<String> why = judge(p);
                if (why.isEmpty()) {
                    genuineApplied++;
                } else if (problem == null) {
                    problem = String.format(Locale.ROOT, "update applied at step %d (t=%.0f s) with counter %d: %s",
                            p.step(), p.trueTimeS(), p.counter(), why.get());
                }
            }
            pending.clear();
            return Optional.ofNullable(problem);
        }

        private Optional<String> judge(Pending p) {
            UplinkRecord r = signed.get(p.counter());
            if (r == null) {
                return Optional.of("the ground never signed this counter for this satellite (forged)");
            }
            if (r.toVersion() != p.version()) {
                return Optional.of("the ground signed it for version " + r.toVersion() + ", the spacecraft applied version " + p.version());
            }
            ModelVersion v = published.get(p.version());
            if (v == null) {
                return Optional.of("version " + p.version() + " was never published by the ground on this satellite's chain");
            }
            if (!Arrays.equals(v.digest(), p.digest())) {
                return Optional.of("the parameters installed differ from global version " + p.version() + " as the ground archived it");
            }
            return Optional.empty();
        }

        /** @return time beacons the spacecraft accepted */
        public long beaconsAccepted() {
            return beaconsAccepted;
        }

        /** @return updates the spacecraft applied */
        public long applied() {
            return applied;
        }

        /** @return signed updates issued to this satellite that it never applied (refused, lost or superseded) */
        public long signedNotApplied() {
            return Math.max(0, signed.size() - genuineApplied);
        }
    }

    /**
     * Every global version the ground publishes reaches the satellite and is applied (it, or a
     * newer one) before the end of its {@code passes}-th pass with uplink time after publication
     * (a pass with uplink time: the ground's uplink could reach the satellite outside the
     * pass's acquisition margins, see {@link StepState#uplinkS()}; lost passes and passes too short
     * to leave any time after the margins do not count). Also measures the lag from
     * publication to application.
     */
    public static final class UpdatesApplied implements Invariant {
        /** Passes with uplink time a version may take to be applied: one to send, two more for retries. */
        public static final int PASSES = 3;

        private final int passes;
        /** {version, publishedAtS, passesSince, reported (1) or not (0)}; reported ones stay for the lag. */
        private final List<double[]> waiting = new ArrayList<>();
        private long held = Long.MIN_VALUE; // highest version applied during the run (the launch model is older than any published)
        private double maxLagS;
        private boolean inPass;
        private double lastStepEndS;

        /** @param passes passes with uplink time allowed, &ge; 1 */
        public UpdatesApplied(int passes) {
            if (passes < 1) {
                throw new IllegalArgumentException("passes " + passes + " must be >= 1");
            }
            this.passes = passes;
        }

        @Override
        public String name() {
            return "global_update_applied_within_passes";
        }

        @Override
        public Optional<String> check(StepState s) {
            lastStepEndS = s.trueTimeS() + s.dtS();
            for (StepState.AppliedUpdate u : s.appliedUpdates()) {
                held = Math.max(held, u.version());
            }
            Iterator<double[]> it = waiting.iterator();
            while (it.hasNext()) {
                double[] w = it.next();
                if (held >= (long) w[0]) {
                    maxLagS = Math.max(maxLagS, lastStepEndS - w[1]);
                    it.remove();
                }
            }
            boolean uplink = s.uplinkS() > 0;
            String problem = null;
            if (inPass && !uplink) { // a pass with uplink time just ended
                it = waiting.iterator();
                while (it.hasNext()) {
                    double[] w = it.next();
                    w[2]++;
                    if (w[2] >= passes && w[3] == 0) {
                        problem = problem != null ? problem : String.format(Locale.ROOT,
                                "global version %d published at t=%.0f s is not applied after %d passes with uplink time "
                                        + "(the spacecraft applied up to version %s)",
                                (long) w[0], w[1], passes, held == Long.MIN_VALUE ? "none" : Long.toString(held));
                        w[3] = 1; // reported once; its lag keeps counting until it is applied
                    }
                }
            }
            inPass = uplink;
            return Optional.ofNullable(problem);
        }

        @Override
        public Optional<String> groundSynced(GroundRecord g) {
            for (ModelVersion v : g.published()) {
                if (v.version() > held) {
                    waiting.add(new double[] {v.version(), g.trueTimeS(), 0, 0});
                }
            }
            return Optional.empty();
        }

        /** @return longest time from publication to application, s, counting versions still waiting at the last step */
        public double maxLagS() {
            double lag = maxLagS;
            for (double[] w : waiting) {
                lag = Math.max(lag, lastStepEndS - w[1]);
            }
            return lag;
        }
    }
}

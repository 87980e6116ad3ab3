package io.onorbit.verification.sim;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.FaultPlan;
import io.onorbit.verification.soak.FaultTally;
import io.onorbit.verification.soak.GroundRecord;
import io.onorbit.verification.soak.Invariant;
import io.onorbit.verification.soak.Invariants;
import io.onorbit.verification.soak.UplinkAttacker;
import io.onorbit.verification.soak.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Steps one satellite: faults, envelope, training, delta, radio through the channel to the
 * ground port and back, battery; then checks every invariant on the step's facts and records
 * what the report plots. Confined to one thread between ground synchronizations.
 */
final class SatelliteRunner {

    private static final long[] NO_IDS = new long[0];
    private static final int SERIES_POINTS = 2048;

    final int index;
    final OnboardSchedule schedule;
    private final SimulationSettings settings;
    private final PowerStage power;
    private final LearningStage learning;
    private final FlightLinkStage link;
    private final GroundStage.Port port;
    private final SpaceChannel channel;
    private final UplinkAttacker attacker;
    private final Path storageRoot;
    private final FaultPlan faults;
    private final SplittableRandom faultRandom;
    final FaultTally tally = new FaultTally();
    private final List<Invariant> invariants;
    final Invariants.DeltaAccounting accounting;
    final Invariants.GenuineCommandsOnly commands;
    final long[] violationsByInvariant;
    final List<Violation> firstViolations = new ArrayList<>();
    private final int keepViolations;

    // Flight-computer state the faults act on.
    private double clockOffsetS;
    private double rebootUntilS = Double.NEGATIVE_INFINITY;
    private double lastCheckpointS;
    private long updatesSinceDelta;
    private long step;

    // Report data.
    final double orbitS;
    final DecimatedSeries powerSeries = new DecimatedSeries(SERIES_POINTS,
            DecimatedSeries.Merge.MIN, DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN);
    final DecimatedSeries errors = new DecimatedSeries(SERIES_POINTS,
            DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN);
    final DecimatedSeries trainingPerOrbit = new DecimatedSeries(SERIES_POINTS, DecimatedSeries.Merge.MEAN);
    final DecimatedSeries bytesPerPass = new DecimatedSeries(SERIES_POINTS, DecimatedSeries.Merge.MEAN);
    double minSoc = Double.NaN;
    double socFloor = Double.NaN;
    double trainingEnergyJ;
    long bytesDownlinked;
    long bytesUplinked;
    long transmissionsOutsideContact;
    long denseBytes;
    long updatesApplied;
    long trainingUpdates;
    long samples;
    long peakMemoryBytes = -1;
    final double[] errorSums = new double[3];
    final long[] errorCounts = new long[3];
    private double orbitBinStartS;
    private double orbitBinEnergyJ;
    private double passAosS = Double.NaN;
    private long passBytes;

    SatelliteRunner(int index, OnboardSchedule schedule, SimulationSettings settings, PowerStage power,
                    LearningStage learning, FlightLinkStage link, GroundStage.Port port, FaultPlan faults,
                    long seed, int keepViolations, Path storageRoot) {
        this.storageRoot = storageRoot;
        this.index = index;
        this.schedule = schedule;
        this.settings = settings;
        this.power = power;
        this.learning = learning;
        this.link = link;
        this.port = port;
        this.faults = faults;
        SplittableRandom root = new SplittableRandom(seed);
        this.faultRandom = root.split();
        this.channel = new SpaceChannel(root.split(), faults.missedPassProbability(), faults.bitErrorRate(),
                faults.corruptedPacketProbability());
        this.attacker = new UplinkAttacker(root.split(), faults.attackerPerPass());
        this.invariants = Invariants.forSatellite(schedule.contacts());
        this.accounting = only(Invariants.DeltaAccounting.class);
        this.commands = only(Invariants.GenuineCommandsOnly.class);
        this.violationsByInvariant = new long[invariants.size()];
        this.keepViolations = keepViolations;
        this.orbitS = estimateOrbitS(schedule);
        if (power != null) {
            this.socFloor = power.socFloor();
            this.minSoc = power.soc();
        }
    }

    private <T extends Invariant> T only(Class<T> type) {
        return invariants.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Mean spacing of successive penumbra entries (one per revolution), or 5400 s without eclipses. */
    static double estimateOrbitS(OnboardSchedule s) {
        double first = Double.NaN;
        double last = Double.NaN;
        int n = 0;
        for (EclipseInterval e : s.eclipses()) {
            if (e.kind() == EclipseInterval.Kind.PENUMBRA) {
                if (n == 0) {
                    first = e.startS();
                }
                last = e.startS();
                n++;
            }
        }
        return n >= 2 ? (last - first) / (n - 1) : 5400.0;
    }

    /** Runs the steps whose start lies in [fromS, toS). */
    void run(double fromS, double toS) {
        double dt = settings.stepS();
        for (double t = fromS; t < toS - 1e-9; t += dt) {
            double stepS = Math.min(dt, schedule.durationS() - t);
            if (stepS <= 1e-9) {
                break;
            }
            step(t, stepS);
        }
    }

    private void step(double t, double dt) {
        Throwable error = null;
        double envelopeW = Double.NaN;
        LearningStage.TrainingStep training = LearningStage.TrainingStep.IDLE;
        long[] generated = NO_IDS;
        List<StepState.AppliedUpdate> applied = List.of();
        List<byte[]> sent = List.of();
        long bytesSent = 0;
        double overlapS = 0;
        double downBps = 0;
        double txStartS = Double.NaN;
        double txEndS = Double.NaN;
        double uplinkS = 0;
        FlightLinkStage.QueueEvents events = FlightLinkStage.QueueEvents.NONE;
        long[] queued = null;
        double onboardT = t + clockOffsetS;
        boolean up = true;
        // Flight software first; an exception in one part is recorded and the step goes on, so the
        // battery (physics) is always integrated and the books always kept.
        try {
            injectTimedFaults(t, dt);
            onboardT = t + clockOffsetS;
            up = t >= rebootUntilS;
            if (power != null) {
                envelopeW = power.envelopeW(onboardT);
            }
            if (learning != null && up) {
                double allowed = power == null ? 0.0 : envelopeW;
                training = learning.step(onboardT, t, dt, allowed);
                updatesSinceDelta += training.updates();
                if (t - lastCheckpointS >= settings.checkpointIntervalS()) {
                    learning.checkpoint();
                    lastCheckpointS = t;
                }
            }
            if (learning != null && link != null && up && updatesSinceDelta > 0 && passStartsWithin(onboardT, dt)) {
                float[] params = learning.parameters();
                OptionalLong id = link.enqueueDelta(onboardT, params, learning.baseParameters(), learning.base(),
                        learning.tensorSizes(), learning.samplesSinceBase());
                if (id.isPresent()) {
                    generated = new long[] {id.getAsLong()};
                    denseBytes += 4L * params.length;
                    updatesSinceDelta = 0;
                    learning.checkpoint();
                    lastCheckpointS = t;
                }
            }
        } catch (RuntimeException | AssertionError e) {
            error = e;
        }
        try {
            ContactWindow pass = trueContactIn(t, dt);
            if (pass != null) {
                overlapS = Math.min(t + dt, pass.losS()) - Math.max(t, pass.aosS());
                downBps = pass.downlinkBps();
                boolean missed = channel.missed(pass);
                if (!Double.isNaN(passAosS) && passAosS != pass.aosS()) {
                    closePass();
                }
                if (missed && Double.isNaN(passAosS)) {
                    tally.injected(FaultKind.MISSED_PASS, t, 1);
                }
                passAosS = pass.aosS();
                if (!missed) {
                    clockOffsetS = 0; // the ground's time beacon corrects the flight clock on carrier lock
                    onboardT = t;
                    uplinkS = pass.uplinkBps() > 0 ? overlapS : 0;
                    if (link != null && up) {
                        LinkTraffic traffic = exchange(t, pass, overlapS);
                        sent = traffic.sent;
                        bytesSent = traffic.bytesSent;
                        applied = traffic.applied;
                        if (!sent.isEmpty()) {
                            txStartS = traffic.keyedFromTrueS;
                            txEndS = traffic.keyedUntilTrueS;
                        }
                    }
                }
            } else if (!Double.isNaN(passAosS)) {
                closePass();
            }
        } catch (RuntimeException | AssertionError e) {
            error = error != null ? error : e;
        }
        try {
            if (power != null) {
                double radioOnS = downBps > 0 ? Math.min(overlapS, bytesSent * 8.0 / downBps) : 0;
                power.advance(t, dt, training.energyJ(), radioOnS);
            }
        } catch (RuntimeException | AssertionError e) {
            error = error != null ? error : e;
        }
        try {
            if (link != null) {
                events = link.drainQueueEvents();
                queued = link.queuedDeltaIds();
            }
        } catch (RuntimeException | AssertionError e) {
            error = error != null ? error : e;
        }
        StepState s = new StepState(schedule.satellite(), step, t, onboardT, dt,
                power == null ? Double.NaN : power.soc(), power == null ? Double.NaN : power.socFloor(),
                power == null ? Double.NaN : power.realDrawSoc(), power == null ? Double.NaN : power.unservedWhLastStep(),
                envelopeW, training.peakPowerW(), training.energyJ(), overlapS, downBps, txStartS, txEndS, uplinkS,
                bytesSent, sent,
                learning == null ? -1 : learning.memoryUsedBytes(), learning == null ? -1 : learning.memoryBudgetBytes(),
                generated, events.corruptedIds(), events.mergedIds(), queued, applied, error);
        check(s);
        record(s, training);
        step++;
    }

    /** What crossed the channel in one step of a pass. */
    private static final class LinkTraffic {
        List<byte[]> sent = List.of();
        long bytesSent;
        /** true-time interval the radio was keyed over, s */
        double keyedFromTrueS;
        double keyedUntilTrueS;
        List<StepState.AppliedUpdate> applied = List.of();
    }

    /** Radio down through the channel to the ground port, and the uplink back; applies accepted updates. */
    private LinkTraffic exchange(double t, ContactWindow pass, double overlapS) {
        LinkTraffic x = new LinkTraffic();
        double a = Math.max(t, pass.aosS());
        long bitHitsBefore = channel.packetsWithBitErrors();
        long mangledBefore = channel.corruptedPackets();
        try {
            double onboardFromS = a + clockOffsetS;
            double onboardUntilS = a + overlapS + clockOffsetS;
            x.sent = link.transmit(onboardFromS, onboardUntilS);
            // The radio cannot key outside the interval it was stepped over; in true time that
            // interval is the onboard one minus the clock's error.
            x.keyedFromTrueS = onboardFromS - clockOffsetS;
            x.keyedUntilTrueS = onboardUntilS - clockOffsetS;
            for (byte[] p : x.sent) {
                x.bytesSent += p.length;
            }
            List<byte[]> arrived = channel.carry(x.sent);
            if (port != null) {
                port.receive(t, arrived); // delivery is booked from the ground archive, not from the link
                List<byte[]> upPackets = port.uplink(a, a + overlapS);
                for (byte[] p : upPackets) {
                    bytesUplinked += p.length;
                }
                if (pass.uplinkBps() > 0) {
                    long before = attacker.injectedTotal();
                    upPackets = attacker.interfere(upPackets, overlapS / pass.durationS());
                    tally.injected(FaultKind.ATTACKER, t, attacker.injectedTotal() - before);
                }
                List<FlightLinkStage.AcceptedUpdate> accepted = link.receive(t, channel.carry(upPackets));
                List<StepState.AppliedUpdate> applied = new ArrayList<>();
                for (FlightLinkStage.AcceptedUpdate u : accepted) {
                    applied.add(new StepState.AppliedUpdate(u.counter(), u.version().version(), u.parameters()));
                }
                x.applied = applied;
                for (FlightLinkStage.AcceptedUpdate u : accepted) {
                    if (learning != null) {
                        learning.applyGlobal(u.parameters(), u.version());
                        updatesApplied++;
                    }
                }
            }
        } finally {
            tally.injected(FaultKind.BIT_ERRORS, t, channel.packetsWithBitErrors() - bitHitsBefore);
            tally.injected(FaultKind.CORRUPTED_PACKET, t, channel.corruptedPackets() - mangledBefore);
        }
        return x;
    }

    private boolean passStartsWithin(double onboardT, double dt) {
        return schedule.nextContactAfter(onboardT).map(c -> c.aosS() < onboardT + dt).orElse(false);
    }

    /** @return the true contact window with the longest overlap with [t, t+dt), or null */
    private ContactWindow trueContactIn(double t, double dt) {
        ContactWindow best = schedule.contactAt(t).orElse(null);
        double bestOverlap = best == null ? 0 : Math.min(t + dt, best.losS()) - t;
        ContactWindow next = schedule.nextContactAfter(t).orElse(null);
        if (next != null && next.aosS() < t + dt) {
            double o = Math.min(t + dt, next.losS()) - next.aosS();
            if (o > bestOverlap) {
                best = next;
            }
        }
        return best;
    }

    private void injectTimedFaults(double t, double dt) {
        double days = dt / 86400.0;
        if (happens(faults.resetPerDay(), days)) {
            if (learning != null) {
                learning.reset();
            }
            if (link != null) {
                link.reset();
            }
            updatesSinceDelta = 0;
            rebootUntilS = t + faults.rebootS();
            tally.injected(FaultKind.RESET, t, 1);
        }
        if (happens(faults.brownoutPerDay(), days) && power != null) {
            power.brownout(faults.brownoutEnergyWh());
            tally.injected(FaultKind.BROWNOUT, t, 1);
        }
        if (happens(faults.capacityFaultPerDay(), days) && power != null) {
            power.capacityFault(faults.capacityFaultFraction());
            tally.injected(FaultKind.BATTERY_CAPACITY, t, 1);
        }
        if (happens(faults.corruptedStoragePerDay(), days) && (link != null || learning != null)
                && corruptOneFile(storageRoot)) {
            tally.injected(FaultKind.CORRUPTED_STORAGE, t, 1);
        }
        if (happens(faults.clockJumpPerDay(), days)) {
            clockOffsetS += (faultRandom.nextDouble() * 2 - 1) * faults.clockJumpMaxS();
            tally.injected(FaultKind.CLOCK_JUMP, t, 1);
        }
    }

    /** Poisson arrival in one step; always draws, so the stream does not depend on which stages exist. */
    private boolean happens(double perDay, double days) {
        double u = faultRandom.nextDouble();
        return perDay > 0 && u < -Math.expm1(-perDay * days);
    }

    /** Damages one file of the spacecraft's storage: flips a byte or truncates it. */
    private boolean corruptOneFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list flight storage " + dir, e);
        }
        if (files.isEmpty()) {
            return false;
        }
        Path f = files.get(faultRandom.nextInt(files.size()));
        try {
            byte[] b = Files.readAllBytes(f);
            if (b.length == 0) {
                return false;
            }
            if (faultRandom.nextBoolean() && b.length > 1) {
                b = java.util.Arrays.copyOf(b, faultRandom.nextInt(b.length));
            } else {
                int i = faultRandom.nextInt(b.length);
                b[i] ^= (byte) (1 + faultRandom.nextInt(255));
            }
            Files.write(f, b);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot corrupt " + f, e);
        }
    }

    private void check(StepState s) {
        boolean violated = false;
        for (int i = 0; i < invariants.size(); i++) {
            violated |= book(i, invariants.get(i).check(s), s.step(), s.trueTimeS(), s.describe());
        }
        tally.stepChecked(s.trueTimeS(), violated);
    }

    /**
     * Checks what the ground's archive holds for this satellite after a synchronization; a
     * violation is booked at the last step run.
     */
    void groundSynced(GroundRecord g) {
        boolean violated = false;
        for (int i = 0; i < invariants.size(); i++) {
            violated |= book(i, invariants.get(i).groundSynced(g), Math.max(0, step - 1), g.trueTimeS(),
                    "ground synchronization at t=" + g.trueTimeS() + " s");
        }
        tally.stepChecked(g.trueTimeS(), violated);
    }

    private boolean book(int invariant, String reason, long atStep, double tS, String state) {
        if (reason == null) {
            return false;
        }
        violationsByInvariant[invariant]++;
        if (firstViolations.size() < keepViolations) {
            firstViolations.add(new Violation(invariants.get(invariant).name(), schedule.satellite(), atStep, tS, reason, state));
        }
        return true;
    }

    private void record(StepState s, LearningStage.TrainingStep training) {
        if (power != null) {
            // The lowest charge the real draw reached, not the protected battery's: a crossing shows.
            double soc = Double.isNaN(s.realDrawSoc()) ? s.soc() : Math.min(s.soc(), s.realDrawSoc());
            minSoc = Double.isNaN(minSoc) ? soc : Math.min(minSoc, soc);
            powerSeries.add(s.trueTimeS(), s.soc(), s.envelopeW(), training.peakPowerW());
        }
        trainingEnergyJ += training.energyJ();
        trainingUpdates += training.updates();
        samples += training.samples();
        orbitBinEnergyJ += training.energyJ();
        if (s.trueTimeS() + s.dtS() - orbitBinStartS >= orbitS) {
            trainingPerOrbit.add(orbitBinStartS, orbitBinEnergyJ / 3600.0);
            orbitBinStartS = s.trueTimeS() + s.dtS();
            orbitBinEnergyJ = 0;
        }
        bytesDownlinked += s.bytesTransmitted();
        passBytes += s.bytesTransmitted();
        if (s.bytesTransmitted() > 0 && s.contactOverlapS() <= 0) {
            transmissionsOutsideContact++;
        }
        if (learning != null) {
            peakMemoryBytes = Math.max(peakMemoryBytes, s.memoryUsedBytes());
            LearningStage.Errors e = learning.errors();
            double[] v = {e.frozen(), e.onboard(), e.federated()};
            for (int i = 0; i < 3; i++) {
                if (!Double.isNaN(v[i])) {
                    errorSums[i] += v[i];
                    errorCounts[i]++;
                }
            }
            errors.add(s.trueTimeS(), v);
        }
    }

    private void closePass() {
        bytesPerPass.add(passAosS, passBytes);
        passAosS = Double.NaN;
        passBytes = 0;
    }

    /** Closes open bins at the end of the run. */
    void finish() {
        if (!Double.isNaN(passAosS)) {
            closePass();
        }
        tally.finish();
    }

    long stepsRun() {
        return step;
    }

    /** @return the training payload's books at the end of the run, if the learner models one */
    Optional<LearningStage.PayloadBooks> payloadBooks() {
        return learning == null ? Optional.empty() : learning.payloadBooks();
    }

    SpaceChannel channel() {
        return channel;
    }
}

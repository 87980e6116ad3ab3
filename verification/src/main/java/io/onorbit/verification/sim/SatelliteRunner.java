package io.onorbit.verification.sim;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.command.TimeBeacon;
import io.onorbit.verification.soak.StepState;
import io.onorbit.flight.executive.ExecutiveEvents;
import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.PowerTelemetry;
import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.executive.TickReport;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.storage.CrashingFileOps;
import io.onorbit.flight.storage.MemoryFileOps;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Drives one satellite's physics and flight computer: faults, sensor samples, power telemetry and
 * the clock into the flight software's tick; during a true contact the carrier, the beacon, the
 * downlink through the channel to the ground port and the uplink back; the battery integrated
 * with the energy the training engine really drew and the transmitter's on-time; then checks
 * every invariant on the step's facts and records what the report plots. It decides nothing the
 * spacecraft decides. A reset throws the flight software instance away (all its RAM) and, after
 * the reboot time, boots a new one from the emulated flash; a reset may strike in the middle of a
 * flash write. Confined to one thread between ground synchronizations.
 */
final class SatelliteRunner {

    private static final long[] NO_IDS = new long[0];
    private static final int SERIES_POINTS = 2048;
    /** A reset strikes after 0 to this many further flash operations of the step, or at its end. */
    private static final int MAX_OPS_BEFORE_RESET = 12;

    final int index;
    final OnboardSchedule schedule;
    private final SimulationSettings settings;
    private final PowerStage power;
    private final SensorStage sensors;
    /**
     * Where the sensor stage scores and its errors are recorded when a core is spare: the reference
     * learners depend only on the samples and envelope the loop hands them, never the other way
     * round, so they run beside the loop (same calls, same order, same figures); empty: inline.
     */
    private final Optional<OrderedLane> scoring;
    private final FlightStage flight;
    private final GroundStage.Port port;
    private final SpaceChannel channel;
    private final UplinkAttacker attacker;
    private final Path storageRoot;
    /** Acquisition time lost at each end of a pass, s (the link's rule; 0 without a link). */
    private final double passMarginS;
    private final Path flashDir;
    /** The flash medium: in memory (the same operations as on a disk, without the host's system calls). */
    private final MemoryFileOps medium = new MemoryFileOps();
    private final CrashingFileOps flash;
    private final EmulatedClock clock = new EmulatedClock();
    private final List<byte[]> transmitted = new ArrayList<>();
    private final FaultPlan faults;
    private final SplittableRandom faultRandom;
    private final SplittableRandom resetRandom;
    final FaultTally tally = new FaultTally();
    private final List<Invariant> invariants;
    final Invariants.DeltaAccounting accounting;
    final Invariants.GenuineCommandsOnly commands;
    final Invariants.UpdatesApplied updates;
    final long[] violationsByInvariant;
    final List<Violation> firstViolations = new ArrayList<>();
    private final int keepViolations;

    // The flight computer: null while it is down (rebooting).
    private FlightSoftware computer;
    private double rebootUntilS = Double.NEGATIVE_INFINITY;
    private boolean resetArmed;
    private boolean bootedThisStep;
    private long step;

    // Report data.
    final double orbitS;
    final DecimatedSeries powerSeries = new DecimatedSeries(SERIES_POINTS,
            DecimatedSeries.Merge.MIN, DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN);
    final DecimatedSeries errors = new DecimatedSeries(SERIES_POINTS,
            DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN, DecimatedSeries.Merge.MEAN);
    final DecimatedSeries trainingPerOrbit = new DecimatedSeries(SERIES_POINTS, DecimatedSeries.Merge.MEAN);
    final DecimatedSeries bytesPerPass = new DecimatedSeries(SERIES_POINTS, DecimatedSeries.Merge.MEAN);
    /** Lowest state of charge the real draw reached, fraction; meaningful only with a power stage. */
    private double minSoc;
    double trainingEnergyJ;
    long bytesDownlinked;
    long bytesUplinked;
    long transmissionsOutsideContact;
    long denseBytes;
    long updatesApplied;
    /** Newest global version the flight software reported holding; empty before the first boot. */
    private java.util.OptionalLong highestAppliedVersion = java.util.OptionalLong.empty();
    final EnumMap<UpdateRefusal, Long> updatesRefused = new EnumMap<>(UpdateRefusal.class);
    final EnumMap<UpdateRefusal, Long> beaconsRefused = new EnumMap<>(UpdateRefusal.class);
    long boots;
    long trainingUpdates;
    long samples;
    long samplesLostWhileDown;
    long samplesLostOnReset;
    long samplesSeen;
    /** Concept changes the learners' change detectors found (count). */
    long changesDetected;
    /** Of those, detections the learners' confirmation took back (count). */
    long changesTakenBack;
    long samplesDropped;
    double payloadTrainingS;
    double payloadIdleS;
    double payloadOffS;
    /** Trainer's peak memory, bytes; empty until the flight software first reports its memory. */
    private java.util.OptionalLong peakMemoryBytes = java.util.OptionalLong.empty();
    final double[] errorSums = new double[SensorStage.Errors.NAMES.size()];
    final long[] errorCounts = new long[SensorStage.Errors.NAMES.size()];
    private double orbitBinStartS;
    private double orbitBinEnergyJ;
    private double passAosS = Double.NaN;
    private long passBytes;

    SatelliteRunner(int index, OnboardSchedule schedule, SimulationSettings settings, PowerStage power,
                    SensorStage sensors, FlightStage flight, GroundStage.Port port, FaultPlan faults,
                    long seed, int keepViolations, Path storageRoot, double passMarginS, boolean scoreBesideLoop) {
        this.passMarginS = passMarginS;
        this.storageRoot = storageRoot;
        this.flashDir = storageRoot.resolve("flash");
        this.flash = CrashingFileOps.unarmed(medium);
        this.index = index;
        this.schedule = schedule;
        this.settings = settings;
        this.power = power;
        this.sensors = sensors;
        this.scoring = sensors != null && scoreBesideLoop
                ? Optional.of(new OrderedLane("onorbit-score-" + schedule.satellite())) : Optional.empty();
        this.flight = flight;
        this.port = port;
        this.faults = faults;
        SplittableRandom root = new SplittableRandom(seed);
        this.faultRandom = root.split();
        this.channel = new SpaceChannel(root.split(), faults.missedPassProbability(), faults.bitErrorRate(),
                faults.corruptedPacketProbability());
        this.attacker = new UplinkAttacker(root.split(), faults.attackerPerPass());
        this.resetRandom = root.split();
        this.invariants = Invariants.forSatellite(schedule.contacts());
        this.accounting = only(Invariants.DeltaAccounting.class);
        this.commands = only(Invariants.GenuineCommandsOnly.class);
        this.updates = only(Invariants.UpdatesApplied.class);
        this.violationsByInvariant = new long[invariants.size()];
        this.keepViolations = keepViolations;
        this.orbitS = estimateOrbitS(schedule);
        if (power != null) {
            this.minSoc = power.soc();
        }
        try {
            medium.createDirectories(flashDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create flight storage " + flashDir, e);
        }
    }

    /** @return the lowest state of charge and the floor; empty without a power stage */
    Optional<SimulationResult.Charge> charge() {
        return power == null ? Optional.empty() : Optional.of(new SimulationResult.Charge(minSoc, power.socFloor()));
    }

    /** @return the trainer's peak memory, bytes; empty if the flight software never reported it */
    java.util.OptionalLong peakMemoryBytes() {
        return peakMemoryBytes;
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
        scoring.ifPresent(OrderedLane::handOff);
    }

    /** Waits until every score and error record handed to the scoring thread is done (before reading the errors). */
    void drainScoring() {
        scoring.ifPresent(OrderedLane::drain);
    }

    /** Stops the scoring thread, if any (after {@link #drainScoring}, or when the run failed). */
    void closeScoring() {
        scoring.ifPresent(OrderedLane::close);
    }

    /** What one step of the flight computer did, gathered as it happens (survives a reset mid-step). */
    private static final class StepFacts {
        OptionalDouble envelopeW = OptionalDouble.empty(); // none while the computer is down
        ExecutiveEvents.PayloadBooks payload = ExecutiveEvents.PayloadBooks.NONE;
        List<byte[]> sent = List.of();
        long bytesSent;
        double txStartS = Double.NaN;
        double txEndS = Double.NaN;
        double uplinkS;
        final List<StepState.AppliedUpdate> applied = new ArrayList<>();
        final List<Long> generated = new ArrayList<>();
        final List<Long> merged = new ArrayList<>();
        final List<Long> corrupted = new ArrayList<>();
        final List<Long> beaconsSent = new ArrayList<>();
        final List<Long> beaconsAccepted = new ArrayList<>();
        Throwable error;

        void error(Throwable e) {
            error = error != null ? error : e;
        }
    }

    private void step(double t, double dt) {
        StepFacts f = new StepFacts();
        clock.advanceTo(t);
        transmitted.clear();
        bootedThisStep = false;
        double overlapS = 0;
        double downBps = 0;
        // Flight software first; an exception in one part is recorded and the step goes on, so the
        // battery (physics) is always integrated and the books always kept.
        try {
            injectTimedFaults(t, dt);
        } catch (RuntimeException | AssertionError e) {
            f.error(e);
        }
        bootIfDue(t, f);
        SensorBatch batch = sensors == null ? null : sensors.samples(t, dt);
        if (computer != null && power != null) {
            FlightSoftware c = computer;
            try {
                SensorBatch in = batch != null ? batch : SensorBatch.empty(1);
                TickReport r = c.tick(dt, in, new PowerTelemetry(power.storedWh(), power.capacityWh()));
                if (batch != null) {
                    if (scoring.isPresent()) {
                        scoring.get().submit(() -> sensors.score(r.trained(), r.predictions(), r.served(), r.envelopeW()));
                    } else {
                        sensors.score(r.trained(), r.predictions(), r.served(), r.envelopeW());
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                failed(c, e, t, f);
            }
            f.envelopeW = c.envelopeW();
        } else if (batch != null) {
            samplesLostWhileDown += batch.size();
        }
        double onboardT = clock.at(t);
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
                if (!missed && pass.uplinkBps() > 0) {
                    // Uplink time by the radio's rule (what `plan` offers): the pass without its acquisition margins.
                    f.uplinkS = Math.max(0, Math.min(t + dt, pass.losS() - passMarginS) - Math.max(t, pass.aosS() + passMarginS));
                }
                if (!missed && computer != null) {
                    exchange(t, pass, overlapS, f);
                    onboardT = clock.at(t);
                }
            } else if (!Double.isNaN(passAosS)) {
                closePass();
            }
        } catch (RuntimeException | AssertionError e) {
            f.error(e);
        }
        // Whatever reached the transmitter in the step was radiated, whoever asked and when.
        f.sent = List.copyOf(transmitted);
        for (byte[] p : f.sent) {
            f.bytesSent += p.length;
        }
        if (resetArmed) {
            // The reset struck after the step's last flash operation: unflushed writes are torn.
            try {
                flash.powerCut();
            } catch (IOException e) {
                f.error(new UncheckedIOException(e));
            }
            drop(computer, t, f);
        }
        if (computer != null) {
            drain(computer, f);
        }
        // The solver's operating power is measured at its interface; the bus is charged what the
        // training payload drew in its power states, and the transmitter's on-time.
        FlightStage.EngineDraw draw = flight == null ? FlightStage.EngineDraw.NONE : flight.drainEngine();
        try {
            if (power != null) {
                double radioOnS = downBps > 0 ? Math.min(overlapS, ContactWindow.airTimeS(f.bytesSent, downBps)) : 0;
                power.advance(t, dt, f.payload.drawnJ(), radioOnS);
            }
        } catch (RuntimeException | AssertionError e) {
            f.error(e);
        }
        Optional<long[]> queued = Optional.empty();
        if (computer != null) {
            try {
                queued = Optional.of(computer.queuedDeltaIds());
            } catch (RuntimeException e) {
                f.error(e);
            }
        }
        Optional<StepState.TrainerMemory> memory = computer == null ? Optional.empty()
                : Optional.of(new StepState.TrainerMemory(computer.memoryUsedBytes(), computer.memoryBudgetBytes()));
        Optional<StepState.BatteryState> battery = power == null ? Optional.empty()
                : Optional.of(new StepState.BatteryState(power.soc(), power.socFloor(), power.realDrawSoc(),
                        power.unservedWhLastStep()));
        Optional<StepState.KeyingInterval> keying = f.sent.isEmpty() ? Optional.empty()
                : Optional.of(new StepState.KeyingInterval(f.txStartS, f.txEndS));
        StepState s = new StepState(schedule.satellite(), step, t, onboardT, dt, battery,
                f.envelopeW, draw.peakPowerW(), f.payload.drawnJ(), overlapS, downBps, keying, f.uplinkS,
                f.bytesSent, f.sent, memory,
                toArray(f.generated), toArray(f.corrupted), toArray(f.merged), queued, List.copyOf(f.applied),
                toArray(f.beaconsSent), toArray(f.beaconsAccepted), Optional.ofNullable(f.error));
        check(s);
        record(s, draw, f);
        step++;
    }

    /** Boots a new flight computer from flash once the reboot time is over. */
    private void bootIfDue(double t, StepFacts f) {
        if (flight == null || computer != null || t < rebootUntilS) {
            return;
        }
        try {
            computer = flight.boot(flash, flashDir, clock, transmitted::add);
            boots++;
            bootedThisStep = true;
        } catch (RuntimeException | AssertionError e) {
            if (isReset(e)) {
                flash.reboot(); // the reset struck during the boot itself: boot again after the reboot time
                resetArmed = false;
                rebootUntilS = t + faults.rebootS();
            } else {
                f.error(e);
                rebootUntilS = t + settings.stepS(); // try again next step
            }
        }
    }

    /** An exception out of the flight software: a reset striking mid-write, or a defect. */
    private void failed(FlightSoftware c, Throwable e, double t, StepFacts f) {
        if (isReset(e)) {
            flash.reboot();
            drop(c, t, f);
        } else {
            f.error(e);
        }
    }

    /** The flight computer goes down: its RAM is gone; what it reported before stays in the books. */
    private void drop(FlightSoftware c, double t, StepFacts f) {
        if (c != null) {
            drain(c, f);
            f.envelopeW = c.envelopeW();
            samplesLostOnReset += f.payload.buffered(); // the payload's buffer was RAM
        }
        computer = null;
        resetArmed = false;
        rebootUntilS = t + faults.rebootS();
    }

    private static boolean isReset(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof CrashingFileOps.SimulatedCrash) {
                return true;
            }
        }
        return false;
    }

    /** Telemetry of the flight computer into the step's books. */
    private void drain(FlightSoftware c, StepFacts f) {
        ExecutiveEvents e = c.drainEvents();
        ExecutiveEvents.PayloadBooks p = e.payload();
        ExecutiveEvents.PayloadBooks q = f.payload;
        f.payload = new ExecutiveEvents.PayloadBooks(q.drawnJ() + p.drawnJ(), q.trainingS() + p.trainingS(),
                q.idleS() + p.idleS(), q.offS() + p.offS(), q.samplesSeen() + p.samplesSeen(),
                q.samplesTrained() + p.samplesTrained(), q.samplesDropped() + p.samplesDropped(), q.updates() + p.updates(),
                q.hostWorkJ() + p.hostWorkJ(), q.solveJ() + p.solveJ(), p.buffered(),
                q.changesDetected() + p.changesDetected(), q.changesTakenBack() + p.changesTakenBack());
        for (long id : e.generatedIds()) {
            f.generated.add(id);
        }
        for (long id : e.mergedIds()) {
            f.merged.add(id);
        }
        for (long ms : e.beaconsAcceptedMs()) {
            f.beaconsAccepted.add(ms);
        }
        e.beaconsRefused().forEach(r -> beaconsRefused.merge(r, 1L, Long::sum));
        for (long id : e.corruptedIds()) {
            f.corrupted.add(id);
        }
        for (ExecutiveEvents.AppliedUpdate u : e.applied()) {
            recordApplied(u, f);
        }
        e.refused().forEach(r -> updatesRefused.merge(r, 1L, Long::sum));
        if (bootedThisStep) {
            // A delta the previous boot stored but was reset before reporting: the boot finds it queued.
            for (long id : c.queuedDeltaIds()) {
                if (!accounting.ledger().knows(id) && !f.generated.contains(id)) {
                    f.generated.add(id);
                }
            }
            // An update the previous boot applied but was reset before reporting: the boot holds it.
            ExecutiveEvents.AppliedUpdate held = c.heldGlobal();
            if (highestAppliedVersion.isEmpty()) {
                highestAppliedVersion = java.util.OptionalLong.of(held.version().version()); // the first boot: the launch model
            } else if (held.version().version() > highestAppliedVersion.getAsLong()) {
                recordApplied(held, f);
            }
            bootedThisStep = false;
        }
    }

    private void recordApplied(ExecutiveEvents.AppliedUpdate u, StepFacts f) {
        f.applied.add(new StepState.AppliedUpdate(u.counter(), u.version().version(), u.globalParams()));
        long v = u.version().version();
        highestAppliedVersion = java.util.OptionalLong.of(Math.max(v, highestAppliedVersion.orElse(v)));
        updatesApplied++;
    }

    /** Carrier lock: beacon, radio down through the channel to the ground port, and the uplink back. */
    private void exchange(double t, ContactWindow pass, double overlapS, StepFacts f) {
        FlightSoftware c = computer;
        double a = Math.max(t, pass.aosS());
        long bitHitsBefore = channel.packetsWithBitErrors();
        long mangledBefore = channel.corruptedPackets();
        try {
            if (port != null) {
                // The ground's time beacon (authenticated), and whatever an attacker sends on the frequency first.
                byte[] genuine = port.beacon(t);
                f.beaconsSent.add(TimeBeacon.parse(genuine).orElseThrow().groundTimeMs());
                List<byte[]> heard = List.of(genuine);
                long before = attacker.injectedTotal();
                heard = attacker.interfereBeacons(heard, overlapS / pass.durationS());
                tally.injected(FaultKind.ATTACKER, t, attacker.injectedTotal() - before);
                for (byte[] b : channel.carry(heard)) {
                    c.beacon(b);
                }
            }
            // The radio cannot key outside the interval it is stepped over (true time).
            f.txStartS = a;
            f.txEndS = a + overlapS;
            int mark = transmitted.size();
            RuntimeException reset = null;
            try {
                c.downlink(clock.at(a), clock.at(a + overlapS));
            } catch (RuntimeException e) {
                reset = e; // what was radiated before it still reaches the ground
            }
            List<byte[]> arrived = channel.carry(List.copyOf(transmitted.subList(mark, transmitted.size())));
            if (port != null) {
                port.receive(t, arrived); // delivery is booked from the ground archive, not from the link
            }
            if (reset != null) {
                throw reset;
            }
            if (port != null) {
                List<byte[]> upPackets = port.uplink(a, a + overlapS);
                for (byte[] p : upPackets) {
                    bytesUplinked += p.length;
                }
                if (pass.uplinkBps() > 0) {
                    long before = attacker.injectedTotal();
                    upPackets = attacker.interfere(upPackets, overlapS / pass.durationS());
                    tally.injected(FaultKind.ATTACKER, t, attacker.injectedTotal() - before);
                }
                c.uplink(channel.carry(upPackets));
            }
        } catch (RuntimeException | AssertionError e) {
            failed(c, e, t, f);
        } finally {
            tally.injected(FaultKind.BIT_ERRORS, t, channel.packetsWithBitErrors() - bitHitsBefore);
            tally.injected(FaultKind.CORRUPTED_PACKET, t, channel.corruptedPackets() - mangledBefore);
        }
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
            if (computer != null) {
                // Strikes after a random number of the step's flash operations (a torn write), or at its end.
                flash.crashAfter(resetRandom.nextInt(MAX_OPS_BEFORE_RESET + 1));
                resetArmed = true;
            } else {
                rebootUntilS = t + faults.rebootS();
            }
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
        if (happens(faults.corruptedStoragePerDay(), days) && flight != null && corruptOneFile(flashDir)) {
            tally.injected(FaultKind.CORRUPTED_STORAGE, t, 1);
        }
        if (happens(faults.clockJumpPerDay(), days)) {
            clock.jump((faultRandom.nextDouble() * 2 - 1) * faults.clockJumpMaxS());
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
        List<Path> files = medium.filesUnder(dir);
        if (files.isEmpty()) {
            return false;
        }
        Path f = files.get(faultRandom.nextInt(files.size()));
        try {
            byte[] b = medium.read(f);
            if (b.length == 0) {
                return false;
            }
            if (faultRandom.nextBoolean() && b.length > 1) {
                b = java.util.Arrays.copyOf(b, faultRandom.nextInt(b.length));
            } else {
                int i = faultRandom.nextInt(b.length);
                b[i] ^= (byte) (1 + faultRandom.nextInt(255));
            }
            medium.write(f, b);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot corrupt " + f, e);
        }
    }

    private void check(StepState s) {
        boolean violated = false;
        for (int i = 0; i < invariants.size(); i++) {
            Optional<String> reason = invariants.get(i).check(s);
            // The step is described only when an invariant fails: formatting it every step was a
            // large part of the loop's time (BENCHMARKS.md, closed loop).
            if (reason.isPresent()) {
                book(i, reason.get(), s.step(), s.trueTimeS(), s.describe());
                violated = true;
            }
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
            Optional<String> reason = invariants.get(i).groundSynced(g);
            if (reason.isPresent()) {
                book(i, reason.get(), Math.max(0, step - 1), g.trueTimeS(), "ground synchronization at t=" + g.trueTimeS() + " s");
                violated = true;
            }
        }
        tally.stepChecked(g.trueTimeS(), violated);
    }

    private void book(int invariant, String reason, long atStep, double tS, String state) {
        violationsByInvariant[invariant]++;
        if (firstViolations.size() < keepViolations) {
            firstViolations.add(new Violation(invariants.get(invariant).name(), schedule.satellite(), atStep, tS, reason, state));
        }
    }

    private void record(StepState s, FlightStage.EngineDraw draw, StepFacts f) {
        if (s.battery().isPresent()) {
            StepState.BatteryState b = s.battery().get();
            // The lowest charge the real draw reached, not the protected battery's: a crossing shows.
            double soc = Math.min(b.soc(), b.realDrawSoc());
            minSoc = Math.min(minSoc, soc);
            // NaN is the series' gap (the plot leaves it blank), not a value.
            powerSeries.add(s.trueTimeS(), b.soc(), s.envelopeW().orElse(Double.NaN), draw.peakPowerW(),
                    f.payload.drawnJ() / s.dtS());
        }
        trainingEnergyJ += f.payload.drawnJ();
        if (flight != null) {
            denseBytes += 4L * flight.modelParameters() * s.generatedIds().length;
        }
        trainingUpdates += f.payload.updates();
        samples += f.payload.samplesTrained();
        samplesSeen += f.payload.samplesSeen();
        changesDetected += f.payload.changesDetected();
        changesTakenBack += f.payload.changesTakenBack();
        samplesDropped += f.payload.samplesDropped();
        payloadTrainingS += f.payload.trainingS();
        payloadIdleS += f.payload.idleS();
        payloadOffS += f.payload.offS();
        orbitBinEnergyJ += f.payload.drawnJ();
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
        if (flight != null && s.memory().isPresent()) {
            long used = s.memory().get().usedBytes();
            peakMemoryBytes = java.util.OptionalLong.of(Math.max(peakMemoryBytes.orElse(used), used));
        }
        if (sensors != null) {
            double tS = s.trueTimeS();
            if (scoring.isPresent()) {
                scoring.get().submit(() -> recordErrors(tS));
            } else {
                recordErrors(tS);
            }
        }
    }

    /** Adds the sensor stage's errors after the step starting at {@code trueTimeS} to the sums and the series. */
    private void recordErrors(double trueTimeS) {
        double[] v = sensors.errors().values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                errorSums[i] += v[i];
                errorCounts[i]++;
            }
        }
        errors.add(trueTimeS, v);
    }

    /** @return the unit of the prediction errors, empty without a sensor stage */
    java.util.Optional<String> errorUnit() {
        return sensors == null ? java.util.Optional.empty() : java.util.Optional.of(sensors.errorUnit());
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

    SpaceChannel channel() {
        return channel;
    }

    /** @return the training payload's books at the end of the run, if a flight computer ran */
    Optional<PayloadTotals> payloadBooks() {
        if (flight == null) {
            return Optional.empty();
        }
        double elapsedS = payloadTrainingS + payloadIdleS + payloadOffS;
        return Optional.of(new PayloadTotals(elapsedS > 0 ? payloadTrainingS / elapsedS : 0, samplesSeen,
                samples, samplesDropped + samplesLostOnReset, changesDetected,
                changesTakenBack));
    }

    private static long[] toArray(List<Long> ids) {
        long[] a = new long[ids.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ids.get(i);
        }
        return a;
    }
}

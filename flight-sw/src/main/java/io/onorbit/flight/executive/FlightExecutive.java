package io.onorbit.flight.executive;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.command.TimeBeacon;
import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.link.LinkMessages;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.link.SpacecraftLink;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.payload.PayloadStep;
import io.onorbit.flight.payload.TrainingPayload;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.storage.DeltaQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The spacecraft's one decision-maker (see the package note). Built and wired by
 * {@link FlightTopology#boot}; everything it holds is RAM and dies with it at a reset, except
 * what it wrote to flash. Not thread-safe: driven by one rate group.
 */
public final class FlightExecutive implements FlightSoftware {

    /**
     * A time beacon older than the onboard clock by more than this is refused, s: a recorded genuine
     * beacon the spacecraft never accepted (it missed it) cannot move the clock back further. Well
     * above the clock errors a beacon must correct (jumps of up to 120 s between passes); a clock
     * running ahead by more than this can no longer be corrected by beacons.
     */
    public static final double MAX_BEACON_AGE_S = 600;

    /** Control-message ids reserved on flash at a time. */
    static final int CONTROL_ID_BLOCK = 64;
    /** CCSDS sequence counts reserved on flash ahead of the packets sent (less than half of 2^14). */
    static final int PACKET_COUNT_RESERVE = 1024;

    private final FlightConfig config;
    private final Hardware hardware;
    private final CounterStore counters;
    private final CheckpointStore checkpoints;
    private final TrainingPayload payload;
    private final OnboardTrainer trainer;
    private final DeltaEncoder encoder;
    private final DeltaQueue queue;
    private final UpdateReceiver receiver;
    private final Packetizer packetizer;
    private final PassGatedRadio radio;
    /** Leading parameters shared with the constellation; the rest is this spacecraft's own head (FedPer). */
    private final int sharedCount;
    /**
     * With a global expert (a personal model is kept) no global model is written into a trained
     * model: the payload holds it as an expert, and each delta carries the trained model minus
     * the global model it was cut on (less what earlier deltas on that base carried), so the
     * ground's model follows the satellites' own models. Without one, each global model is merged
     * into the trainer with the local progress the ground does not have yet.
     */
    private final boolean globalExpert;
    private SpacecraftLink link;

    // RAM: lost at a reset.
    private ModelVersion base;
    private float[] baseParams;
    /** The uplink counter of the command that brought {@link #base} (0 for the golden image). */
    private long baseCounter;
    private long samplesSinceBase;
    /** Samples trained since the last delta was cut (after a boot: at most samplesSinceBase). */
    private long samplesSinceCut;
    private final float[] x;
    private TrainingEnvelope envelope;
    private OptionalDouble lastEnvelopeW = OptionalDouble.empty();
    private double plannedCapacityFraction = Double.NaN;
    private double lastCheckpointS;
    private double lastDeltaS;
    private ContactWindow pass;
    private boolean passDeltaDue;
    private double passDeltaEarliestS;
    private double passDeltaDeadlineS;
    private long controlIdNext;
    private long controlIdLimit;
    private final List<Long> generated = new ArrayList<>();
    private final List<Long> merged = new ArrayList<>();
    private final List<Long> corrupted = new ArrayList<>();
    private final List<ExecutiveEvents.AppliedUpdate> applied = new ArrayList<>();
    private final List<UpdateRefusal> refused = new ArrayList<>();
    private final List<Long> beaconsAccepted = new ArrayList<>();
    private final List<UpdateRefusal> beaconsRefused = new ArrayList<>();
    private double drawnJ;
    private double trainingS;
    private double idleS;
    private double offS;
    private long samplesSeen;
    private long samplesTrained;
    private long samplesDropped;
    private long updates;
    private long changesDetected;
    private long changesTakenBack;
    private double hostWorkJ;
    private double solveJ;

    FlightExecutive(FlightConfig config, Hardware hardware, CounterStore counters, CheckpointStore checkpoints,
                    TrainingPayload payload, DeltaEncoder encoder, DeltaQueue queue, UpdateReceiver receiver,
                    Packetizer packetizer, PassGatedRadio radio, float[] baseParams, long baseCounter, long samplesSinceBase,
                    List<Long> corruptedAtBoot) {
        this.config = config;
        this.hardware = hardware;
        this.counters = counters;
        this.checkpoints = checkpoints;
        this.payload = payload;
        this.trainer = payload.trainer();
        this.encoder = encoder;
        this.queue = queue;
        this.receiver = receiver;
        this.packetizer = packetizer;
        this.radio = radio;
        this.base = receiver.version();
        this.baseParams = baseParams.clone();
        this.baseCounter = baseCounter;
        this.samplesSinceBase = samplesSinceBase;
        this.samplesSinceCut = samplesSinceBase;
        this.x = new float[config.featureCount()];
        this.sharedCount = config.trainer().sharedParameterCount(config.featureCount());
        this.globalExpert = payload.holdsGlobal();
        this.controlIdNext = counters.current().controlIdNext();
        this.controlIdLimit = controlIdNext;
        this.lastCheckpointS = hardware.clock().nowS();
        this.lastDeltaS = lastCheckpointS;
        this.corrupted.addAll(corruptedAtBoot);
    }

    /** Wiring step of the topology: the link is built with this executive's ports. */
    void connect(SpacecraftLink l) {
        if (link != null) {
            throw new IllegalStateException("link already connected");
        }
        link = l;
    }

    // ---------------------------------------------------------------- rate group

    @Override
    public TickReport tick(double dtS, SensorBatch samples, PowerTelemetry power) {
        double t = hardware.clock().nowS();
        try {
            planEnvelopeFor(t, power);
            OnboardSchedule s = config.schedule();
            double tp = Math.max(0, Math.min(t, s.durationS() - envelope.stepS()));
            double envelopeW = envelope.maxTrainingPowerW(tp, dtS, power.storedWh());
            lastEnvelopeW = OptionalDouble.of(envelopeW);
            int d = samples.featureCount();
            long droppedBefore = payload.samplesDropped();
            for (int i = 0; i < samples.size(); i++) {
                System.arraycopy(samples.features(), i * d, x, 0, d);
                payload.offer(x, samples.targets()[i]);
            }
            samplesSeen += samples.size();
            samplesDropped += payload.samplesDropped() - droppedBefore;
            TrainedSamples trained = new TrainedSamples(d);
            PayloadStep p = payload.run(envelopeW, dtS, trained::add);
            samplesSinceBase += p.samplesTrained();
            samplesSinceCut += p.samplesTrained();
            drawnJ += p.drawnJ();
            trainingS += p.allocation().trainingS();
            idleS += p.allocation().idleS();
            offS += p.allocation().offS();
            samplesTrained += p.samplesTrained();
            updates += p.updates();
            changesDetected += p.changesDetected();
            changesTakenBack += p.changesTakenBack();
            hostWorkJ += p.hostWorkJ();
            solveJ += p.solveJ();
            notePassStart(t, dtS);
            if (passDeltaDue && t >= passDeltaDeadlineS) {
                cutDelta(t); // the pass's uplink never came (missed pass, ground silent): send what we have
            } else if (!passDeltaDue && pass != null && t < pass.losS() && t - lastDeltaS >= config.deltaCadenceS()) {
                cutDelta(t); // a long contact (GEO): do not wait for a next pass that never starts
            }
            if (t - lastCheckpointS >= config.checkpointIntervalS()) {
                checkpoint();
                lastCheckpointS = t;
            }
            return new TickReport(t, envelopeW, trained.batch(), trained.predictions(), trained.served());
        } catch (IOException e) {
            throw new UncheckedIOException("flight executive of " + config.satellite() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The envelope is planned on board from the schedule and the power system, and planned again
     * when the power system reports less capacity than the plan assumed (a failed cell): it must
     * never promise charge the battery can no longer hold.
     */
    private void planEnvelopeFor(double t, PowerTelemetry power) {
        var battery = config.power().battery();
        double expectedWh = battery.capacityWhAtYears(PowerModel.years(Math.max(0, t)));
        double fraction = Math.min(1.0, power.capacityWh() / expectedWh);
        if (envelope == null || fraction < plannedCapacityFraction - 1e-6) {
            replan(fraction);
        }
    }

    /**
     * Plans the envelope for a battery holding {@code fraction} of its expected capacity. A method
     * of its own, called a few times a run: inline in the rate group, the JIT compiled the power
     * model's construction (~4 kB of bytecode) into every compilation of {@link #tick}.
     */
    private void replan(double fraction) {
        var battery = config.power().battery();
        var system = fraction >= 1.0 ? config.power()
                : config.power().withBattery(battery.withCapacityWh(battery.capacityWh() * fraction));
        envelope = TrainingEnvelope.plan(new PowerModel(config.schedule(), system), config.tickS());
        plannedCapacityFraction = fraction;
    }

    /** A contact of the schedule starts within the tick: its delta is due once its uplink is in. */
    private void notePassStart(double t, double dtS) {
        OnboardSchedule s = config.schedule();
        Optional<ContactWindow> w = s.contactAt(t).or(() -> s.nextContactAfter(t).filter(c -> c.aosS() < t + dtS));
        if (w.isPresent() && !w.get().equals(pass)) {
            pass = w.get();
            passDeltaDue = true;
            double lengthS = pass.losS() - pass.aosS();
            // The ground's uplink opens after the acquisition margin; an update sent then is taken
            // in within a tick. Before that the delta would be built on the base the pass replaces.
            passDeltaEarliestS = pass.aosS() + config.link().passMarginS() + config.tickS();
            // Wait for the uplink at most a third of the pass, and leave the rest to send the delta.
            passDeltaDeadlineS = Math.max(passDeltaEarliestS,
                    pass.aosS() + Math.min(lengthS / 3, Math.max(2 * config.tickS(), 60)));
        }
    }

    // ---------------------------------------------------------------- radio

    /**
     * The ground's time beacon sets the clock only if it verifies under this satellite's key, names
     * it, and carries a time after the last one accepted; that time goes to flash before the clock
     * moves, so no reset reopens the window for a recorded beacon.
     */
    @Override
    public void beacon(byte[] frame) {
        PersistentCounters c = counters.current();
        // Never older than the last one accepted, nor than the clock allows: a genuine beacon the
        // spacecraft missed, played back later, may set the clock back by at most this much.
        long floorMs = Math.max(c.beaconFloorMs(), Math.round((hardware.clock().nowS() - MAX_BEACON_AGE_S) * 1000));
        Optional<UpdateRefusal> r = TimeBeacon.check(frame, config.satellite(), config.uplinkKey(), floorMs);
        if (r.isPresent()) {
            beaconsRefused.add(r.get());
            return;
        }
        long ms = TimeBeacon.parse(frame).orElseThrow().groundTimeMs();
        try {
            counters.store(c.withBeaconFloorMs(ms));
        } catch (IOException e) {
            throw new UncheckedIOException("beacon floor: " + e.getMessage(), e);
        }
        hardware.clock().set(ms / 1000.0);
        beaconsAccepted.add(ms);
    }

    @Override
    public int downlink(double fromS, double untilS) {
        long before = link.outbox().packetsSent();
        try {
            link.step(fromS, untilS);
        } catch (IOException e) {
            throw new UncheckedIOException("flight executive of " + config.satellite() + ": " + e.getMessage(), e);
        }
        return (int) (link.outbox().packetsSent() - before);
    }

    /**
     * Packetizer guard: a telemetry APID's sequence count is used only below the floor stored on
     * flash; reaching it, the floor moves {@link #PACKET_COUNT_RESERVE} ahead first. The next boot
     * resumes at the floor, at most that far ahead of the last count sent, so counts advance.
     */
    void beforeCountUse(int apid, int count) {
        Product p = config.apids().product(apid).orElseThrow();
        PersistentCounters c = counters.current();
        int[] floor = c.packetCountNext();
        int ahead = Math.floorMod(floor[p.ordinal()] - count, 1 << 14);
        if (ahead == 0 || ahead > PACKET_COUNT_RESERVE) {
            floor[p.ordinal()] = Math.floorMod(count + PACKET_COUNT_RESERVE, 1 << 14);
            try {
                counters.store(c.withPacketCountNext(floor));
            } catch (IOException e) {
                throw new UncheckedIOException("packet count reservation: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void uplink(List<byte[]> packets) {
        try {
            for (byte[] p : packets) {
                link.receive(p);
            }
            double now = hardware.clock().nowS();
            if (passDeltaDue && !link.receivingUpdate() && now >= passDeltaEarliestS) {
                cutDelta(now); // after this pass's uplink could be applied: built on the newest base
            }
        } catch (IOException e) {
            throw new UncheckedIOException("flight executive of " + config.satellite() + ": " + e.getMessage(), e);
        }
    }

    /** Handler of whole model updates (wired to the link): verify, merge, persist, then answer. */
    byte[] answerUpdate(long messageId, byte[] frame) throws IOException {
        UpdateReceiver.Outcome o = receiver.receive(frame);
        if (!o.applied()) {
            UpdateRefusal r = o.rejected().orElseThrow();
            refused.add(r);
            return LinkMessages.refusal(messageId, r.ordinal(), receiver.version().version());
        }
        float[] global = receiver.params();
        ModelVersion version = receiver.version();
        if (!payload.holdGlobal(global, version.version())) {
            // Keep the local progress the ground does not have yet: w = w_global + (w_local - w_held),
            // w_held being what this spacecraft's deltas of the old base carried to the ground (not
            // what they computed: the error-feedback residual is progress the ground lacks too).
            // The personal head (FedPer) is this spacecraft's own: the global model's head is not taken.
            float[] w = withLocalProgress(global, trainer.model().parameters(), encoder.groundHeld(base, baseParams));
            trainer.model().setParameters(w, version.version());
        }
        encoder.startBase(); // the next delta carries the model minus the new base, the residual included
        base = version;
        baseParams = global;
        baseCounter = receiver.lastCounter();
        // The progress not yet sent moves to the new base with the samples behind it: the next
        // delta carries it, and must not look like work on no samples (the ground rejects those).
        samplesSinceBase = samplesSinceCut;
        checkpoint();
        counters.store(counters.current().withUplink(receiver.lastCounter(), version.version()));
        applied.add(new ExecutiveEvents.AppliedUpdate(global, version, receiver.lastCounter()));
        return null; // persisted: acknowledge
    }

    /**
     * @return {@code global + (local - held)} on the shared body, {@code local} on the personal head.
     *         A method of its own, not a loop inside {@link #answerUpdate}: the loop's iterations
     *         would make the JIT compile that once-per-update handler, with all it calls, at its
     *         highest tier (twice: on-stack, then whole); here only this loop is compiled.
     */
    private float[] withLocalProgress(float[] global, float[] local, float[] held) {
        float[] w = new float[global.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = i < sharedCount ? global[i] + (local[i] - held[i]) : local[i];
        }
        return w;
    }

    /** Control-message ids from blocks reserved on flash first, so no boot ever reuses one. */
    long nextControlId() {
        try {
            if (controlIdNext >= controlIdLimit) {
                controlIdLimit = controlIdNext + CONTROL_ID_BLOCK;
                counters.store(counters.current().withControlIdNext(controlIdLimit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("control id reservation: " + e.getMessage(), e);
        }
        return controlIdNext++ & 0xFFFFFFFFL;
    }

    // ---------------------------------------------------------------- deltas and checkpoints

    private void cutDelta(double t) throws IOException {
        passDeltaDue = false;
        lastDeltaS = t;
        float[] reference = encoder.reference(base, baseParams);
        float[] params = sharedPart(trainer.model().parameters(), reference);
        if (Arrays.equals(params, reference)) {
            return; // no progress on the shared body since the last delta
        }
        if (globalExpert && samplesSinceBase == 0) {
            return; // a new base, no sample since: the gap to it goes with the next delta, which has samples behind it
        }
        long seq = queue.reserveSequence();
        counters.store(counters.current().withDeltaSequenceNext(Math.max(seq + 1, counters.current().deltaSequenceNext())));
        DeltaHeader h = new DeltaHeader(config.satellite(), seq, base, samplesSinceBase,
                config.schedule().epoch().plusMillis(Math.round(t * 1000)));
        WeightDelta d = encoder.encode(h, baseParams, params);
        samplesSinceCut = 0;
        DeltaQueue.OfferResult r = queue.offer(d);
        if (r instanceof DeltaQueue.Stored s) {
            merged.addAll(s.merged());
            encoder.restore(s.dropped()); // what the merge could not carry goes back into error feedback
            generated.add(s.sequence());
        } else {
            encoder.restore(d);
        }
        checkpoint(); // the encoder's reference moved: a reset must not send this progress twice
        lastCheckpointS = t;
    }

    /**
     * @return {@code params} with the personal head replaced by {@code reference}'s: a delta
     *         carries only the shared body, the head never leaves the spacecraft
     */
    private float[] sharedPart(float[] params, float[] reference) {
        System.arraycopy(reference, sharedCount, params, sharedCount, params.length - sharedCount);
        return params;
    }

    private void checkpoint() throws IOException {
        float[] personal = payload.personal().map(p -> p.model().parameters()).orElse(new float[0]);
        byte[] personalAdaptation = payload.personal().map(OnboardTrainer::saveAdaptation).orElse(new byte[0]);
        checkpoints.store(new Checkpoint(counters.current().bootCount(), receiver.lastCounter(), samplesSinceBase, base,
                trainer.model().parameters(), baseParams, encoder.reference(base, baseParams), encoder.residual(),
                personal, payload.mixing(), payload.globalMixing(), trainer.saveAdaptation(), personalAdaptation));
    }

    // ---------------------------------------------------------------- telemetry

    /** Samples the payload trained on in one tick, with the predictions made before training on each. */
    private static final class TrainedSamples {
        private final int d;
        private float[] xs = new float[0];
        private float[] ys = new float[0];
        private float[] predictions = new float[0];
        private float[] served = new float[0];
        private int n;

        TrainedSamples(int d) {
            this.d = d;
        }

        void add(float[] x, float y, float prediction, float servedPrediction) {
            if (n == ys.length) {
                int cap = Math.max(8, 2 * n);
                xs = Arrays.copyOf(xs, cap * d);
                ys = Arrays.copyOf(ys, cap);
                predictions = Arrays.copyOf(predictions, cap);
                served = Arrays.copyOf(served, cap);
            }
            System.arraycopy(x, 0, xs, n * d, d);
            ys[n] = y;
            served[n] = servedPrediction;
            predictions[n++] = prediction;
        }

        SensorBatch batch() {
            return new SensorBatch(d, Arrays.copyOf(xs, n * d), Arrays.copyOf(ys, n));
        }

        float[] predictions() {
            return Arrays.copyOf(predictions, n);
        }

        float[] served() {
            return Arrays.copyOf(served, n);
        }
    }

    @Override
    public ExecutiveEvents drainEvents() {
        ExecutiveEvents.PayloadBooks books = new ExecutiveEvents.PayloadBooks(drawnJ, trainingS, idleS, offS, samplesSeen,
                samplesTrained, samplesDropped, updates, hostWorkJ, solveJ, payload.buffered(), changesDetected, changesTakenBack);
        drawnJ = 0;
        trainingS = 0;
        idleS = 0;
        offS = 0;
        samplesSeen = 0;
        samplesTrained = 0;
        samplesDropped = 0;
        updates = 0;
        changesDetected = 0;
        changesTakenBack = 0;
        hostWorkJ = 0;
        solveJ = 0;
        ExecutiveEvents e = new ExecutiveEvents(toArray(generated), toArray(merged), toArray(corrupted),
                List.copyOf(applied), List.copyOf(refused), books, toArray(beaconsAccepted), List.copyOf(beaconsRefused));
        beaconsAccepted.clear();
        beaconsRefused.clear();
        generated.clear();
        merged.clear();
        corrupted.clear();
        applied.clear();
        refused.clear();
        return e;
    }

    private static final long[] NO_IDS = new long[0];

    /** A plain loop, not a stream: called several times per step, mostly on empty lists. */
    private static long[] toArray(List<Long> l) {
        if (l.isEmpty()) {
            return NO_IDS;
        }
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    @Override
    public OptionalDouble envelopeW() {
        return lastEnvelopeW;
    }

    @Override
    public long[] queuedDeltaIds() {
        List<DeltaQueue.Entry> entries = queue.entries();
        if (entries.isEmpty()) {
            return NO_IDS;
        }
        long[] ids = new long[entries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = entries.get(i).sequence();
        }
        return ids;
    }

    @Override
    public long memoryUsedBytes() {
        return payload.memoryBytes();
    }

    @Override
    public long memoryBudgetBytes() {
        return config.trainer().memoryBudgetBytes();
    }

    /** @return this boot's number (1 for the first boot) */
    public long bootCount() {
        return counters.current().bootCount();
    }

    /** @return the global model held */
    public ModelVersion heldVersion() {
        return receiver.version();
    }

    @Override
    public ExecutiveEvents.AppliedUpdate heldGlobal() {
        return new ExecutiveEvents.AppliedUpdate(baseParams.clone(), base, baseCounter);
    }

    /** @return counter of the last applied uplink command */
    public long uplinkCounter() {
        return receiver.lastCounter();
    }

    @Override
    public float[] parameters() {
        return trainer.model().parameters();
    }

    /** @return the personal model's parameters (trained on this spacecraft's samples only), if it keeps one */
    public Optional<float[]> personalParameters() {
        return payload.personal().map(p -> p.model().parameters());
    }

    /**
     * @return the adaptation state ({@link OnboardTrainer#saveAdaptation}) of the trained shared model's learner and,
     *         if kept, the personal model's: what a checkpoint keeps of them besides their weights
     */
    List<byte[]> learnerAdaptation() {
        List<byte[]> states = new ArrayList<>();
        states.add(trainer.saveAdaptation());
        payload.personal().ifPresent(p -> states.add(p.saveAdaptation()));
        return states;
    }

    /** @return the weight that interpolates the personal and the shared model's predictions */
    public io.onorbit.flight.learning.MixingWeight mixing() {
        return payload.mixing();
    }

    /** @return the weight of the own models' mixture against the global model held */
    public io.onorbit.flight.learning.GlobalExpertWeight globalMixing() {
        return payload.globalMixing();
    }

    /** @return the next delta sequence the queue will hand out */
    public long nextDeltaSequence() {
        return queue.nextSequence();
    }

    /** @return the link (for its counters) */
    public SpacecraftLink link() {
        return link;
    }
}

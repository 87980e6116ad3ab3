package io.onorbit.flight.executive;

import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.learning.OnboardTrainer;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.link.SpacecraftLink;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.payload.TrainingPayload;
import io.onorbit.flight.storage.DeltaQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flight software's wiring, written once: what is built at boot, from what on flash, and
 * which port of one component feeds which other (the F Prime "topology"). A reset of the flight
 * computer is a new call to {@link #boot}: every object below is new, and only flash and the
 * hardware ports carry anything over.
 *
 * <pre>
 *   flash: counters.0..2 ──► CounterStore ──► boot count + 1 (stored first), control-id blocks,
 *                                             delta-sequence and packet-count floors, anti-replay
 *   flash: checkpoint.0/1 ─► CheckpointStore ─► OnboardTrainer (else the golden image)
 *                                          └──► DeltaEncoder (reference + residual)
 *                                          └──► UpdateReceiver (model held, counter = max of both copies)
 *   flash: queue/ ─────────► DeltaQueue (sequence floor from the counters)
 *   hardware engine ───────► TrainingPayload (power states, sample buffer) ─► OnboardTrainer
 *   schedule ──────────────► PassGatedRadio ──► hardware transmitter
 *   Packetizer (counts resumed from the counters; guarded by FlightExecutive.beforeCountUse) ─► SpacecraftLink ◄── DeltaQueue
 *   SpacecraftLink ─ whole model updates ─► FlightExecutive.answerUpdate ─ ack / refusal ─► SpacecraftLink
 *   SpacecraftLink ─ control ids ◄── FlightExecutive.nextControlId (reserved on flash)
 *   FlightExecutive: tick (envelope, trainer, deltas, checkpoints), downlink, uplink, beacon
 * </pre>
 */
public final class FlightTopology {

    private static final Pattern ENTRY = Pattern.compile("q-(\\d+)\\.dlt");

    private FlightTopology() {
    }

    /**
     * Boots the flight software from flash.
     *
     * @param config what was loaded before launch
     * @param hw     the hardware ports
     * @return the executive, ready for its first tick
     * @throws UncheckedIOException if flash cannot be read or written (a reset during boot
     *                              surfaces here too)
     */
    public static FlightExecutive boot(FlightConfig config, Hardware hw) {
        try {
            return wire(config, hw);
        } catch (IOException e) {
            throw new UncheckedIOException("boot of " + config.satellite() + ": " + e.getMessage(), e);
        }
    }

    private static FlightExecutive wire(FlightConfig config, Hardware hw) throws IOException {
        Path stateDir = hw.flashDir().resolve("state");
        Path queueDir = hw.flashDir().resolve("queue");
        hw.flash().createDirectories(stateDir);
        hw.flash().createDirectories(queueDir);
        int dimension = config.golden().length;

        // 1. Counters and checkpoint from flash; each keeps a copy of the other's critical counters.
        CounterStore counters = new CounterStore(hw.flash(), stateDir);
        CheckpointStore checkpoints = new CheckpointStore(hw.flash(), stateDir, dimension);
        PersistentCounters found = counters.load();
        Optional<Checkpoint> ckpt = checkpoints.load();
        if (ckpt.isPresent()) {
            Checkpoint c = ckpt.get();
            found = found.max(found.withBootCount(c.bootCount()).withUplink(c.uplinkCounter(), c.base().version()));
        }
        counters.store(found.withBootCount(found.bootCount() + 1)); // this boot is counted before anything else

        // 2. Learner: the checkpoint, or the golden image.
        TrainingPayload payload = TrainingPayload.of(config.payload(), config.featureCount(), config.trainer(),
                config.personalisation(), hw.engine());
        OnboardTrainer trainer = payload.trainer();
        float[] params = ckpt.map(Checkpoint::params).orElse(config.golden());
        float[] baseParams = ckpt.map(Checkpoint::baseParams).orElse(config.golden());
        var base = ckpt.map(Checkpoint::base).orElse(config.goldenVersion());
        trainer.model().setParameters(params, base.version());
        payload.holdGlobal(baseParams, base.version()); // an expert with a personal model, else already merged
        // The personal model: from the checkpoint if it holds one, else the golden image (never a global model).
        float[] personal = ckpt.map(Checkpoint::personal).filter(p -> p.length > 0).orElse(config.golden());
        payload.personal().ifPresent(p -> p.model().setParameters(personal, config.goldenVersion().version()));
        ckpt.filter(c -> payload.personal().isPresent())
                .ifPresent(c -> payload.resumeMixing(c.mixing(), c.globalMixing()));
        // The learners' adaptation (replay samples, step, detector, average) as of the same checkpoint, after their
        // weights: a checkpoint of other settings (a different size) leaves them fresh.
        ckpt.ifPresent(c -> {
            trainer.resumeAdaptation(c.adaptation());
            payload.personal().ifPresent(p -> p.resumeAdaptation(c.personalAdaptation()));
        });
        LinkConfig lc = config.link();
        int[] tensors = trainer.model().layout().tensors().stream().mapToInt(t -> t.size()).toArray();
        DeltaEncoder encoder = new DeltaEncoder(lc.compression(), new TensorLayout(tensors));
        ckpt.ifPresent(c -> encoder.resume(c.base(), c.reference(), c.residual()));

        // 3. Command receiver: the model held and the anti-replay counter, never below either copy.
        UpdateReceiver receiver = new UpdateReceiver(config.satellite(), config.uplinkKey(), baseParams, base,
                counters.current().uplinkCounter());

        // 4. Queue, with its sequence floor; what it found damaged is reported.
        DeltaQueue queue = DeltaQueue.open(queueDir, lc.queueCapacityBytes(), hw.flash(),
                counters.current().deltaSequenceNext());
        List<Long> corrupted = new ArrayList<>();
        for (DeltaQueue.Corruption c : queue.corrupted()) {
            Matcher m = ENTRY.matcher(String.valueOf(c.file().getFileName()));
            if (m.matches()) {
                corrupted.add(Long.parseLong(m.group(1)));
            }
        }

        // 5. Radio and packetizer; sequence counts continue from the floors reserved on flash.
        Packetizer packetizer = new Packetizer(lc.packetBytes(), config.apids().number(config.satellite()));
        int[] floors = counters.current().packetCountNext();
        for (Product p : Product.values()) {
            if (!p.telecommand()) {
                packetizer.resumeAt(config.apids().apid(config.satellite(), p), floors[p.ordinal()]);
            }
        }
        PassGatedRadio radio = new PassGatedRadio(config.schedule(), lc.passMarginS());
        radio.connect(PassGatedRadio.Direction.DOWNLINK, hw.transmitter());

        // 6. The executive, then the link wired to its ports.
        FlightExecutive exec = new FlightExecutive(config, hw, counters, checkpoints, payload, encoder, queue, receiver,
                packetizer, radio, baseParams, ckpt.map(Checkpoint::uplinkCounter).orElse(0L),
                ckpt.map(Checkpoint::samplesSinceBase).orElse(0L), corrupted);
        packetizer.guard(exec::beforeCountUse);
        exec.connect(new SpacecraftLink(config.satellite(), config.apids(), packetizer, radio, queue,
                exec::nextControlId, exec::answerUpdate, lc.maxDeltasInFlight(), lc.nackIntervalS(), config.uplinkKey()));
        return exec;
    }
}

package io.onorbit.verification.sim.modules;

import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.link.SpacecraftLink;
import io.onorbit.flight.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.storage.DeltaQueue;
import io.onorbit.flight.storage.DiskFileOps;
import io.onorbit.verification.sim.FlightLinkStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapter of the spacecraft's data path to the loop: {@code flight.delta} encoder with error
 * feedback, {@code flight.storage} crash-safe queue, {@code flight.link} spacecraft link over a
 * {@link PassGatedRadio} driven by the onboard schedule, and {@code flight.command} for signed
 * model updates (when the mission has uplink keys).
 *
 * <p>A reset reopens the queue from storage and rebuilds the link software; the radio and its
 * packetizer are hardware (the transponder keeps the CCSDS sequence counts). The encoder's error
 * feedback residual is RAM and is lost at a reset.
 */
public final class FlightDataPath implements FlightLinkStage {

    private static final Pattern ENTRY = Pattern.compile("q-(\\d+)\\.dlt");

    private final String satellite;
    private final OnboardSchedule schedule;
    private final LinkConfig config;
    private final ApidPlan plan;
    private final Path dir;
    private final PassGatedRadio radio;
    private final Packetizer packetizer;
    private final List<byte[]> downBuffer = new ArrayList<>();
    private final List<byte[]> updateFrames = new ArrayList<>();
    private final Function<byte[], AcceptedUpdate> commands;
    private final byte[] key;
    private DeltaEncoder encoder;
    private DeltaQueue queue;
    private SpacecraftLink link;
    private final List<Long> mergedIds = new ArrayList<>();
    private final List<Long> corruptedIds = new ArrayList<>();
    private int corruptionsSeen;

    /**
     * @param schedule  the satellite's onboard schedule
     * @param config    the mission's link section
     * @param plan      APIDs of the constellation
     * @param dir       the queue's folder on flash
     * @param commands  checks a model-update frame and returns it applied, or null if refused
     *                  (null function: the mission has no uplink keys and updates are ignored)
     * @param key       the satellite's key, which seals its downlinked deltas
     */
    public FlightDataPath(OnboardSchedule schedule, LinkConfig config, ApidPlan plan, Path dir,
                          Function<byte[], AcceptedUpdate> commands, byte[] key) {
        this.satellite = schedule.satellite();
        this.schedule = schedule;
        this.config = config;
        this.plan = plan;
        this.dir = dir;
        this.commands = commands;
        this.key = key.clone();
        this.radio = new PassGatedRadio(schedule, config.passMarginS());
        this.radio.connect(PassGatedRadio.Direction.DOWNLINK, downBuffer::add);
        this.packetizer = new Packetizer(config.packetBytes());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        boot();
    }

    private void boot() {
        try {
            queue = DeltaQueue.open(dir, config.queueCapacityBytes(), DiskFileOps.withoutDeviceFlush());
        } catch (IOException e) {
            throw new UncheckedIOException("queue of " + satellite + " cannot open: " + e.getMessage(), e);
        }
        List<DeltaQueue.Corruption> found = queue.corrupted();
        for (int i = 0; i < found.size(); i++) {
            Matcher m = ENTRY.matcher(String.valueOf(found.get(i).file().getFileName()));
            if (m.matches()) {
                corruptedIds.add(Long.parseLong(m.group(1)));
            }
        }
        corruptionsSeen += found.size();
        link = new SpacecraftLink(satellite, plan, packetizer, radio, queue, updateFrames::add,
                config.maxDeltasInFlight(), config.nackIntervalS(), key);
        encoder = null; // RAM: the residual is lost
    }

    @Override
    public OptionalLong enqueueDelta(double onboardTimeS, float[] parameters, float[] baseParameters, ModelVersion base,
                                     int[] tensorSizes, long samples) {
        if (encoder == null) {
            encoder = new DeltaEncoder(config.compression(), new TensorLayout(tensorSizes));
        }
        try {
            long seq = queue.reserveSequence();
            DeltaHeader h = new DeltaHeader(satellite, seq, base, samples, schedule.epoch().plusMillis(Math.round(onboardTimeS * 1000)));
            WeightDelta d = encoder.encode(h, baseParameters, parameters);
            DeltaQueue.OfferResult r = queue.offer(d);
            if (r instanceof DeltaQueue.Stored s) {
                mergedIds.addAll(s.merged());
                encoder.restore(s.dropped()); // what the merge could not carry goes back into error feedback
                return OptionalLong.of(s.sequence());
            }
            encoder.restore(d);
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("queue of " + satellite + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<byte[]> transmit(double onboardStartS, double onboardEndS) {
        downBuffer.clear();
        try {
            link.step(onboardStartS, onboardEndS);
        } catch (IOException e) {
            throw new UncheckedIOException("link of " + satellite + ": " + e.getMessage(), e);
        }
        List<byte[]> out = List.copyOf(downBuffer);
        downBuffer.clear();
        return out;
    }

    @Override
    public List<AcceptedUpdate> receive(double onboardTimeS, List<byte[]> packets) {
        updateFrames.clear();
        try {
            for (byte[] p : packets) {
                link.receive(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("link of " + satellite + ": " + e.getMessage(), e);
        }
        List<AcceptedUpdate> accepted = new ArrayList<>();
        if (commands != null) {
            for (byte[] f : updateFrames) {
                AcceptedUpdate u = commands.apply(f);
                if (u != null) {
                    accepted.add(u);
                }
            }
        }
        updateFrames.clear();
        return accepted;
    }

    @Override
    public long[] queuedDeltaIds() {
        return queue.entries().stream().mapToLong(DeltaQueue.Entry::sequence).toArray();
    }

    @Override
    public QueueEvents drainQueueEvents() {
        if (mergedIds.isEmpty() && corruptedIds.isEmpty()) {
            return QueueEvents.NONE;
        }
        QueueEvents e = new QueueEvents(corruptedIds.stream().mapToLong(Long::longValue).toArray(),
                mergedIds.stream().mapToLong(Long::longValue).toArray());
        mergedIds.clear();
        corruptedIds.clear();
        return e;
    }

    @Override
    public Path storageDir() {
        return dir;
    }

    @Override
    public void reset() {
        boot();
    }

    /** @return corrupted files the queue found and quarantined, over all restarts */
    public int corruptionsSeen() {
        return corruptionsSeen;
    }

    @Override
    public String name() {
        return "flight.delta + flight.storage + flight.link (" + config.packetBytes() + " B packets)";
    }

    /** @return a command checker over {@code receiver}: applied updates come back with their parameters */
    public static Function<byte[], AcceptedUpdate> commandsOf(UpdateReceiver receiver) {
        return frame -> {
            UpdateReceiver.Outcome o = receiver.receive(frame);
            return o.applied() ? new AcceptedUpdate(receiver.params(), receiver.version(), receiver.lastCounter()) : null;
        };
    }
}

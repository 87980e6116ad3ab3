package io.onorbit.verification.sim.modules;

import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.aggregation.AggregationBasis;
import io.onorbit.ground.aggregation.AggregationRun;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.LatestModels;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.WalCheckpointer;
import io.onorbit.ground.archive.Attribution;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.ingest.Ingest;
import io.onorbit.ground.link.AckJournal;
import io.onorbit.ground.link.GroundLink;
import io.onorbit.ground.link.SatelliteUpdates;
import io.onorbit.ground.review.ReviewDesk;
import io.onorbit.ground.review.ReviewPolicy;
import io.onorbit.ground.uplink.UplinkKeys;
import io.onorbit.ground.uplink.UplinkSigner;
import io.onorbit.verification.sim.GroundStage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter of the ground segment to the loop: per satellite, the ground end of the link
 * ({@code ground.link.GroundLink} behind a ground-station radio gated by the true schedule)
 * reassembles deltas and feeds them to the ground's ingest ({@code ground.ingest}), which flags
 * them ({@code ground.review}) and commits them to the archive ({@code ground.archive}, SQLite)
 * before the link acknowledges them; at each synchronization deltas whose flags are
 * informational only (none, or a stale base) are approved by the automatic operator, approved ones aggregated
 * ({@code ground.aggregation}) into a new global version of each chain that has some (one chain
 * per cluster in a clustered federation, else one for all), and each satellite that does not hold
 * the newest version of its chain gets a signed update ({@code ground.uplink}) queued for its next pass. The
 * spacecraft's answers to updates are acted on as they arrive, during the pass
 * ({@code ground.link.SatelliteUpdates#answersArrived}): a refusal naming an older version held
 * gets the update from that version signed and queued at once. Each satellite's port runs on
 * that satellite's thread; they share the ingest and the archive, which serialize their calls.
 */
public final class GroundSegmentStage implements GroundStage {

    private static final String OPERATOR = "auto-policy";
    /** How often the checkpointer looks at the archive's log (a read of shared memory). */
    private static final Duration CHECKPOINT_POLL = Duration.ofMillis(10);
    /**
     * Log length, pages, at which the checkpointer copies it: below the writer's own checkpoint at 1 000, with
     * room for a poll that comes late (a free machine's loop writes about 150 pages in 20 ms).
     */
    private static final int CHECKPOINT_FRAMES = 800;

    private final Instant epoch;
    private final Archive archive;
    /** Copies the archive's log into its file off the loop's thread (the disk syncs are there). */
    private final WalCheckpointer checkpointer;
    private final Path archiveFile;
    private final Ingest ingest;
    private final ReviewPolicy policy;
    private final Aggregator aggregator;
    private final UplinkSigner signer;
    private final int sharedCoordinates;
    private final Map<String, SatellitePort> ports = new LinkedHashMap<>();
    /** The newest version of each chain (one chain without clusters), as this stage stored or found them. */
    private final Map<Optional<String>, Long> newestOfChain = new java.util.HashMap<>();
    /** Each satellite's latest model from the merged deltas (with {@code AggregationBasis.LATEST_MODELS}). */
    private LatestModels merged;
    private final Optional<AckJournal> journal;
    private final long launchVersion;

    /**
     * @param schedules   every satellite's true schedule (the ground knows the passes)
     * @param link        the mission's link section
     * @param plan        APIDs
     * @param policy      automatic review flags
     * @param aggregator  merge rule
     * @param signer      signs updates with the mission's keys
     * @param keys        the same keys, which authenticate each satellite's downlinked deltas
     * @param launch      global version 0 (the launch model)
     * @param sharedCoordinates leading parameters the federation shares (the body); the rest is
     *                    each satellite's personal head, which aggregation leaves alone (FedPer)
     * @param archiveFile where the archive goes
     */
    public GroundSegmentStage(List<OnboardSchedule> schedules, LinkConfig link, ApidPlan plan, ReviewPolicy policy,
                              Aggregator aggregator, UplinkSigner signer, UplinkKeys keys, DeployedModel launch,
                              int sharedCoordinates, Path archiveFile) {
        this(schedules, link, plan, policy, aggregator, signer, keys, launch, sharedCoordinates, archiveFile, Optional.empty(),
                Map.of());
    }

    /**
     * Like the other constructor, also recording every acknowledged delta in {@code journal}
     * (after its archive commit, before the acknowledgement is queued), and splitting the federation
     * into {@code clusters}: each cluster's chain of global versions is aggregated from its members'
     * deltas only, and each satellite is offered its chain's newest version.
     *
     * @param clusters each satellite's cluster (recorded in the archive); empty for one chain
     */
    public GroundSegmentStage(List<OnboardSchedule> schedules, LinkConfig link, ApidPlan plan, ReviewPolicy policy,
                              Aggregator aggregator, UplinkSigner signer, UplinkKeys keys, DeployedModel launch,
                              int sharedCoordinates, Path archiveFile, Optional<AckJournal> journal,
                              Map<String, String> clusters) {
        this.journal = journal;
        this.epoch = schedules.get(0).epoch();
        this.archiveFile = archiveFile;
        this.archive = Archive.open(archiveFile);
        this.ingest = Ingest.forLink(archive, policy, plan, keys);
        this.policy = policy;
        this.aggregator = aggregator;
        this.signer = signer;
        this.sharedCoordinates = sharedCoordinates;
        if (archive.latestGlobal().isEmpty()) {
            archive.recordGlobalVersion(launch.parameters(), "launch", List.of(), epoch);
        }
        if (!clusters.isEmpty()) {
            archive.assignClusters(clusters, epoch);
        }
        for (Optional<String> chain : archive.chains()) {
            newestOfChain.put(chain, archive.latestGlobal(chain).orElseThrow().version());
        }
        merged = aggregator.basis() == AggregationBasis.LATEST_MODELS ? LatestModels.merged(archive) : LatestModels.none();
        launchVersion = archive.globals().get(0).version();
        for (OnboardSchedule s : schedules) {
            ports.put(s.satellite(), new SatellitePort(s, link, plan));
        }
        this.checkpointer = WalCheckpointer.start(archiveFile, CHECKPOINT_POLL, CHECKPOINT_FRAMES);
    }

    @Override
    public Port port(String satellite) {
        return ports.get(satellite);
    }

    @Override
    public SyncReport synchronize(double trueTimeS) {
        Instant at = epoch.plusMillis(Math.round(trueTimeS * 1000));
        int stored = 0;
        for (SatellitePort p : ports.values()) {
            stored += p.archivedSinceSync;
            p.archivedSinceSync = 0;
        }
        // The automatic operator's decisions and the version aggregated from them commit together, in
        // one transaction instead of one per decision and one for the version: nothing is acknowledged
        // or uplinked on the strength of a decision before that commit (updates are signed after it), and
        // a crash before it leaves the deltas pending, to be decided again, with no version made of them.
        Decided d = stored == 0 ? new Decided(0, List.of())
                : archive.inOneTransaction(() -> reviewAndAggregate(at));
        // The automatic operator decides every delta at the first sync after it arrives: the rest it rejected.
        int approved = d.approved();
        int flagged = stored - approved;
        long newVersion = -1;
        for (Aggregated a : d.aggregated()) {
            newVersion = Math.max(newVersion, a.version());
            merged = merged.with(a.used());
            newestOfChain.merge(a.chain(), a.version(), Math::max);
        }
        for (SatellitePort p : ports.values()) {
            p.offerUpdate(at);
        }
        return new SyncReport(approved, flagged, newVersion);
    }

    /** What one synchronization decided: deltas approved, and the versions stored from them (one per chain at most). */
    private record Decided(int approved, List<Aggregated> aggregated) {
    }

    /** A version stored at a synchronization and the satellites' models it merged. */
    private record Aggregated(Optional<String> chain, long version, List<io.onorbit.ground.archive.DeltaRecord> used) {
    }

    /** Reviews the deltas that arrived and aggregates the approved ones; run inside one transaction. */
    private Decided reviewAndAggregate(Instant at) {
        ReviewDesk desk = new ReviewDesk(archive);
        // Flags set at ingest depend on which other satellites' deltas their threads had
        // archived by then; judged again on the whole interval they are the same every run.
        desk.refreshFlags(policy);
        int approved = desk.autoReview(OPERATOR, at).size();
        if (approved == 0) {
            return new Decided(0, List.of());
        }
        List<Aggregated> made = new java.util.ArrayList<>();
        for (Optional<String> chain : archive.chains()) {
            Optional<AggregationRun.Candidate> c = AggregationRun.preview(archive, aggregator, sharedCoordinates, merged, chain);
            if (c.isPresent()) {
                long version = AggregationRun.store(archive, c.get(), new Attribution(Archive.AUTOMATIC_OPERATOR, "", at), List.of()).version();
                made.add(new Aggregated(chain, version, c.get().used()));
            }
        }
        return new Decided(approved, made);
    }

    @Override
    public Optional<Path> archiveFile() {
        return Optional.of(archiveFile);
    }

    @Override
    public void close() {
        try {
            try {
                checkpointer.close();
            } finally {
                archive.close();
            }
        } finally {
            journal.ifPresent(AckJournal::close);
        }
    }

    @Override
    public String name() {
        return "ground: ingest, archive, review, aggregation and signed uplink";
    }

    /** One satellite's ground end; used from that satellite's thread between synchronizations. */
    private final class SatellitePort implements Port {
        private final OnboardSchedule schedule;
        private final GroundLink link;
        private final List<byte[]> upBuffer = new ArrayList<>();
        private final List<Long> deliveredNow = new ArrayList<>();
        private int archivedSinceSync;
        private long passNumber;
        private String station = "";
        private double passAosS = Double.NaN;
        private final SatelliteUpdates updates;
        /** The chain of versions this satellite follows (its cluster's, or the one chain). */
        private final Optional<String> chain;
        private Instant receivedAt = Instant.EPOCH;

        SatellitePort(OnboardSchedule schedule, LinkConfig config, ApidPlan plan) {
            this.schedule = schedule;
            this.chain = archive.clusterOf(schedule.satellite());
            PassGatedRadio radio = new PassGatedRadio(schedule, config.passMarginS());
            radio.connect(PassGatedRadio.Direction.UPLINK, upBuffer::add);
            this.link = new GroundLink(schedule.satellite(), plan,
                    new Packetizer(config.packetBytes(), plan.number(schedule.satellite())), radio, ingest, seq -> {
                journal.ifPresent(j -> j.acknowledged(receivedAt, schedule.satellite(), seq));
                archivedSinceSync++;
                deliveredNow.add(seq);
            }, config.nackIntervalS());
            this.updates = new SatelliteUpdates(schedule.satellite(), link, signer, launchVersion);
        }

        @Override
        public List<Long> receive(double trueTimeS, List<byte[]> packets) {
            ContactWindow w = schedule.contactAt(trueTimeS).orElse(null);
            if (w != null && w.aosS() != passAosS) {
                passAosS = w.aosS();
                passNumber++;
                station = w.station();
            }
            deliveredNow.clear();
            receivedAt = epoch.plusMillis(Math.round(trueTimeS * 1000));
            Ingest.Pass pass = new Ingest.Pass(passNumber, station, receivedAt);
            for (byte[] p : packets) {
                link.receive(p, pass);
            }
            updates.answersArrived(archive, receivedAt); // the ground acts on the spacecraft's answers at once
            return List.copyOf(deliveredNow);
        }

        @Override
        public byte[] beacon(double trueTimeS) {
            return signer.beacon(schedule.satellite(), Math.round(trueTimeS * 1000));
        }

        @Override
        public List<byte[]> uplink(double trueTimeS, double untilS) {
            upBuffer.clear();
            link.step(trueTimeS, untilS);
            List<byte[]> out = List.copyOf(upBuffer);
            upBuffer.clear();
            return out;
        }

        /** At a synchronization: the ground's update traffic with this satellite (ground.link). */
        void offerUpdate(Instant at) {
            // Another chain's newer version is nothing newer for this satellite.
            if (updates.heldVersion() >= newestOfChain.get(chain) && updates.pendingCounter().isEmpty()) {
                return; // nothing newer on its chain and nothing on its way: no need to ask the archive
            }
            updates.synchronize(archive, at);
        }
    }
}

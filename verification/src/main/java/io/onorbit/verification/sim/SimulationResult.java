package io.onorbit.verification.sim;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.FaultPlan;
import io.onorbit.verification.soak.Violation;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run produced: totals for the summary, per-satellite traces for the plots, the
 * invariant and fault books, and which stages ran.
 *
 * @param mission           mission name
 * @param epoch             time origin of every {@code ...S}
 * @param seed              seed of the run
 * @param simulatedS        simulated span, s
 * @param wallS             wall-clock time of the run, s
 * @param stepS             step, s
 * @param stages            which stages ran
 * @param faultPlan         faults injected
 * @param satellites        per-satellite results, in mission order
 * @param invariantViolations violations per invariant name (every invariant listed, zeros included)
 * @param firstViolations   earliest violations, ordered by step then satellite
 * @param faultsInjected    faults injected by kind over all satellites (every kind listed)
 * @param faultsSurvived    injected faults not followed by a violation on their satellite within a day
 * @param schedules         the schedules that were simulated (for the timeline plot)
 * @param trainingEngine    the training engine flown ("analog" or "digital"), empty without learning
 * @param ground            what the ground's archive held at the end, read back from it (empty
 *                          without a ground stage)
 * @param passMarginS       time the radio loses at each end of a pass, s (the link's
 *                          {@code pass_margin_s}; empty without a link stage): with it, what each
 *                          pass offered is {@link io.onorbit.flight.schedule.ContactWindow#downlinkCapacityBytes}
 * @param errorUnit         the unit of every prediction error ({@link #meanError}), empty without
 *                          the learning stage
 */
public record SimulationResult(String mission, Instant epoch, long seed, double simulatedS, double wallS, double stepS,
                               List<StageStatus> stages, FaultPlan faultPlan, List<Satellite> satellites,
                               Map<String, Long> invariantViolations, List<Violation> firstViolations,
                               Map<FaultKind, Long> faultsInjected, long faultsSurvived,
                               List<OnboardSchedule> schedules, Optional<String> trainingEngine,
                               Optional<GroundBooks> ground, java.util.OptionalDouble passMarginS,
                               Optional<String> errorUnit) {

    /**
     * @return true if the run holds up: no invariant violation, no delta lost (even a detected
     *         loss) and none duplicated
     */
    public boolean passed() {
        return totalViolations() == 0 && sum(Satellite::lost) == 0 && sum(Satellite::duplicated) == 0;
    }

    /** @return fraction of the run the training payloads trained, mean over satellites (NaN: no payload modelled) */
    public double meanDutyFraction() {
        return satellites.stream().flatMap(s -> s.payload().stream()).mapToDouble(PayloadTotals::dutyFraction)
                .average().orElse(Double.NaN);
    }

    /**
     * @param f one count of the payload books
     * @return its sum over the satellites, empty if no satellite models a payload
     */
    public java.util.OptionalLong payloadSum(java.util.function.ToLongFunction<PayloadTotals> f) {
        List<PayloadTotals> books = satellites.stream().flatMap(s -> s.payload().stream()).toList();
        return books.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(books.stream().mapToLong(f).sum());
    }

    /** @return the longest publication-to-application lag of a global version over all satellites, s (NaN: not measured) */
    public double maxUpdateLagS() {
        return satellites.stream().mapToDouble(Satellite::updateMaxLagS).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** @return uplinked updates the spacecraft refused, all satellites, a count per reason (reasons with none left out) */
    public Map<UpdateRefusal, Long> updatesRefusedByReason() {
        return byReason(Satellite::updatesRefused);
    }

    /** @return time beacons the spacecraft refused, all satellites, a count per reason (reasons with none left out) */
    public Map<UpdateRefusal, Long> beaconsRefusedByReason() {
        return byReason(Satellite::beaconsRefused);
    }

    private Map<UpdateRefusal, Long> byReason(java.util.function.Function<Satellite, Map<UpdateRefusal, Long>> f) {
        EnumMap<UpdateRefusal, Long> m = new EnumMap<>(UpdateRefusal.class);
        satellites.forEach(s -> f.apply(s).forEach((k, v) -> m.merge(k, v, Long::sum)));
        return m;
    }

    /**
     * What the ground's archive held at the end of the run.
     *
     * @param deltasArchived   deltas archived during the run, all satellites
     * @param rejectedByReason what the ground refused, by reason (ingest reasons, {@code review})
     * @param versionsPublished global versions published during the run
     * @param rejectedInReviewByFlags the {@code review} rejections by the flags each delta carried
     * @param clusters         each satellite's federation cluster as the archive records it (empty: one chain)
     */
    public record GroundBooks(long deltasArchived, Map<String, Long> rejectedByReason, long versionsPublished,
                              Map<String, Long> rejectedInReviewByFlags, Map<String, String> clusters) {
        public GroundBooks {
            rejectedByReason = Map.copyOf(rejectedByReason);
            rejectedInReviewByFlags = Map.copyOf(rejectedInReviewByFlags);
            clusters = Map.copyOf(clusters);
        }
    }

    /**
     * What the passes of one satellite offered the downlink, by the radio's own rule
     * ({@link io.onorbit.flight.schedule.ContactWindow#downlinkCapacityBytes}), over the passes that
     * began inside the simulated span.
     *
     * @param schedule one of {@link #schedules()}
     * @return bytes, empty without a link stage
     */
    public java.util.OptionalLong passCapacityBytes(OnboardSchedule schedule) {
        if (passMarginS.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(passesRun(schedule).stream()
                .mapToLong(w -> w.downlinkCapacityBytes(passMarginS.getAsDouble())).sum());
    }

    /** @return the passes of {@code schedule} that began inside the simulated span */
    public List<io.onorbit.flight.schedule.ContactWindow> passesRun(OnboardSchedule schedule) {
        return schedule.contacts().stream().filter(w -> w.aosS() < simulatedS).toList();
    }

    /** @return total invariant violations */
    public long totalViolations() {
        return invariantViolations.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return lowest state of charge over all satellites, fraction of capacity; empty without the power stage */
    public java.util.OptionalDouble minSoc() {
        return satellites.stream().flatMap(s -> s.charge().stream()).mapToDouble(Charge::minSoc).min();
    }

    /** @return the highest floor over all satellites, fraction of capacity; empty without the power stage */
    public java.util.OptionalDouble socFloor() {
        return satellites.stream().flatMap(s -> s.charge().stream()).mapToDouble(Charge::socFloor).max();
    }

    /** @return optimizer energy over all satellites, Wh */
    public double trainingEnergyWh() {
        return satellites.stream().mapToDouble(Satellite::trainingEnergyWh).sum();
    }

    /** @return sum of a per-satellite count */
    public long sum(java.util.function.ToLongFunction<Satellite> f) {
        return satellites.stream().mapToLong(f).sum();
    }

    /**
     * Time-averaged prequential error over all satellites' steps, NaN without the learning stage;
     * in the task's error unit ({@code SensorStage.Errors}).
     *
     * @param which index in {@code SensorStage.Errors.NAMES}: 0 frozen, 1 onboard, 2 federated, 3 local-only
     */
    public double meanError(int which) {
        double sum = 0;
        long n = 0;
        for (Satellite s : satellites) {
            sum += s.errorSums()[which];
            n += s.errorCounts()[which];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * One satellite's results.
     *
     * @param name              satellite name
     * @param steps             steps run
     * @param charge            lowest state of charge and its floor; empty without the power stage
     * @param trainingEnergyWh  optimizer energy, Wh
     * @param trainingUpdates   updates applied by the trainer
     * @param samples           samples evaluated
     * @param peakMemoryBytes   trainer's peak memory, bytes; empty without the learning stage
     * @param errorSums         sums of frozen, onboard, federated, local-only errors over steps
     * @param errorCounts       steps with each error defined
     * @param generated         deltas generated
     * @param delivered         deltas delivered: archived on the ground (read back from the archive)
     * @param queued            deltas in the queue at the end
     * @param lost              deltas destroyed by detected storage corruption, plus silent losses
     * @param lostSilently      deltas that vanished without any report (each was a violation)
     * @param merged            deltas merged into newer ones by the full queue
     * @param duplicated        deltas archived twice
     * @param bytesDownlinked   bytes the radio sent
     * @param bytesUplinked     bytes the ground sent up
     * @param denseBytes        float32 size of the generated deltas, bytes
     * @param updatesApplied    global models applied from the uplink
     * @param updatesSignedNotApplied signed updates the ground issued to it that it never applied
     *                          (refused on board, lost on the way, or superseded)
     * @param updatesRefused    uplinked updates the spacecraft refused, a count per reason as it
     *                          counted them (the ground's and injected ones alike)
     * @param updateMaxLagS     longest time from a global version's publication (read from the
     *                          ground archive) to its application on board (or to the end of the
     *                          run if it never was), s; NaN when not measured
     * @param beaconsAccepted   time beacons the spacecraft accepted (set its clock from)
     * @param beaconsRefused    time beacons it refused, a count per reason (forged, replayed or
     *                          late, corrupted on the way)
     * @param payload           the training payload's books, empty if the learner models no payload
     * @param transmissionsOutsideContact steps with bytes sent outside a true contact
     * @param missedPasses      passes lost by fault
     * @param orbitS            period used for the per-orbit bins, s
     * @param power             trace: min state of charge, envelope W, optimizer's peak operating power W,
     *                          training payload's mean draw W
     * @param errors            trace: frozen, onboard, federated, local-only prequential error
     * @param trainingPerOrbit  trace: training energy per orbit, Wh
     * @param bytesPerPass      trace: bytes sent per pass
     */
    public record Satellite(String name, long steps, Optional<Charge> charge, double trainingEnergyWh,
                            long trainingUpdates, long samples, java.util.OptionalLong peakMemoryBytes,
                            double[] errorSums, long[] errorCounts,
                            long generated, long delivered, long queued, long lost, long lostSilently, long merged,
                            long duplicated,
                            long bytesDownlinked, long bytesUplinked, long denseBytes, long updatesApplied,
                            long updatesSignedNotApplied, Map<UpdateRefusal, Long> updatesRefused, double updateMaxLagS,
                            long beaconsAccepted, Map<UpdateRefusal, Long> beaconsRefused,
                            Optional<PayloadTotals> payload,
                            long transmissionsOutsideContact, long missedPasses, double orbitS,
                            Trace power, Trace errors, Trace trainingPerOrbit, Trace bytesPerPass) {

        /**
         * @param which index in {@code SensorStage.Errors.NAMES}
         * @return this satellite's time-averaged prequential error, NaN if never defined
         */
        public double meanError(int which) {
            return errorCounts[which] == 0 ? Double.NaN : errorSums[which] / errorCounts[which];
        }
    }

    /**
     * A satellite's battery extremes over the run.
     *
     * @param minSoc   lowest state of charge the real draw reached, fraction of capacity
     * @param socFloor the battery's hard floor, fraction of capacity
     */
    public record Charge(double minSoc, double socFloor) {
    }

    /**
     * A decimated time series.
     *
     * @param timesS   point times, s since epoch
     * @param channels one array per channel, aligned with {@code timesS}
     */
    public record Trace(double[] timesS, double[][] channels) {

        static Trace of(DecimatedSeries s, int channelCount) {
            double[][] c = new double[channelCount][];
            for (int i = 0; i < channelCount; i++) {
                c[i] = s.values(i);
            }
            return new Trace(s.times(), c);
        }
    }
}

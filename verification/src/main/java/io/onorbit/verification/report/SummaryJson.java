package io.onorbit.verification.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.sim.PayloadTotals;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.Violation;
import io.onorbit.verification.sim.SensorStage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * The run's summary as JSON. Field names carry units; a quantity whose stage did not run (or that
 * the loop does not measure yet) is {@code null}. Shared by {@code simulate} and {@code soak}.
 * Fields are added, never renamed. Besides the self-explaining totals:
 *
 * <ul>
 *   <li>{@code min_soc}: the lowest state of charge under the real draw (a crossing of the floor
 *       the battery's protection hid shows here, below {@code soc_floor});</li>
 *   <li>{@code training}: {@code engine} ({@code analog|digital}), {@code energy_wh} drawn for
 *       training, {@code duty_fraction} of time the training payload trained (mean over
 *       satellites), {@code updates} applied by the trainer, {@code samples_seen} (arrived from the
 *       sensor), {@code samples_trained}, {@code samples_dropped} (arrived while the payload could
 *       not take them and did not fit its buffer), {@code changes_detected} (concept changes the
 *       onboard change detectors found, every model of every satellite), {@code changes_taken_back} (of
 *       those, detections the confirmation took back: no rise of the error on the next samples); null where
 *       not measured;</li>
 *   <li>{@code deltas.delivered}: deltas the ground archive holds, booked from the archive read
 *       back after each synchronization, never from the link; {@code deltas.archived}: rows the
 *       archive gained during the run; {@code deltas.rejected_on_ground}: what the ground refused,
 *       a count per reason (ingest reasons as the archive records them; {@code review} for
 *       deltas an operator rejected), and {@code deltas.rejected_in_review_by_flags} the
 *       {@code review} ones by the flags each carried ({@code stale-base} alone would be a
 *       rejection for staleness alone); {@code lost}: destroyed before delivery (detected or silent),
 *       {@code duplicated}: archived twice;</li>
 *   <li>{@code updates}: {@code published} global versions made during the run, {@code applied}
 *       on board (all satellites), {@code refused}: the uplinked updates the spacecraft refused, a
 *       count per reason as the spacecraft counted them ({@code replayed}, {@code forged},
 *       {@code base_mismatch}, ...; the ground's own and injected ones alike),
 *       {@code signed_not_applied}: signed updates the ground issued that were never applied on
 *       board (refused, lost on the way or superseded), {@code max_lag_s}: the longest time from a
 *       version's publication (read from the ground archive) to its application on a satellite,
 *       versions never applied counting to the end of the run;</li>
 *   <li>{@code beacons}: the ground's time beacons (authenticated) the spacecraft {@code accepted},
 *       and those it {@code refused}, a count per reason ({@code forged}, {@code replayed} for one
 *       played back or late, ...);</li>
 *   <li>{@code error} (pooled over satellites) and {@code per_satellite[].error}: time-averaged
 *       prequential error of {@code frozen} (launch model), {@code onboard} (the flight model,
 *       federated), {@code federated} (what the satellite serves: its personal model interpolated
 *       with the onboard one, {@code learning.personalisation}), {@code local} (the same onboard learning, both
 *       models and their mixture, on the same samples and envelope, never given a global model), in {@code unit};
 *       {@code error.satellites_federated_below_local} of {@code satellites_compared};</li>
 *   <li>{@code link}: {@code passes} that began in the run (all satellites), {@code pass_capacity_bytes}
 *       what they offered the downlink by the radio's rule (rate x (duration - 2 x
 *       {@code pass_margin_s}) / 8 per pass; null without a link), {@code bytes_downlinked} what the
 *       radio sent; {@code per_satellite[]} has the same {@code passes} and {@code pass_capacity_bytes};</li>
 *   <li>{@code faults_injected}: a count per fault kind ({@code attacker}: forged, replayed and
 *       reordered uplink commands and forged or played-back time beacons injected);</li>
 *   <li>{@code passed}: no invariant violation and no delta lost or duplicated (the soak's exit
 *       status).</li>
 * </ul>
 */
public final class SummaryJson {

    private static final int FEDERATED = SensorStage.Errors.NAMES.indexOf("federated");
    private static final int LOCAL = SensorStage.Errors.NAMES.indexOf("local");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** @return the summary tree */
    public static ObjectNode tree(SimulationResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("mission", r.mission());
        root.put("start", r.epoch().toString());
        root.put("end", r.epoch().plusMillis(Math.round(r.simulatedS() * 1000)).toString());
        root.put("seed", r.seed());
        root.put("complete", true); // a run that did not finish leaves "complete": false (RunSupport)
        root.put("simulated_s", r.simulatedS());
        root.put("wall_s", round(r.wallS(), 3));
        root.put("speedup", round(r.simulatedS() / Math.max(1e-9, r.wallS()), 1));
        root.put("step_s", r.stepS());
        root.put("satellites", r.satellites().size());
        ObjectNode stages = root.putObject("stages");
        for (StageStatus s : r.stages()) {
            ObjectNode n = stages.putObject(s.stage());
            n.put("available", s.available());
            n.put("note", s.note());
        }
        optional(root, "min_soc", r.minSoc());
        optional(root, "soc_floor", r.socFloor());
        boolean learning = r.stages().stream().anyMatch(s -> s.stage().equals("learning") && s.available());
        if (learning) {
            root.put("training_energy_wh", r.trainingEnergyWh());
        } else {
            root.putNull("training_energy_wh");
        }
        ObjectNode training = root.putObject("training");
        training.put("engine", r.trainingEngine().orElse(null));
        if (learning) {
            training.put("energy_wh", r.trainingEnergyWh());
            training.put("updates", r.sum(SimulationResult.Satellite::trainingUpdates));
        } else {
            training.putNull("energy_wh");
            training.putNull("updates");
        }
        number(training, "duty_fraction", r.meanDutyFraction());
        count(training, "samples_seen", r.payloadSum(PayloadTotals::samplesSeen));
        count(training, "samples_trained", r.payloadSum(PayloadTotals::samplesTrained));
        count(training, "samples_dropped", r.payloadSum(PayloadTotals::samplesDropped));
        count(training, "changes_detected", r.payloadSum(PayloadTotals::changesDetected));
        count(training, "changes_taken_back", r.payloadSum(PayloadTotals::changesTakenBack));
        ObjectNode err = root.putObject("error");
        errors(err, r.errorUnit(), r::meanError);
        long compared = r.satellites().stream().filter(s -> !Double.isNaN(s.meanError(FEDERATED))
                && !Double.isNaN(s.meanError(LOCAL))).count();
        if (compared > 0) {
            err.put("satellites_federated_below_local", r.satellites().stream()
                    .filter(s -> s.meanError(FEDERATED) < s.meanError(LOCAL)).count());
            err.put("satellites_compared", compared);
        } else {
            err.putNull("satellites_federated_below_local");
            err.putNull("satellites_compared");
        }
        ObjectNode d = root.putObject("deltas");
        d.put("generated", r.sum(SimulationResult.Satellite::generated));
        d.put("delivered", r.sum(SimulationResult.Satellite::delivered));
        if (r.ground().isPresent()) {
            d.put("archived", r.ground().get().deltasArchived());
            ObjectNode rej = d.putObject("rejected_on_ground");
            r.ground().get().rejectedByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> rej.put(e.getKey(), e.getValue()));
            ObjectNode byFlags = d.putObject("rejected_in_review_by_flags");
            r.ground().get().rejectedInReviewByFlags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byFlags.put(e.getKey(), e.getValue()));
        } else {
            d.putNull("archived");
            d.putNull("rejected_on_ground");
            d.putNull("rejected_in_review_by_flags");
        }
        d.put("queued", r.sum(SimulationResult.Satellite::queued));
        d.put("lost", r.sum(SimulationResult.Satellite::lost));
        d.put("lost_silently", r.sum(SimulationResult.Satellite::lostSilently));
        d.put("merged", r.sum(SimulationResult.Satellite::merged));
        d.put("duplicated", r.sum(SimulationResult.Satellite::duplicated));
        d.put("bytes_downlinked", r.sum(SimulationResult.Satellite::bytesDownlinked));
        d.put("dense_bytes", r.sum(SimulationResult.Satellite::denseBytes));
        root.put("bytes_uplinked", r.sum(SimulationResult.Satellite::bytesUplinked));
        root.put("global_updates_applied", r.sum(SimulationResult.Satellite::updatesApplied));
        ObjectNode up = root.putObject("updates");
        if (r.ground().isPresent()) {
            up.put("published", r.ground().get().versionsPublished());
            // Each cluster's members (a chain of global versions each); {} for one chain for all.
            ObjectNode clusters = up.putObject("clusters");
            new java.util.TreeMap<>(r.ground().get().clusters()).forEach((satellite, cluster) -> {
                com.fasterxml.jackson.databind.JsonNode members = clusters.get(cluster);
                (members == null ? clusters.putArray(cluster) : (com.fasterxml.jackson.databind.node.ArrayNode) members).add(satellite);
            });
        } else {
            up.putNull("published");
            up.putNull("clusters");
        }
        up.put("applied", r.sum(SimulationResult.Satellite::updatesApplied));
        ObjectNode refused = up.putObject("refused");
        r.updatesRefusedByReason().forEach((reason, n) -> refused.put(reason.name().toLowerCase(Locale.ROOT), n));
        up.put("signed_not_applied", r.sum(SimulationResult.Satellite::updatesSignedNotApplied));
        number(up, "max_lag_s", r.maxUpdateLagS());
        ObjectNode beacons = root.putObject("beacons");
        beacons.put("accepted", r.sum(SimulationResult.Satellite::beaconsAccepted));
        ObjectNode beaconsRefused = beacons.putObject("refused");
        r.beaconsRefusedByReason().forEach((reason, n) -> beaconsRefused.put(reason.name().toLowerCase(Locale.ROOT), n));
        ObjectNode link = root.putObject("link");
        number(link, "pass_margin_s", r.passMarginS().orElse(Double.NaN));
        link.put("passes", r.schedules().stream().mapToLong(s -> r.passesRun(s).size()).sum());
        if (r.passMarginS().isPresent()) {
            link.put("pass_capacity_bytes", r.schedules().stream().mapToLong(s -> r.passCapacityBytes(s).orElseThrow()).sum());
        } else {
            link.putNull("pass_capacity_bytes");
        }
        link.put("bytes_downlinked", r.sum(SimulationResult.Satellite::bytesDownlinked));
        root.put("transmissions_outside_contact", r.sum(SimulationResult.Satellite::transmissionsOutsideContact));
        root.put("invariant_violations", r.totalViolations());
        root.put("passed", r.passed());
        ObjectNode inv = root.putObject("invariants");
        r.invariantViolations().forEach(inv::put);
        if (r.firstViolations().isEmpty()) {
            root.putNull("first_violation");
        } else {
            Violation v = r.firstViolations().get(0);
            ObjectNode fv = root.putObject("first_violation");
            fv.put("invariant", v.invariant());
            fv.put("satellite", v.satellite());
            fv.put("step", v.step());
            fv.put("time", r.epoch().plusMillis(Math.round(v.trueTimeS() * 1000)).toString());
            fv.put("reason", v.reason());
            fv.put("state", v.state());
        }
        root.put("fault_plan", r.faultPlan().describe());
        ObjectNode faults = root.putObject("faults_injected");
        long total = 0;
        for (Map.Entry<FaultKind, Long> e : r.faultsInjected().entrySet()) {
            faults.put(e.getKey().key(), e.getValue());
            total += e.getValue();
        }
        root.put("faults_injected_total", total);
        root.put("faults_survived", r.faultsSurvived());
        var sats = root.putArray("per_satellite");
        for (int i = 0; i < r.satellites().size(); i++) {
            SimulationResult.Satellite s = r.satellites().get(i);
            ObjectNode n = sats.addObject();
            n.put("name", s.name());
            n.put("steps", s.steps());
            optional(n, "min_soc", s.charge().stream().mapToDouble(SimulationResult.Charge::minSoc).findFirst());
            n.put("training_energy_wh", s.trainingEnergyWh());
            n.put("training_updates", s.trainingUpdates());
            n.put("samples", s.samples());
            count(n, "peak_training_memory_bytes", s.peakMemoryBytes());
            n.put("deltas_generated", s.generated());
            n.put("deltas_delivered", s.delivered());
            n.put("deltas_queued", s.queued());
            n.put("bytes_downlinked", s.bytesDownlinked());
            n.put("missed_passes", s.missedPasses());
            n.put("passes", r.passesRun(r.schedules().get(i)).size());
            count(n, "pass_capacity_bytes", r.passCapacityBytes(r.schedules().get(i)));
            n.put("global_updates_applied", s.updatesApplied());
            errors(n.putObject("error"), r.errorUnit(), s::meanError);
        }
        return root;
    }

    /** @return the summary as indented JSON text */
    public static String text(SimulationResult r) {
        try {
            return MAPPER.writeValueAsString(tree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary JSON", e);
        }
    }

    /**
     * Time-averaged prequential errors of the four learners ({@code SensorStage.Errors.NAMES}:
     * frozen, onboard with federation, the federated personalised model, local-only) and their unit.
     */
    private static void errors(ObjectNode n, Optional<String> unit, IntToDoubleFunction meanError) {
        List<String> names = SensorStage.Errors.NAMES;
        for (int i = 0; i < names.size(); i++) {
            number(n, names.get(i), meanError.applyAsDouble(i));
        }
        n.put("unit", unit.orElse(null));
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static void optional(ObjectNode n, String key, java.util.OptionalDouble v) {
        if (v.isPresent()) {
            n.put(key, v.getAsDouble());
        } else {
            n.putNull(key);
        }
    }

    private static void count(ObjectNode n, String key, java.util.OptionalLong v) {
        if (v.isPresent()) {
            n.put(key, v.getAsLong());
        } else {
            n.putNull(key);
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** @return ISO-8601 UTC of {@code tS} after {@code epoch} */
    static String iso(Instant epoch, double tS) {
        return epoch.plusMillis(Math.round(tS * 1000)).toString();
    }
}

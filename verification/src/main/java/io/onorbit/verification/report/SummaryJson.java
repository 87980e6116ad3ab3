package io.onorbit.verification.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.Violation;
import java.time.Instant;
import java.util.Map;

/**
 * The run's summary as JSON. Field names carry units; a quantity whose stage did not run is
 * {@code null}. Shared by {@code simulate} and {@code soak}.
 */
public final class SummaryJson {

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
        number(root, "min_soc", r.minSoc());
        number(root, "soc_floor", r.socFloor());
        boolean learning = r.stages().stream().anyMatch(s -> s.stage().equals("learning") && s.available());
        if (learning) {
            root.put("training_energy_wh", r.trainingEnergyWh());
        } else {
            root.putNull("training_energy_wh");
        }
        ObjectNode err = root.putObject("error");
        number(err, "frozen", r.meanError(0));
        number(err, "onboard", r.meanError(1));
        number(err, "federated", r.meanError(2));
        ObjectNode d = root.putObject("deltas");
        d.put("generated", r.sum(SimulationResult.Satellite::generated));
        d.put("delivered", r.sum(SimulationResult.Satellite::delivered));
        d.put("queued", r.sum(SimulationResult.Satellite::queued));
        d.put("lost", r.sum(SimulationResult.Satellite::lost));
        d.put("lost_silently", r.sum(SimulationResult.Satellite::lostSilently));
        d.put("merged", r.sum(SimulationResult.Satellite::merged));
        d.put("duplicated", r.sum(SimulationResult.Satellite::duplicated));
        d.put("bytes_downlinked", r.sum(SimulationResult.Satellite::bytesDownlinked));
        d.put("dense_bytes", r.sum(SimulationResult.Satellite::denseBytes));
        root.put("bytes_uplinked", r.sum(SimulationResult.Satellite::bytesUplinked));
        root.put("global_updates_applied", r.sum(SimulationResult.Satellite::updatesApplied));
        root.put("transmissions_outside_contact", r.sum(SimulationResult.Satellite::transmissionsOutsideContact));
        root.put("invariant_violations", r.totalViolations());
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
        for (SimulationResult.Satellite s : r.satellites()) {
            ObjectNode n = sats.addObject();
            n.put("name", s.name());
            n.put("steps", s.steps());
            number(n, "min_soc", s.minSoc());
            n.put("training_energy_wh", s.trainingEnergyWh());
            n.put("training_updates", s.trainingUpdates());
            n.put("samples", s.samples());
            n.put("peak_training_memory_bytes", s.peakMemoryBytes());
            n.put("deltas_generated", s.generated());
            n.put("deltas_delivered", s.delivered());
            n.put("deltas_queued", s.queued());
            n.put("bytes_downlinked", s.bytesDownlinked());
            n.put("missed_passes", s.missedPasses());
            n.put("global_updates_applied", s.updatesApplied());
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

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
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

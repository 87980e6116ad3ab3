package io.onorbit.verification.power;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.ground.config.MissionConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Writes power analyses as a per-orbit table (for a person), JSON or CSV. */
public final class PowerWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What "training energy" means here. The power command plans with a trainer that draws the whole
     * envelope; the analog optimizer in {@code simulate} draws nanojoules per update, so without this
     * line a user compares 2967 Wh here with 1e-9 Wh there and suspects one of them.
     */
    static final String TRAINING_NOTE = "training energy = what the envelope offers a trainer that draws all of it"
            + " (an upper bound); training_payload = what each payload draws from it (power states x time)";

    private PowerWriter() {
    }

    /**
     * JSON: mission-wide {@code min_soc}, {@code soc_floor}, {@code floor_violations},
     * {@code training_energy_wh}, {@code oracle_training_energy_wh}, {@code harvest_ratio} (sum over
     * sum) and {@code min_harvest_ratio} (worst satellite), then each satellite's figures and orbits.
     */
    public static void json(MissionConfig m, PowerSystem system, List<PowerAnalysis> analyses, PrintWriter w) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mission", m.name());
        root.put("start", m.start().toString());
        root.put("end", m.end().toString());
        double minSoc = 1;
        long violations = 0;
        double training = 0;
        double oracle = 0;
        double minRatio = Double.POSITIVE_INFINITY;
        for (PowerAnalysis a : analyses) {
            PowerSummary s = a.summary();
            minSoc = Math.min(minSoc, s.minSoc());
            violations += s.floorViolations();
            training += s.trainingEnergyWh();
            oracle += s.oracleTrainingEnergyWh();
            minRatio = Math.min(minRatio, s.harvestRatio());
        }
        root.put("min_soc", round(minSoc, 6));
        root.put("soc_floor", system.battery().floorSoc());
        root.put("margin_soc", system.marginSoc());
        root.put("floor_violations", violations);
        root.put("training_energy_wh", round(training, 3));
        root.put("oracle_training_energy_wh", round(oracle, 3));
        root.put("harvest_ratio", round(oracle > 0 ? training / oracle : 1, 6));
        root.put("training_energy_note", TRAINING_NOTE);
        root.put("min_harvest_ratio", round(analyses.isEmpty() ? 1 : minRatio, 6));
        ArrayNode sats = root.putArray("satellites");
        for (PowerAnalysis a : analyses) {
            PowerSummary s = a.summary();
            ObjectNode o = sats.addObject();
            o.put("satellite", s.satellite());
            o.put("step_s", s.stepS());
            o.put("min_soc", round(s.minSoc(), 6));
            o.put("final_soc", round(s.finalSoc(), 6));
            o.put("floor_violations", s.floorViolations());
            o.put("training_energy_wh", round(s.trainingEnergyWh(), 3));
            o.put("oracle_training_energy_wh", round(s.oracleTrainingEnergyWh(), 3));
            o.put("harvest_ratio", round(s.harvestRatio(), 6));
            o.put("generated_wh", round(s.generatedWh(), 3));
            o.put("load_wh", round(s.loadWh(), 3));
            o.put("loss_wh", round(s.lossWh(), 3));
            o.put("spilled_wh", round(s.spilledWh(), 3));
            ArrayNode payloads = o.putArray("training_payload");
            for (PayloadPower p : a.payloads()) {
                ObjectNode x = payloads.addObject();
                x.put("engine", p.spec().engine().key());
                x.put("configured", p.configured());
                x.put("active_w", p.spec().activeW());
                x.put("idle_w", p.spec().idleW());
                x.put("duty_fraction", round(p.dutyFraction(), 6));
                x.put("training_s", round(p.trainingS(), 1));
                x.put("energy_wh", round(p.energyWh(), 4));
                x.put("min_soc", round(p.minSoc(), 6));
                x.put("floor_violations", p.floorViolations());
                x.put("final_soc", round(p.finalSoc(), 6));
            }
            ArrayNode orbits = o.putArray("orbits");
            for (OrbitRow r : a.orbits()) {
                ObjectNode x = orbits.addObject();
                x.put("orbit", r.orbit());
                x.put("start", m.start().plusMillis(Math.round(r.startS() * 1000)).toString());
                x.put("sunlit_s", round(r.sunlitS(), 1));
                x.put("eclipse_s", round(r.eclipseS(), 1));
                x.put("generated_wh", round(r.generatedWh(), 3));
                x.put("consumed_wh", round(r.consumedWh(), 3));
                x.put("training_wh", round(r.trainingWh(), 3));
                x.put("min_soc", round(r.minSoc(), 4));
            }
        }
        w.println(root.toPrettyString());
    }

    /** Per-orbit rows under a per-satellite summary line. */
    public static void table(MissionConfig m, List<PowerAnalysis> analyses, PrintWriter w) {
        w.printf(Locale.ROOT, "power budget of %s, %s to %s%n", m.name(), m.start(), m.end());
        w.printf(Locale.ROOT, "%s%n", TRAINING_NOTE);
        for (PowerAnalysis a : analyses) {
            PowerSummary s = a.summary();
            w.printf(Locale.ROOT, "%n%s: min SoC %.3f (floor %.2f + margin %.2f), floor violations %d, training %.1f Wh "
                            + "of %.1f Wh possible (harvest ratio %.3f)%n", s.satellite(), s.minSoc(), s.socFloor(),
                    s.marginSoc(), s.floorViolations(), s.trainingEnergyWh(), s.oracleTrainingEnergyWh(), s.harvestRatio());
            for (PayloadPower p : a.payloads()) {
                w.printf(Locale.ROOT, "  training payload %-7s (%s W training, %s W idle)%s: duty %.4f, drew %.2f Wh, min SoC %.4f,"
                                + " floor violations %d%n", p.spec().engine().key(), p.spec().activeW(), p.spec().idleW(),
                        p.configured() ? " [mission]" : " [defaults]", p.dutyFraction(), p.energyWh(), p.minSoc(),
                        p.floorViolations());
            }
            w.printf(Locale.ROOT, "%6s  %-20s %9s %9s %10s %10s %10s %8s%n", "orbit", "start (UTC)", "sunlit_s",
                    "eclipse_s", "gen_Wh", "used_Wh", "train_Wh", "min_SoC");
            for (OrbitRow r : a.orbits()) {
                w.printf(Locale.ROOT, "%6d  %-20s %9.0f %9.0f %10.2f %10.2f %10.2f %8.3f%n", r.orbit(),
                        m.start().plusSeconds(Math.round(r.startS())).toString(), r.sunlitS(), r.eclipseS(),
                        r.generatedWh(), r.consumedWh(), r.trainingWh(), r.minSoc());
            }
        }
    }

    /** One row per satellite and orbit. */
    public static void csv(List<PowerAnalysis> analyses, PrintWriter w) {
        w.println("satellite,orbit,start_s,end_s,sunlit_s,eclipse_s,generated_wh,consumed_wh,training_wh,min_soc");
        for (PowerAnalysis a : analyses) {
            for (OrbitRow r : a.orbits()) {
                w.printf(Locale.ROOT, "%s,%d,%.3f,%.3f,%.3f,%.3f,%.6f,%.6f,%.6f,%.6f%n", a.summary().satellite(), r.orbit(),
                        r.startS(), r.endS(), r.sunlitS(), r.eclipseS(), r.generatedWh(), r.consumedWh(), r.trainingWh(),
                        r.minSoc());
            }
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

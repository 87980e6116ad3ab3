package io.onorbit.verification.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.soak.Violation;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a run's report into a folder: {@code summary.json}, {@code index.html} and the PNG plots
 * it shows. The HTML is static (no script, no server): open it in any browser.
 */
public final class MissionReport {

    private MissionReport() {
    }

    /**
     * @param r   the run
     * @param dir the folder to write into (normally an {@link AtomicOutput.Folder})
     */
    public static void write(SimulationResult r, Path dir) {
        ObjectNode summary = SummaryJson.tree(r);
        AtomicOutput.writeString(dir.resolve("summary.json"), SummaryJson.text(r));
        StringBuilder plots = new StringBuilder();
        boolean power = available(r, "power");
        boolean learning = available(r, "learning");
        boolean link = available(r, "link");
        plot(dir, plots, "soc.png", "State of charge (lowest in each point) against the floor", power, "power", Plots::stateOfCharge, r);
        plot(dir, plots, "envelope.png", "Training envelope and the optimizer's power", power, "power", Plots::envelope, r);
        plot(dir, plots, "timeline.png", "Contact windows and umbra", true, "", Plots::timeline, r);
        plot(dir, plots, "training.png", "Training energy per orbit", learning, "learning", Plots::trainingPerOrbit, r);
        plot(dir, plots, "errors.png", "Prequential error, mean over satellites", learning, "learning", Plots::errors, r);
        plot(dir, plots, "bytes.png", "Delta bytes per pass", link, "link", Plots::bytesPerPass, r);
        AtomicOutput.writeString(dir.resolve("index.html"), html(r, summary, plots.toString()));
    }

    private static boolean available(SimulationResult r, String stage) {
        return r.stages().stream().anyMatch(s -> s.stage().equals(stage) && s.available());
    }

    private static void plot(Path dir, StringBuilder html, String file, String caption, boolean ok, String stage,
                             Function<SimulationResult, byte[]> draw, SimulationResult r) {
        html.append("<figure>");
        if (ok) {
            AtomicOutput.writeBytes(dir.resolve(file), draw.apply(r));
            html.append("<img src=\"").append(file).append("\" alt=\"").append(esc(caption)).append("\">");
            html.append("<figcaption>").append(esc(caption)).append("</figcaption>");
        } else {
            html.append("<figcaption class=\"missing\">").append(esc(caption)).append(": not available (the ")
                    .append(stage).append(" stage did not run)</figcaption>");
        }
        html.append("</figure>\n");
    }

    private static String html(SimulationResult r, ObjectNode s, String plots) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>OnOrbit: ")
                .append(esc(r.mission())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f3f3f3}.bad{color:#b00;font-weight:bold}.ok{color:#070}.missing{color:#888}")
                .append("img{max-width:100%}figure{margin:1.5em 0}</style></head><body>\n");
        b.append("<h1>Mission ").append(esc(r.mission())).append("</h1>\n<p>")
                .append(esc(s.get("start").asText())).append(" to ").append(esc(s.get("end").asText()))
                .append(", ").append(r.satellites().size()).append(" satellite(s), step ").append(r.stepS())
                .append(" s, seed ").append(r.seed()).append(". Simulated ")
                .append(String.format(java.util.Locale.ROOT, "%.1f days in %.1f s of wall time.", r.simulatedS() / 86400, r.wallS()))
                .append("</p>\n");
        long v = r.totalViolations();
        b.append("<p class=\"").append(v == 0 ? "ok" : "bad").append("\">Invariant violations: ").append(v).append("</p>\n");
        b.append("<h2>Stages</h2>\n<table><tr><th>stage</th><th>ran</th><th>implementation or reason</th></tr>\n");
        for (StageStatus st : r.stages()) {
            b.append("<tr><td>").append(esc(st.stage())).append("</td><td class=\"").append(st.available() ? "ok\">yes" : "missing\">no")
                    .append("</td><td>").append(esc(st.note())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Summary</h2>\n<table>\n");
        row(b, "lowest state of charge / floor", num(s.get("min_soc")) + " / " + num(s.get("soc_floor")));
        row(b, "training energy (Wh)", num(s.get("training_energy_wh")));
        JsonNode e = s.get("error");
        row(b, "prequential error frozen / onboard / federated", num(e.get("frozen")) + " / " + num(e.get("onboard")) + " / " + num(e.get("federated")));
        JsonNode d = s.get("deltas");
        row(b, "deltas generated / delivered / queued / lost / duplicated",
                d.get("generated") + " / " + d.get("delivered") + " / " + d.get("queued") + " / " + d.get("lost") + " / " + d.get("duplicated"));
        row(b, "bytes downlinked / dense float32 size of the deltas", d.get("bytes_downlinked") + " / " + d.get("dense_bytes"));
        row(b, "global models applied on board", s.get("global_updates_applied").toString());
        row(b, "transmissions outside contact", s.get("transmissions_outside_contact").toString());
        b.append("</table>\n<h2>Invariants</h2>\n<table><tr><th>invariant</th><th>violations</th></tr>\n");
        for (Map.Entry<String, Long> en : r.invariantViolations().entrySet()) {
            b.append("<tr><td>").append(esc(en.getKey())).append("</td><td class=\"").append(en.getValue() == 0 ? "ok" : "bad")
                    .append("\">").append(en.getValue()).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!r.firstViolations().isEmpty()) {
            Violation first = r.firstViolations().get(0);
            b.append("<p class=\"bad\">First violation: ").append(esc(first.toString())).append("</p>\n");
        }
        b.append("<h2>Faults injected</h2>\n<p>").append(esc(r.faultPlan().describe())).append("</p>\n<table>");
        Iterator<Map.Entry<String, JsonNode>> it = s.get("faults_injected").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> en = it.next();
            row(b, en.getKey(), en.getValue().toString());
        }
        row(b, "survived", s.get("faults_survived").toString());
        b.append("</table>\n<h2>Plots</h2>\n").append(plots);
        b.append("<p>Numbers: <a href=\"summary.json\">summary.json</a>.");
        if (available(r, "ground")) {
            b.append(" Ground archive: <code>archive.db</code> (<code>onorbit review list --archive archive.db</code>).");
        }
        b.append("</p>\n</body></html>\n");
        return b.toString();
    }

    /** A number as a person reads it: 4 significant digits for fractions, integers as they are. */
    static String num(JsonNode n) {
        if (n == null || n.isNull()) {
            return "n/a";
        }
        if (n.isFloatingPointNumber()) {
            return String.format(java.util.Locale.ROOT, "%.4g", n.asDouble());
        }
        return n.asText();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

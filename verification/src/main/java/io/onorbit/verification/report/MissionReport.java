package io.onorbit.verification.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.soak.FaultKind;
import io.onorbit.verification.soak.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a run's report into a folder: {@code summary.json} and {@code index.html}. The page is
 * one self-contained file (plots embedded as PNG data, no script, no server, nothing fetched):
 * open it in any browser, mail it, archive it.
 *
 * <p>It leads with the answers a designer and an operator ask for (did the model get better and
 * by how much, what training cost in energy and duty, what the link carried against what the
 * passes offered, what was rejected and why, what faults struck and what they did), then the
 * plots, then one row per satellite, then how the run was made.
 */
public final class MissionReport {

    /** Span of the detailed timeline shown besides the whole mission's when the mission is long, s. */
    static final double DETAIL_S = 2 * 86400.0;

    private MissionReport() {
    }

    /**
     * @param r   the run
     * @param dir the folder to write into (normally an {@link AtomicOutput.Folder})
     */
    public static void write(SimulationResult r, Path dir) {
        ObjectNode summary = SummaryJson.tree(r);
        AtomicOutput.writeString(dir.resolve("summary.json"), SummaryJson.text(r));
        AtomicOutput.writeString(dir.resolve("index.html"), html(r, summary));
    }

    private static boolean available(SimulationResult r, String stage) {
        return r.stages().stream().anyMatch(s -> s.stage().equals(stage) && s.available());
    }

    /** @return the page */
    static String html(SimulationResult r, ObjectNode s) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>OnOrbit: ")
                .append(esc(r.mission())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1150px;margin:2em auto;color:#222;line-height:1.4}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".bad{color:#b00;font-weight:bold}.ok{color:#070;font-weight:bold}.missing{color:#888}")
                .append(".scroll{max-height:40em;overflow:auto;border:1px solid #ddd}.scroll table{margin:0}")
                .append(".scroll th{position:sticky;top:0}h3{margin-bottom:.2em}p.answer{margin-top:.2em}")
                .append("img{max-width:100%}figure{margin:1.5em 0}</style></head><body>\n");
        b.append("<h1>Mission ").append(esc(r.mission())).append("</h1>\n<p>")
                .append(esc(s.get("start").asText())).append(" to ").append(esc(s.get("end").asText())).append(" (UTC), ")
                .append(r.satellites().size()).append(r.satellites().size() == 1 ? " satellite" : " satellites").append(", step ")
                .append(fmt(r.stepS())).append(" s, seed ").append(r.seed()).append(". Simulated ")
                .append(String.format(Locale.ROOT, "%.2f days in %.1f s of wall time.", r.simulatedS() / 86400, r.wallS()))
                .append("</p>\n");
        verdict(b, r);
        b.append("<h2>Answers</h2>\n");
        double[][] perSatError = perSatelliteErrors(r);
        model(b, r, perSatError);
        energy(b, r);
        link(b, r);
        rejected(b, r, s);
        faults(b, r, s);

        b.append("<h2>Plots</h2>\n");
        boolean power = available(r, "power");
        boolean learning = available(r, "learning");
        boolean link = available(r, "link");
        figure(b, "Contacts by station (the stations some satellite passed over) and umbra over the whole mission", true, "", () -> Timeline.of(r.schedules(),
                r.simulatedS()).png());
        if (r.simulatedS() > 3 * DETAIL_S) {
            figure(b, "The first two days in detail: each pass and umbra", true, "", () -> Timeline.of(r.schedules(), DETAIL_S)
                    .png("Contacts by station and umbra, the first two days"));
        }
        figure(b, "Prequential error over time", learning, "learning", () -> Plots.png(Plots.errors(r)));
        figure(b, "Error change against the frozen model, per satellite", learning, "learning",
                () -> Plots.png(Plots.errorChange(r, changes(perSatError))));
        figure(b, "State of charge against the floor", power, "power", () -> Plots.png(Plots.stateOfCharge(r)));
        figure(b, "Training envelope and what the payload drew", power, "power", () -> Plots.png(Plots.trainingPower(r)));
        figure(b, "Training energy", learning, "learning", () -> Plots.png(Plots.trainingEnergy(r)));
        long[] offered = offered(r);
        figure(b, "Downlink used against pass capacity", link && r.passMarginS().isPresent(),
                () -> Plots.png(Plots.linkUse(r, offered)), link ? "this run's link does not say how much of a pass the radio"
                        + " loses, so what the passes offered is not known" : "the link stage did not run");
        if (link && Plots.passesWithData(r) < 3) {
            b.append("<p class=\"missing\">Bytes per pass: only ").append(Plots.passesWithData(r))
                    .append(" pass(es) with traffic in this run, too few to draw; the bytes each satellite sent are in the")
                    .append(" table below.</p>\n");
        } else {
            figure(b, "Bytes sent per pass", link, "link", () -> Plots.png(Plots.bytesPerPass(r)));
        }

        satelliteTable(b, r, s, perSatError, offered);
        invariants(b, r);
        b.append("<h2>How this run was made</h2>\n<table><tr><th>stage</th><th>ran</th><th>what ran, or why not</th></tr>\n");
        for (StageStatus st : r.stages()) {
            b.append("<tr><td>").append(esc(st.stage())).append("</td><td class=\"").append(st.available() ? "ok\">yes" : "missing\">no")
                    .append("</td><td>").append(esc(st.note())).append("</td></tr>\n");
        }
        b.append("</table>\n<p>Fault plan: ").append(esc(r.faultPlan().describe())).append("</p>\n");
        b.append("<p>Every number: <a href=\"summary.json\">summary.json</a>.");
        if (available(r, "ground")) {
            b.append(" Ground archive: <code>archive.db</code> (<code>onorbit review list --archive archive.db</code>).");
        }
        b.append("</p>\n</body></html>\n");
        return b.toString();
    }

    private static void verdict(StringBuilder b, SimulationResult r) {
        long v = r.totalViolations();
        long lost = r.sum(SimulationResult.Satellite::lost);
        long dup = r.sum(SimulationResult.Satellite::duplicated);
        if (r.passed()) {
            b.append("<p class=\"ok\">Passed: no invariant broken, no delta lost or duplicated.</p>\n");
        } else {
            b.append("<p class=\"bad\">Failed: ").append(v).append(" invariant violation(s), ").append(lost)
                    .append(" delta(s) lost, ").append(dup).append(" duplicated.</p>\n");
        }
    }

    private static void model(StringBuilder b, SimulationResult r, double[][] perSat) {
        b.append("<h3>Did the model get better?</h3>\n<p class=\"answer\">");
        double frozen = r.meanError(0);
        double onboard = r.meanError(1);
        double federated = r.meanError(2);
        if (!Double.isFinite(frozen) || !Double.isFinite(onboard)) {
            b.append("Not measured: the learning stage did not run.</p>\n");
            return;
        }
        b.append("Training on board changed the prediction error from <b>").append(fmt(frozen)).append("</b> (the model as launched, ")
                .append("never trained) to <b>").append(fmt(onboard)).append("</b> (").append(pct(onboard, frozen)).append(")");
        if (Double.isFinite(federated)) {
            b.append("; the federated model, merged on the ground from every satellite's deltas and sent back, reached <b>")
                    .append(fmt(federated)).append("</b> (").append(pct(federated, frozen)).append(")");
        }
        int better = 0;
        int measured = 0;
        for (double[] e : perSat) {
            if (Double.isFinite(e[0]) && Double.isFinite(e[1])) {
                measured++;
                if (e[1] < e[0]) {
                    better++;
                }
            }
        }
        b.append(". Onboard training did better than the frozen model on ").append(better).append(" of ").append(measured)
                .append(" satellites.</p>\n<p class=\"missing\">Error: the prequential error (each sample is predicted before it is "
                        + "learned), weighted to recent samples by the mission's fading factor, averaged over every step and "
                        + "satellite; for a regression task the absolute error in the target's unit, for a classification "
                        + "task the fraction misclassified. Lower is better.</p>\n");
    }

    private static void energy(StringBuilder b, SimulationResult r) {
        b.append("<h3>What did training cost?</h3>\n<p class=\"answer\">");
        if (!available(r, "learning")) {
            b.append("Nothing was trained: the learning stage did not run.");
        } else {
            int n = r.satellites().size();
            double days = r.simulatedS() / 86400;
            b.append("The training payloads drew <b>").append(fmt(r.trainingEnergyWh())).append(" Wh</b> in all (")
                    .append(fmt(r.trainingEnergyWh() / n)).append(" Wh per satellite, ")
                    .append(fmt(r.trainingEnergyWh() / n / Math.max(days, 1e-9))).append(" Wh per satellite per day)");
            double duty = r.meanDutyFraction();
            if (Double.isFinite(duty)) {
                b.append(" and trained <b>").append(String.format(Locale.ROOT, "%.1f%%", 100 * duty)).append("</b> of the time");
            }
            b.append(", applying ").append(r.sum(SimulationResult.Satellite::trainingUpdates)).append(" updates");
            var seen = r.payloadSum(io.onorbit.verification.sim.PayloadTotals::samplesSeen);
            if (seen.isPresent()) {
                b.append(" from ").append(r.payloadSum(io.onorbit.verification.sim.PayloadTotals::samplesTrained).getAsLong())
                        .append(" of ").append(seen.getAsLong()).append(" samples (")
                        .append(r.payloadSum(io.onorbit.verification.sim.PayloadTotals::samplesDropped).getAsLong())
                        .append(" dropped: they arrived while the payload could not take them and its buffer was full)");
            }
            b.append(".");
        }
        if (r.minSoc().isPresent() && r.socFloor().isPresent()) {
            double minSoc = r.minSoc().getAsDouble();
            double floor = r.socFloor().getAsDouble();
            boolean below = minSoc < floor;
            b.append(" The lowest state of charge was <b").append(below ? " class=\"bad\"" : "").append(">")
                    .append(fmt(100 * minSoc)).append("%</b> against a floor of ").append(fmt(100 * floor)).append("%")
                    .append(below ? " (below it)." : ".");
        }
        b.append("</p>\n");
    }

    private static void link(StringBuilder b, SimulationResult r) {
        b.append("<h3>What did the link carry?</h3>\n<p class=\"answer\">");
        if (!available(r, "link")) {
            b.append("Nothing: the link stage did not run.</p>\n");
            return;
        }
        long down = r.sum(SimulationResult.Satellite::bytesDownlinked);
        long passes = r.schedules().stream().mapToLong(s -> r.passesRun(s).size()).sum();
        b.append("The radios sent <b>").append(bytes(down)).append("</b> down and the ground <b>")
                .append(bytes(r.sum(SimulationResult.Satellite::bytesUplinked))).append("</b> up");
        if (r.passMarginS().isPresent()) {
            long offered = java.util.Arrays.stream(offered(r)).sum();
            b.append(", out of <b>").append(bytes(offered)).append("</b> the ").append(passes)
                    .append(" passes offered the downlink (").append(offered > 0 ? String.format(Locale.ROOT, "%.3g%%", 100.0 * down / offered)
                            : "no capacity").append("; a pass offers rate x (duration - 2 x ")
                    .append(fmt(r.passMarginS().getAsDouble())).append(" s margin))");
        }
        long generated = r.sum(SimulationResult.Satellite::generated);
        long dense = r.sum(SimulationResult.Satellite::denseBytes);
        b.append(". ").append(generated).append(" deltas were made on board: ").append(r.sum(SimulationResult.Satellite::delivered))
                .append(" reached the ground archive, ").append(r.sum(SimulationResult.Satellite::queued))
                .append(" were still queued at the end, ").append(r.sum(SimulationResult.Satellite::lost)).append(" were lost and ")
                .append(r.sum(SimulationResult.Satellite::duplicated)).append(" archived twice.");
        if (down > 0 && dense > 0) {
            b.append(" Sending the full float32 weights instead would have taken ").append(bytes(dense)).append(" (")
                    .append(String.format(Locale.ROOT, "%.1f", (double) dense / down)).append(" times what was sent).");
        }
        b.append(" Passes missed by fault: ").append(r.sum(SimulationResult.Satellite::missedPasses)).append(".</p>\n");
    }

    private static void rejected(StringBuilder b, SimulationResult r, ObjectNode s) {
        b.append("<h3>What was rejected, and why?</h3>\n<p class=\"answer\">");
        if (r.ground().isEmpty()) {
            b.append("Nothing could be: the ground stage did not run.</p>\n");
            return;
        }
        Map<String, Long> reasons = new java.util.TreeMap<>(r.ground().get().rejectedByReason());
        long total = reasons.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            b.append("The ground refused nothing.");
        } else {
            b.append("The ground refused <b>").append(total).append("</b>:</p>\n<ul>");
            reasons.forEach((k, v) -> b.append("<li>").append(v).append(" x ").append(esc(Reasons.describe(k))).append(" (<code>")
                    .append(esc(k)).append("</code>)</li>"));
            b.append("</ul>\n<p class=\"answer\">");
        }
        b.append(" The ground published ").append(r.ground().get().versionsPublished()).append(" global model version(s); ")
                .append(r.sum(SimulationResult.Satellite::updatesApplied)).append(" updates were applied on board and ")
                .append(r.sum(SimulationResult.Satellite::updatesSignedNotApplied))
                .append(" signed updates the ground issued were never applied (refused on board, lost on the way, or superseded"
                        + " by a newer one)");
        JsonNode lag = s.get("updates").get("max_lag_s");
        if (lag != null && lag.isNumber()) {
            b.append("; the longest wait from publication to application was ").append(duration(lag.asDouble()));
        }
        b.append(".");
        Map<String, Long> onBoard = new java.util.TreeMap<>();
        r.updatesRefusedByReason().forEach((k, v) -> {
            if (v > 0) {
                onBoard.put(k.name().toLowerCase(Locale.ROOT), v);
            }
        });
        if (onBoard.isEmpty()) {
            b.append(" The spacecraft refused no uplinked update.</p>\n");
        } else {
            b.append(" The spacecraft refused uplinked updates (the ground's own and any injected by a fault):</p>\n<ul>");
            onBoard.forEach((k, v) -> b.append("<li>").append(v).append(" x ").append(esc(Reasons.describe(k))).append(" (<code>")
                    .append(esc(k)).append("</code>)</li>"));
            b.append("</ul>\n");
        }
    }

    private static void faults(StringBuilder b, SimulationResult r, ObjectNode s) {
        b.append("<h3>What faults struck, and what did they do?</h3>\n<p class=\"answer\">");
        long total = r.faultsInjected().values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            b.append("No fault was injected.");
        } else {
            b.append("<b>").append(total).append("</b> faults were injected:</p>\n<table><tr><th>fault</th><th>count</th></tr>\n");
            for (Map.Entry<FaultKind, Long> e : r.faultsInjected().entrySet()) {
                if (e.getValue() > 0) {
                    b.append("<tr><td>").append(esc(e.getKey().key().replace('_', ' '))).append("</td><td class=\"n\">")
                            .append(e.getValue()).append("</td></tr>\n");
                }
            }
            b.append("</table>\n<p class=\"answer\">").append(r.faultsSurvived()).append(" of them were survived (no invariant broken on ")
                    .append("that satellite within a day after). Their effects: ")
                    .append(r.sum(SimulationResult.Satellite::missedPasses)).append(" passes missed, ")
                    .append(r.sum(SimulationResult.Satellite::lost)).append(" deltas lost, ")
                    .append(r.sum(SimulationResult.Satellite::merged)).append(" deltas merged into newer ones by a full queue.");
        }
        long v = r.totalViolations();
        b.append(" Invariant violations: <b class=\"").append(v == 0 ? "ok" : "bad").append("\">").append(v).append("</b>.");
        if (!r.firstViolations().isEmpty()) {
            Violation f = r.firstViolations().get(0);
            b.append(" The first: ").append(esc(f.invariant().replace('_', ' '))).append(" on ").append(esc(f.satellite()))
                    .append(" at ").append(esc(SummaryJson.iso(r.epoch(), f.trueTimeS()))).append(": ").append(esc(f.reason()));
        }
        b.append("</p>\n");
    }

    private static void invariants(StringBuilder b, SimulationResult r) {
        b.append("<h2>Invariants</h2>\n<table><tr><th>invariant</th><th>violations</th></tr>\n");
        for (Map.Entry<String, Long> en : r.invariantViolations().entrySet()) {
            b.append("<tr><td>").append(esc(en.getKey().replace('_', ' '))).append("</td><td class=\"n ")
                    .append(en.getValue() == 0 ? "ok" : "bad").append("\">").append(en.getValue()).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void satelliteTable(StringBuilder b, SimulationResult r, ObjectNode s, double[][] err, long[] offered) {
        b.append("<h2>Every satellite</h2>\n<p>").append(r.satellites().size())
                .append(" rows, one per satellite, in mission order. Error change is against the frozen model.</p>\n");
        // Extra per-satellite error fields of the summary (e.g. other learners) are shown as they come.
        JsonNode perSat = s.get("per_satellite");
        List<String> extraErrors = new ArrayList<>();
        if (perSat != null && perSat.size() > 0 && perSat.get(0).has("error") && perSat.get(0).get("error").isObject()) {
            Iterator<String> it = perSat.get(0).get("error").fieldNames();
            while (it.hasNext()) {
                extraErrors.add(it.next());
            }
        }
        b.append("<div class=\"scroll\"><table><tr><th>satellite</th><th>passes</th><th>lowest charge (%)</th><th>training (Wh)</th>"
                + "<th>trained (% of time)</th><th>updates</th>");
        if (extraErrors.isEmpty()) {
            b.append("<th>error frozen</th><th>error onboard</th><th>error federated</th>");
        } else {
            extraErrors.forEach(k -> b.append("<th>error ").append(esc(k)).append("</th>"));
        }
        b.append("<th>onboard change</th><th>deltas made</th><th>delivered</th><th>queued</th><th>lost</th><th>sent down</th>"
                + "<th>pass capacity</th><th>updates applied</th><th>updates not applied</th><th>missed passes</th></tr>\n");
        for (int i = 0; i < r.satellites().size(); i++) {
            SimulationResult.Satellite sat = r.satellites().get(i);
            b.append("<tr><td>").append(esc(sat.name())).append("</td>");
            cell(b, Long.toString(r.passesRun(r.schedules().get(i)).size()));
            cell(b, sat.charge().map(c -> fmt(100 * c.minSoc())).orElse("n/a"));
            cell(b, available(r, "learning") ? fmt(sat.trainingEnergyWh()) : "n/a");
            cell(b, sat.payload().map(p -> String.format(Locale.ROOT, "%.1f", 100 * p.dutyFraction())).orElse("n/a"));
            cell(b, Long.toString(sat.trainingUpdates()));
            if (extraErrors.isEmpty()) {
                for (int k = 0; k < 3; k++) {
                    cell(b, Double.isFinite(err[i][k]) ? fmt(err[i][k]) : "n/a");
                }
            } else {
                JsonNode e = perSat.get(i).get("error");
                extraErrors.forEach(k -> cell(b, e != null && e.get(k) != null && e.get(k).isNumber() ? fmt(e.get(k).asDouble()) : "n/a"));
            }
            cell(b, Double.isFinite(err[i][0]) && Double.isFinite(err[i][1]) ? pct(err[i][1], err[i][0]) : "n/a");
            cell(b, Long.toString(sat.generated()));
            cell(b, Long.toString(sat.delivered()));
            cell(b, Long.toString(sat.queued()));
            cell(b, Long.toString(sat.lost()));
            cell(b, bytes(sat.bytesDownlinked()));
            cell(b, r.passMarginS().isPresent() ? bytes(offered[i]) : "n/a");
            cell(b, Long.toString(sat.updatesApplied()));
            cell(b, Long.toString(sat.updatesSignedNotApplied()));
            cell(b, Long.toString(sat.missedPasses()));
            b.append("</tr>\n");
        }
        b.append("</table></div>\n");
    }

    private static void cell(StringBuilder b, String v) {
        b.append("<td class=\"n\">").append(esc(v)).append("</td>");
    }

    /** @return per satellite, its time-averaged frozen, onboard and federated errors (NaN where not measured) */
    static double[][] perSatelliteErrors(SimulationResult r) {
        double[][] out = new double[r.satellites().size()][3];
        for (int i = 0; i < out.length; i++) {
            SimulationResult.Satellite s = r.satellites().get(i);
            for (int k = 0; k < 3; k++) {
                out[i][k] = s.errorCounts()[k] == 0 ? Double.NaN : s.errorSums()[k] / s.errorCounts()[k];
            }
        }
        return out;
    }

    /** @return per satellite, the onboard and federated error's change against the frozen model's, % */
    static double[][] changes(double[][] err) {
        double[][] c = new double[err.length][2];
        for (int i = 0; i < err.length; i++) {
            c[i][0] = change(err[i][1], err[i][0]);
            c[i][1] = change(err[i][2], err[i][0]);
        }
        return c;
    }

    private static double change(double v, double ref) {
        return Double.isFinite(v) && Double.isFinite(ref) && ref != 0 ? 100 * (v - ref) / ref : Double.NaN;
    }

    private static long[] offered(SimulationResult r) {
        long[] o = new long[r.schedules().size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = r.passCapacityBytes(r.schedules().get(i)).orElse(0);
        }
        return o;
    }

    private static void figure(StringBuilder html, String caption, boolean ok, String stage, Supplier<byte[]> draw) {
        figure(html, caption, ok, draw, "the " + stage + " stage did not run");
    }

    private static void figure(StringBuilder html, String caption, boolean ok, Supplier<byte[]> draw, String whyNot) {
        html.append("<figure>");
        if (ok) {
            html.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(draw.get()))
                    .append("\" alt=\"").append(esc(caption)).append("\">");
            html.append("<figcaption>").append(esc(caption)).append("</figcaption>");
        } else {
            html.append("<figcaption class=\"missing\">").append(esc(caption)).append(": not available (")
                    .append(esc(whyNot)).append(")</figcaption>");
        }
        html.append("</figure>\n");
    }

    private static String pct(double v, double ref) {
        double c = change(v, ref);
        return Double.isFinite(c) ? String.format(Locale.ROOT, "%+.1f%%", c) : "n/a";
    }

    /** @return bytes as a person reads them (B, kB, MB, GB; powers of 1000) */
    static String bytes(long b) {
        if (b < 1000) {
            return b + " B";
        }
        String[] u = {"kB", "MB", "GB", "TB"};
        double v = b;
        int i = -1;
        while (v >= 1000 && i < u.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%.3g %s", v, u[i]);
    }

    private static String duration(double s) {
        if (s < 120) {
            return fmt(s) + " s";
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        if (s < 2 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", s / 86400);
    }

    /** A number as a person reads it: 4 significant digits. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

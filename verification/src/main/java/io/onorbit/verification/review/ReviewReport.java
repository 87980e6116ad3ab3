package io.onorbit.verification.review;

import io.onorbit.ground.aggregation.AggregationRun;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.ModelEvaluator;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.archive.RejectEntry;
import io.onorbit.ground.archive.ReviewEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders the operator's review page: one self-contained HTML file (plots are PNGs embedded as
 * base64 data URIs, no scripts, no server) with delta bytes per pass, norms over time, flag
 * counts, the error of each global version and of the candidate aggregate on a ground validation
 * set, and the tables behind them (deltas, audit trail, lineage, rejects).
 */
public final class ReviewReport {

    private static final int W = 760;
    private static final int H = 360;

    private ReviewReport() {
    }

    /**
     * @param archive    the archive to report on (read only)
     * @param aggregator rule used to preview the candidate model
     * @param evaluator  ground validation set, if any
     * @param title      page title
     * @return the HTML page
     */
    public static String render(Archive archive, Aggregator aggregator, Optional<ModelEvaluator> evaluator, String title) {
        System.setProperty("java.awt.headless", "true");
        List<DeltaRecord> deltas = archive.deltas();
        List<GlobalVersion> globals = archive.globals();
        Map<Optional<String>, Optional<AggregationRun.Candidate>> candidates = candidates(archive, aggregator);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1600px}"
                        + "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #bbb;padding:3px 8px;font-size:13px}"
                        + "th{background:#eef}td.n{text-align:right}.flag{color:#b00;font-weight:bold}"
                        + ".grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}img{border:1px solid #ddd}</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n<p>Archive <code>").append(esc(archive.url()))
                .append("</code>, schema v").append(archive.schemaVersion()).append(". ").append(deltas.size())
                .append(" deltas, ").append(globals.size()).append(" global versions, ").append(archive.rejects().size())
                .append(" rejected inputs. Generated ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(".</p>\n");

        h.append("<div class=\"grid\">\n");
        if (deltas.isEmpty()) {
            h.append("<p>No deltas archived yet.</p>\n");
        } else {
            h.append(img(deltasOverTime(deltas), "Deltas received over time, by status"));
            h.append(img(normDistribution(deltas), "Distribution of delta norms"));
            h.append(img(flagCounts(deltas), "Automatic flags"));
        }
        h.append(errorSection(globals, candidates, evaluator));
        h.append("</div>\n");

        h.append(candidates.size() > 1 ? "<h2>Candidates, one per cluster</h2>\n" : "<h2>Candidate</h2>\n");
        candidates.forEach((chain, candidate) -> {
            String of = chain.map(c -> "Cluster " + esc(c) + ": ").orElse("");
            if (candidate.isPresent()) {
                AggregationRun.Candidate c = candidate.get();
                h.append("<p>").append(of).append(esc(aggregator.rule().label())).append(" over ").append(c.used().size())
                        .append(" approved deltas on v").append(c.parent().version()).append(" (").append(c.skipped().size())
                        .append(" approved deltas on other bases left out).</p>\n");
            } else {
                h.append("<p>").append(of).append("No candidate: no approved delta builds on the newest global version")
                        .append(chain.isPresent() ? " of its chain" : "").append(".</p>\n");
            }
        });
        h.append(deltaTable(deltas)).append(auditTable(archive.reviews())).append(versionTable(globals))
                .append(rejectTable(archive.rejects()));
        h.append("</body></html>\n");
        return h.toString();
    }

    /**
     * The review report's numbers as JSON ({@code review report --format json}): counts by status,
     * flag and reject reason, every delta, every global version with its lineage (and its error on
     * the validation set if given), the candidate, the audit trail.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode json(Archive archive, Aggregator aggregator,
            Optional<ModelEvaluator> evaluator) {
        var m = ReviewCommand.JSON;
        var root = m.createObjectNode();
        List<DeltaRecord> deltas = archive.deltas();
        root.put("archive", archive.url()).put("schema_version", archive.schemaVersion());
        var byStatus = root.putObject("deltas_by_status");
        for (io.onorbit.ground.archive.DeltaStatus st : io.onorbit.ground.archive.DeltaStatus.values()) {
            byStatus.put(st.name().toLowerCase(Locale.ROOT), deltas.stream().filter(d -> d.status() == st).count());
        }
        var byFlag = root.putObject("deltas_by_flag");
        for (DeltaFlag f : DeltaFlag.values()) {
            byFlag.put(f.name().toLowerCase(Locale.ROOT), deltas.stream().filter(d -> d.flags().contains(f)).count());
        }
        var list = root.putArray("deltas");
        deltas.forEach(d -> list.add(ReviewCommand.summary(d).put("station", d.delta().station())
                .put("created_at", d.createdAt().toString()).put("received_at", d.receivedAt().toString())));
        evaluator.ifPresentOrElse(e -> root.put("error_name", e.errorName()), () -> root.putNull("error_name"));
        var versions = root.putArray("global_versions");
        for (GlobalVersion g : archive.globals()) {
            var v = versions.addObject().put("version", g.version()).put("rule", g.rule()).put("created_at", g.createdAt().toString())
                    .put("digest", g.modelVersion().shortDigest());
            if (g.parentVersion() < 0) {
                v.putNull("parent");
            } else {
                v.put("parent", g.parentVersion());
            }
            archive.clusterOfVersion(g.version()).ifPresentOrElse(c -> v.put("cluster", c), () -> v.putNull("cluster"));
            var lineage = v.putArray("made_from_deltas");
            g.lineage().forEach(l -> lineage.add(l.deltaId()));
            evaluator.ifPresent(e -> v.put("error", e.error(g.params())));
        }
        // Without clusters one candidate ("candidate"); with clusters one per cluster ("candidates", by name).
        Map<Optional<String>, Optional<AggregationRun.Candidate>> candidates = candidates(archive, aggregator);
        var byCluster = candidates.keySet().iterator().next().isPresent() ? root.putObject("candidates") : null;
        if (byCluster != null) {
            root.putNull("candidate");
        }
        candidates.forEach((chain, candidate) -> {
            String key = chain.orElse("candidate");
            var parent = byCluster != null ? byCluster : root;
            if (candidate.isPresent()) {
                AggregationRun.Candidate c = candidate.get();
                var n = parent.putObject(key).put("rule", aggregator.rule().label()).put("parent", c.parent().version());
                var used = n.putArray("deltas");
                c.used().forEach(d -> used.add(d.id()));
                var skipped = n.putArray("skipped");
                c.skipped().forEach(d -> skipped.add(d.id()));
                evaluator.ifPresent(e -> n.put("error", e.error(c.params())));
            } else {
                parent.putNull(key);
            }
        });
        var rejects = root.putObject("rejected_inputs");
        rejects.put("total", archive.rejects().size());
        var reasons = rejects.putObject("by_reason");
        new TreeMap<>(archive.rejects().stream().collect(java.util.stream.Collectors.groupingBy(RejectEntry::reason,
                java.util.stream.Collectors.counting()))).forEach(reasons::put);
        var audit = root.putArray("reviews");
        archive.reviews().forEach(r -> audit.addObject().put("delta", r.deltaId()).put("decision",
                r.decision().name().toLowerCase(Locale.ROOT)).put("operator", r.operator()).put("reason", r.reason())
                .put("at", r.at().toString()));
        return root;
    }

    /** @return each chain's candidate (the common chain's alone without clusters), in the archive's order of chains */
    private static Map<Optional<String>, Optional<AggregationRun.Candidate>> candidates(Archive archive, Aggregator aggregator) {
        Map<Optional<String>, Optional<AggregationRun.Candidate>> out = new java.util.LinkedHashMap<>();
        for (Optional<String> chain : archive.chains()) {
            out.put(chain, AggregationRun.preview(archive, aggregator, chain));
        }
        return out;
    }

    private static String errorSection(List<GlobalVersion> globals, Map<Optional<String>, Optional<AggregationRun.Candidate>> candidates,
            Optional<ModelEvaluator> evaluator) {
        if (evaluator.isEmpty()) {
            return "<p>No ground validation set given (<code>--validation FILE.csv</code>): model error not shown.</p>\n";
        }
        ModelEvaluator e = evaluator.get();
        List<String> names = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (GlobalVersion g : globals) {
            names.add("v" + g.version());
            errors.add(e.error(g.params()));
        }
        candidates.forEach((chain, candidate) -> candidate.ifPresent(c -> {
            names.add(chain.map(n -> "candidate " + n).orElse("candidate"));
            errors.add(e.error(c.params()));
        }));
        if (names.isEmpty()) {
            return "<p>No global model in the archive: nothing to evaluate.</p>\n";
        }
        CategoryChart chart = new CategoryChartBuilder().width(W).height(H).title("Model error on the ground validation set")
                .xAxisTitle("global version").yAxisTitle(e.errorName()).build();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("error", names, errors);
        StringBuilder t = new StringBuilder(img(chart, "Model error"));
        t.append("<table><tr><th>model</th><th>").append(esc(e.errorName())).append("</th></tr>\n");
        for (int i = 0; i < names.size(); i++) {
            t.append("<tr><td>").append(names.get(i)).append("</td><td class=\"n\">").append(fmt(errors.get(i))).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /**
     * Deltas received per time bin, stacked by review status. The bin follows the span (an hour to a
     * week), so one pass and a year both read; when everything came in one pass (under an hour), the
     * bars are the satellites of that pass instead (up to 40; more are grouped by the size of their delta).
     */
    static CategoryChart deltasOverTime(List<DeltaRecord> deltas) {
        Instant first = deltas.stream().map(DeltaRecord::receivedAt).min(Instant::compareTo).orElseThrow();
        Instant last = deltas.stream().map(DeltaRecord::receivedAt).max(Instant::compareTo).orElseThrow();
        long spanS = Duration.between(first, last).getSeconds();
        Map<io.onorbit.ground.archive.DeltaStatus, Map<String, Integer>> counts = new EnumMap<>(io.onorbit.ground.archive.DeltaStatus.class);
        List<String> bins = new ArrayList<>();
        String xTitle;
        java.util.function.Function<DeltaRecord, String> binOf;
        if (spanS < 3600) {
            java.util.SortedSet<String> sats = new java.util.TreeSet<>();
            deltas.forEach(d -> sats.add(d.satellite()));
            if (sats.size() <= 40) {
                bins.addAll(sats);
                binOf = DeltaRecord::satellite;
                xTitle = "satellite (one pass, " + first.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + ")";
            } else {
                int max = deltas.stream().mapToInt(DeltaRecord::bytes).max().orElse(1);
                int step = Math.max(1, (int) Math.ceil(max / 20.0));
                for (int lo = 0; lo <= max; lo += step) {
                    bins.add(lo + "-" + (lo + step - 1));
                }
                binOf = d -> (d.bytes() / step * step) + "-" + (d.bytes() / step * step + step - 1);
                xTitle = "delta size, bytes (one pass, " + first.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + ")";
            }
        } else {
            long[] choices = {3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400};
            long bin = choices[choices.length - 1];
            for (long c : choices) {
                if (spanS / c < 60) {
                    bin = c;
                    break;
                }
            }
            long width = bin;
            long origin = first.getEpochSecond() / width * width;
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter
                    .ofPattern(width < 86400 ? "MM-dd HH:mm" : "yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC);
            for (long t = origin; t <= last.getEpochSecond(); t += width) {
                bins.add(f.format(Instant.ofEpochSecond(t)));
            }
            binOf = d -> f.format(Instant.ofEpochSecond((d.receivedAt().getEpochSecond() - origin) / width * width + origin));
            xTitle = "received (UTC), bins of " + (width < 86400 ? width / 3600 + " h" : width / 86400 + " d");
        }
        for (io.onorbit.ground.archive.DeltaStatus st : io.onorbit.ground.archive.DeltaStatus.values()) {
            Map<String, Integer> m = new java.util.LinkedHashMap<>();
            bins.forEach(b -> m.put(b, 0));
            counts.put(st, m);
        }
        deltas.forEach(d -> counts.get(d.status()).merge(binOf.apply(d), 1, Integer::sum));
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Deltas received, by review status")
                .xAxisTitle(xTitle).yAxisTitle("deltas").build();
        c.getStyler().setStacked(true);
        c.getStyler().setOverlapped(false);
        c.getStyler().setXAxisLabelRotation(bins.size() > 12 ? 60 : 0);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        labelEvery(c, bins.size());
        counts.forEach((st, m) -> c.addSeries(st.name().toLowerCase(Locale.ROOT), new ArrayList<>(m.keySet()),
                new ArrayList<>(m.values())));
        return c;
    }

    /**
     * How the deltas' L2 norms are spread, flagged and unflagged apart, on log-spaced bins: one
     * poisoned delta 40 times the others shows as its own bar, whatever the number of deltas.
     */
    static CategoryChart normDistribution(List<DeltaRecord> deltas) {
        double lo = deltas.stream().mapToDouble(DeltaRecord::norm).filter(v -> Double.isFinite(v) && v > 0).min().orElse(1);
        double hi = deltas.stream().mapToDouble(DeltaRecord::norm).filter(v -> Double.isFinite(v) && v > 0).max().orElse(1);
        double l0 = Math.floor(Math.log10(lo) * 4) / 4;
        double l1 = Math.max(l0 + 0.25, Math.ceil(Math.log10(hi) * 4) / 4 + (hi == lo ? 0.25 : 0));
        int n = (int) Math.round((l1 - l0) / 0.25);
        List<String> bins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bins.add(fmt(Math.pow(10, l0 + 0.25 * i)) + "-" + fmt(Math.pow(10, l0 + 0.25 * (i + 1))));
        }
        bins.add("zero or non-finite");
        int[] plain = new int[bins.size()];
        int[] flagged = new int[bins.size()];
        for (DeltaRecord d : deltas) {
            double v = d.norm();
            int i = Double.isFinite(v) && v > 0 ? Math.min(n - 1, Math.max(0, (int) Math.floor((Math.log10(v) - l0) / 0.25)))
                    : bins.size() - 1;
            (d.flags().isEmpty() ? plain : flagged)[i]++;
        }
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Delta L2 norms (log-spaced bins)")
                .xAxisTitle("L2 norm").yAxisTitle("deltas").build();
        c.getStyler().setStacked(true);
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        c.addSeries("no flag", bins, java.util.Arrays.stream(plain).boxed().toList());
        c.addSeries("flagged", bins, java.util.Arrays.stream(flagged).boxed().toList());
        return c;
    }

    private static void labelEvery(CategoryChart c, int bins) {
        if (bins > 30) {
            c.getStyler().setXAxisLabelRotation(60);
            c.getStyler().setXAxisMaxLabelCount(30);
        }
    }

    private static CategoryChart flagCounts(List<DeltaRecord> deltas) {
        EnumMap<DeltaFlag, Integer> counts = new EnumMap<>(DeltaFlag.class);
        for (DeltaFlag f : DeltaFlag.values()) {
            counts.put(f, 0);
        }
        deltas.forEach(d -> d.flags().forEach(f -> counts.merge(f, 1, Integer::sum)));
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Automatic flags").xAxisTitle("flag")
                .yAxisTitle("deltas").build();
        c.getStyler().setLegendVisible(false);
        c.addSeries("deltas", counts.keySet().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList(),
                new ArrayList<>(counts.values()));
        return c;
    }

    private static String deltaTable(List<DeltaRecord> deltas) {
        StringBuilder t = new StringBuilder("<h2>Deltas</h2>\n<table><tr><th>id</th><th>satellite</th><th>pass</th><th>base</th>"
                + "<th>samples</th><th>nnz</th><th>bytes</th><th>norm</th><th>flags</th><th>status</th></tr>\n");
        for (DeltaRecord d : deltas) {
            t.append("<tr><td class=\"n\">").append(d.id()).append("</td><td>").append(esc(d.satellite())).append("</td><td class=\"n\">")
                    .append(d.passNumber()).append("</td><td class=\"n\">v").append(d.baseVersion()).append("</td><td class=\"n\">")
                    .append(d.sampleCount()).append("</td><td class=\"n\">").append(d.nnz()).append("</td><td class=\"n\">")
                    .append(d.bytes()).append("</td><td class=\"n\">").append(fmt(d.norm())).append("</td><td class=\"flag\">")
                    .append(esc(ReviewCommand.flagText(d))).append("</td><td>").append(d.status().name().toLowerCase(Locale.ROOT))
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String auditTable(List<ReviewEntry> reviews) {
        StringBuilder t = new StringBuilder("<h2>Audit trail</h2>\n<table><tr><th>when</th><th>delta</th><th>decision</th>"
                + "<th>operator</th><th>reason</th></tr>\n");
        for (ReviewEntry r : reviews) {
            t.append("<tr><td>").append(r.at()).append("</td><td class=\"n\">").append(r.deltaId()).append("</td><td>")
                    .append(r.decision().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(esc(r.operator()))
                    .append("</td><td>").append(esc(r.reason())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String versionTable(List<GlobalVersion> globals) {
        StringBuilder t = new StringBuilder("<h2>Global versions</h2>\n<table><tr><th>version</th><th>parent</th><th>rule</th>"
                + "<th>created</th><th>digest</th><th>made from deltas</th></tr>\n");
        for (GlobalVersion g : globals) {
            t.append("<tr><td class=\"n\">v").append(g.version()).append("</td><td class=\"n\">")
                    .append(g.parentVersion() < 0 ? "-" : "v" + g.parentVersion()).append("</td><td>").append(esc(g.rule()))
                    .append("</td><td>").append(g.createdAt()).append("</td><td><code>").append(g.modelVersion().shortDigest())
                    .append("</code></td><td>").append(g.lineage().stream().map(l -> Long.toString(l.deltaId())).toList())
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String rejectTable(List<RejectEntry> rejects) {
        StringBuilder t = new StringBuilder("<h2>Rejected inputs</h2>\n<table><tr><th>when</th><th>satellite</th><th>reason</th>"
                + "<th>bytes</th><th>detail</th></tr>\n");
        for (RejectEntry r : rejects) {
            t.append("<tr><td>").append(r.receivedAt()).append("</td><td>").append(esc(r.satellite())).append("</td><td>")
                    .append(esc(r.reason())).append("</td><td class=\"n\">").append(r.bytes()).append("</td><td>")
                    .append(esc(r.detail())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String img(Chart<?, ?> chart, String alt) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : "non-finite";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

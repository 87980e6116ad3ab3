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
        Optional<AggregationRun.Candidate> candidate = AggregationRun.preview(archive, aggregator);
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
            h.append(img(bytesPerPass(deltas), "Delta bytes per pass"));
            h.append(img(normsOverTime(deltas), "Delta norms over time"));
            h.append(img(flagCounts(deltas), "Automatic flags"));
        }
        h.append(errorSection(globals, candidate, evaluator));
        h.append("</div>\n");

        h.append("<h2>Candidate</h2>\n");
        if (candidate.isPresent()) {
            AggregationRun.Candidate c = candidate.get();
            h.append("<p>").append(esc(aggregator.rule().label())).append(" over ").append(c.used().size())
                    .append(" approved deltas on v").append(c.parent().version()).append(" (").append(c.skipped().size())
                    .append(" approved deltas on other bases left out).</p>\n");
        } else {
            h.append("<p>No candidate: no approved delta builds on the newest global version.</p>\n");
        }
        h.append(deltaTable(deltas)).append(auditTable(archive.reviews())).append(versionTable(globals))
                .append(rejectTable(archive.rejects()));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String errorSection(List<GlobalVersion> globals, Optional<AggregationRun.Candidate> candidate,
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
        candidate.ifPresent(c -> {
            names.add("candidate");
            errors.add(e.error(c.params()));
        });
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

    private static XYChart bytesPerPass(List<DeltaRecord> deltas) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Delta bytes per pass").xAxisTitle("pass number")
                .yAxisTitle("bytes").build();
        c.getStyler().setXAxisDecimalPattern("0");
        Map<String, TreeMap<Long, Long>> bySat = new TreeMap<>();
        for (DeltaRecord d : deltas) {
            bySat.computeIfAbsent(d.satellite(), k -> new TreeMap<>()).merge(d.passNumber(), (long) d.bytes(), Long::sum);
        }
        bySat.forEach((sat, m) -> c.addSeries(sat, m.keySet().stream().map(Long::doubleValue).toList(),
                m.values().stream().map(Long::doubleValue).toList()));
        return c;
    }

    private static XYChart normsOverTime(List<DeltaRecord> deltas) {
        Instant t0 = deltas.stream().map(DeltaRecord::createdAt).min(Instant::compareTo).orElseThrow();
        XYChart c = new XYChartBuilder().width(W).height(H).title("Delta L2 norm over time")
                .xAxisTitle("hours since first delta").yAxisTitle("L2 norm").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisDecimalPattern("0.##");
        Map<String, List<double[]>> series = new TreeMap<>();
        for (DeltaRecord d : deltas) {
            if (!Double.isFinite(d.norm())) {
                continue;
            }
            String key = d.flags().contains(DeltaFlag.NORM_OUTLIER) ? "norm outliers" : d.satellite();
            series.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new double[] {Duration.between(t0, d.createdAt()).toMillis() / 3.6e6, d.norm()});
        }
        double lo = series.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).filter(v -> v > 0).min().orElse(1);
        double hi = series.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1);
        // one wild delta would flatten every other point on a linear axis
        c.getStyler().setYAxisLogarithmic(hi > 20 * lo && series.values().stream().flatMap(List::stream).allMatch(p -> p[1] > 0));
        series.forEach((name, pts) -> {
            XYSeries s = c.addSeries(name, pts.stream().map(p -> p[0]).toList(), pts.stream().map(p -> p[1]).toList());
            if (name.equals("norm outliers")) {
                s.setMarker(SeriesMarkers.DIAMOND);
            }
        });
        return c;
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

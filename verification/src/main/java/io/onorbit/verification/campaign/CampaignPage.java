package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The campaign's {@code index.html}: what was run, how many failed, and trade plots (a figure
 * against each varied field; every run is a dot, so the spread over seeds and the other fields
 * shows, and the line joins the means). Self-contained: the PNGs are embedded, no script, no server.
 */
final class CampaignPage {

    /** The figures plotted against each varied field (column names of {@link Figures#COLUMNS}). */
    static final List<String> PLOTTED = List.of("mean_error_onboard_task_units", "training_energy_wh",
            "min_soc_fraction", "deltas_delivered_count");

    private static final Escaper ESC = HtmlEscapers.htmlEscaper();

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private CampaignPage() {
    }

    static String html(CampaignLoader.Campaign c, Map<String, RunOutcome> outcomes, String engine, double wallS) {
        CampaignSpec s = c.spec();
        long failed = outcomes.values().stream().filter(o -> !o.ok()).count();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Campaign ")
                .append(ESC.escape(s.name())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:72em}"
                        + "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
                        + "th{background:#f0f0f0}.failed{color:#b00}img{max-width:100%}</style></head><body>\n");
        b.append("<h1>Campaign ").append(ESC.escape(s.name())).append("</h1>\n<p>");
        b.append(c.points().size()).append(" runs of mission <code>").append(ESC.escape(s.missionFile().getFileName().toString()))
                .append("</code>");
        s.days().ifPresent(d -> b.append(String.format(Locale.ROOT, " over %.3g days", d)));
        b.append(", seeds ").append(ESC.escape(s.seeds().toString()));
        b.append("; ").append(failed == 0 ? "all finished" : "<span class=\"failed\">" + failed + " failed</span>");
        b.append(String.format(Locale.ROOT, "; ran on %s in %.1f s.</p>\n", ESC.escape(engine), wallS));
        b.append("<p>Varied: ");
        for (CampaignSpec.Field f : s.fields()) {
            b.append("<code>").append(ESC.escape(f.path())).append("</code> ");
            List<String> vals = new ArrayList<>();
            f.values().forEach(v -> vals.add(CampaignResults.text(v)));
            b.append(ESC.escape(vals.toString())).append("; ");
        }
        if (s.fields().isEmpty()) {
            b.append("nothing (seeds only); ");
        }
        b.append("the table is in <a href=\"results.csv\">results.csv</a> and <a href=\"results.json\">results.json</a>.</p>\n");
        if (!s.fields().isEmpty()) {
            b.append("<h2>Trade plots</h2>\n<p>Each dot is one run (all seeds and all values of the other fields); "
                    + "the line joins the means at each value.</p>\n");
            for (CampaignSpec.Field f : s.fields()) {
                for (String col : PLOTTED) {
                    byte[] png = plot(c, f, col, outcomes);
                    if (png == null) {
                        b.append("<p>").append(ESC.escape(col)).append(" against ").append(ESC.escape(f.path()))
                                .append(": no run produced this figure.</p>\n");
                        continue;
                    }
                    b.append("<img alt=\"").append(ESC.escape(col + " against " + f.path())).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
                }
            }
        }
        b.append("<h2>Runs</h2>\n<table><tr><th>run</th>");
        s.fields().forEach(f -> b.append("<th>").append(ESC.escape(f.path())).append("</th>"));
        b.append("<th>seed</th><th>status</th>");
        for (String col : PLOTTED) {
            b.append("<th>").append(ESC.escape(col)).append("</th>");
        }
        b.append("<th>error</th></tr>\n");
        for (CampaignSpec.GridPoint p : c.points()) {
            RunOutcome o = outcomes.get(p.runId());
            b.append("<tr><td>").append(p.runId()).append("</td>");
            for (JsonNode v : p.values()) {
                b.append("<td>").append(ESC.escape(CampaignResults.text(v))).append("</td>");
            }
            b.append("<td>").append(p.seed()).append("</td><td").append(o.ok() ? ">ok" : " class=\"failed\">failed").append("</td>");
            for (String col : PLOTTED) {
                b.append("<td>").append(ESC.escape(o.figures().getOrDefault(col, ""))).append("</td>");
            }
            b.append("<td class=\"failed\">").append(ESC.escape(o.error().orElse(""))).append("</td></tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    /** @return the PNG of {@code column} against field {@code f}, or null if no run has the figure */
    private static byte[] plot(CampaignLoader.Campaign c, CampaignSpec.Field f, String column, Map<String, RunOutcome> outcomes) {
        int fi = c.spec().fields().indexOf(f);
        List<JsonNode> values = f.values();
        boolean numeric = values.stream().allMatch(JsonNode::isNumber);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double[] sum = new double[values.size()];
        int[] n = new int[values.size()];
        for (CampaignSpec.GridPoint p : c.points()) {
            String y = outcomes.get(p.runId()).figures().getOrDefault(column, "");
            if (y.isEmpty()) {
                continue;
            }
            int vi = values.indexOf(p.values().get(fi));
            double yv = Double.parseDouble(y);
            xs.add(numeric ? values.get(vi).asDouble() : vi);
            ys.add(yv);
            sum[vi] += yv;
            n[vi]++;
        }
        if (xs.isEmpty()) {
            return null;
        }
        String xTitle = f.path();
        if (!numeric) {
            // Text values sit at 0, 1, 2 ... in grid order; the axis title says which is which.
            StringBuilder legend = new StringBuilder(f.path()).append(" (");
            for (int i = 0; i < values.size(); i++) {
                legend.append(i > 0 ? ", " : "").append(i).append(" = ").append(CampaignResults.text(values.get(i)));
            }
            xTitle = legend.append(')').toString();
        }
        XYChart chart = new XYChartBuilder().width(760).height(340).title(column + " against " + f.path())
                .xAxisTitle(xTitle).yAxisTitle(column).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS)
                .setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        XYSeries runs = chart.addSeries("runs", xs, ys);
        runs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        runs.setMarker(SeriesMarkers.CIRCLE);
        List<Double> mx = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (n[i] > 0) {
                mx.add(numeric ? values.get(i).asDouble() : i);
                my.add(sum[i] / n[i]);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < mx.size(); i++) {
            order.add(i);
        }
        order.sort((a, b2) -> Double.compare(mx.get(a), mx.get(b2)));
        List<Double> sx = new ArrayList<>();
        List<Double> sy = new ArrayList<>();
        order.forEach(i -> {
            sx.add(mx.get(i));
            sy.add(my.get(i));
        });
        XYSeries mean = chart.addSeries("mean", sx, sy);
        mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        mean.setMarker(SeriesMarkers.NONE);
        if (!numeric) {
            chart.getStyler().setXAxisMin(-0.5).setXAxisMax(values.size() - 0.5);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot " + chart.getTitle(), e);
        }
    }
}

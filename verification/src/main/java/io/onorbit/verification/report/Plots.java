package io.onorbit.verification.report;

import io.onorbit.verification.sim.SimulationResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart (headless), readable from one satellite to a thousand:
 * up to {@link #MAX_LINES} satellites get a line each; more are drawn as the spread over the
 * satellites (lowest, median and highest at each time); bars per satellite up to
 * {@link #MAX_BARS}, a histogram over the satellites beyond. Nothing is silently left out. Time
 * axes are days since the start (the timeline has UTC labels). Each chart is built as an object
 * (its data series can be checked) and rendered to PNG by {@link #png}.
 */
public final class Plots {

    static final int WIDTH = 1000;
    static final int HEIGHT = 380;
    /** Up to this many satellites get a line each; more are shown as their spread. */
    static final int MAX_LINES = 6;
    /** Up to this many satellites get a bar each; more are shown as a histogram. */
    static final int MAX_BARS = 40;
    /** Below this many whole orbits, training energy is drawn per satellite rather than per orbit. */
    static final int MIN_ORBITS = 6;

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** @return state of charge (lowest in each point) of each satellite or their spread, and the floor */
    public static XYChart stateOfCharge(SimulationResult r) {
        XYChart c = chart("State of charge (lowest in each point) against the floor", "state of charge (fraction of capacity)");
        spreadOrLines(c, r, s -> s.power(), 0, 1.0, "");
        if (r.socFloor().isPresent()) {
            double[] x = {0, r.simulatedS() / 86400.0};
            double floorSoc = r.socFloor().getAsDouble();
            XYSeries floor = c.addSeries("floor", x, new double[] {floorSoc, floorSoc});
            floor.setMarker(SeriesMarkers.NONE);
            floor.setLineColor(Color.RED);
        }
        return c;
    }

    /**
     * @return the training envelope (the power the payload may draw) and what the payload drew, both
     *         in W or a smaller unit chosen from what is drawn, averaged over the satellites beyond
     *         three
     */
    public static XYChart trainingPower(SimulationResult r) {
        PowerUnit ue = PowerUnit.readableFor(maxOf(r, 1));
        PowerUnit ud = PowerUnit.readableFor(maxOf(r, 3));
        boolean each = r.satellites().size() <= 3;
        // The envelope (what the battery allows) can be a hundred times what the payload can draw:
        // each gets its own axis and unit, so neither is a flat line at zero.
        XYChart c = chart("Training envelope (left axis) and what the payload drew (right axis)" + (each ? ""
                : ", mean over " + r.satellites().size() + " satellites"), "envelope (" + ue.symbol + ")");
        c.setYAxisGroupTitle(0, "envelope (" + ue.symbol + ")");
        c.setYAxisGroupTitle(1, "payload draw (" + ud.symbol + ")");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().putYAxisGroupDecimalPatternMap(0, "0.###");
        c.getStyler().putYAxisGroupDecimalPatternMap(1, "0.###");
        if (each) {
            for (SimulationResult.Satellite s : r.satellites()) {
                line(c, s.name() + " envelope (" + ue.symbol + ")", days(s.power().timesS()), scale(s.power().channels()[1], ue.w));
                line(c, s.name() + " payload draw (" + ud.symbol + ")", days(s.power().timesS()), scale(channel(s.power(), 3), ud.w))
                        .setYAxisGroup(1);
            }
        } else {
            double[] t = days(r.satellites().get(0).power().timesS());
            line(c, "envelope, mean (" + ue.symbol + ")", t, scale(meanOverSatellites(r, SimulationResult.Satellite::power, 1), ue.w));
            line(c, "payload draw, mean (" + ud.symbol + ")", t, scale(meanOverSatellites(r, SimulationResult.Satellite::power, 3),
                    ud.w)).setYAxisGroup(1);
        }
        return c;
    }

    private static double maxOf(SimulationResult r, int ch) {
        double max = 0;
        for (SimulationResult.Satellite s : r.satellites()) {
            for (double v : channel(s.power(), ch)) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }

    /**
     * @return training energy per orbit for each satellite or their spread; for a run under
     *         {@link #MIN_ORBITS} orbits (too few points for a line), the energy of each satellite instead
     */
    public static Chart<?, ?> trainingEnergy(SimulationResult r) {
        int points = r.satellites().stream().mapToInt(s -> s.trainingPerOrbit().timesS().length).min().orElse(0);
        if (points < MIN_ORBITS) {
            double[] wh = r.satellites().stream().mapToDouble(SimulationResult.Satellite::trainingEnergyWh).toArray();
            EnergyUnit u = EnergyUnit.readableFor(Arrays.stream(wh).max().orElse(0));
            return perSatellite(r, "Training energy per satellite (the run is too short for a line per orbit)",
                    "energy (" + u.symbol + ")", Arrays.stream(wh).map(v -> v / u.wh).toArray(), "energy (" + u.symbol + ")");
        }
        double maxWh = 0;
        for (SimulationResult.Satellite s : r.satellites()) {
            for (double v : s.trainingPerOrbit().channels()[0]) {
                maxWh = Math.max(maxWh, v);
            }
        }
        EnergyUnit unit = EnergyUnit.readableFor(maxWh);
        XYChart c = chart("Training energy per orbit", "energy per orbit (" + unit.symbol + ")");
        spreadOrLines(c, r, SimulationResult.Satellite::trainingPerOrbit, 0, 1 / unit.wh, "");
        return c;
    }

    /** @return prequential error of the three learners over time, averaged over satellites point by point */
    public static XYChart errors(SimulationResult r) {
        XYChart c = chart("Prequential error over time: frozen vs onboard vs federated"
                + (r.satellites().size() > 1 ? ", mean over " + r.satellites().size() + " satellites" : ""), "prequential error");
        String[] names = {"frozen (never trained)", "onboard", "federated"};
        SimulationResult.Satellite s0 = r.satellites().get(0);
        for (int k = 0; k < 3; k++) {
            line(c, names[k], days(s0.errors().timesS()), meanOverSatellites(r, SimulationResult.Satellite::errors, k));
        }
        return c;
    }

    /**
     * @param change per satellite, the onboard and the federated error's change against the frozen
     *               model's, % (NaN where not measured)
     * @return the change for each satellite (bars) or its distribution over the satellites
     */
    public static CategoryChart errorChange(SimulationResult r, double[][] change) {
        String title = "Error change against the frozen model, per satellite (negative: the model got better)";
        List<String> names = r.satellites().stream().map(SimulationResult.Satellite::name).toList();
        double[] onboard = Arrays.stream(change).mapToDouble(v -> v[0]).toArray();
        double[] federated = Arrays.stream(change).mapToDouble(v -> v[1]).toArray();
        if (names.size() <= MAX_BARS) {
            CategoryChart c = categories(title, "satellite", "change (%)", names.size());
            c.addSeries("onboard", names, boxed(onboard));
            c.addSeries("federated", names, boxed(federated));
            return c;
        }
        Histogram h = Histogram.of(20, onboard, federated);
        CategoryChart c = categories(title, "change against frozen (%)", "satellites", h.labels().size());
        c.addSeries("onboard", h.labels(), h.counts(0));
        c.addSeries("federated", h.labels(), h.counts(1));
        return c;
    }

    /**
     * @param offered per satellite, bytes its passes offered the downlink
     * @return what each satellite's radio carried as a share of what its passes offered (bars, or
     *         the distribution over the satellites)
     */
    public static CategoryChart linkUse(SimulationResult r, long[] offered) {
        double[] pct = new double[offered.length];
        for (int i = 0; i < pct.length; i++) {
            pct[i] = offered[i] > 0 ? 100.0 * r.satellites().get(i).bytesDownlinked() / offered[i] : Double.NaN;
        }
        return perSatellite(r, "Downlink used: bytes the radio sent as a share of what the passes offered",
                "share of pass capacity (%)", pct, "share of pass capacity (%)");
    }

    /** @return how many passes sent how many bytes (every packet the radio sent in the pass), all satellites */
    public static CategoryChart bytesPerPass(SimulationResult r) {
        List<Double> all = new ArrayList<>();
        for (SimulationResult.Satellite s : r.satellites()) {
            for (double v : s.bytesPerPass().channels()[0]) {
                if (Double.isFinite(v)) {
                    all.add(v);
                }
            }
        }
        Histogram h = Histogram.of(20, all.stream().mapToDouble(Double::doubleValue).toArray());
        CategoryChart c = categories("Bytes the radio sent per pass (every packet: deltas, retransmissions, replies), "
                + all.size() + " passes", "bytes sent in the pass", "passes", h.labels().size());
        c.getStyler().setLegendVisible(false);
        c.addSeries("passes", h.labels(), h.counts(0));
        return c;
    }

    /** @return the number of pass records with bytes, all satellites */
    static int passesWithData(SimulationResult r) {
        return r.satellites().stream().mapToInt(s -> s.bytesPerPass().timesS().length).sum();
    }

    // ------------------------------------------------------------------ helpers

    /** Bars per satellite up to {@link #MAX_BARS}, else a histogram over the satellites. */
    private static CategoryChart perSatellite(SimulationResult r, String title, String yTitle, double[] values, String xHist) {
        List<String> names = r.satellites().stream().map(SimulationResult.Satellite::name).toList();
        if (names.size() <= MAX_BARS) {
            CategoryChart c = categories(title, "satellite", yTitle, names.size());
            c.getStyler().setLegendVisible(false);
            c.addSeries("value", names, boxed(values));
            return c;
        }
        Histogram h = Histogram.of(20, values);
        CategoryChart c = categories(title + " (" + names.size() + " satellites)", xHist, "satellites", h.labels().size());
        c.getStyler().setLegendVisible(false);
        c.addSeries("satellites", h.labels(), h.counts(0));
        return c;
    }

    /**
     * One line per satellite up to {@link #MAX_LINES}; beyond, the lowest, median and highest over
     * the satellites at each point.
     */
    private static void spreadOrLines(XYChart c, SimulationResult r, Function<SimulationResult.Satellite, SimulationResult.Trace> f,
                                      int channel, double factor, String suffix) {
        if (r.satellites().size() <= MAX_LINES) {
            for (SimulationResult.Satellite s : r.satellites()) {
                SimulationResult.Trace t = f.apply(s);
                line(c, s.name() + suffix, days(t.timesS()), scale(t.channels()[channel], 1 / factor));
            }
            return;
        }
        int n = r.satellites().stream().mapToInt(s -> f.apply(s).timesS().length).min().orElse(0);
        double[] lo = new double[n];
        double[] mid = new double[n];
        double[] hi = new double[n];
        double[] x = Arrays.copyOf(days(f.apply(r.satellites().get(0)).timesS()), n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[r.satellites().size()];
            int k = 0;
            for (SimulationResult.Satellite s : r.satellites()) {
                double y = f.apply(s).channels()[channel][i];
                if (Double.isFinite(y)) {
                    v[k++] = y * factor;
                }
            }
            double[] sorted = Arrays.copyOf(v, k);
            Arrays.sort(sorted);
            lo[i] = k == 0 ? Double.NaN : sorted[0];
            mid[i] = k == 0 ? Double.NaN : sorted[k / 2];
            hi[i] = k == 0 ? Double.NaN : sorted[k - 1];
        }
        int sats = r.satellites().size();
        line(c, "highest of " + sats + " satellites", x, hi).setLineColor(new Color(0x2ca02c));
        line(c, "median satellite", x, mid).setLineColor(new Color(0x1f77b4));
        line(c, "lowest of " + sats + " satellites", x, lo).setLineColor(new Color(0xd62728));
    }

    private static double[] channel(SimulationResult.Trace t, int ch) {
        return t.channels().length > ch ? t.channels()[ch] : new double[t.timesS().length];
    }

    static double[] meanOverSatellites(SimulationResult r, Function<SimulationResult.Satellite, SimulationResult.Trace> f,
                                       int channel) {
        int n = Integer.MAX_VALUE;
        for (SimulationResult.Satellite s : r.satellites()) {
            n = Math.min(n, f.apply(s).timesS().length);
        }
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int cnt = 0;
            for (SimulationResult.Satellite s : r.satellites()) {
                double[] ch = channel(f.apply(s), channel);
                double v = ch[i];
                if (!Double.isNaN(v)) {
                    sum += v;
                    cnt++;
                }
            }
            mean[i] = cnt == 0 ? Double.NaN : sum / cnt;
        }
        return mean;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("time since start (days)").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setXAxisDecimalPattern("0.##");
        c.getStyler().setYAxisDecimalPattern("0.####");
        return c;
    }

    private static CategoryChart categories(String title, String xTitle, String yTitle, int bars) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisLabelRotation(bars > 12 ? 60 : 0);
        c.getStyler().setOverlapped(false);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setYAxisDecimalPattern("0.######");
        return c;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        double[] xs = Arrays.copyOf(x, Math.max(1, n));
        double[] ys = Arrays.copyOf(y, Math.max(1, n));
        if (n == 0) {
            ys[0] = Double.NaN;
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(n < 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE); // a few points: show each of them
        return s;
    }

    private static double[] scale(double[] v, double divisor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / divisor;
        }
        return out;
    }

    private static List<Double> boxed(double[] v) {
        // XChart draws no bar for a null: a satellite without the quantity shows an empty slot
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(Double.isFinite(d) ? d : null);
        }
        return out;
    }

    private static double[] days(double[] s) {
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i] / 86400.0;
        }
        return d;
    }

    /** @return the chart as PNG bytes */
    static byte[] png(Chart<?, ?> c) {
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot " + c.getTitle(), e);
        }
    }

    /**
     * Equal-width bins over the finite values of one or more samples (same bins for all).
     *
     * @param labels bin labels "lo to hi"
     * @param bins   per sample, the count in each bin
     */
    record Histogram(List<String> labels, int[][] bins) {

        static Histogram of(int maxBins, double[]... samples) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] s : samples) {
                for (double v : s) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (lo > hi) {
                return new Histogram(List.of("no data"), new int[samples.length][1]);
            }
            int n = hi == lo ? 1 : maxBins;
            double width = hi == lo ? 1 : (hi - lo) / n;
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                labels.add(hi == lo ? fmt(lo) : fmt(lo + i * width) + " to " + fmt(lo + (i + 1) * width));
            }
            int[][] bins = new int[samples.length][n];
            for (int k = 0; k < samples.length; k++) {
                for (double v : samples[k]) {
                    if (Double.isFinite(v)) {
                        bins[k][Math.min(n - 1, (int) ((v - lo) / width))]++;
                    }
                }
            }
            return new Histogram(List.copyOf(labels), bins);
        }

        List<Integer> counts(int sample) {
            return Arrays.stream(bins[sample]).boxed().toList();
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
    }

    /** Power units for axes, each as its size in W. */
    enum PowerUnit {
        W("W", 1), MW("mW", 1e-3), UW("\u00b5W", 1e-6), NW("nW", 1e-9);

        final String symbol;
        final double w;

        PowerUnit(String symbol, double w) {
            this.symbol = symbol;
            this.w = w;
        }

        /** @return the largest unit in which {@code maxW} is at least 1 (W for zero) */
        static PowerUnit readableFor(double maxW) {
            for (PowerUnit u : values()) {
                if (maxW >= u.w) {
                    return u;
                }
            }
            return maxW > 0 ? NW : W;
        }
    }

    /** Energy units for axes, each as its size in Wh. */
    enum EnergyUnit {
        WH("Wh", 1), MWH("mWh", 1e-3), J("J", 1 / 3600.0), MJ("mJ", 1e-3 / 3600), UJ("\u00b5J", 1e-6 / 3600),
        NJ("nJ", 1e-9 / 3600), PJ("pJ", 1e-12 / 3600);

        final String symbol;
        final double wh;

        EnergyUnit(String symbol, double wh) {
            this.symbol = symbol;
            this.wh = wh;
        }

        /** @return the largest unit in which {@code maxWh} is at least 1 (Wh for zero) */
        static EnergyUnit readableFor(double maxWh) {
            for (EnergyUnit u : values()) {
                if (maxWh >= u.wh) {
                    return u;
                }
            }
            return maxWh > 0 ? PJ : WH;
        }
    }
}

package io.onorbit.verification.report;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.sim.SimulationResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the report's plots as PNG bytes with XChart (headless). Time axes are days since the start. */
public final class Plots {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 380;
    /** Span drawn on the timeline: long enough to show the pass pattern, short enough to read it. */
    static final double TIMELINE_SPAN_S = 2 * 86400.0;
    /** At most this many satellites get their own series; the report says when more were left out. */
    static final int MAX_SERIES = 12;

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** @return state of charge (min per point) and floor; envelope and optimizer power on a second chart */
    public static byte[] stateOfCharge(SimulationResult r) {
        XYChart c = chart("State of charge", "state of charge (fraction)");
        for (SimulationResult.Satellite s : first(r)) {
            line(c, s.name() + " SoC", days(s.power().timesS()), s.power().channels()[0]);
        }
        double[] x = {0, r.simulatedS() / 86400.0};
        XYSeries floor = c.addSeries("floor", x, new double[] {r.socFloor(), r.socFloor()});
        floor.setMarker(SeriesMarkers.NONE);
        floor.setLineColor(Color.RED);
        return png(c);
    }

    public static byte[] envelope(SimulationResult r) {
        XYChart c = chart("Training envelope and optimizer power", "power (W)");
        for (SimulationResult.Satellite s : first(r)) {
            line(c, s.name() + " envelope", days(s.power().timesS()), s.power().channels()[1]);
            line(c, s.name() + " optimizer", days(s.power().timesS()), s.power().channels()[2]);
        }
        return png(c);
    }

    /** @return contact windows (up) and eclipses (down) of each satellite over the first two days */
    public static byte[] timeline(SimulationResult r) {
        XYChart c = chart("Contacts (raised) and umbra (lowered), first "
                + (int) Math.round(Math.min(TIMELINE_SPAN_S, r.simulatedS()) / 3600) + " h",
                "one band per satellite (legend order)");
        // The bands' heights carry no unit: contact raised, umbra lowered around each satellite's row.
        c.getStyler().setYAxisTicksVisible(false);
        double span = Math.min(TIMELINE_SPAN_S, r.simulatedS());
        List<OnboardSchedule> ss = r.schedules().subList(0, Math.min(MAX_SERIES, r.schedules().size()));
        for (int i = 0; i < ss.size(); i++) {
            OnboardSchedule s = ss.get(i);
            List<double[]> up = new ArrayList<>();
            for (ContactWindow w : s.contacts()) {
                if (w.aosS() < span) {
                    up.add(new double[] {w.aosS(), Math.min(span, w.losS())});
                }
            }
            List<double[]> down = new ArrayList<>();
            for (EclipseInterval e : s.eclipses()) {
                if (e.kind() == EclipseInterval.Kind.UMBRA && e.startS() < span) {
                    down.add(new double[] {e.startS(), Math.min(span, e.endS())});
                }
            }
            step(c, s.satellite() + " contact", up, i, 0.35, span);
            step(c, s.satellite() + " umbra", down, i, -0.35, span);
        }
        c.getStyler().setXAxisTitleVisible(true);
        c.setXAxisTitle("time since start (days)");
        return png(c);
    }

    public static byte[] trainingPerOrbit(SimulationResult r) {
        // Analog updates cost nanojoules: pick the unit that makes the axis readable.
        double maxWh = 0;
        for (SimulationResult.Satellite s : first(r)) {
            for (double v : s.trainingPerOrbit().channels()[0]) {
                maxWh = Math.max(maxWh, v);
            }
        }
        EnergyUnit unit = EnergyUnit.readableFor(maxWh);
        XYChart c = chart("Training energy per orbit", "energy (" + unit.symbol + ")");
        for (SimulationResult.Satellite s : first(r)) {
            double[] wh = s.trainingPerOrbit().channels()[0];
            double[] scaled = new double[wh.length];
            for (int i = 0; i < wh.length; i++) {
                scaled[i] = wh[i] / unit.wh;
            }
            XYSeries x = line(c, s.name(), days(s.trainingPerOrbit().timesS()), scaled);
            x.setMarker(SeriesMarkers.CIRCLE);
        }
        return png(c);
    }

    /** @return prequential error of the three learners, averaged over satellites point by point */
    public static byte[] errors(SimulationResult r) {
        XYChart c = chart("Prequential error: frozen vs onboard vs federated", "error (fading factor)");
        String[] names = {"frozen", "onboard", "federated"};
        SimulationResult.Satellite s0 = r.satellites().get(0);
        for (int k = 0; k < 3; k++) {
            double[] mean = meanOverSatellites(r, sat -> sat.errors(), k);
            line(c, names[k], days(s0.errors().timesS()), mean);
        }
        return png(c);
    }

    public static byte[] bytesPerPass(SimulationResult r) {
        XYChart c = chart("Delta bytes downlinked per pass", "bytes");
        for (SimulationResult.Satellite s : first(r)) {
            XYSeries x = line(c, s.name(), days(s.bytesPerPass().timesS()), s.bytesPerPass().channels()[0]);
            x.setMarker(SeriesMarkers.CIRCLE);
            x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return png(c);
    }

    private static double[] meanOverSatellites(SimulationResult r, Function<SimulationResult.Satellite, SimulationResult.Trace> f,
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
                double v = f.apply(s).channels()[channel][i];
                if (!Double.isNaN(v)) {
                    sum += v;
                    cnt++;
                }
            }
            mean[i] = cnt == 0 ? Double.NaN : sum / cnt;
        }
        return mean;
    }

    private static List<SimulationResult.Satellite> first(SimulationResult r) {
        return r.satellites().subList(0, Math.min(MAX_SERIES, r.satellites().size()));
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("time since start (days)").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setPlotGridLinesVisible(true);
        return c;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        double[] xs = java.util.Arrays.copyOf(x, Math.max(1, n));
        double[] ys = java.util.Arrays.copyOf(y, Math.max(1, n));
        if (n == 0) {
            ys[0] = Double.NaN;
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds a step series at height {@code base}, raised by {@code lift} inside each interval. */
    private static void step(XYChart c, String name, List<double[]> intervals, double base, double lift, double spanS) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        xs.add(0.0);
        ys.add(base);
        for (double[] iv : intervals) {
            xs.add(iv[0] / 86400);
            ys.add(base);
            xs.add(iv[0] / 86400);
            ys.add(base + lift);
            xs.add(iv[1] / 86400);
            ys.add(base + lift);
            xs.add(iv[1] / 86400);
            ys.add(base);
        }
        xs.add(spanS / 86400);
        ys.add(base);
        XYSeries s = c.addSeries(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double[] days(double[] s) {
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i] / 86400.0;
        }
        return d;
    }

    private static byte[] png(XYChart c) {
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot " + c.getTitle(), e);
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

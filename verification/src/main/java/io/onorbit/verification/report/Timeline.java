package io.onorbit.verification.report;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The whole mission's contacts and eclipses on one image: one row per ground station (the passes
 * of every satellite over it) and one row per satellite (its passes coloured by station, its umbra
 * in grey below them), with UTC tick labels. Rows shrink down to one pixel as satellites are added,
 * so a thousand satellites still fit (a heat map of contact at that scale); an interval shorter than
 * a pixel is drawn one pixel wide, never dropped.
 *
 * @param epoch    time origin of the intervals
 * @param spanS    time drawn, s from the epoch
 * @param stations station names, in mission order (each has a colour)
 * @param rows     station rows first, then satellite rows
 */
public record Timeline(Instant epoch, double spanS, List<String> stations, List<Row> rows) {

    static final int WIDTH = 1100;
    private static final int LEFT = 120;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int STATION_ROW = 14;
    private static final int MAX_SATELLITE_AREA = 900;

    /**
     * One row of the timeline.
     *
     * @param label     station or satellite name
     * @param satellite true for a satellite's row
     * @param contacts  passes, as [aos, los] s from the epoch, with their station's index
     * @param umbra     umbra intervals (satellite rows), [start, end] s
     */
    public record Row(String label, boolean satellite, List<Pass> contacts, List<double[]> umbra) { }

    /** A pass: [aosS, losS] over station {@code station} (an index into {@link #stations()}). */
    public record Pass(double aosS, double losS, int station) { }

    /** @return the timeline of these schedules over {@code spanS} */
    public static Timeline of(List<OnboardSchedule> schedules, double spanS) {
        Map<String, Integer> stationIndex = new LinkedHashMap<>();
        for (OnboardSchedule s : schedules) {
            for (ContactWindow w : s.contacts()) {
                stationIndex.putIfAbsent(w.station(), stationIndex.size());
            }
        }
        List<List<Pass>> byStation = new ArrayList<>();
        stationIndex.keySet().forEach(k -> byStation.add(new ArrayList<>()));
        List<Row> satRows = new ArrayList<>();
        for (OnboardSchedule s : schedules) {
            List<Pass> passes = new ArrayList<>();
            for (ContactWindow w : s.contacts()) {
                if (w.aosS() < spanS) {
                    Pass p = new Pass(w.aosS(), Math.min(spanS, w.losS()), stationIndex.get(w.station()));
                    passes.add(p);
                    byStation.get(p.station()).add(p);
                }
            }
            List<double[]> umbra = new ArrayList<>();
            for (EclipseInterval e : s.eclipses()) {
                if (e.kind() == EclipseInterval.Kind.UMBRA && e.startS() < spanS) {
                    umbra.add(new double[] {e.startS(), Math.min(spanS, e.endS())});
                }
            }
            satRows.add(new Row(s.satellite(), true, List.copyOf(passes), List.copyOf(umbra)));
        }
        List<Row> rows = new ArrayList<>();
        List<String> names = new ArrayList<>(stationIndex.keySet());
        for (int i = 0; i < names.size(); i++) {
            rows.add(new Row(names.get(i), false, List.copyOf(byStation.get(i)), List.of()));
        }
        rows.addAll(satRows);
        return new Timeline(schedules.get(0).epoch(), spanS, List.copyOf(names), List.copyOf(rows));
    }

    /** @return the colour of station {@code i} (evenly spaced hues, so many stations stay apart) */
    static Color stationColor(int i, int count) {
        Color[] base = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22)};
        if (count <= base.length) {
            return base[i];
        }
        return Color.getHSBColor(i / (float) count, 0.75f, 0.85f);
    }

    /** @return pixel height of one satellite row */
    int satelliteRowPx() {
        long sats = rows.stream().filter(Row::satellite).count();
        return (int) Math.max(1, Math.min(14, MAX_SATELLITE_AREA / Math.max(1, sats)));
    }

    /** @return the picture as PNG bytes, titled for the whole mission */
    public byte[] png() {
        return png("Contacts by station and umbra, whole mission");
    }

    /** @return the picture as PNG bytes, with {@code title} (the span and "UTC" are added) */
    public byte[] png(String title) {
        int stationRows = (int) rows.stream().filter(r -> !r.satellite()).count();
        int satRows = rows.size() - stationRows;
        int rowPx = satelliteRowPx();
        int legendLines = 1 + (stations.size() + 1) / 6;
        int plotTop = TOP + 16 * legendLines + 6;
        int stationBottom = plotTop + stationRows * STATION_ROW;
        int satTop = stationBottom + 10;
        int plotBottom = satTop + satRows * rowPx;
        int height = plotBottom + 56;
        int w = WIDTH - LEFT - RIGHT;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title + " (" + days(spanS) + ", UTC)", LEFT, 20);
        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int lx = LEFT;
        int ly = TOP + 6;
        for (int i = 0; i <= stations.size(); i++) {
            if (i > 0 && i % 6 == 0) {
                lx = LEFT;
                ly += 16;
            }
            boolean umbraKey = i == stations.size();
            g.setColor(umbraKey ? Color.GRAY : stationColor(i, stations.size()));
            g.fillRect(lx, ly - 9, 12, 10);
            g.setColor(Color.BLACK);
            String label = umbraKey ? "umbra (satellite rows, lower half)" : "pass over " + stations.get(i);
            g.drawString(label, lx + 16, ly);
            lx += Math.max(150, g.getFontMetrics().stringWidth(label) + 30);
        }
        // rows: exact intervals when a pixel is under half a minute, else each pixel column is shaded
        // by the share of its time in contact (and in umbra), so a year of passes is a heat map,
        // not a solid bar
        double secPerPx = spanS / w;
        boolean exact = secPerPx <= 30;
        double maxStationShare = exact ? 1 : maxContactShare(w, false);
        double maxSatelliteShare = exact ? 1 : maxContactShare(w, true);
        int y = plotTop;
        int labelEvery = (int) Math.ceil(10.0 / rowPx);
        int satIndex = 0;
        for (Row r : rows) {
            int h = r.satellite() ? rowPx : STATION_ROW;
            if (r.satellite() && satIndex == 0) {
                y = satTop;
            }
            if (!r.satellite() || satIndex % labelEvery == 0) {
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, r.satellite() ? Font.PLAIN : Font.BOLD, Math.min(11, Math.max(9, h))));
                String label = r.label().length() > 18 ? r.label().substring(0, 17) + "\u2026" : r.label();
                g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), y + Math.max(h, 9) - 1);
            }
            if (h >= 4) {
                g.setColor(new Color(0xf4f4f4));
                g.fillRect(LEFT, y, w, h - 1);
            }
            boolean split = r.satellite() && h >= 4;
            int contactH = split ? (h - 1) / 2 + 1 : Math.max(1, h - 1);
            int umbraY = split ? y + contactH : y;
            int umbraH = split ? h - 1 - contactH : Math.max(1, h - 1);
            if (exact) {
                for (double[] u : r.umbra()) {
                    g.setColor(Color.GRAY);
                    int x0 = x(u[0], w);
                    g.fillRect(x0, umbraY, Math.max(1, x(u[1], w) - x0), Math.max(1, umbraH));
                }
                for (Pass p : r.contacts()) {
                    g.setColor(stationColor(p.station(), stations.size()));
                    int x0 = x(p.aosS(), w);
                    g.fillRect(x0, y, Math.max(1, x(p.losS(), w) - x0), contactH);
                }
            } else {
                double[] umbra = new double[w];
                for (double[] u : r.umbra()) {
                    cover(umbra, u[0], u[1], secPerPx);
                }
                double[][] byStation = contactCover(r, w, secPerPx);
                for (int col = 0; col < w; col++) {
                    double uShare = umbra[col] / secPerPx;
                    double cShare = 0;
                    int best = -1;
                    for (int k = 0; k < byStation.length; k++) {
                        cShare += byStation[k][col];
                        if (best < 0 || byStation[k][col] > byStation[best][col]) {
                            best = k;
                        }
                    }
                    cShare /= secPerPx;
                    Color bg = blend(h >= 4 ? new Color(0xf4f4f4) : Color.WHITE, Color.GRAY, Math.min(1, uShare));
                    if (split) {
                        g.setColor(bg);
                        g.fillRect(LEFT + col, umbraY, 1, Math.max(1, umbraH));
                        bg = new Color(0xf4f4f4);
                    }
                    double max = r.satellite() ? maxSatelliteShare : maxStationShare;
                    Color c = cShare > 0 ? blend(bg, stationColor(best, stations.size()), Math.min(1, 0.15 + 0.85 * cShare / max)) : bg;
                    g.setColor(c);
                    g.fillRect(LEFT + col, y, 1, split ? contactH : Math.max(1, h - 1));
                }
            }
            y += h;
            if (r.satellite()) {
                satIndex++;
            }
        }
        if (!exact) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(String.format(java.util.Locale.ROOT, "each pixel column is %s: colour strength is the share of it in contact"
                    + " (full colour: %.1f%% for a satellite, %.1f%% for a station), grey the share in umbra", duration(secPerPx),
                    100 * maxSatelliteShare, 100 * maxStationShare), LEFT, plotBottom + 48);
        }
        // axes and UTC ticks
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, plotTop, w, stationBottom - plotTop);
        g.drawRect(LEFT, satTop, w, plotBottom - satTop);
        double tick = tickS(spanS);
        DateTimeFormatter f = DateTimeFormatter.ofPattern(tick < 86400 ? "MM-dd HH:mm" : "yyyy-MM-dd").withZone(ZoneOffset.UTC);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        long startEpoch = epoch.getEpochSecond();
        double first = Math.ceil(startEpoch / tick) * tick - startEpoch;
        for (double t = first; t <= spanS + 1e-6; t += tick) {
            int x = x(t, w);
            g.setColor(new Color(0, 0, 0, 60));
            g.drawLine(x, plotTop, x, plotBottom);
            g.setColor(Color.BLACK);
            g.drawLine(x, plotBottom, x, plotBottom + 4);
            String s = f.format(epoch.plusMillis(Math.round(t * 1000)));
            g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, plotBottom + 17);
        }
        g.drawString("time (UTC)", LEFT + w / 2 - 25, plotBottom + 32);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the timeline", e);
        }
    }

    private double[][] contactCover(Row r, int w, double secPerPx) {
        double[][] byStation = new double[stations.size()][w];
        for (Pass p : r.contacts()) {
            cover(byStation[p.station()], p.aosS(), p.losS(), secPerPx);
        }
        return byStation;
    }

    /** @return the largest share of a pixel column in contact over all rows (for the colour scale) */
    private double maxContactShare(int w, boolean satellites) {
        double secPerPx = spanS / w;
        double max = 0;
        for (Row r : rows) {
            if (r.satellite() != satellites) {
                continue;
            }
            double[] all = new double[w];
            for (Pass p : r.contacts()) {
                cover(all, p.aosS(), p.losS(), secPerPx);
            }
            for (double v : all) {
                max = Math.max(max, v / secPerPx);
            }
        }
        return max > 0 ? Math.min(1, max) : 1;
    }

    /** Adds to each pixel column the seconds of [startS, endS] that fall in it. */
    private static void cover(double[] cols, double startS, double endS, double secPerPx) {
        int c0 = (int) Math.max(0, Math.floor(startS / secPerPx));
        int c1 = (int) Math.min(cols.length - 1, Math.floor(endS / secPerPx));
        for (int c = c0; c <= c1; c++) {
            double lo = Math.max(startS, c * secPerPx);
            double hi = Math.min(endS, (c + 1) * secPerPx);
            if (hi > lo) {
                cols[c] += hi - lo;
            }
        }
    }

    private static Color blend(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static String duration(double s) {
        return s < 3600 ? String.format(java.util.Locale.ROOT, "%.0f min", s / 60) : String.format(java.util.Locale.ROOT, "%.1f h", s / 3600);
    }

    private int x(double tS, int w) {
        return LEFT + (int) Math.round(Math.max(0, Math.min(spanS, tS)) / spanS * w);
    }

    /** @return a tick step giving at most about 12 labels over {@code spanS} */
    static double tickS(double spanS) {
        double[] steps = {900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400,
            30 * 86400, 91 * 86400, 365 * 86400};
        for (double s : steps) {
            if (spanS / s <= 12) {
                return s;
            }
        }
        return steps[steps.length - 1];
    }

    private static String days(double s) {
        return s >= 2 * 86400 ? String.format(java.util.Locale.ROOT, "%.0f days", s / 86400)
                : String.format(java.util.Locale.ROOT, "%.1f h", s / 3600);
    }
}

package io.onorbit.verification.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of a long command on stderr, drawn by {@code me.tongfei:progressbar}: a bar with rate
 * and ETA when stderr is a terminal, a plain line every {@value #LINE_INTERVAL_S} s when it is
 * not (a CI log), nothing with {@code --quiet}. Work shorter than {@value #QUIET_START_S} s never
 * prints a line in a log. Thread-safe.
 */
public final class ProgressBar implements AutoCloseable {

    /** Seconds between two plain progress lines in a log. */
    static final long LINE_INTERVAL_S = 10;
    /** A log gets no progress line before this many seconds: short commands stay silent. */
    static final long QUIET_START_S = 5;
    /**
     * System property the {@code onorbit} launcher sets from {@code [ -t 2 ]}: {@code bar} when
     * stderr is a terminal, {@code lines} when it is not. Without it (in-process use: tests, an
     * embedding program) a console means a terminal, and anything else shows nothing, so that a
     * caller's captured stderr holds only what the command says.
     */
    public static final String MODE_PROPERTY = "onorbit.progress";

    /** How progress is shown. */
    public enum Mode {
        /** A redrawn bar with rate and ETA (a person at a terminal). */
        BAR,
        /** A plain line now and then (a log). */
        LINES,
        /** Nothing ({@code --quiet}). */
        OFF;

        /**
         * @param spec the running command
         * @return OFF with {@code --quiet} anywhere on the command line, else what stderr is
         */
        public static Mode of(CommandSpec spec) {
            if (quiet(spec.root().commandLine().getParseResult())) {
                return OFF;
            }
            String p = System.getProperty(MODE_PROPERTY, "");
            if (p.equals("bar")) {
                return BAR;
            }
            if (p.equals("lines")) {
                return LINES;
            }
            return System.console() != null ? BAR : OFF;
        }

        /** @return true with {@code --quiet} anywhere on the command line: nothing but errors on standard error */
        public static boolean quietOn(CommandSpec spec) {
            return quiet(spec.root().commandLine().getParseResult());
        }

        private static boolean quiet(CommandLine.ParseResult r) {
            if (r == null) {
                return false;
            }
            if (r.hasMatchedOption("--quiet")) {
                return true;
            }
            return r.subcommands().stream().anyMatch(Mode::quiet);
        }
    }

    private final me.tongfei.progressbar.ProgressBar bar;
    private final long max;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    private ProgressBar(me.tongfei.progressbar.ProgressBar bar, long max) {
        this.bar = bar;
        this.max = max;
    }

    /**
     * A bar over a fraction of the work (shown in percent).
     *
     * @param label   what runs, e.g. "simulate"
     * @param spec    the running command (for --quiet and its stderr)
     * @param worthIt false for work known to be short: then nothing is drawn
     */
    public static ProgressBar fraction(String label, CommandSpec spec, boolean worthIt) {
        return start(label, spec, worthIt ? Mode.of(spec) : Mode.OFF, 1000, "%", 10);
    }

    /**
     * A bar over counted work.
     *
     * @param label    what runs
     * @param spec     the running command
     * @param mode     how to show it
     * @param max      total, in counted steps
     * @param unit     unit name shown after the numbers (e.g. " runs", " days")
     * @param unitSize steps per shown unit (e.g. 86400 for seconds shown as days)
     */
    public static ProgressBar start(String label, CommandSpec spec, Mode mode, long max, String unit, long unitSize) {
        return start(label, spec, mode, max, unit, unitSize, Duration.ofSeconds(LINE_INTERVAL_S), Duration.ofSeconds(QUIET_START_S));
    }

    /** As above, with the log's line interval and silent start given (tests use short ones). */
    static ProgressBar start(String label, CommandSpec spec, Mode mode, long max, String unit, long unitSize,
                             Duration lineInterval, Duration quietStart) {
        if (mode == Mode.OFF || max <= 0) {
            return new ProgressBar(null, max);
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(label).setInitialMax(max)
                .setUnit(unit, unitSize).showSpeed(new java.text.DecimalFormat("0.0##"))
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS);
        if (mode == Mode.BAR) {
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).clearDisplayOnFinish()
                    .setConsumer(new TerminalConsumer(err));
        } else {
            b.setUpdateIntervalMillis((int) lineInterval.toMillis()).setConsumer(new LogConsumer(err, quietStart))
                    .setRenderer((state, width) -> line(state, unit, unitSize));
        }
        return new ProgressBar(b.build(), max);
    }

    /** @param fraction done, [0, 1] (for {@link #fraction} bars) */
    public void update(double fraction) {
        stepTo(Math.round(Math.max(0, Math.min(1, fraction)) * max));
    }

    /** @param done steps done, [0, max] */
    public void stepTo(long done) {
        if (bar != null && !finished.get()) {
            bar.stepTo(Math.max(0, Math.min(max, done)));
        }
    }

    /** Stops drawing and clears the bar's line. */
    public void finish() {
        if (bar != null && finished.compareAndSet(false, true)) {
            bar.close();
        }
    }

    @Override
    public void close() {
        finish();
    }

    /** @return a plain log line: "label: 42% (3.0 / 7.0 days), 0.21 days/s, 0:00:19 left" */
    static String line(ProgressState s, String unit, long unitSize) {
        long cur = s.getCurrent();
        long max = s.getMax();
        double elapsedS = Duration.between(s.getStartInstant(), java.time.Instant.now()).toMillis() / 1000.0;
        double pct = max <= 0 ? 0 : 100.0 * cur / max;
        StringBuilder b = new StringBuilder(s.getTaskName()).append(": ");
        b.append(String.format(Locale.ROOT, "%.0f%%", pct));
        if (!unit.equals("%")) {
            b.append(String.format(Locale.ROOT, " (%s / %s%s)", num(cur / (double) unitSize), num(max / (double) unitSize), unit));
        }
        if (cur > 0 && elapsedS > 0) {
            if (!unit.equals("%")) {
                b.append(String.format(Locale.ROOT, ", %s%s/s", num(cur / (double) unitSize / elapsedS), unit));
            }
            b.append(", ").append(hms((max - cur) * elapsedS / cur)).append(" left");
        }
        b.append(String.format(Locale.ROOT, " (%s elapsed)", hms(elapsedS)));
        return b.toString();
    }

    /** @return {@code v} with three significant digits, never in exponent form */
    private static String num(double v) {
        if (v == 0 || Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        int decimals = Math.max(0, Math.min(9, 2 - (int) Math.floor(Math.log10(Math.abs(v)))));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String hms(double s) {
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    }

    /** Redraws the bar in place on the terminal. */
    private static final class TerminalConsumer implements ProgressBarConsumer {
        private static final int WIDTH = 100;
        private final PrintWriter err;
        private int drawn;

        TerminalConsumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            String cols = System.getenv("COLUMNS");
            try {
                return cols == null ? WIDTH : Math.max(40, Integer.parseInt(cols.trim()) - 1);
            } catch (NumberFormatException e) {
                return WIDTH;
            }
        }

        @Override
        public synchronized void accept(String rendered) {
            err.print('\r' + rendered + " ".repeat(Math.max(0, drawn - rendered.length())));
            err.flush();
            drawn = rendered.length();
        }

        @Override
        public synchronized void clear() {
            if (drawn > 0) {
                err.print('\r' + " ".repeat(drawn) + '\r');
                err.flush();
                drawn = 0;
            }
        }

        @Override
        public void close() {
            clear();
        }
    }

    /** Prints a plain line per update, after the first few seconds (a log needs no line for short work). */
    private static final class LogConsumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private final long startNs = System.nanoTime();
        private final long quietNs;

        LogConsumer(PrintWriter err, Duration quietStart) {
            this.err = err;
            this.quietNs = quietStart.toNanos();
        }

        @Override
        public int getMaxRenderedLength() {
            return 200;
        }

        @Override
        public void accept(String rendered) {
            if (System.nanoTime() - startNs >= quietNs) {
                synchronized (err) {
                    err.println(rendered);
                    err.flush();
                }
            }
        }

        @Override
        public void close() {
            // a log keeps its lines
        }
    }
}

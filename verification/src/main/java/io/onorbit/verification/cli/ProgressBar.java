package io.onorbit.verification.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, drawn only when a person is watching (a console is attached)
 * and the job is long enough to be worth it. Thread-safe; redraws at most once per percent.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final String label;
    private final PrintWriter err;
    private final boolean enabled;
    private int lastPercent = -1;

    private ProgressBar(String label, PrintWriter err, boolean enabled) {
        this.label = label;
        this.err = err;
        this.enabled = enabled;
    }

    /**
     * @param worthIt true if the job is long enough for a bar
     * @return a bar that draws only on a terminal
     */
    public static ProgressBar forTerminal(String label, PrintWriter err, boolean worthIt) {
        return new ProgressBar(label, err, worthIt && System.console() != null);
    }

    /** @param fraction done, [0, 1] */
    public synchronized void update(double fraction) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
        err.flush();
    }

    /** Clears the bar's line. */
    public synchronized void finish() {
        if (enabled && lastPercent >= 0) {
            err.print("\r" + " ".repeat(label.length() + WIDTH + 8) + "\r");
            err.flush();
        }
    }
}

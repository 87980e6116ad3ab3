package io.onorbit.verification.cli;

import io.onorbit.verification.sim.MissionSimulator;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, drawn only when a person is watching (a console is
 * attached); in pipes and CI it draws nothing. Redraws at most five times a second.
 */
final class ProgressBar implements MissionSimulator.ProgressListener {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean drawn;

    private ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** @return a bar on stderr if a console is attached, otherwise a listener that does nothing */
    static MissionSimulator.ProgressListener forConsole(String label) {
        return System.console() != null ? new ProgressBar(System.err, label) : (d, t) -> { };
    }

    @Override
    public void progress(double doneS, double totalS) {
        long now = System.nanoTime();
        boolean last = doneS >= totalS;
        if (!last && now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        double f = Math.max(0, Math.min(1, doneS / totalS));
        int full = (int) Math.round(f * WIDTH);
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %.1f/%.1f days %.0f s",
                label, "#".repeat(full), " ".repeat(WIDTH - full), 100 * f, doneS / 86400, totalS / 86400,
                (now - startNanos) / 1e9));
        drawn = true;
        if (last) {
            out.println();
        }
        out.flush();
    }

    boolean drawn() {
        return drawn;
    }
}

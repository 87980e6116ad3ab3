package io.onorbit.verification.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * While a long command runs, Ctrl-C (or SIGTERM) stops it cleanly: the progress bar is cleared
 * and one line says what was kept and where. Close it when the command ends normally.
 */
public final class StopNotice implements AutoCloseable {

    private final Thread hook;
    private final PrintWriter err;
    private final ProgressBar bar;
    private final Supplier<String> what;

    private StopNotice(Thread hook, PrintWriter err, ProgressBar bar, Supplier<String> what) {
        this.hook = hook;
        this.err = err;
        this.bar = bar;
        this.what = what;
    }

    /**
     * @param err  where to say it
     * @param bar  the command's progress bar, cleared first
     * @param what what was kept and where, e.g. "12 of 18 runs are kept in out/runs; run the same command again to resume"
     * @return the notice; close it when the command ends
     */
    public static StopNotice register(PrintWriter err, ProgressBar bar, Supplier<String> what) {
        Objects.requireNonNull(what, "what");
        StopNotice[] self = new StopNotice[1];
        Thread hook = new Thread(() -> self[0].say(), "onorbit-stop-notice");
        self[0] = new StopNotice(hook, err, bar, what);
        Runtime.getRuntime().addShutdownHook(hook);
        return self[0];
    }

    /** Clears the bar and says what was kept (what the hook does when the JVM is stopped). */
    void say() {
        bar.finish();
        synchronized (err) {
            err.println();
            err.println("onorbit: stopped; " + what.get());
            err.flush();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already stopping: the hook runs and says its line
        }
    }
}

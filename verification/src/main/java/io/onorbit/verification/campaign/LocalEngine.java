package io.onorbit.verification.campaign;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The default engine: the runs share a fixed pool of threads in this process (no set-up at all). */
public final class LocalEngine implements CampaignEngine {

    /** What results.json names as the member of a local run. */
    static final String MEMBER = "local";

    private final int threads;
    private final ExecutorService pool;

    /** @param threads runs at a time, at least 1 (usually the number of cores) */
    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be >= 1");
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "campaign-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void run(List<RunTask> tasks, Consumer<RunOutcome> done) throws InterruptedException {
        CompletionService<RunOutcome> cs = new ExecutorCompletionService<>(pool);
        for (RunTask t : tasks) {
            cs.submit(() -> t.run(MEMBER));
        }
        for (int i = 0; i < tasks.size(); i++) {
            try {
                done.accept(cs.take().get());
            } catch (ExecutionException e) {
                // RunTask.run returns failures as outcomes; reaching here is a defect in OnOrbit.
                throw new IllegalStateException("campaign run failed outside its own error handling", e.getCause());
            }
        }
    }

    @Override
    public String describe() {
        return threads + " local thread" + (threads == 1 ? "" : "s");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

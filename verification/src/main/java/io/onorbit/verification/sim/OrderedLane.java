package io.onorbit.verification.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks on one background thread in exactly the order they were submitted, so work that
 * depends only on what the loop hands it (the reference learners that score the samples the
 * spacecraft trained on) uses a second core and still computes what it would on the loop's thread:
 * the same calls on the same objects in the same order.
 *
 * <p>Tasks are collected into a chunk and handed over by {@link #handOff} (once per
 * synchronization interval, not per step, so the hand-over costs nothing measurable); at most
 * {@value #CHUNKS_AHEAD} chunks wait, then {@link #handOff} blocks until the lane catches up, so
 * memory stays bounded. {@link #drain} waits for everything submitted; what a task writes is visible
 * to the caller after it. The first failure is rethrown by {@link #handOff} or {@link #drain}, and
 * no later task runs on the state it broke. Not thread-safe on the submitting side: one loop owns it.
 */
final class OrderedLane implements AutoCloseable {

    /** Chunks handed over and not yet run before {@link #handOff} waits. */
    static final int CHUNKS_AHEAD = 16;

    private final String name;
    private final ExecutorService thread;
    private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();
    private List<Runnable> chunk = new ArrayList<>();
    private volatile boolean failed;

    /** @param name the thread's name, also named in a failure */
    OrderedLane(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a task to the current chunk; it runs after every task submitted before it. */
    void submit(Runnable task) {
        chunk.add(Objects.requireNonNull(task, "task"));
    }

    /** Hands the current chunk to the lane; waits while {@value #CHUNKS_AHEAD} chunks are still queued. */
    void handOff() {
        if (!chunk.isEmpty()) {
            List<Runnable> tasks = chunk;
            chunk = new ArrayList<>();
            pending.add(thread.submit(() -> run(tasks)));
        }
        while (pending.size() > CHUNKS_AHEAD) {
            await(pending.poll());
        }
    }

    /** Hands over what is left and waits until every submitted task has run. */
    void drain() {
        handOff();
        while (!pending.isEmpty()) {
            await(pending.poll());
        }
    }

    private void run(List<Runnable> tasks) {
        if (failed) {
            return;
        }
        try {
            for (Runnable r : tasks) {
                r.run();
            }
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    private void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the thread; tasks not yet run are discarded. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}

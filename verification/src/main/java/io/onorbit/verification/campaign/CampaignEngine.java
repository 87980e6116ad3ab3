package io.onorbit.verification.campaign;

import java.util.List;
import java.util.function.Consumer;

/** Runs a campaign's runs somewhere and hands back each outcome as it arrives. */
public interface CampaignEngine extends AutoCloseable {

    /**
     * Runs every task once and calls {@code done} once per task (from a single thread at a time).
     *
     * @param tasks the runs still to do
     * @param done  receives each outcome
     * @throws InterruptedException if the calling thread is interrupted (e.g. Ctrl-C); finished outcomes were delivered
     */
    void run(List<RunTask> tasks, Consumer<RunOutcome> done) throws InterruptedException;

    /** @return where the runs go, for a person (e.g. "2 local threads") */
    String describe();

    @Override
    void close();
}

package io.onorbit.verification.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a validated campaign into its folder: skips runs the folder already holds, hands the rest
 * to an engine, journals each outcome as it arrives (first outcome per run id wins, so no run is
 * counted twice), then writes the tables and the page.
 */
public final class CampaignRunner {

    /** Receives progress: runs done (resumed ones included) out of the total. */
    @FunctionalInterface
    public interface Progress {
        void runDone(int done, int total, RunOutcome last);
    }

    /**
     * What happened.
     *
     * @param total      runs in the campaign
     * @param resumed    runs taken from the folder, not run again
     * @param ran        runs run now
     * @param failed     runs that failed
     * @param duplicates outcomes that arrived for a run already recorded (ignored; 0 unless an engine misbehaves)
     * @param wallS      wall time of this invocation, s
     * @param outcomes   every run's outcome by run id
     */
    public record Summary(int total, int resumed, int ran, int failed, int duplicates, double wallS,
                          Map<String, RunOutcome> outcomes) {
        public Summary {
            outcomes = Map.copyOf(outcomes);
        }
    }

    private CampaignRunner() {
    }

    /**
     * @throws InterruptedException when stopped (Ctrl-C): every run finished so far is journaled in the folder
     */
    public static Summary run(CampaignLoader.Campaign c, CampaignFolder folder, CampaignEngine engine, Progress progress)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Map<String, RunOutcome> outcomes = new HashMap<>(folder.finished(c.tasks()));
        Set<String> resumed = new TreeSet<>(outcomes.keySet());
        Map<String, RunTask> byId = new HashMap<>();
        List<RunTask> todo = new ArrayList<>();
        for (RunTask t : c.tasks()) {
            byId.put(t.runId(), t);
            if (!outcomes.containsKey(t.runId())) {
                todo.add(t);
            }
        }
        int total = c.tasks().size();
        int[] duplicates = {0};
        progress.runDone(outcomes.size(), total, null);
        engine.run(todo, o -> {
            RunTask t = byId.get(o.runId());
            if (t == null || outcomes.containsKey(o.runId())) {
                duplicates[0]++;
                return;
            }
            outcomes.put(o.runId(), o);
            folder.journal(t, o);
            progress.runDone(outcomes.size(), total, o);
        });
        double wallS = (System.nanoTime() - t0) / 1e9;
        CampaignResults.write(folder, c, outcomes, resumed, engine.describe(), wallS);
        int failed = (int) outcomes.values().stream().filter(o -> !o.ok()).count();
        return new Summary(total, resumed.size(), todo.size(), failed, duplicates[0], wallS, outcomes);
    }
}

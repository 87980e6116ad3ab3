package io.onorbit.verification.campaign;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends runs to a Hazelcast cluster of {@code onorbit worker} members, as a client. The campaign
 * keeps the books: each member gets at most as many runs as it has run slots (its
 * {@value ClusterSettings#THREADS_ATTRIBUTE} attribute), a run whose member leaves or drops the
 * connection before answering goes back to the front of the queue and is sent to another member,
 * and each run id is handed on exactly once, whatever happened on the way. Runs are pure
 * functions of their task, so a run that did finish on a member that died before answering gives
 * the same figures when run again.
 */
public final class ClusterEngine implements CampaignEngine {

    /** Times a run is sent before it is recorded as failed (members that keep dying under it). */
    static final int MAX_ATTEMPTS = 5;
    private static final long POLL_MS = 200;

    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final String description;

    private ClusterEngine(HazelcastInstance client, String description) {
        this.client = client;
        this.executor = client.getExecutorService(ClusterSettings.EXECUTOR);
        this.description = description;
    }

    /**
     * Connects to the cluster.
     *
     * @param members     member addresses (any one that answers is enough)
     * @param clusterName cluster name
     * @return the engine
     * @throws IllegalStateException if no member answered in time
     */
    public static ClusterEngine connect(List<ClusterAddress> members, String clusterName) {
        HazelcastInstance c = HazelcastClient.newHazelcastClient(ClusterSettings.client(members, clusterName));
        return new ClusterEngine(c, "cluster '" + clusterName + "' via " + members);
    }

    /** @return run slots across the cluster's current members */
    public int slots() {
        return client.getCluster().getMembers().stream().mapToInt(ClusterEngine::threads).sum();
    }

    @Override
    public void run(List<RunTask> tasks, Consumer<RunOutcome> done) throws InterruptedException {
        Deque<RunTask> pending = new ArrayDeque<>(tasks);
        Map<UUID, Integer> inFlight = new HashMap<>();
        Map<String, Integer> attempts = new HashMap<>();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        int remaining = tasks.size();
        while (remaining > 0) {
            for (Member m : client.getCluster().getMembers()) {
                int free = threads(m) - inFlight.getOrDefault(m.getUuid(), 0);
                for (; free > 0 && !pending.isEmpty(); free--) {
                    RunTask t = pending.removeFirst();
                    attempts.merge(t.runId(), 1, Integer::sum);
                    inFlight.merge(m.getUuid(), 1, Integer::sum);
                    UUID uuid = m.getUuid();
                    executor.submitToMember(new MemberTask(t), m, new ExecutionCallback<RunOutcome>() {
                        @Override
                        public void onResponse(RunOutcome response) {
                            events.add(new Event(t, uuid, response, null));
                        }

                        @Override
                        public void onFailure(Throwable e) {
                            events.add(new Event(t, uuid, null, e));
                        }
                    });
                }
            }
            Event e = events.poll(POLL_MS, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            inFlight.merge(e.member(), -1, Integer::sum);
            if (e.outcome() != null) {
                done.accept(e.outcome());
                remaining--;
            } else if (attempts.get(e.task().runId()) >= MAX_ATTEMPTS) {
                done.accept(RunOutcome.failed(e.task().runId(), "the cluster lost this run " + MAX_ATTEMPTS
                        + " times (last: " + RunTask.oneLine(e.failure()) + ")", 0, "cluster"));
                remaining--;
            } else {
                // The member left or the connection dropped before it answered: run it elsewhere.
                pending.addFirst(e.task());
            }
        }
    }

    private static int threads(Member m) {
        String t = m.getAttribute(ClusterSettings.THREADS_ATTRIBUTE);
        try {
            return t == null ? 1 : Math.max(1, Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public String describe() {
        return description + ", " + client.getCluster().getMembers().size() + " member(s), " + slots() + " run slot(s)";
    }

    @Override
    public void close() {
        client.shutdown();
    }

    private record Event(RunTask task, UUID member, RunOutcome outcome, Throwable failure) { }

    /** A run as it travels to a member; the member it lands on names itself in the outcome. */
    static final class MemberTask implements Callable<RunOutcome>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final RunTask task;
        private transient String member = "cluster member";

        MemberTask(RunTask task) {
            this.task = Objects.requireNonNull(task, "task");
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hz) {
            var a = hz.getCluster().getLocalMember().getAddress();
            member = a.getHost() + ":" + a.getPort();
        }

        @Override
        public RunOutcome call() {
            return task.run(member == null ? "cluster member" : member);
        }
    }
}

package io.onorbit.verification.campaign;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.onorbit.verification.cli.UserInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onorbit worker --listen HOST:PORT}: a cluster member that runs campaign runs until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Start a cluster member (Hazelcast) that runs campaign runs sent by "
                + "'onorbit campaign --cluster'. Runs until stopped (Ctrl-C or SIGTERM); a run it held is then "
                + "sent to another member.",
                "Joins only the members named by --join (TCP/IP, no multicast, no phone-home)."})
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "address to listen on, e.g. 127.0.0.1:5701")
    String listen;

    @Option(names = "--join", paramLabel = "HOST:PORT[,HOST:PORT...]", description = "members to join (none: start a new cluster)")
    String join;

    @Option(names = "--threads", paramLabel = "N", description = "runs at a time on this member (default: all cores)")
    Integer threads;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name (default: onorbit)")
    String clusterName = ClusterSettings.DEFAULT_CLUSTER_NAME;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ClusterAddress self;
        List<ClusterAddress> others;
        try {
            self = ClusterAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--listen " + e.getMessage());
        }
        try {
            others = join == null ? List.of() : ClusterAddress.parseList(join);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--join " + e.getMessage());
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 4096) {
            throw new UserInputException("--threads " + n + " must be in [1, 4096]");
        }
        PrintWriter err = spec.commandLine().getErr();
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(ClusterSettings.member(self, others, n, clusterName));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--listen/--join: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UserInputException("--listen " + listen + ": cannot start a member there (" + RunTask.oneLine(e)
                    + "); is the port free and the address this machine's?", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                say(err, "member joined: " + e.getMember().getAddress() + " (" + e.getMembers().size() + " members)");
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                say(err, "member left: " + e.getMember().getAddress() + " (" + e.getMembers().size() + " members)");
            }
        });
        say(err, "worker " + self + " of cluster '" + clusterName + "', " + n + " run slot(s); members: "
                + hz.getCluster().getMembers().size() + ". Stop with Ctrl-C.");
        stopped.await();
        say(err, "worker " + self + " stopped");
        return 0;
    }

    private static void say(PrintWriter err, String line) {
        synchronized (err) {
            err.println("onorbit worker: " + line);
            err.flush();
        }
    }
}

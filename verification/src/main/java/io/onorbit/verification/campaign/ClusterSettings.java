package io.onorbit.verification.campaign;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of an OnOrbit cluster, in one place for members and the campaign:
 * explicit TCP/IP join to the addresses given (multicast and auto-detection off, so a member
 * never looks beyond them), bound to the listen address only, no phone-home, Jet off, and one
 * executor whose pool is the member's run slots.
 */
public final class ClusterSettings {

    /** Default cluster name: members and campaigns must agree on it. */
    public static final String DEFAULT_CLUSTER_NAME = "onorbit";
    /** The executor campaign runs go to. */
    static final String EXECUTOR = "onorbit-campaign-runs";
    /** Member attribute: how many runs the member takes at a time. */
    static final String THREADS_ATTRIBUTE = "onorbit.threads";
    /** How long a campaign waits for a first member to answer, ms. */
    static final long CONNECT_TIMEOUT_MS = 15_000;

    private ClusterSettings() {
    }

    /**
     * Hazelcast logs through java.util.logging; its INFO lines (join, partitions, ...) would drown
     * the command's own output. Warnings (a member lost, ...) still show. Held here because
     * java.util.logging keeps loggers only weakly: a level set on a dropped logger is lost.
     */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static {
        HAZELCAST_LOG.setLevel(Level.WARNING);
    }

    /**
     * @param listen      address this member binds and listens on
     * @param join        other members to join (may be empty: the first member)
     * @param threads     runs this member takes at a time
     * @param clusterName cluster name
     * @return the member configuration
     */
    public static Config member(ClusterAddress listen, List<ClusterAddress> join, int threads, String clusterName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be >= 1");
        }
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setInstanceName("onorbit-worker-" + listen.host() + "-" + listen.port());
        common(c.getProperties());
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        // The members to join are named explicitly: no need for the default 5 s of waiting for others.
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.getJetConfig().setEnabled(false);
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(listen.port()).setPortAutoIncrement(false);
        String ip = ip(listen.host());
        net.getInterfaces().setEnabled(true).addInterface(ip);
        net.setPublicAddress(ip + ":" + listen.port());
        JoinConfig j = net.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>();
        members.add(ip + ":" + listen.port());
        for (ClusterAddress a : join) {
            members.add(ip(a.host()) + ":" + a.port());
        }
        j.getTcpIpConfig().setEnabled(true).setMembers(members);
        c.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(threads));
        c.getExecutorConfig(EXECUTOR).setPoolSize(threads).setStatisticsEnabled(false);
        return c;
    }

    /**
     * @param members     members to connect to (any one that answers is enough)
     * @param clusterName cluster name
     * @return the configuration of the campaign's client
     */
    public static ClientConfig client(List<ClusterAddress> members, String clusterName) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(clusterName);
        c.setInstanceName("onorbit-campaign-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        common(c.getProperties());
        for (ClusterAddress a : members) {
            c.getNetworkConfig().addAddress(a.toString());
        }
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(CONNECT_TIMEOUT_MS);
        return c;
    }

    private static void common(java.util.Properties p) {
        p.setProperty("hazelcast.phone.home.enabled", "false");
        p.setProperty("hazelcast.logging.type", "jdk");
    }

    private static String ip(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }
}

package io.onorbit.verification.bench;

import io.onorbit.verification.campaign.CampaignLoader;
import io.onorbit.verification.campaign.RunTask;
import io.onorbit.verification.report.AtomicOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Campaign throughput, every figure as a person would get it (each command a fresh process of the
 * {@code ./onorbit} launcher, JVM start included), in one run on the same grid:
 * <ol>
 *   <li>baseline: a shell loop of {@code onorbit simulate}, one process per run, over the grid's
 *       missions (the overridden mission files are written out first, as a person would by hand);</li>
 *   <li>{@code onorbit campaign} on local threads, {@code --threads 1} and {@code --threads 2};</li>
 *   <li>{@code onorbit campaign --cluster} on two {@code onorbit worker} processes on loopback,
 *       one run slot each.</li>
 * </ol>
 * Prints runs per minute for each and the ratio to the shell loop, checks that the three
 * campaigns' results.csv are byte-identical, and prints the load average before and after.
 * Usage: {@code CampaignBench REPO_ROOT [CAMPAIGN.yaml]} (default: a 12-run grid on sso-550km over 0.25 days).
 */
public final class CampaignBench {

    private CampaignBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("onorbit-campaign-bench-");
        try {
            Path campaign;
            if (args.length > 1) {
                campaign = Path.of(args[1]).toAbsolutePath();
            } else {
                campaign = work.resolve("bench.yaml");
                Files.writeString(campaign, "campaign: bench\nmission: " + root.resolve("mission-configs/sso-550km.yaml")
                        + "\ndays: 0.25\nseeds: [1, 2]\nvary:\n  spacecraft.power.battery.capacity_wh: [20, 40, 77]\n"
                        + "  learning.trainable: [last_layer, sparse_rows]\n");
            }
            run(root, work, campaign);
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    private static void run(Path root, Path work, Path campaignFile) throws Exception {
        CampaignLoader.Campaign c = CampaignLoader.load(campaignFile);
        int n = c.tasks().size();
        System.out.printf(Locale.ROOT, "campaign %s: %d runs of %s; %d cores; load before: %s%n", c.spec().name(), n,
                c.spec().missionFile().getFileName(), Runtime.getRuntime().availableProcessors(), load());
        String launcher = root.resolve("onorbit").toString();
        exec(List.of(launcher, "--version"), root); // build once, outside every timing

        // 1. The shell loop a person writes today: one mission file and one JVM per run.
        Path missions = Files.createDirectories(work.resolve("missions"));
        StringBuilder loop = new StringBuilder("set -e\n");
        for (RunTask t : c.tasks()) {
            Path m = missions.resolve(t.runId() + ".yaml");
            Files.writeString(m, t.missionJson()); // JSON is YAML
            loop.append(launcher).append(" simulate ").append(m).append(" --days ").append(t.durationMs() / 86_400_000.0)
                    .append(" --seed ").append(t.seed()).append(" --out ").append(work.resolve("sim/" + t.runId()))
                    .append(" >/dev/null\n");
        }
        Path script = work.resolve("loop.sh");
        Files.writeString(script, loop.toString());
        double shellS = time(List.of("bash", script.toString()), root);
        report("shell loop of onorbit simulate", n, shellS, shellS);

        // 2. Local threads.
        double local1 = time(List.of(launcher, "campaign", campaignFile.toString(), "--threads", "1",
                "--out", work.resolve("local-1").toString()), root);
        report("onorbit campaign --threads 1", n, local1, shellS);
        double local2 = time(List.of(launcher, "campaign", campaignFile.toString(), "--threads", "2",
                "--out", work.resolve("local-2").toString()), root);
        report("onorbit campaign --threads 2", n, local2, shellS);

        // 3. Two loopback workers, one run slot each.
        String name = "bench-" + UUID.randomUUID();
        int p1 = freePort();
        int p2 = freePort();
        List<Process> workers = new ArrayList<>();
        try {
            workers.add(worker(launcher, root, "127.0.0.1:" + p1, null, name));
            workers.add(worker(launcher, root, "127.0.0.1:" + p2, "127.0.0.1:" + p1, name));
            double cluster = time(List.of(launcher, "campaign", campaignFile.toString(), "--cluster",
                    "127.0.0.1:" + p1 + ",127.0.0.1:" + p2, "--cluster-name", name,
                    "--out", work.resolve("cluster").toString()), root);
            report("onorbit campaign --cluster (2 loopback workers x 1 slot)", n, cluster, shellS);
        } finally {
            for (Process w : workers) {
                w.destroy();
                w.waitFor(30, TimeUnit.SECONDS);
            }
        }
        String ref = Files.readString(work.resolve("local-1/results.csv"));
        boolean same = ref.equals(Files.readString(work.resolve("local-2/results.csv")))
                && ref.equals(Files.readString(work.resolve("cluster/results.csv")));
        System.out.println("results.csv byte-identical across --threads 1, --threads 2 and the cluster: " + same);
        System.out.println("load after: " + load());
    }

    private static Process worker(String launcher, Path root, String listen, String join, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher, "worker", "--listen", listen, "--threads", "1",
                "--cluster-name", name));
        if (join != null) {
            cmd.addAll(List.of("--join", join));
        }
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CountDownLatch up = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("onorbit worker: worker ")) {
                        up.countDown();
                    }
                }
            } catch (IOException e) {
                // the worker was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!up.await(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("worker " + listen + " did not start within 120 s");
        }
        return p;
    }

    private static void report(String what, int runs, double wallS, double shellS) {
        System.out.printf(Locale.ROOT, "  %-58s %7.1f s  %6.1f runs/min  x%.2f the shell loop%n", what, wallS,
                runs / wallS * 60, shellS / wallS);
    }

    private static double time(List<String> cmd, Path dir) throws Exception {
        long t0 = System.nanoTime();
        exec(cmd, dir);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void exec(List<String> cmd, Path dir) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + code);
        }
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

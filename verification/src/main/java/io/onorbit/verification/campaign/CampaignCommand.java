package io.onorbit.verification.campaign;

import io.onorbit.verification.cli.ExitCode;
import io.onorbit.verification.launcher.OnOrbitCli;
import io.onorbit.verification.cli.CommonOptions;
import io.onorbit.verification.cli.Outputs;
import io.onorbit.verification.cli.ProgressBar;
import io.onorbit.verification.cli.StopNotice;
import io.onorbit.verification.cli.UserInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code onorbit campaign CAMPAIGN.yaml}: a trade study, many runs of a mission, into one table. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"Run a trade study: the closed loop of a mission once per combination of the campaign's "
                + "overrides and seeds, on all local cores or on a cluster of onorbit workers.",
                "Writes results.csv (one row per run), results.json and index.html (trade plots) into the output "
                        + "folder; a stopped campaign resumes from it without repeating finished runs.",
                "Exit code: 0 all runs finished, 1 some run failed (recorded with its error), 2 bad input."})
public final class CampaignCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CAMPAIGN.yaml", description = "Campaign file (see mission-configs/SCHEMA.md).")
    Path campaignFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: onorbit-out/<campaign>)")
    Path out;

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "send the runs to these onorbit worker members (Hazelcast) instead of local threads")
    String cluster;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name the workers use (default: onorbit)")
    String clusterName = ClusterSettings.DEFAULT_CLUSTER_NAME;

    @Option(names = "--threads", paramLabel = "N", description = "local runs at a time (default: all cores)")
    Integer threads;

    @Mixin
    CommonOptions.TableOrJson format;

    @Mixin
    Outputs.Force force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        boolean json = format.json("campaign");
        PrintWriter err = spec.commandLine().getErr();
        CampaignLoader.Campaign c = CampaignLoader.load(campaignFile);
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new UserInputException("--threads " + threads + " must be in [1, 4096]");
        }
        List<ClusterAddress> members = null;
        if (cluster != null) {
            if (threads != null) {
                throw new UserInputException("--threads applies to local runs; with --cluster each worker sets its own");
            }
            try {
                members = ClusterAddress.parseList(cluster);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--cluster " + e.getMessage());
            }
        }
        Path dir = out != null ? out : Path.of("onorbit-out", c.spec().name());
        CampaignFolder folder = CampaignFolder.open(dir, c.spec().name(), force.on(), campaignFile, c.spec().missionFile());
        ProgressBar bar = ProgressBar.start("campaign " + c.spec().name(), spec, ProgressBar.Mode.of(spec),
                c.tasks().size(), " runs", 1);
        AtomicInteger done = new AtomicInteger();
        CampaignRunner.Summary s;
        try (StopNotice stop = StopNotice.register(err, bar, () -> done.get() + " of " + c.tasks().size()
                + " runs are kept in " + folder.runsDir() + "; run the same command again to resume");
             CampaignEngine engine = engine(members)) {
            s = CampaignRunner.run(c, folder, engine, (d, total, last) -> {
                done.set(d);
                bar.stepTo(d);
            });
        } finally {
            bar.finish();
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            try {
                pw.print(java.nio.file.Files.readString(dir.resolve("results.json")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            pw.printf(Locale.ROOT, "campaign %s: %d runs (%d run now, %d resumed from the folder), %d failed%n",
                    c.spec().name(), s.total(), s.ran(), s.resumed(), s.failed());
            pw.printf(Locale.ROOT, "  wall time   %.1f s (%.1f runs per minute)%n", s.wallS(),
                    s.ran() / Math.max(1e-9, s.wallS()) * 60);
            pw.println("  results     " + dir.resolve("results.csv"));
            pw.println("  report      " + dir.resolve("index.html"));
        }
        pw.flush();
        if (s.failed() > 0) {
            s.outcomes().values().stream().filter(o -> !o.ok()).sorted(java.util.Comparator.comparing(RunOutcome::runId))
                    .findFirst().ifPresent(o -> err.println("FIRST FAILED RUN: " + o.runId() + ": " + o.error().orElse("")));
            err.flush();
            return ExitCode.CHECK_FAILED;
        }
        return 0;
    }

    private CampaignEngine engine(List<ClusterAddress> members) {
        if (members == null) {
            return new LocalEngine(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        }
        try {
            return ClusterEngine.connect(members, clusterName);
        } catch (IllegalStateException e) {
            throw new UserInputException("--cluster " + cluster + ": no member of cluster '" + clusterName
                    + "' answered within " + ClusterSettings.CONNECT_TIMEOUT_MS / 1000
                    + " s (start them with: onorbit worker --listen HOST:PORT)", e);
        }
    }
}

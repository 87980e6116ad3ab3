package io.onorbit.verification.cli;

import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.orekit.errors.LocalizedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code onorbit plan}: contact windows, eclipses, beta angle and per-pass data volume. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Contact windows, eclipses, beta angle and per-pass data volume of a mission.")
public final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MISSION.yaml", description = "Mission file.")
    Path mission;

    @Option(names = "--days", paramLabel = "N", description = "Plan N days from the mission start instead of its duration.")
    Double days;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.")
    OutputFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of the terminal.")
    Path out;

    @Option(names = "--orekit-data", paramLabel = "DIR",
            description = "Full orekit-data folder (JPL Sun, real EOP); default: $OREKIT_DATA, else built-in models.")
    Path orekitData;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        MissionConfig m = MissionLoader.load(mission);
        if (days != null) {
            if (!(days > 0) || days > 3660) {
                throw new UserInputException("--days " + days + " must be in (0, 3660]");
            }
            m = m.withDuration(Duration.ofMillis(Math.round(days * 86_400_000L)));
        }
        OrbitContext context = orbitContext(orekitData);
        ProgressBar bar = ProgressBar.forTerminal("plan", spec.commandLine().getErr(), m.durationS() * m.satellites().size() > 30 * 86400);
        MissionPlan plan;
        try {
            plan = new MissionPlanner(context).withProgress(bar::update).plan(m);
        } catch (RuntimeException e) {
            throw dataProblem(context, m, e);
        } finally {
            bar.finish();
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            switch (format) {
                case JSON -> PlanWriter.json(plan, w);
                case CSV -> PlanWriter.csv(plan, w);
                default -> PlanWriter.table(plan, w);
            }
        }
        if (out != null) {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserInputException("--out " + out + ": cannot write (" + e.getMessage() + ")");
            }
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        }
        return 0;
    }

    /**
     * An orekit-data folder that lacks what the mission needs (an ephemeris or EOP not covering its
     * dates) is the user's to fix: one line, exit 2. Without a folder it is a defect.
     */
    static RuntimeException dataProblem(OrbitContext context, MissionConfig m, RuntimeException e) {
        // Orekit's exceptions (OrekitException, OrekitIllegalStateException, ...) are all localized ones.
        if (context.isFileFree() || !(e instanceof LocalizedException)) {
            return e;
        }
        String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new UserInputException(context.description() + " cannot serve this mission: no data for "
                + m.start() + " .. " + m.end() + "? (Orekit: " + first + ")");
    }

    /** @return the Orekit context for {@code --orekit-data} (or OREKIT_DATA, or built-in) */
    static OrbitContext orbitContext(Path folder) {
        try {
            return OrbitContext.select(folder);
        } catch (IllegalArgumentException e) {
            throw new UserInputException((folder != null ? "--orekit-data: " : "OREKIT_DATA: ") + e.getMessage());
        }
    }
}

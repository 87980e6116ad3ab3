package io.onorbit.verification.cli;

import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.orekit.errors.LocalizedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onorbit plan}: contact windows, eclipses, beta angle and per-pass data volume. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Contact windows, eclipses, beta angle and per-pass data volume of a mission.")
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    MissionOptions missionOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.")
    OutputFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of the terminal.")
    Path out;

    @Mixin
    Outputs.Force force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MissionConfig m = missionOptions.load();
        if (out != null) {
            Outputs.checkFile("--out", out, force.on(), missionOptions.inputs());
        }
        OrbitContext context = missionOptions.orbitContext();
        ProgressBar bar = ProgressBar.fraction("plan", spec, m.durationS() * m.satellites().size() > 30 * 86400);
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
        TextOutput.write(text.toString(), out, spec.commandLine().getOut());
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
}

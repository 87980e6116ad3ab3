package io.onorbit.verification.cli;

import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.events.EphemerisSamples;
import io.onorbit.verification.report.AtomicOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.orekit.errors.LocalizedException;
import org.orekit.frames.Frame;
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
            description = "table (default), json, csv (one file per record type in the --out folder), oem (CCSDS "
                    + "OEM ephemeris) or czml (CesiumJS); fields: docs/PLAN-OUTPUTS.md.")
    Format format;

    /** What plan writes: the shared formats and two standard exports of its own. */
    enum Format {
        TABLE, JSON, CSV,
        /** CCSDS Orbit Ephemeris Message (KVN), one segment per satellite. */
        OEM,
        /** CZML for CesiumJS: orbits, stations, contact intervals. */
        CZML
    }

    @Option(names = "--out", paramLabel = "FILE|DIR",
            description = "Write to FILE instead of the terminal (a folder DIR for --format csv).")
    Path out;

    @Mixin
    Outputs.Force force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MissionConfig m = missionOptions.load();
        if (format == Format.CSV) {
            if (out == null) {
                throw new UserInputException("--format csv writes one file per record type: give the folder with --out DIR");
            }
            Outputs.checkFolder("--out", out, force.on(), missionOptions.inputs());
        } else if (out != null) {
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
        if (format == Format.CSV) {
            try (AtomicOutput.Folder folder = AtomicOutput.folder(out)) {
                PlanWriter.csv(plan, folder.dir());
                folder.commit();
            } catch (UncheckedIOException e) {
                throw new UserInputException(out + ": cannot write (" + e.getCause().getMessage() + ")", e);
            }
            return 0;
        }
        if (format == Format.JSON) {
            // streamed as UTF-8: a year's JSON is megabytes
            ByteArrayOutputStream json = new ByteArrayOutputStream(1 << 16);
            PlanWriter.json(plan, json);
            TextOutput.writeUtf8(json.toByteArray(), out, spec.commandLine().getOut());
            return 0;
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            switch (format) {
                case OEM -> PlanExports.oem(m.name(), context, ephemerides(m, context, context.inertial()), w);
                case CZML -> PlanExports.czml(plan, ephemerides(m, context, context.itrf()), w);
                default -> PlanWriter.table(plan, w);
            }
        }
        TextOutput.write(text.toString(), out, spec.commandLine().getOut());
        return 0;
    }

    private static List<EphemerisSamples> ephemerides(MissionConfig m, OrbitContext context, Frame frame) {
        double stepS = PlanExports.stepS(m.durationS());
        return m.satellites().stream()
                .map(s -> EphemerisSamples.sample(context, s, m.start(), m.durationS(), stepS, frame)).toList();
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

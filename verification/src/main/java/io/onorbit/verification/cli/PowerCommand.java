package io.onorbit.verification.cli;

import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.flight.payload.PayloadEngine;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.verification.power.PowerAnalysis;
import io.onorbit.verification.power.PowerWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onorbit power}: the power budget over the mission per satellite and orbit, the training
 * envelope's energy, the harvest ratio against the perfect-knowledge oracle, and each training
 * payload engine's duty and energy on that envelope (the mission's own, then the other engine's
 * defaults).
 */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = "Power budget over the mission: state of charge, training envelope, training energy "
                + "against the best possible with perfect knowledge.")
public final class PowerCommand implements Callable<Integer> {

    @Mixin
    MissionOptions missionOptions;

    @Option(names = "--step-s", paramLabel = "S", defaultValue = "30",
            description = "Budget step, s (default 30; 1 to 600).")
    double stepS;

    @Option(names = "--look-ahead-s", paramLabel = "S",
            description = "Envelope look-ahead, s (default: the whole schedule; always past the next eclipse and pass).")
    Double lookAheadS;

    @Option(names = "--satellite", paramLabel = "NAME", description = "Only this satellite (default: all).")
    String satellite;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default, per-orbit rows), json or csv.")
    OutputFormat format;

    @Mixin
    CommonOptions.OutFile out;

    @Mixin
    Outputs.Force force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MissionConfig m = missionOptions.load();
        if (out.file().isPresent()) {
            Outputs.checkFile("--out", out.file().get(), force.on(), missionOptions.inputs());
        }
        if (!(stepS >= 1 && stepS <= 600)) {
            throw new UserInputException("--step-s " + stepS + " must be in [1, 600]");
        }
        if (lookAheadS != null && !(lookAheadS > 0)) {
            throw new UserInputException("--look-ahead-s " + lookAheadS + " must be > 0");
        }
        double horizonS = lookAheadS == null ? Double.POSITIVE_INFINITY : lookAheadS;
        PowerSystem system = m.power();
        PayloadSpec own = m.payload();
        // the mission's payload, then the other engine's documented defaults for comparison
        List<PayloadSpec> payloads = List.of(own, PayloadSpec.defaults(
                own.engine() == PayloadEngine.ANALOG ? PayloadEngine.DIGITAL : PayloadEngine.ANALOG));
        if (satellite != null && m.satellites().stream().noneMatch(s -> s.name().equals(satellite))) {
            throw new UserInputException("--satellite " + satellite + ": no such satellite in " + missionOptions.file().getFileName());
        }
        MissionPlanner planner = new MissionPlanner(missionOptions.orbitContext());
        ProgressBar bar = ProgressBar.fraction("power", spec,
                m.durationS() * m.satellites().size() > 30 * 86400);
        List<OnboardSchedule> schedules;
        try {
            planner = planner.withProgress(bar::update);
            schedules = satellite != null ? List.of(planner.schedule(m, satellite)) : planner.schedules(m);
        } finally {
            bar.finish();
        }
        List<PowerAnalysis> analyses = new ArrayList<>();
        for (OnboardSchedule s : schedules) {
            analyses.add(PowerAnalysis.run(s, system, stepS, horizonS, payloads));
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            switch (format) {
                case JSON -> PowerWriter.json(m, system, analyses, w);
                case CSV -> PowerWriter.csv(analyses, w);
                default -> PowerWriter.table(m, analyses, w);
            }
        }
        TextOutput.write(text.toString(), out.file().orElse(null), spec.commandLine().getOut());
        return 0;
    }
}

package io.onorbit.verification.cli;

import io.onorbit.verification.report.SummaryJson;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.soak.FaultPlan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onorbit simulate MISSION.yaml}: the closed loop over the mission, with a report folder. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run the closed loop (power, training, deltas, pass-gated link, ground review, "
                + "aggregation, signed uplink) over the mission and write a report folder.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    MissionOptions missionOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default: onorbit-out/<mission>)")
    Path out;

    @Mixin
    Outputs.Force force;

    @Mixin
    KeyOptions keyOptions;

    @Option(names = "--ack-journal", paramLabel = "FILE", description = "also record each delta the ground acknowledges "
            + "in FILE, one line as it happens (time, satellite, delta sequence): a witness of what the archive must hold "
            + "that survives the process being killed")
    Path ackJournal;

    @Mixin
    CommonOptions.SeedOverride seed;

    @Mixin
    CommonOptions.TableOrJson format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean json = format.json("simulate");
        MissionFile file = missionOptions.loadFile();
        io.onorbit.ground.config.MissionConfig mission = file.config();
        Path dir = out != null ? out : Path.of("onorbit-out", Outputs.safeName(mission.name()));
        Outputs.checkFolder(out != null ? "--out" : "report folder", dir, force.on(), missionOptions.inputs(mission));
        if (ackJournal != null) {
            Outputs.checkFile("--ack-journal", ackJournal, false, missionOptions.inputs(mission));
            if (ackJournal.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
                throw new UserInputException("--ack-journal " + ackJournal + ": is inside the report folder " + dir
                        + "; name a file outside it");
            }
        }
        MissionSetup setup = MissionSetups.of(file, missionOptions.orbitContext(), keyOptions.withoutKeyFile(),
                java.util.Optional.ofNullable(ackJournal));
        SimulationResult r = RunSupport.run(missionOptions.file(), setup, seed.orElse(setup.seed()), FaultPlan.none(), dir, "simulate", spec);
        var pw = spec.commandLine().getOut();
        if (json) {
            pw.print(SummaryJson.text(r));
        } else {
            RunSupport.printTable(r, pw);
            pw.println("  report                             " + dir.resolve("index.html"));
            if (setup.stages().generatedKeys().isPresent()) {
                pw.println("  keys (generated, owner-only)       " + dir.resolve(RunSupport.KEYS));
            }
        }
        pw.flush();
        RunSupport.printFirstViolation(r, spec.commandLine().getErr());
        return r.totalViolations() == 0 ? 0 : ExitCode.CHECK_FAILED;
    }
}

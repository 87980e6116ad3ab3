package io.onorbit.verification.cli;

import io.onorbit.verification.report.SummaryJson;
import io.onorbit.verification.sim.MissionFile;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.soak.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code onorbit soak MISSION.yaml --days N}: the loop with seeded faults; exit 1 on any invariant
 * violation and on any delta lost or duplicated (a loss the queue detected still fails the soak).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Long accelerated run with seeded fault injection; every invariant is checked at every "
                + "step. Exit code 1 on any violation and on any delta lost or duplicated.")
public final class SoakCommand implements Callable<Integer> {

    @Mixin
    MissionOptions missionOptions;

    @Option(names = "--faults", paramLabel = "PLAN", description = "all, none, or a fault plan YAML (default: all)")
    String faults = "all";

    @Mixin
    CommonOptions.SeedOverride seed;

    @Option(names = "--summary", paramLabel = "FILE", description = "also write the summary JSON to FILE")
    Path summary;

    @Option(names = "--out", paramLabel = "DIR", description = "also write a full report folder")
    Path out;

    @Mixin
    Outputs.Force force;

    @Mixin
    KeyOptions keyOptions;

    @Mixin
    CommonOptions.TableOrJson format;

    @Spec
    CommandSpec spec;

    /** Every destination is checked before the run: a bad --summary path is found now, not after days of soak. */
    private void checkOutputs(io.onorbit.ground.config.MissionConfig mission) {
        Path[] inputs = missionOptions.inputs(mission);
        Path faultFile = Path.of(faults);
        Path[] all = java.util.Arrays.copyOf(inputs, inputs.length + 1);
        all[inputs.length] = Files.isRegularFile(faultFile) ? faultFile : null;
        if (out != null) {
            Outputs.checkFolder("--out", out, force.on(), all);
        }
        if (summary != null) {
            Outputs.checkFile("--summary", summary, force.on(), all);
            if (out != null && summary.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
                throw new UserInputException("--summary " + summary + ": is inside --out " + out
                        + ", which already holds summary.json; name a file outside it");
            }
        }
    }

    @Override
    public Integer call() {
        if (missionOptions.days == null) {
            throw new UserInputException("--days N is required: how many days to soak");
        }
        boolean printJson = format.json("soak");
        if (!faults.equalsIgnoreCase("all") && !faults.equalsIgnoreCase("none") && !Files.isRegularFile(Path.of(faults))) {
            throw new UserInputException("--faults " + faults + ": neither all, none, nor an existing fault-plan file");
        }
        FaultPlan plan = FaultPlan.parse(faults);
        MissionFile file = missionOptions.loadFile();
        io.onorbit.ground.config.MissionConfig mission = file.config();
        MissionSetup setup = MissionSetups.of(file, missionOptions.orbitContext(), keyOptions.withoutKeyFile());
        checkOutputs(mission);
        SimulationResult r = RunSupport.run(missionOptions.file(), setup, seed.orElse(setup.seed()), plan, out, "soak", spec);
        String json = SummaryJson.text(r);
        if (summary != null) {
            TextOutput.write(json, summary, null);
        }
        var pw = spec.commandLine().getOut();
        if (printJson) {
            pw.print(json);
        } else {
            RunSupport.printTable(r, pw);
        }
        pw.flush();
        RunSupport.printFirstViolation(r, spec.commandLine().getErr());
        long lost = r.sum(SimulationResult.Satellite::lost);
        long duplicated = r.sum(SimulationResult.Satellite::duplicated);
        if (lost > 0 || duplicated > 0) {
            spec.commandLine().getErr().println("SOAK FAILED: " + lost + " delta(s) lost, " + duplicated + " duplicated");
        }
        return r.passed() ? 0 : ExitCode.CHECK_FAILED;
    }
}

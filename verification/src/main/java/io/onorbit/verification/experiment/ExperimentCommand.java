package io.onorbit.verification.experiment;

import picocli.CommandLine.Command;

/** {@code onorbit experiment ...}: trade studies (drift; compression is added by its owner). */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Trade studies.",
        subcommands = {DriftCommand.class, CompressionCommand.class})
public final class ExperimentCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

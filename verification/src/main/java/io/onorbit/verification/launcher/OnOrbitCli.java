package io.onorbit.verification.launcher;

import io.onorbit.ground.config.ConfigException;
import io.onorbit.verification.campaign.CampaignCommand;
import io.onorbit.verification.campaign.WorkerCommand;
import io.onorbit.verification.cli.ExitCode;
import io.onorbit.verification.cli.PlanCommand;
import io.onorbit.verification.cli.PowerCommand;
import io.onorbit.verification.cli.SimulateCommand;
import io.onorbit.verification.cli.SoakCommand;
import io.onorbit.verification.cli.UserInputException;
import io.onorbit.verification.experiment.ExperimentCommand;
import io.onorbit.verification.review.ReviewCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the {@code onorbit} launcher: the root command, the one place where every
 * subcommand is registered, and the handlers that turn errors into one line and an exit code
 * ({@link ExitCode}).
 */
@Command(name = "onorbit", mixinStandardHelpOptions = true, version = "OnOrbit 0.1.0",
        description = "Train models on board satellites inside their power and memory limits.",
        subcommands = {CommandLine.HelpCommand.class})
public final class OnOrbitCli implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors (for reporting a bug).")
    boolean debug;

    @Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "Print no progress (bars on a terminal, periodic lines in a log).")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The subcommands, one line each, in the order the help lists them. Building a subcommand's
     * model (picocli reflects over its options) and loading its classes is a tenth of a second of a
     * short command's start-up, so {@link #main} builds only the one it runs.
     */
    private static final List<Map.Entry<String, Supplier<Object>>> SUBCOMMANDS = List.of(
            Map.entry("plan", PlanCommand::new),
            Map.entry("simulate", SimulateCommand::new),
            Map.entry("soak", SoakCommand::new),
            Map.entry("power", PowerCommand::new),
            Map.entry("review", ReviewCommand::new),
            Map.entry("experiment", ExperimentCommand::new),
            Map.entry("campaign", CampaignCommand::new),
            Map.entry("worker", WorkerCommand::new));

    /** @return a configured command line with every subcommand, for tests and for {@link #main} */
    public static CommandLine commandLine() {
        return commandLine(Optional.empty());
    }

    /** @param only the one subcommand to register, or empty for all of them */
    private static CommandLine commandLine(Optional<String> only) {
        CommandLine cl = new CommandLine(new OnOrbitCli());
        for (Map.Entry<String, Supplier<Object>> sub : SUBCOMMANDS) {
            if (only.isEmpty() || only.get().equals(sub.getKey())) {
                cl.addSubcommand(sub.getValue().get());
            }
        }
        cl.setExecutionExceptionHandler(OnOrbitCli::handleExecutionException);
        cl.setParameterExceptionHandler(OnOrbitCli::handleParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * @return the subcommand these arguments run (the first argument that is not a root option,
     *         the root's options having no values), if it is one of {@link #SUBCOMMANDS}
     */
    static Optional<String> subcommandOf(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return SUBCOMMANDS.stream().map(Map.Entry::getKey).filter(a::equals).findFirst();
            }
        }
        return Optional.empty();
    }

    public static void main(String[] args) {
        System.exit(commandLine(subcommandOf(args)).execute(args));
    }

    /**
     * A usage error (unknown option, bad value, missing argument) is one line naming the option,
     * what was wrong and what it accepts (its description states the allowed values); the usage is
     * printed only on {@code --help}.
     */
    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        StringBuilder line = new StringBuilder("error: ").append(oneLine(ex.getMessage()));
        CommandLine.Model.ArgSpec arg = ex.getArgSpec();
        if (arg != null && arg.description().length > 0) {
            String label = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
            line.append(" (").append(label).append(": ").append(oneLine(String.join(" ", arg.renderedDescription()))).append(')');
        }
        line.append("; see '").append(cl.getCommandSpec().qualifiedName(" ")).append(" --help'");
        cl.getErr().println(line);
        if (java.util.Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(cl.getErr());
        }
        return ExitCode.BAD_INPUT;
    }

    /** @return the text on one line: a message shown to a user never spans lines it does not own */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.hasMatchedOption("--debug")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        if (ex instanceof ConfigException || ex instanceof UserInputException) {
            err.println("error: " + oneLine(ex.getMessage()));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCode.BAD_INPUT;
        }
        err.println("internal error: " + ex + " (run again with --debug for the stack trace, and report it)");
        if (debug) {
            ex.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }
}

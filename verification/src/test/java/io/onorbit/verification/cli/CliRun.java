package io.onorbit.verification.cli;

import io.onorbit.verification.launcher.OnOrbitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code onorbit} command line in-process, as tests see it: exit code, standard
 * output and standard error.
 *
 * @param code exit code
 * @param out  what was printed on standard output
 * @param err  what was printed on standard error
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code onorbit args...} and captures both streams. */
    public static CliRun of(String... args) {
        CommandLine cl = OnOrbitCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}

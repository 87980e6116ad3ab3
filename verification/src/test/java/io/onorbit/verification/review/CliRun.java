package io.onorbit.verification.review;

import io.onorbit.verification.cli.OnOrbitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the onorbit command line, with its exit code and captured output. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = OnOrbitCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}

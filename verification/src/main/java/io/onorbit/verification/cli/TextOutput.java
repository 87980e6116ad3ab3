package io.onorbit.verification.cli;

import io.onorbit.verification.report.AtomicOutput;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where a command's text result goes: standard output, or a file written atomically. */
public final class TextOutput {

    private TextOutput() {
    }

    /**
     * @param text   the whole result
     * @param out    file to write (null: standard output); written to a temporary sibling and
     *               renamed, so a reader never finds half a result
     * @param stdout the command's standard output
     */
    public static void write(String text, Path out, PrintWriter stdout) {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            AtomicOutput.writeString(out, text);
        } catch (UncheckedIOException e) {
            throw new UserInputException(out + ": cannot write (" + e.getCause().getMessage() + ")", e);
        }
    }
}

package io.onorbit.verification.cli;

import io.onorbit.verification.report.AtomicOutput;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        writeFile(text.getBytes(StandardCharsets.UTF_8), out);
    }

    /**
     * Like {@link #write(String, Path, PrintWriter)} for a result already encoded as UTF-8 (a long
     * result need not be held as characters too).
     */
    public static void writeUtf8(byte[] utf8, Path out, PrintWriter stdout) {
        if (out == null) {
            write(new String(utf8, StandardCharsets.UTF_8), null, stdout);
            return;
        }
        writeFile(utf8, out);
    }

    private static void writeFile(byte[] utf8, Path out) {
        try {
            AtomicOutput.writeBytes(out, utf8);
        } catch (UncheckedIOException e) {
            throw new UserInputException(out + ": cannot write (" + e.getCause().getMessage() + ")", e);
        }
    }
}

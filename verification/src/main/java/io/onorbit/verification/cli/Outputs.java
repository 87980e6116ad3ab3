package io.onorbit.verification.cli;

import io.onorbit.verification.report.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * Checks an output destination before a command starts its work, so that an output never
 * destroys what OnOrbit did not write and a bad path is found in the first second, not after a
 * long run. The rules, for every command:
 * <ul>
 *   <li>a command never writes over one of its own inputs (nor puts a folder around one);</li>
 *   <li>an output folder is written only if it is new, empty, or an earlier OnOrbit output (its
 *       {@value AtomicOutput#MARKER} marker lists everything in it); an earlier output is replaced
 *       only with {@code --force}, a folder holding anything OnOrbit did not write never;</li>
 *   <li>an existing output file is replaced only with {@code --force};</li>
 *   <li>the folder the output goes into exists (or can be made) and is writable.</li>
 * </ul>
 * Every refusal is one {@link UserInputException} line naming the option and the path.
 */
public final class Outputs {

    /** The {@code --force} option (picocli mixin) of every command that writes an output. */
    public static final class Force {
        @Option(names = "--force", description = "Replace an earlier output (an existing --out file, or a folder OnOrbit wrote). "
                + "Never replaces an input or a folder holding files OnOrbit did not write.")
        boolean force;

        /** @return true if the user asked to replace an earlier output */
        public boolean on() {
            return force;
        }
    }

    private Outputs() {
    }

    /**
     * @param option the option that named the file (for the message), e.g. {@code --out}
     * @param file   where the output file goes
     * @param force  whether an existing file may be replaced
     * @param inputs the command's input files and folders (nulls are ignored)
     * @throws UserInputException if the file may not or cannot be written
     */
    public static void checkFile(String option, Path file, boolean force, Path... inputs) {
        refuseInputs(option, file, inputs);
        if (Files.isDirectory(file)) {
            throw refusal(option, file, "is a folder; name a file");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file)) {
                throw refusal(option, file, "exists and is not a regular file; name another file");
            }
            if (!force) {
                throw refusal(option, file, "exists; add --force to replace it, or name another file");
            }
        }
        checkParentWritable(option, file);
    }

    /**
     * @param option the option that named the folder (for the message), e.g. {@code --out}
     * @param dir    the output folder
     * @param force  whether an earlier OnOrbit output there may be replaced
     * @param inputs the command's input files and folders (nulls are ignored)
     * @throws UserInputException if the folder may not or cannot be written
     */
    public static void checkFolder(String option, Path dir, boolean force, Path... inputs) {
        refuseInputs(option, dir, inputs);
        for (Path input : present(inputs)) {
            if (real(input).startsWith(real(dir))) {
                throw refusal(option, dir, "holds this command's input " + input + "; name another folder");
            }
        }
        AtomicOutput.Inspection seen;
        try {
            seen = AtomicOutput.inspect(dir);
        } catch (java.io.UncheckedIOException e) {
            throw refusal(option, dir, "cannot be read (" + e.getCause().getMessage() + ")");
        }
        switch (seen.occupancy()) {
            case NOT_A_FOLDER -> throw refusal(option, dir, "exists and is not a folder; name a new or empty folder");
            case FOREIGN -> throw refusal(option, dir, "holds " + seen.foreign().orElse("files")
                    + ", which OnOrbit did not write; name a new or empty folder (--force never replaces such a folder)");
            case ONORBIT_OUTPUT -> {
                if (!force) {
                    throw refusal(option, dir, "holds an earlier OnOrbit output; add --force to replace it, or name another folder");
                }
            }
            default -> {
                // new or empty: nothing to lose
            }
        }
        checkParentWritable(option, dir);
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw refusal(option, dir, "is not writable");
        }
    }

    /**
     * @param name a name from a mission file (mission, satellite, ...)
     * @return the name as one harmless path segment: letters, digits, '.', '_' and '-' kept, anything
     *         else (separators, "..", control characters) replaced by '_'; never empty, never hidden
     */
    public static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        return s.isEmpty() ? "_" : s;
    }

    private static void refuseInputs(String option, Path out, Path... inputs) {
        for (Path input : present(inputs)) {
            if (same(input, out)) {
                throw refusal(option, out, "is this command's input; name another " + (Files.isDirectory(input) ? "folder" : "file"));
            }
        }
    }

    private static void checkParentWritable(String option, Path out) {
        Path p = out.toAbsolutePath().normalize().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw refusal(option, out, "cannot be made: " + p + " is not a folder");
        }
        if (!Files.isWritable(p)) {
            throw refusal(option, out, "cannot be written: folder " + p + " is not writable");
        }
    }

    private static Iterable<Path> present(Path... inputs) {
        return Arrays.stream(inputs).filter(Objects::nonNull).toList();
    }

    private static boolean same(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return real(a).equals(real(b));
            }
        }
        return real(a).equals(real(b));
    }

    /** The path with symbolic links resolved as far as it exists. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    private static UserInputException refusal(String option, Path out, String why) {
        return new UserInputException(option + " " + out + ": " + why);
    }
}

package io.onorbit.verification.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names a person must never read in OnOrbit's output, taken from the compiled classes on the
 * class path (every module's {@code io.onorbit} classes, not a hand-kept list): class simple names
 * written in CamelCase (two capitals or more, so an ordinary word like "Archive" at the start of a
 * sentence is not taken for one), and package names such as {@code flight.executive}.
 */
final class CodeNames {

    private static final Pattern CAMEL = Pattern.compile("[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+");
    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*(?:\\.[a-z][a-z0-9]*)*\\b");

    final Set<String> classNames;
    final Set<String> packageNames;

    private CodeNames(Set<String> classNames, Set<String> packageNames) {
        this.classNames = Collections.unmodifiableSet(classNames);
        this.packageNames = Collections.unmodifiableSet(packageNames);
    }

    /** @return the names of every compiled {@code io.onorbit} class the class loader sees */
    static CodeNames load() {
        Set<String> classes = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        try {
            Enumeration<URL> roots = CodeNames.class.getClassLoader().getResources("io/onorbit");
            while (roots.hasMoreElements()) {
                URL u = roots.nextElement();
                for (String entry : entries(u)) {
                    if (!entry.endsWith(".class") || entry.endsWith("package-info.class")) {
                        continue;
                    }
                    String path = entry.substring(0, entry.length() - ".class".length());
                    int slash = path.lastIndexOf('/');
                    String pkg = path.substring(0, slash).replace('/', '.');
                    if (pkg.startsWith("io.onorbit.") && pkg.indexOf('.', "io.onorbit.".length()) > 0) {
                        packages.add(pkg.substring("io.onorbit.".length())); // e.g. flight.executive
                    }
                    for (String part : path.substring(slash + 1).split("\\$")) {
                        if (CAMEL.matcher(part).matches()) {
                            classes.add(part);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CodeNames(classes, packages);
    }

    private static List<String> entries(URL u) throws IOException {
        List<String> out = new ArrayList<>();
        if (u.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) u.openConnection()).getJarFile()) {
                jar.stream().forEach(e -> out.add(e.getName()));
            }
            return out;
        }
        try {
            Path dir = Path.of(u.toURI());
            Path root = dir.getParent().getParent(); // the class path root holding io/onorbit
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return out;
    }

    /** @return every class or package name of the code base that {@code text} contains, as found */
    List<String> foundIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            if (classNames.contains(w) || packageNames.contains(w) || w.startsWith("io.onorbit")) {
                found.add(w);
            }
            for (String part : w.split("\\.")) {
                if (classNames.contains(part) && !part.equals(w)) {
                    found.add(part);
                }
            }
        }
        return found;
    }
}

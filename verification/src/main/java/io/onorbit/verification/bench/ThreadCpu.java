package io.onorbit.verification.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of this process's live threads by role, read from Linux's {@code /proc/self/task/<tid>/stat}
 * (user + system clock ticks, 10 ms): the benchmark prints where a run's CPU went (the loop's own
 * thread, the JIT compilers, the garbage collector, and the rest: the scoring lanes, which end with
 * the run), because with a second core the wall time is the loop thread's, not the process's.
 * Empty where {@code /proc} is not readable.
 */
final class ThreadCpu {

    /** The roles, by the thread names the JVM and the simulator give. */
    enum Role {
        /** C1 and C2 compiler threads */
        JIT,
        /** G1's and the parallel collector's threads */
        GC,
        /** every other live thread */
        OTHER
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux's USER_HZ, the unit of utime and stime in /proc (100 on every mainstream kernel) */
    private static final double TICKS_PER_S = 100;

    private ThreadCpu() {
    }

    /** @return CPU seconds spent so far by each role's threads (live threads only), or empty without /proc */
    static Optional<Map<Role, Double>> snapshot() {
        if (!Files.isDirectory(TASKS)) {
            return Optional.empty();
        }
        Map<Role, Double> byRole = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            byRole.put(r, 0.0);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                // fields after the name: state is field 3, utime field 14, stime field 15 (proc(5))
                String[] f = stat.substring(close + 2).split(" ");
                double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_S;
                byRole.merge(role(name), s, Double::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(byRole);
    }

    /** @return the role of a thread by its (15-character) Linux name */
    static Role role(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return Role.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return Role.GC;
        }
        return Role.OTHER;
    }

    /** @return after minus before, per role */
    static Map<Role, Double> difference(Map<Role, Double> before, Map<Role, Double> after) {
        Map<Role, Double> d = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            d.put(r, after.getOrDefault(r, 0.0) - before.getOrDefault(r, 0.0));
        }
        return d;
    }
}

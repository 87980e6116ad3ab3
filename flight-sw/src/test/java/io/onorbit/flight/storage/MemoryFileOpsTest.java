package io.onorbit.flight.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory flash against the real file system: the same operations give the same outcomes. */
class MemoryFileOpsTest {

    /** What an operation did: its result, or the kind of failure. */
    private static String outcome(IoCall call) {
        try {
            return "ok " + call.run();
        } catch (NoSuchFileException e) {
            return "no such file";
        } catch (IOException e) {
            return "failed";
        }
    }

    @FunctionalInterface
    private interface IoCall {
        Object run() throws IOException;
    }

    /** A seeded random script of every operation on both, over two folders (one made late); every outcome and the final tree compared. */
    @Test
    void behavesLikeTheDiskOnARandomScript(@TempDir Path root) throws IOException {
        Path diskRoot = root.resolve("disk");
        Path memRoot = Path.of("/flash-in-memory");
        Files.createDirectories(diskRoot);
        FileOps disk = DiskFileOps.withoutDeviceFlush();
        MemoryFileOps mem = new MemoryFileOps();
        mem.createDirectories(memRoot);
        String[] names = {"a", "b", "c.tmp", "sub/a", "sub/d", "sub/deeper/e"};
        SplittableRandom r = new SplittableRandom(7);
        int checked = 0;
        for (int i = 0; i < 4000; i++) {
            String n = names[r.nextInt(names.length)];
            String m = names[r.nextInt(names.length)];
            byte[] data = new byte[r.nextInt(40)];
            r.nextBytes(data);
            int op = r.nextInt(8);
            String d = outcome(() -> apply(disk, diskRoot, op, n, m, data));
            String e = outcome(() -> apply(mem, memRoot, op, n, m, data));
            assertThat(e).as("step %d, op %d on %s, %s", i, op, n, m).isEqualTo(d);
            checked++;
        }
        assertThat(checked).isEqualTo(4000);
        // The whole tree at the end: every file and its bytes.
        List<String> onDisk = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(diskRoot)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                onDisk.add(diskRoot.relativize(p) + "=" + java.util.Arrays.toString(Files.readAllBytes(p)));
            }
        }
        List<String> inMemory = new ArrayList<>();
        for (Path p : mem.filesUnder(memRoot)) {
            inMemory.add(memRoot.relativize(p) + "=" + java.util.Arrays.toString(mem.read(p)));
        }
        assertThat(onDisk).isNotEmpty();
        assertThat(inMemory).isEqualTo(onDisk);
    }

    private static Object apply(FileOps ops, Path root, int op, String n, String m, byte[] data) throws IOException {
        Path p = root.resolve(n);
        Path q = root.resolve(m);
        switch (op) {
            case 0, 1 -> ops.write(p, data);
            case 2 -> ops.move(p, q);
            case 3 -> ops.delete(p);
            case 4 -> {
                return java.util.Arrays.toString(ops.read(p));
            }
            case 5 -> {
                return ops.list(p.getParent()).stream().map(x -> root.relativize(x).toString()).toList();
            }
            case 6 -> ops.writeAtomically(p, data);
            default -> ops.createDirectories(p.getParent());
        }
        return "";
    }

    @Test
    void aReadGivesACopyAndAWriteKeepsOne() throws IOException {
        MemoryFileOps mem = new MemoryFileOps();
        Path dir = Path.of("/f");
        mem.createDirectories(dir);
        byte[] b = {1, 2, 3};
        mem.write(dir.resolve("x"), b);
        b[0] = 9;
        byte[] back = mem.read(dir.resolve("x"));
        assertThat(back).containsExactly(1, 2, 3);
        back[1] = 9;
        assertThat(mem.read(dir.resolve("x"))).containsExactly(1, 2, 3);
    }

    @Test
    void aTornWriteOfTheCrashingLayerLandsOnTheMemory() throws IOException {
        MemoryFileOps mem = new MemoryFileOps();
        Path dir = Path.of("/f");
        mem.createDirectories(dir);
        CrashingFileOps ops = CrashingFileOps.unarmed(mem);
        ops.write(dir.resolve("kept"), new byte[8]);
        ops.sync(dir.resolve("kept"));
        ops.write(dir.resolve("cached"), new byte[10]);
        ops.crashAfter(0);
        assertThatThrownBy(() -> ops.write(dir.resolve("new"), new byte[40])).isInstanceOf(CrashingFileOps.SimulatedCrash.class);
        assertThat(mem.read(dir.resolve("new"))).hasSize(20); // torn mid-write
        assertThat(mem.read(dir.resolve("cached"))).hasSize(5); // never flushed
        assertThat(mem.read(dir.resolve("kept"))).hasSize(8);
    }
}

package io.onorbit.flight.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashingFileOpsTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i + 1);
        }
        return b;
    }

    @Test
    void aResetTearsWhatWasNotFlushedAndKeepsWhatWas() throws Exception {
        CrashingFileOps ops = CrashingFileOps.unarmed(DiskFileOps.withoutDeviceFlush());
        Path flushed = dir.resolve("flushed");
        Path cached = dir.resolve("cached");
        Path renamed = dir.resolve("renamed");
        ops.write(flushed, bytes(100));
        ops.sync(flushed);
        ops.write(cached, bytes(100));
        ops.write(dir.resolve("tmp"), bytes(60));
        ops.move(dir.resolve("tmp"), renamed); // renamed, never flushed: still in the cache
        ops.powerCut();
        assertThat(Files.readAllBytes(flushed)).hasSize(100);
        assertThat(Files.readAllBytes(cached)).hasSize(50);
        assertThat(Files.readAllBytes(renamed)).hasSize(30);
        // Disarmed after the cut: the next boot writes normally.
        ops.write(cached, bytes(10));
        assertThat(Files.readAllBytes(cached)).hasSize(10);
    }

    @Test
    void anArmedResetStrikesAtTheChosenOperationMidWrite() throws Exception {
        CrashingFileOps ops = CrashingFileOps.unarmed(DiskFileOps.withoutDeviceFlush());
        Path a = dir.resolve("a");
        ops.write(a, bytes(8));
        ops.sync(a);
        ops.crashAfter(1);
        Path b = dir.resolve("b");
        ops.write(b, bytes(8)); // allowed
        assertThatThrownBy(() -> ops.write(a, bytes(40))).isInstanceOf(CrashingFileOps.SimulatedCrash.class);
        assertThat(Files.readAllBytes(a)).hasSize(20); // torn mid-write
        assertThat(Files.readAllBytes(b)).hasSize(4); // never flushed: torn by the same reset
        assertThat(ops.crashed()).isTrue();
        ops.reboot();
        ops.write(a, bytes(40));
        assertThat(Files.readAllBytes(a)).hasSize(40);
    }
}

package io.onorbit.flight.executive;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.storage.DiskFileOps;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterStoreTest {

    @TempDir
    Path dir;

    @Test
    void anyOneDamagedFileNeverLosesTheNewestCounters() throws Exception {
        for (int stores = 1; stores <= 5; stores++) {
            for (int damaged = 0; damaged < CounterStore.SLOTS; damaged++) {
                Path d = Files.createDirectories(dir.resolve(stores + "-" + damaged));
                CounterStore s = new CounterStore(DiskFileOps.withoutDeviceFlush(), d);
                PersistentCounters c = s.load();
                for (int i = 1; i <= stores; i++) {
                    c = c.withBootCount(i).withControlIdNext(64L * i);
                    s.store(c);
                }
                Path f = d.resolve("counters." + damaged);
                if (Files.exists(f)) {
                    byte[] b = Files.readAllBytes(f);
                    b[b.length - 1] ^= 0x01;
                    Files.write(f, b);
                }
                PersistentCounters back = new CounterStore(DiskFileOps.withoutDeviceFlush(), d).load();
                assertThat(back).as("%d stores, slot %d damaged", stores, damaged).isEqualTo(c);
            }
        }
    }

    @Test
    void noValidCopyGivesTheInitialCounters() throws Exception {
        CounterStore s = new CounterStore(DiskFileOps.withoutDeviceFlush(), dir);
        s.store(PersistentCounters.initial().withBootCount(3));
        for (int i = 0; i < CounterStore.SLOTS; i++) {
            Path f = dir.resolve("counters." + i);
            if (Files.exists(f)) {
                Files.write(f, new byte[] {0});
            }
        }
        assertThat(new CounterStore(DiskFileOps.withoutDeviceFlush(), dir).load()).isEqualTo(PersistentCounters.initial());
    }
}

package io.onorbit.ground.uplink;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkSignerTest {

    @TempDir
    Path dir;

    private Path keyFile(long seed, String... sats) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("# generated for the test\n\n");
        for (String s : sats) {
            byte[] k = new byte[32];
            for (int i = 0; i < k.length; i++) {
                k[i] = (byte) r.nextInt(256);
            }
            sb.append(s).append("  ").append(HexFormat.of().formatHex(k)).append('\n');
        }
        Path f = dir.resolve("keys-" + seed + ".txt");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void groundUpdatesAreAcceptedOnBoardInOrderWithPersistentCounters() throws Exception {
        UplinkKeys keys = UplinkKeys.read(keyFile(1, "sat-1", "sat-2"));
        assertThat(keys.satellites()).containsExactly("sat-1", "sat-2");
        assertThat(keys.toString()).doesNotContainPattern("[0-9a-f]{32}");
        Path db = dir.resolve("archive.db");
        float[] p0 = new float[32];
        for (int i = 0; i < p0.length; i++) {
            p0[i] = i * 0.5f;
        }
        GlobalVersion g0;
        try (Archive a = Archive.open(db)) {
            g0 = a.recordGlobalVersion(p0, "initial", List.of(), T0);
        }
        UpdateReceiver sat1 = new UpdateReceiver("sat-1", keys.key("sat-1"), p0, g0.modelVersion(), 0);
        UplinkSigner signer = new UplinkSigner(keys);
        float[] p = p0.clone();
        for (int round = 1; round <= 3; round++) {
            p[round] += 1;
            // reopen each round: counters must survive restarts
            try (Archive a = Archive.open(db)) {
                a.recordGlobalVersion(p, "fedavg", List.of(), T0.plusSeconds(round));
                SignedUplink s = signer.next(a, "sat-1", sat1.version().version(), T0.plusSeconds(round)).orElseThrow();
                assertThat(s.counter()).isEqualTo(round);
                assertThat(s.changed()).isEqualTo(1);
                assertThat(sat1.receive(s.frame()).applied()).isTrue();
                assertThat(signer.next(a, "sat-1", sat1.version().version(), T0)).isEmpty();
            }
        }
        assertThat(sat1.params()).containsExactly(p);
        // sat-2's key does not open sat-1's update
        try (Archive a = Archive.open(db)) {
            UpdateReceiver sat2asSat1 = new UpdateReceiver("sat-1", keys.key("sat-2"), p0, g0.modelVersion(), 0);
            SignedUplink s = signer.next(a, "sat-1", 0, T0).orElseThrow();
            assertThat(s.counter()).isEqualTo(4);
            assertThat(sat2asSat1.receive(s.frame()).rejected()).contains(UpdateRefusal.FORGED);
        }
    }

    @Test
    void badKeyFilesNameFileAndLine() throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "sat-1 00112233\n");
        assertThatThrownBy(() -> UplinkKeys.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.txt").hasMessageContaining("line 1").hasMessageContaining("at least 16");
        Files.writeString(f, "# ok\nsat-1 zz112233445566778899aabbccddeeff\n");
        assertThatThrownBy(() -> UplinkKeys.read(f)).hasMessageContaining("line 2").hasMessageContaining("hexadecimal");
        assertThatThrownBy(() -> UplinkKeys.read(dir.resolve("missing.txt"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> UplinkKeys.of(java.util.Map.of("a", new byte[3])).key("a")).hasMessageContaining("16");
    }
}

package io.onorbit.ground.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkKeysFileTest {

    @TempDir
    Path dir;

    @Test
    void writtenKeysAreOwnerOnlyFromTheStartAndReadBackIdentical() throws Exception {
        UplinkKeys keys = UplinkKeys.generate(List.of("sat-1", "sat-2"), new SecureRandom());
        Path f = dir.resolve("uplink.keys");

        keys.write(f, "generated for a test");

        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(UplinkKeys.OWNER_ONLY);
        UplinkKeys back = UplinkKeys.read(f);
        assertThat(back.satellites()).containsExactly("sat-1", "sat-2");
        assertThat(back.key("sat-1")).isEqualTo(keys.key("sat-1"));
        assertThat(back.key("sat-2")).isEqualTo(keys.key("sat-2"));
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f); // no temporary file left
        }
    }

    @Test
    void keysAreNeverWrittenOverAnExistingFile() throws Exception {
        Path f = Files.writeString(dir.resolve("uplink.keys"), "mine");
        UplinkKeys keys = UplinkKeys.generate(List.of("sat-1"), new SecureRandom());

        assertThatThrownBy(() -> keys.write(f, "x")).isInstanceOf(UncheckedIOException.class);
        assertThat(f).content().isEqualTo("mine");
    }

    @Test
    void generatedKeysDifferFromRunToRunAndFromTheSeedDerivedOnes() {
        List<String> sats = List.of("sat-1");
        byte[] a = UplinkKeys.generate(sats, new SecureRandom()).key("sat-1");
        byte[] b = UplinkKeys.generate(sats, new SecureRandom()).key("sat-1");
        byte[] seeded = UplinkKeys.derivedFromSeed(sats, 1).key("sat-1");

        assertThat(a).hasSize(UplinkKeys.GENERATED_KEY_BYTES).isNotEqualTo(b).isNotEqualTo(seeded);
        assertThat(UplinkKeys.derivedFromSeed(sats, 1).key("sat-1")).isEqualTo(seeded); // the demo keys are reproducible
    }
}

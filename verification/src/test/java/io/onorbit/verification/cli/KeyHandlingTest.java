package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.ground.uplink.UplinkKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys without a key file: fresh from a secure random source and saved owner-only next to the
 * archive with a one-line notice; derived from the seed only behind {@code --demo-keys-from-seed},
 * which says so; and the report around them readable by others.
 */
class KeyHandlingTest {

    @TempDir
    Path tmp;

    private static Path minimal() {
        return PlanCommandTest.mission("minimal.yaml");
    }

    @Test
    void withoutAKeyFileFreshKeysAreSavedOwnerOnlyAndTheReportIsReadableLikeAnyFile() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliRun first = CliRun.of("simulate", minimal().toString(), "--days", "0.2", "--out", a.toString());
        CliRun second = CliRun.of("simulate", minimal().toString(), "--days", "0.2", "--out", b.toString(), "--quiet");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).as("--quiet: nothing on standard error").isEmpty();
        assertThat(second.out()).contains(b.resolve(RunSupport.KEYS).toString());

        Path keys = a.resolve(RunSupport.KEYS);
        assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(UplinkKeys.OWNER_ONLY);
        assertThat(first.err().lines().filter(l -> l.contains("secure random"))).singleElement().asString()
                .contains(keys.toString()).contains("ground.uplink_keys_file");
        assertThat(UplinkKeys.read(keys).satellites()).containsExactly("sat-1");
        assertThat(UplinkKeys.read(keys).key("sat-1")).isNotEqualTo(UplinkKeys.read(b.resolve(RunSupport.KEYS)).key("sat-1"));
        assertThat(UplinkKeys.read(keys).key("sat-1")).isNotEqualTo(UplinkKeys.derivedFromSeed(java.util.List.of("sat-1"), 1).key("sat-1"));

        // Everything else is created like any other file (0644/0755 under umask 022), not owner-only.
        Set<PosixFilePermission> plainFile = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("probe-file")));
        Set<PosixFilePermission> plainDir = Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("probe-dir")));
        assertThat(Files.getPosixFilePermissions(a)).isEqualTo(plainDir);
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.filter(f -> !f.equals(keys)).toList()) {
                assertThat(Files.getPosixFilePermissions(f)).as(f.getFileName().toString()).isEqualTo(plainFile);
            }
        }
        assertThat(a.resolve(".onorbit-output")).content().contains(RunSupport.KEYS);
    }

    @Test
    void seedDerivedKeysOnlyBehindTheFlagWhichSaysSoAndSavesNothing() {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.of("simulate", minimal().toString(), "--days", "0.2", "--out", out.toString(),
                "--demo-keys-from-seed");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("--demo-keys-from-seed"))).singleElement().asString()
                .contains("derived from the mission seed").contains("anyone who reads the mission file");
        assertThat(r.out()).contains("derived from the mission seed");
        assertThat(out.resolve(RunSupport.KEYS)).doesNotExist();
    }

    @Test
    void aKeyFileAndTheDemoFlagTogetherAreOneLineExitTwo() throws Exception {
        Path keyFile = tmp.resolve("k.keys");
        UplinkKeys.generate(java.util.List.of("sat-1"), new java.security.SecureRandom()).write(keyFile, "test");
        Path mission = Files.writeString(tmp.resolve("m.yaml"), Files.readString(minimal())
                + "ground:\n  uplink_keys_file: k.keys\n");

        CliRun r = CliRun.of("simulate", mission.toString(), "--days", "0.2", "--out", tmp.resolve("o").toString(),
                "--demo-keys-from-seed");

        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("error: m.yaml: ground.uplink_keys_file: ").doesNotContain("\n");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void aKeyFileTheMissionNamesInAnEarlierReportKeepsThatReportEvenWithForce() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(CliRun.of("simulate", minimal().toString(), "--days", "0.1", "--out", out.toString(), "--quiet").code())
                .isZero();
        Path keyFile = out.resolve(RunSupport.KEYS);
        byte[] before = Files.readAllBytes(keyFile);
        Path mission = Files.writeString(tmp.resolve("m.yaml"), Files.readString(minimal())
                + "ground:\n  uplink_keys_file: out/" + RunSupport.KEYS + "\n");

        CliRun r = CliRun.of("simulate", mission.toString(), "--days", "0.1", "--out", out.toString(), "--force");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("error: --out ").doesNotContain("\n");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
    }
}

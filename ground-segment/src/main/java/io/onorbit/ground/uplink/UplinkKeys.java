package io.onorbit.ground.uplink;

import io.onorbit.flight.storage.DiskFileOps;
import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.ground.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-satellite uplink keys, read from a key file that the mission names
 * ({@code ground.uplink_keys_file}); keys never live in source or in the mission file itself.
 *
 * <p>Format: one satellite per line, {@code name hexkey} separated by white space; the key is at
 * least 16 bytes (32 hex digits); blank lines and lines starting with '#' are ignored. Example:
 * <pre>
 * # uplink keys, HMAC-SHA256
 * sat-1 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
 * </pre>
 */
public final class UplinkKeys {

    private final Map<String, byte[]> keys;

    private UplinkKeys(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    /** @return keys from explicit bytes (tests, simulations that generate keys) */
    public static UplinkKeys of(Map<String, byte[]> keys) {
        Map<String, byte[]> copy = new HashMap<>();
        keys.forEach((k, v) -> {
            if (v.length < UplinkFrame.MIN_KEY_BYTES) {
                throw new IllegalArgumentException("key of " + k + " must be at least " + UplinkFrame.MIN_KEY_BYTES + " bytes");
            }
            copy.put(k, v.clone());
        });
        return new UplinkKeys(copy);
    }

    /** Length of a generated key, bytes (256 bits, the HMAC-SHA256 block's natural key size). */
    public static final int GENERATED_KEY_BYTES = 32;

    /** @return one fresh key per satellite from {@code random} (a {@link java.security.SecureRandom}) */
    public static UplinkKeys generate(java.util.Collection<String> satellites, java.security.SecureRandom random) {
        Map<String, byte[]> k = new HashMap<>();
        for (String n : satellites) {
            byte[] b = new byte[GENERATED_KEY_BYTES];
            random.nextBytes(b);
            k.put(n, b);
        }
        return new UplinkKeys(k);
    }

    /**
     * Keys derived from a mission's seed: reproducible, and therefore known to anyone who reads
     * the mission file. For demonstrations only; never for a mission that flies.
     */
    public static UplinkKeys derivedFromSeed(java.util.Collection<String> satellites, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x4B45595FL);
        Map<String, byte[]> k = new HashMap<>();
        for (String n : satellites) {
            byte[] b = new byte[GENERATED_KEY_BYTES];
            r.nextBytes(b);
            k.put(n, b);
        }
        return new UplinkKeys(k);
    }

    /**
     * Writes the keys in the format {@link #read} accepts, readable and writable by the owner only
     * (POSIX 0600 from the moment the file exists: a temporary sibling created with those
     * permissions, then renamed into place). The file must not exist yet: keys are never written
     * over anything.
     *
     * @param file   where to write
     * @param origin how the keys were made (said in the file's header comment)
     * @throws UncheckedIOException if the file exists or cannot be written
     */
    public void write(Path file, String origin) {
        StringBuilder b = new StringBuilder("# OnOrbit per-satellite HMAC-SHA256 keys (uplink commands and downlink deltas), ")
                .append(origin.replaceAll("[\\r\\n]", " ")).append(".\n")
                .append("# Keep this file secret. Name it in the mission's ground.uplink_keys_file to reuse these keys.\n");
        for (String s : satellites()) {
            b.append(s).append(' ').append(HexFormat.of().formatHex(keys.get(s))).append('\n');
        }
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + Long.toUnsignedString(System.nanoTime(), 36));
        try {
            if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.FileAlreadyExistsException(abs.toString());
            }
            // Created owner-only before any byte is written; the one atomic write (flushed, renamed) does the rest.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                new DiskFileOps().writeAtomically(abs, b.toString().getBytes(StandardCharsets.UTF_8), tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys to " + file + ": " + e, e);
        }
    }

    /** POSIX permissions of a key file: read and write for the owner, nothing for anyone else. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * @throws ConfigException naming the file and line for a missing file or a bad line
     */
    public static UplinkKeys read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "uplink key file cannot be read (" + e.getMessage() + ")");
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (n + 1);
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new ConfigException(file.toString(), where, "expected 'satellite hexkey'");
            }
            byte[] key;
            try {
                key = HexFormat.of().parseHex(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file.toString(), where, "key of " + parts[0] + " is not hexadecimal");
            }
            if (key.length < UplinkFrame.MIN_KEY_BYTES) {
                throw new ConfigException(file.toString(), where, "key of " + parts[0] + " has " + key.length
                        + " bytes, at least " + UplinkFrame.MIN_KEY_BYTES + " needed");
            }
            if (keys.put(parts[0], key) != null) {
                throw new ConfigException(file.toString(), where, "second key for " + parts[0]);
            }
        }
        return new UplinkKeys(keys);
    }

    /** @return the key of {@code satellite} (a copy) */
    public byte[] key(String satellite) {
        byte[] k = keys.get(satellite);
        if (k == null) {
            throw new IllegalArgumentException("no uplink key for satellite " + satellite);
        }
        return k.clone();
    }

    /** @return true if {@code satellite} has a key (without copying the key set: called per delta) */
    public boolean has(String satellite) {
        return keys.containsKey(satellite);
    }

    /** @return satellites with a key */
    public Set<String> satellites() {
        return new TreeSet<>(keys.keySet());
    }

    @Override
    public String toString() {
        return "UplinkKeys" + satellites(); // never the keys
    }
}

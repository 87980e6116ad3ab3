package io.onorbit.ground.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads a YAML file into a {@link ConfigNode}, turning I/O and syntax problems into one line.
 * Counts the documents it parses per file ({@link #timesParsed}) and how often each of their
 * sections is read ({@link #sectionsRead}), so that "every command parses its mission file once,
 * and reads each section once" is a checked fact, not a comment.
 */
public final class YamlFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Documents parsed per file (absolute, normalized path): one entry per file a process reads. */
    private static final ConcurrentHashMap<Path, LongAdder> PARSED = new ConcurrentHashMap<>();
    /** Section reads per file (same key), by field path, over every document parsed from it. */
    private static final ConcurrentHashMap<Path, ConcurrentHashMap<String, LongAdder>> SECTION_READS = new ConcurrentHashMap<>();

    private YamlFiles() {
    }

    /**
     * @param file the YAML file
     * @return its root node, named by the file's name
     * @throws ConfigException if the file is missing, unreadable, empty or not valid YAML
     */
    public static ConfigNode read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new ConfigException(file.toString(), "", "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(file.toString(), "", "is a folder, not a mission file");
        }
        JsonNode root;
        PARSED.computeIfAbsent(key(file), k -> new LongAdder()).increment();
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            throw new ConfigException(name, "", where + "not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "file not found");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(name, "", "is empty");
        }
        if (!root.isObject()) {
            throw new ConfigException(name, "", "must be a mapping of keys to values at the top level");
        }
        return ConfigNode.root(name, root, SECTION_READS.computeIfAbsent(key(file), k -> new ConcurrentHashMap<>()));
    }

    /**
     * @param file a YAML file
     * @return how many times this process has parsed it (attempts, failed ones included)
     */
    public static long timesParsed(Path file) {
        LongAdder n = PARSED.get(key(file));
        return n == null ? 0 : n.sum();
    }

    /**
     * @param file a YAML file
     * @return how many times each of its sections (by field path, {@code ""} for the top level,
     *         {@code satellites[0]} for a list entry) had its keys checked by a reader, over every
     *         document this process parsed from it; a section no reader took is absent
     */
    public static java.util.Map<String, Long> sectionsRead(Path file) {
        ConcurrentHashMap<String, LongAdder> reads = SECTION_READS.get(key(file));
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        if (reads != null) {
            reads.forEach((path, n) -> out.put(path, n.sum()));
        }
        return out;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}

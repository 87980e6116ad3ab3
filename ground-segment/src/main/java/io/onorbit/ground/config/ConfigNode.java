package io.onorbit.ground.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node of a mission file that knows where it is (file and field path), so that every check
 * reports {@code file: path: reason}. Readers use the typed getters, which validate ranges, and
 * {@link #allowOnly} to reject unknown keys with the nearest known key suggested.
 */
public final class ConfigNode {

    private final String file;
    private final String path;
    private final JsonNode node;
    /**
     * How many times each section's keys were checked ({@link #allowOnly}, which every reader calls
     * once on the section it reads), by field path, shared by the whole document: so that "each
     * section is read exactly once" is counted, not assumed ({@link YamlFiles#sectionsRead}).
     */
    private final ConcurrentMap<String, LongAdder> sectionReads;

    private ConfigNode(String file, String path, JsonNode node, ConcurrentMap<String, LongAdder> sectionReads) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.sectionReads = sectionReads;
    }

    /**
     * @param file file name for messages
     * @param node the parsed document
     * @return the root node
     */
    public static ConfigNode root(String file, JsonNode node) {
        return root(file, node, new ConcurrentHashMap<>());
    }

    /** A root whose section reads are counted into {@code sectionReads} (the file's tally, kept by {@link YamlFiles}). */
    static ConfigNode root(String file, JsonNode node, ConcurrentMap<String, LongAdder> sectionReads) {
        return new ConfigNode(file, "", node == null ? MissingNode.getInstance() : node, sectionReads);
    }

    /** @return file name used in messages */
    public String file() {
        return file;
    }

    /** @return this node's field path ("" at the root) */
    public String path() {
        return path;
    }

    /** @return the underlying Jackson node, for readers that need it */
    public JsonNode raw() {
        return node;
    }

    /** @return the path of {@code key} under this node */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @return an exception naming this node */
    public ConfigException error(String reason) {
        return new ConfigException(file, path, reason);
    }

    /** @return an exception naming {@code key} under this node */
    public ConfigException error(String key, String reason) {
        return new ConfigException(file, pathOf(key), reason);
    }

    /**
     * Rejects keys not in {@code allowed}, suggesting the nearest allowed one.
     *
     * @return this node, for chaining
     */
    public ConfigNode allowOnly(Collection<String> allowed) {
        requireObject();
        sectionReads.computeIfAbsent(path, k -> new LongAdder()).increment();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                String nearest = nearest(key, allowed);
                String hint = nearest == null ? "" : " (did you mean '" + nearest + "'?)";
                throw error(key, "unknown key" + hint + "; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    /** @return true if {@code key} is present and not null */
    public boolean has(String key) {
        return node.isObject() && node.hasNonNull(key);
    }

    /** @return the child object or value at {@code key}, if present */
    public Optional<ConfigNode> child(String key) {
        requireObject();
        return has(key) ? Optional.of(new ConfigNode(file, pathOf(key), node.get(key), sectionReads)) : Optional.empty();
    }

    /** @return the child at {@code key}, or an error if it is missing */
    public ConfigNode required(String key) {
        return child(key).orElseThrow(() -> error(key, "is required"));
    }

    /** @return the elements of the list at {@code key} (empty if absent) */
    public List<ConfigNode> list(String key) {
        Optional<ConfigNode> c = child(key);
        if (c.isEmpty()) {
            return List.of();
        }
        return c.get().elements();
    }

    /** @return this node's elements; it must be a list */
    public List<ConfigNode> elements() {
        if (!node.isArray()) {
            throw error("must be a list");
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(file, path + "[" + i + "]", node.get(i), sectionReads));
        }
        return out;
    }

    /** @return this scalar as text */
    public String asText() {
        if (!node.isValueNode()) {
            throw error("must be a single value");
        }
        return node.asText();
    }

    /** @return the text at {@code key}, required */
    public String string(String key) {
        return required(key).asText();
    }

    /** @return the text at {@code key}, or {@code defaultValue} if absent */
    public String string(String key, String defaultValue) {
        return has(key) ? string(key) : defaultValue;
    }

    /** @return the text at {@code key}, which must be one of {@code choices} (case-insensitive) */
    public String choice(String key, String defaultValue, Set<String> choices) {
        String v = string(key, defaultValue);
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw error(key, "'" + v + "' is not one of " + String.join(", ", new TreeSet<>(choices)));
        }
        return lower;
    }

    /** @return the number at {@code key}, required, in [min, max] */
    public double number(String key, double min, double max) {
        return checkRange(key, numberValue(key), min, max);
    }

    /** @return the number at {@code key} in [min, max], or {@code defaultValue} if absent */
    public double number(String key, double defaultValue, double min, double max) {
        return has(key) ? number(key, min, max) : defaultValue;
    }

    /** @return the whole number at {@code key}, required, in [min, max] */
    public long integer(String key, long min, long max) {
        JsonNode v = required(key).node;
        if (!v.isIntegralNumber()) {
            throw error(key, "'" + v.asText() + "' must be a whole number");
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw error(key, x + " is outside [" + min + ", " + max + "]");
        }
        return x;
    }

    /** @return the whole number at {@code key} in [min, max], or {@code defaultValue} if absent */
    public long integer(String key, long defaultValue, long min, long max) {
        return has(key) ? integer(key, min, max) : defaultValue;
    }

    /** @return the boolean at {@code key}, or {@code defaultValue} if absent */
    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw error(key, "'" + v.asText() + "' must be true or false");
        }
        return v.asBoolean();
    }

    /** @return the ISO-8601 UTC instant at {@code key}, required (e.g. 2026-06-21T00:00:00Z) */
    public Instant instant(String key) {
        String text = string(key);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error(key, "'" + text + "' is not an ISO-8601 UTC time such as 2026-06-21T00:00:00Z");
        }
    }

    /** @return the ISO-8601 duration at {@code key} (P7D, PT6H), strictly positive, or the default */
    public Duration positiveDuration(String key, Duration defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String text = string(key);
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw error(key, "'" + text + "' is not an ISO-8601 duration such as P7D or PT12H");
        }
        if (d.isZero() || d.isNegative()) {
            throw error(key, "'" + text + "' must be longer than zero");
        }
        return d;
    }

    private double numberValue(String key) {
        JsonNode v = required(key).node;
        if (!v.isNumber()) {
            throw error(key, "'" + v.asText() + "' must be a number");
        }
        double x = v.asDouble();
        if (!Double.isFinite(x)) {
            throw error(key, "'" + v.asText() + "' must be finite");
        }
        return x;
    }

    private double checkRange(String key, double x, double min, double max) {
        if (x < min || x > max) {
            throw error(key, fmt(x) + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return x;
    }

    private void requireObject() {
        if (!node.isObject() && !node.isMissingNode()) {
            throw error("must be a mapping of keys to values");
        }
    }

    /** Formats a number the way the user most likely wrote it. */
    static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return Double.toString(x);
    }

    /** @return the allowed key closest to {@code key} by edit distance, or null if none is close */
    static String nearest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        // Sorted, and on a tie the key the user's text starts: deterministic whatever the set's order.
        String lowerKey = key.toLowerCase(Locale.ROOT);
        for (String a : new TreeSet<>(allowed)) {
            String lower = a.toLowerCase(Locale.ROOT);
            int d = editDistance(lowerKey, lower);
            boolean better = d < bestDistance
                    || d == bestDistance && lower.startsWith(lowerKey) && !best.toLowerCase(Locale.ROOT).startsWith(lowerKey);
            if (better) {
                bestDistance = d;
                best = a;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 2) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

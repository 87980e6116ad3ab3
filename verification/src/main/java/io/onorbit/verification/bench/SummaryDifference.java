package io.onorbit.verification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares two summary.json trees of the same mission and seed, field by field, leaving out the
 * fields that measure the run rather than the mission (wall time and speed-up). As a command,
 * {@code SummaryDifference BEFORE.json AFTER.json} prints the comparison and, per field (array
 * indices folded), the largest relative difference |a - b| / max(|a|, |b|).
 */
final class SummaryDifference {

    /** fields that differ between runs of the same mission by nature */
    private static final Set<String> TIMING = Set.of("wall_s", "speedup");

    /** One field that differs: where, what, and (for two numbers) by how much relatively, else NaN. */
    private record Difference(String path, String text, double relative) {
    }

    private SummaryDifference() {
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 2) {
            System.err.println("usage: SummaryDifference BEFORE.json AFTER.json");
            System.exit(2);
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode before = json.readTree(java.nio.file.Path.of(args[0]).toFile());
        JsonNode after = json.readTree(java.nio.file.Path.of(args[1]).toFile());
        System.out.println(describe(before, after));
        java.util.Map<String, Double> byField = new java.util.TreeMap<>();
        for (Difference d : differences(before, after)) {
            byField.merge(d.path().replaceAll("\\[\\d+]", "[]"), d.relative(), (x, y) -> Double.isNaN(x) ? x : Double.isNaN(y) ? y : Math.max(x, y));
        }
        byField.forEach((f, r) -> System.out.printf(Locale.ROOT, "  %s %s%n", f, Double.isNaN(r) ? "(not a number)" : String.format(Locale.ROOT, "%.3g", r)));
    }

    /**
     * @param before the reference summary
     * @param after  the summary to compare
     * @return "identical", or the number of differing fields, the largest relative difference of a
     *         number and the first differences
     */
    static String describe(JsonNode before, JsonNode after) {
        List<Difference> diffs = differences(before, after);
        if (diffs.isEmpty()) {
            return "identical (every field but wall_s and speedup)";
        }
        double maxRel = diffs.stream().mapToDouble(Difference::relative).filter(r -> !Double.isNaN(r)).max().orElse(0);
        return String.format(Locale.ROOT, "%d fields differ, largest relative difference %.3g; first: %s",
                diffs.size(), maxRel, String.join("; ", diffs.subList(0, Math.min(5, diffs.size())).stream()
                        .map(d -> d.path() + " " + d.text()).toList()));
    }

    private static List<Difference> differences(JsonNode before, JsonNode after) {
        List<Difference> diffs = new ArrayList<>();
        compare("", before, after, diffs);
        return diffs;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<Difference> diffs) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (TIMING.contains(e.getKey())) {
                    continue;
                }
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    diffs.add(new Difference(path + "." + e.getKey(), "missing", Double.NaN));
                } else {
                    compare(path + "." + e.getKey(), e.getValue(), other, diffs);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), diffs);
            }
        } else if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            if (x != y) {
                double rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
                diffs.add(new Difference(path, String.format(Locale.ROOT, "%s -> %s", a.asText(), b.asText()), rel));
            }
        } else if (!a.equals(b)) {
            diffs.add(new Difference(path, a + " -> " + b, Double.NaN));
        }
    }
}

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
 * fields that measure the run rather than the mission (wall time and speed-up).
 */
final class SummaryDifference {

    /** fields that differ between runs of the same mission by nature */
    private static final Set<String> TIMING = Set.of("wall_s", "speedup");

    private SummaryDifference() {
    }

    /**
     * @param before the reference summary
     * @param after  the summary to compare
     * @return "identical", or the number of differing fields, the largest relative difference of a
     *         number and the first differences
     */
    static String describe(JsonNode before, JsonNode after) {
        List<String> diffs = new ArrayList<>();
        double[] maxRel = {0};
        compare("", before, after, diffs, maxRel);
        if (diffs.isEmpty()) {
            return "identical (every field but wall_s and speedup)";
        }
        return String.format(Locale.ROOT, "%d fields differ, largest relative difference %.3g; first: %s",
                diffs.size(), maxRel[0], String.join("; ", diffs.subList(0, Math.min(5, diffs.size()))));
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<String> diffs, double[] maxRel) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (TIMING.contains(e.getKey())) {
                    continue;
                }
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    diffs.add(path + "." + e.getKey() + " missing");
                } else {
                    compare(path + "." + e.getKey(), e.getValue(), other, diffs, maxRel);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), diffs, maxRel);
            }
        } else if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            if (x != y) {
                double rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
                maxRel[0] = Math.max(maxRel[0], rel);
                diffs.add(String.format(Locale.ROOT, "%s %s -> %s", path, a.asText(), b.asText()));
            }
        } else if (!a.equals(b)) {
            diffs.add(path + " " + a + " -> " + b);
        }
    }
}

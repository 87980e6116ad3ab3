package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.ground.config.ConfigException;
import io.onorbit.ground.config.ConfigNode;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a campaign file and validates every run it describes before any runs: each grid point's
 * overrides are applied to the mission document and the result is validated exactly like a
 * mission file, so a bad path or value is one line naming the campaign file and the field.
 */
public final class CampaignLoader {

    /** Keys allowed at the top of a campaign file. */
    public static final Set<String> KEYS = Set.of("campaign", "mission", "days", "seeds", "vary");
    /** Longest span a campaign run may have, days (as {@code --days} elsewhere). */
    static final double MAX_DAYS = 3660;
    /** Most runs one campaign may hold: a guard against a grid typed with one zero too many. */
    static final int MAX_RUNS = 100_000;

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private CampaignLoader() {
    }

    /**
     * A validated campaign: its spec and one task per run, in run order.
     *
     * @param spec   the campaign
     * @param points the grid points, in run order
     * @param tasks  the runs, aligned with {@code points}
     */
    public record Campaign(CampaignSpec spec, List<CampaignSpec.GridPoint> points, List<RunTask> tasks) {
        public Campaign {
            points = List.copyOf(points);
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * @param file the campaign YAML
     * @return the campaign, every run validated
     * @throws ConfigException on the first problem, as one line naming the campaign file
     */
    public static Campaign load(Path file) {
        ConfigNode root = YamlFiles.read(file);
        root.allowOnly(KEYS);
        String name = root.string("campaign").trim();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
            throw root.error("campaign", "'" + name + "' must be a non-empty name of letters, digits, '.', '_' or '-' "
                    + "(it names the output folder)");
        }
        String missionText = root.string("mission").trim();
        Path folder = file.toAbsolutePath().getParent();
        Path missionFile = folder.resolve(missionText).normalize();
        if (!Files.isRegularFile(missionFile)) {
            throw root.error("mission", "'" + missionText + "' not found (looked for " + missionFile + ")");
        }
        OptionalDouble days = OptionalDouble.empty();
        if (root.has("days")) {
            double d = root.number("days", 0, MAX_DAYS);
            if (d <= 0) {
                throw root.error("days", number(d) + " must be greater than 0 (at most " + (long) MAX_DAYS + ")");
            }
            days = OptionalDouble.of(d);
        }
        // The base mission must be sound on its own: its errors name the mission file.
        ConfigNode missionRoot = YamlFiles.read(missionFile);
        MissionConfig base = RunTask.validate(missionFile, missionRoot).config();
        List<Long> seeds = seeds(root, base.seed());
        List<CampaignSpec.Field> fields = fields(root);
        CampaignSpec spec = new CampaignSpec(name, file, missionFile, days, seeds, fields);
        long runs = (long) seeds.size();
        for (CampaignSpec.Field f : fields) {
            runs *= f.values().size();
            if (runs > MAX_RUNS) {
                throw root.error("vary", "the grid holds more than " + MAX_RUNS + " runs");
            }
        }
        long durationMs = days.isPresent() ? Math.round(days.getAsDouble() * 86_400_000L) : base.duration().toMillis();
        List<CampaignSpec.GridPoint> points = spec.points();
        List<RunTask> tasks = new ArrayList<>(points.size());
        // Runs that share their overrides differ only by seed: validate each combination once; a
        // combination that leaves the document as it is was validated above, as the base.
        String lastJson = missionRoot.raw().toString();
        for (CampaignSpec.GridPoint p : points) {
            ObjectNode doc = missionRoot.raw().deepCopy();
            for (int i = 0; i < fields.size(); i++) {
                set(root, doc, fields.get(i).path(), p.values().get(i));
            }
            String json = doc.toString();
            if (!json.equals(lastJson)) {
                validatePoint(root, spec, missionFile, doc, p);
                lastJson = json;
            }
            tasks.add(new RunTask(p.runId(), missionFile.toString(), json, durationMs, p.seed()));
        }
        return new Campaign(spec, points, tasks);
    }

    private static List<Long> seeds(ConfigNode root, long missionSeed) {
        if (!root.has("seeds")) {
            return List.of(missionSeed);
        }
        List<ConfigNode> nodes = root.required("seeds").elements();
        if (nodes.isEmpty()) {
            throw root.error("seeds", "must list at least one seed (leave it out to use the mission's seed)");
        }
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ConfigNode n : nodes) {
            JsonNode v = n.raw();
            if (!v.isIntegralNumber() || v.asLong() < 0) {
                throw n.error("'" + v.asText() + "' must be a whole number >= 0");
            }
            if (!seen.add(v.asLong())) {
                throw n.error("seed " + v.asLong() + " is listed twice (it would run the same run twice)");
            }
            out.add(v.asLong());
        }
        return out;
    }

    private static List<CampaignSpec.Field> fields(ConfigNode root) {
        if (!root.has("vary")) {
            return List.of();
        }
        ConfigNode vary = root.required("vary");
        if (!vary.raw().isObject()) {
            throw vary.error("must be a mapping of field paths to lists of values");
        }
        if (vary.raw().isEmpty()) {
            throw vary.error("names no field (leave vary out to run only the seeds)");
        }
        List<CampaignSpec.Field> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = vary.raw().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getKey();
            for (String seg : path.split("\\.", -1)) {
                if (!SEGMENT.matcher(seg).matches()) {
                    throw vary.error(path, "is not a field path such as spacecraft.power.battery.capacity_wh "
                            + "or satellites[0].altitude_km");
                }
            }
            JsonNode values = e.getValue();
            if (!values.isArray()) {
                throw vary.error(path, "must be a list of values, e.g. [20, 40, 77]");
            }
            if (values.isEmpty()) {
                throw vary.error(path, "is an empty grid: list at least one value");
            }
            List<JsonNode> list = new ArrayList<>();
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode v : values) {
                if (v.isNull()) {
                    throw vary.error(path, "null is not a value (leave the field out of vary to keep the mission's value)");
                }
                if (!seen.add(v)) {
                    throw vary.error(path, "value " + v + " is listed twice");
                }
                list.add(v);
            }
            out.add(new CampaignSpec.Field(path, list));
        }
        return out;
    }

    /** Sets {@code path} in {@code doc} to {@code value}, creating missing sections. */
    private static void set(ConfigNode campaign, ObjectNode doc, String path, JsonNode value) {
        String field = "vary." + path;
        JsonNode node = doc;
        String[] segs = path.split("\\.");
        for (int s = 0; s < segs.length; s++) {
            Matcher m = SEGMENT.matcher(segs[s]);
            if (!m.matches()) {
                throw new ConfigException(campaign.file(), field, "is not a field path");
            }
            boolean last = s == segs.length - 1;
            String key = m.group(1);
            List<Integer> indices = new ArrayList<>();
            Matcher im = INDEX.matcher(m.group(2));
            while (im.find()) {
                indices.add(Integer.parseInt(im.group(1)));
            }
            if (!node.isObject()) {
                throw new ConfigException(campaign.file(), field, "'" + key + "' is under a value, not a section, in the mission");
            }
            ObjectNode obj = (ObjectNode) node;
            if (indices.isEmpty()) {
                if (last) {
                    obj.set(key, value.deepCopy());
                    return;
                }
                JsonNode next = obj.get(key);
                if (next == null || next.isNull()) {
                    next = obj.putObject(key);
                }
                node = next;
                continue;
            }
            JsonNode cur = obj.get(key);
            for (int k = 0; k < indices.size(); k++) {
                int i = indices.get(k);
                if (cur == null || !cur.isArray()) {
                    throw new ConfigException(campaign.file(), field, "'" + key + "' is not a list in the mission");
                }
                if (i >= cur.size()) {
                    throw new ConfigException(campaign.file(), field, "index " + i + " is past the end of '" + key
                            + "' (" + cur.size() + " element(s) in the mission)");
                }
                if (last && k == indices.size() - 1) {
                    ((ArrayNode) cur).set(i, value.deepCopy());
                    return;
                }
                cur = cur.get(i);
            }
            node = cur;
        }
    }

    private static void validatePoint(ConfigNode campaign, CampaignSpec spec, Path missionFile, ObjectNode doc,
                                      CampaignSpec.GridPoint p) {
        try {
            RunTask.validate(missionFile, ConfigNode.root(missionFile.getFileName().toString(), doc));
        } catch (ConfigException e) {
            String bad = e.fieldPath() == null ? "" : e.fieldPath();
            for (int i = 0; i < spec.fields().size(); i++) {
                String path = spec.fields().get(i).path();
                if (covers(path, bad)) {
                    String where = bad.equals(path) ? "" : " (at " + bad + " in " + missionFile.getFileName() + ")";
                    throw new ConfigException(campaign.file(), "vary." + path,
                            "value " + p.values().get(i) + ": " + e.reason() + where, e);
                }
            }
            throw new ConfigException(campaign.file(), "vary", "with " + describe(spec, p) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(campaign.file(), "vary", "with " + describe(spec, p) + ": " + RunTask.oneLine(e), e);
        }
    }

    /** @return true if an error at {@code errorPath} is about the varied field {@code path} */
    static boolean covers(String path, String errorPath) {
        if (errorPath.isEmpty()) {
            return false;
        }
        return errorPath.equals(path) || errorPath.startsWith(path + ".") || errorPath.startsWith(path + "[")
                || path.startsWith(errorPath + ".") || path.startsWith(errorPath + "[");
    }

    private static String describe(CampaignSpec spec, CampaignSpec.GridPoint p) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < spec.fields().size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(spec.fields().get(i).path()).append('=').append(p.values().get(i));
        }
        return b.toString();
    }

    /** @return {@code x} as the user most likely wrote it */
    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}

package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.report.AtomicOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a finished campaign's tables: {@code results.csv} holds only what the campaign file
 * determines (so it is byte-identical whichever engine ran it); {@code results.json} adds how each
 * run ran (wall time, member, resumed or not).
 */
public final class CampaignResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignResults() {
    }

    /** @return the results.csv text: one row per run, in run order */
    public static String csv(CampaignLoader.Campaign c, Map<String, RunOutcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append("run_id");
        for (CampaignSpec.Field f : c.spec().fields()) {
            b.append(',').append(cell(f.path()));
        }
        b.append(",seed,status");
        for (Figures.Column col : Figures.COLUMNS) {
            b.append(',').append(col.column());
        }
        b.append(",error\n");
        for (CampaignSpec.GridPoint p : c.points()) {
            RunOutcome o = outcomes.get(p.runId());
            b.append(p.runId());
            for (JsonNode v : p.values()) {
                b.append(',').append(cell(text(v)));
            }
            b.append(',').append(p.seed()).append(',').append(o.ok() ? "ok" : "failed");
            for (Figures.Column col : Figures.COLUMNS) {
                b.append(',').append(cell(o.figures().getOrDefault(col.column(), "")));
            }
            b.append(',').append(cell(o.error().orElse(""))).append('\n');
        }
        return b.toString();
    }

    /** @return the results.json tree */
    public static ObjectNode json(CampaignLoader.Campaign c, Map<String, RunOutcome> outcomes, Set<String> resumed,
                                  String engine, double wallS) {
        CampaignSpec s = c.spec();
        ObjectNode root = JSON.createObjectNode();
        root.put("campaign", s.name());
        root.put("campaign_file", s.file().toString());
        root.put("mission_file", s.missionFile().toString());
        if (s.days().isPresent()) {
            root.put("days", s.days().getAsDouble());
        } else {
            root.putNull("days");
        }
        ArrayNode seeds = root.putArray("seeds");
        s.seeds().forEach(seeds::add);
        ObjectNode vary = root.putObject("vary");
        for (CampaignSpec.Field f : s.fields()) {
            ArrayNode a = vary.putArray(f.path());
            f.values().forEach(a::add);
        }
        root.put("engine", engine);
        root.put("runs_total", c.points().size());
        root.put("runs_failed", outcomes.values().stream().filter(o -> !o.ok()).count());
        root.put("runs_resumed", resumed.size());
        root.put("wall_s", Math.round(wallS * 1000) / 1000.0);
        ArrayNode runs = root.putArray("runs");
        for (CampaignSpec.GridPoint p : c.points()) {
            RunOutcome o = outcomes.get(p.runId());
            ObjectNode r = runs.addObject();
            r.put("run_id", p.runId());
            ObjectNode values = r.putObject("values");
            for (int i = 0; i < s.fields().size(); i++) {
                values.set(s.fields().get(i).path(), p.values().get(i));
            }
            r.put("seed", p.seed());
            r.put("status", o.ok() ? "ok" : "failed");
            o.error().ifPresentOrElse(e -> r.put("error", e), () -> r.putNull("error"));
            ObjectNode fig = r.putObject("figures");
            for (Figures.Column col : Figures.COLUMNS) {
                String v = o.figures().getOrDefault(col.column(), "");
                if (v.isEmpty()) {
                    fig.putNull(col.column());
                } else if (v.matches("-?\\d+")) {
                    fig.put(col.column(), Long.parseLong(v));
                } else {
                    fig.put(col.column(), Double.parseDouble(v));
                }
            }
            r.put("wall_s", Math.round(o.wallS() * 1000) / 1000.0);
            r.put("member", o.member());
            r.put("resumed", resumed.contains(p.runId()));
        }
        return root;
    }

    /** Writes results.csv, results.json and index.html, each atomically. */
    static void write(CampaignFolder folder, CampaignLoader.Campaign c, Map<String, RunOutcome> outcomes,
                      Set<String> resumed, String engine, double wallS) {
        AtomicOutput.writeString(folder.dir().resolve("results.csv"), csv(c, outcomes));
        AtomicOutput.writeString(folder.dir().resolve("results.json"),
                json(c, outcomes, resumed, engine, wallS).toPrettyString() + "\n");
        AtomicOutput.writeString(folder.dir().resolve("index.html"), CampaignPage.html(c, outcomes, engine, wallS));
        folder.mark();
    }

    /** @return a YAML scalar as the user wrote it; a tree as compact JSON */
    static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** @return a CSV cell (RFC 4180 quoting when needed) */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

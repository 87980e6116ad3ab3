package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.cli.UserInputException;
import io.onorbit.verification.report.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A campaign's output folder. Each finished run is journaled at once as {@code runs/<run id>.json}
 * (written atomically), so a campaign stopped by Ctrl-C, a crash or a lost cluster resumes from
 * the folder without repeating finished runs. The folder is marked as OnOrbit's by a
 * {@value #MARKER} file; OnOrbit writes only into an empty or missing folder or one it marked.
 */
public final class CampaignFolder {

    /** Marks a folder as a campaign output folder OnOrbit made. */
    static final String MARKER = ".onorbit-campaign";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private CampaignFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (or creates) the output folder.
     *
     * @param dir          the folder
     * @param campaignName written into the marker
     * @return the folder
     * @throws UserInputException if it exists and holds anything OnOrbit did not make for a campaign
     */
    public static CampaignFolder open(Path dir, String campaignName) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new UserInputException("--out " + dir + ": is a file, not a folder; choose another --out");
                }
                boolean ours = Files.isRegularFile(dir.resolve(MARKER));
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.findAny().isEmpty();
                }
                if (!ours && !empty) {
                    throw new UserInputException("--out " + dir + ": exists and is not a campaign folder OnOrbit made; "
                            + "choose a new or empty folder (nothing was written)");
                }
            }
            Files.createDirectories(dir.resolve("runs"));
            if (!Files.exists(dir.resolve(MARKER))) {
                AtomicOutput.writeString(dir.resolve(MARKER), "campaign " + campaignName + "\n");
            }
            return new CampaignFolder(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new UserInputException("--out " + dir + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return the folder the per-run journal is in */
    public Path runsDir() {
        return dir.resolve("runs");
    }

    /** Journals one finished run. */
    void journal(RunTask task, RunOutcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run_id", o.runId());
        n.put("fingerprint", task.fingerprint());
        n.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
        o.error().ifPresentOrElse(e -> n.put("error", e), () -> n.putNull("error"));
        ObjectNode f = n.putObject("figures");
        o.figures().forEach(f::put);
        n.put("wall_s", o.wallS());
        n.put("member", o.member());
        AtomicOutput.writeString(runsDir().resolve(o.runId() + ".json"), n.toPrettyString() + "\n");
    }

    /**
     * @param tasks the campaign's runs
     * @return journaled outcomes of runs that finished (ok) from exactly these tasks, by run id;
     *         failed runs and runs of a changed campaign are run again
     */
    Map<String, RunOutcome> finished(List<RunTask> tasks) {
        Map<String, RunOutcome> out = new HashMap<>();
        for (RunTask t : tasks) {
            Path f = runsDir().resolve(t.runId() + ".json");
            if (!Files.isRegularFile(f)) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(f.toFile());
            } catch (IOException e) {
                continue; // not readable: run it again (journal files are written atomically, so this is rare)
            }
            if (!t.fingerprint().equals(n.path("fingerprint").asText()) || !"ok".equals(n.path("status").asText())) {
                continue;
            }
            Map<String, String> figures = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.path("figures").fields();
            while (it.hasNext()) {
                var e = it.next();
                figures.put(e.getKey(), e.getValue().asText());
            }
            out.put(t.runId(), new RunOutcome(t.runId(), RunOutcome.Status.OK, figures, Optional.empty(),
                    n.path("wall_s").asDouble(), n.path("member").asText()));
        }
        return out;
    }
}

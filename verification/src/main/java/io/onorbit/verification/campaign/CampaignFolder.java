package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.verification.cli.Outputs;
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

/**
 * A campaign's output folder. Each finished run is journaled at once as {@code runs/<run id>.json}
 * (written atomically), so a campaign stopped by Ctrl-C, a crash or a lost cluster resumes from
 * the folder without repeating finished runs. The folder carries OnOrbit's output marker (kept
 * listing every file in it, so the output-folder checks of every command know it as OnOrbit's)
 * and a {@value #MARKER} file naming the campaign, which makes it resumable.
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
     * Opens (or creates) the output folder, after the same checks every OnOrbit output gets
     * ({@link Outputs#checkFolder}): never a folder holding an input or anything OnOrbit did not
     * write. A folder of the same campaign is resumed; another OnOrbit output is replaced only
     * with {@code --force}.
     *
     * @param dir          the folder
     * @param campaignName written into the campaign marker
     * @param force        whether an earlier OnOrbit output that is not this campaign's may be replaced
     * @param inputs       the campaign's input files (campaign and mission file)
     * @return the folder
     * @throws UserInputException naming {@code --out}, the folder and the reason
     */
    public static CampaignFolder open(Path dir, String campaignName, boolean force, Path... inputs) {
        String marker = "campaign " + campaignName + "\n";
        boolean sameCampaign = false;
        try {
            sameCampaign = Files.isRegularFile(dir.resolve(MARKER)) && Files.readString(dir.resolve(MARKER)).equals(marker);
        } catch (IOException e) {
            // unreadable marker: not resumable; the checks below decide
        }
        Outputs.checkFolder("--out", dir, force || sameCampaign, inputs);
        try {
            if (!sameCampaign && AtomicOutput.inspect(dir).occupancy() == AtomicOutput.Occupancy.ONORBIT_OUTPUT) {
                AtomicOutput.deleteTree(dir); // --force on an earlier OnOrbit output: only OnOrbit's files are there
            }
            Files.createDirectories(dir.resolve("runs"));
            if (!sameCampaign) {
                AtomicOutput.writeString(dir.resolve(MARKER), marker);
            }
            AtomicOutput.mark(dir);
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
        AtomicOutput.mark(dir);
    }

    /** Lists everything in the folder in OnOrbit's output marker (after the tables are written). */
    void mark() {
        AtomicOutput.mark(dir);
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

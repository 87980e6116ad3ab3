package io.onorbit.verification.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.SimulationSettings;
import io.onorbit.verification.sim.SyntheticSchedules;
import io.onorbit.verification.sim.TestStageFactories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionReportTest {

    @TempDir
    Path tmp;

    private SimulationResult run() {
        return new MissionSimulator("report-test", List.of(SyntheticSchedules.leo("sat-a", 86400, 0),
                SyntheticSchedules.leo("sat-b", 86400, 900)), TestStageFactories.batteryAndRadio(),
                SimulationSettings.defaults(), tmp.resolve("work")).run(86400);
    }

    @Test
    void reportFolderHasSummaryHtmlAndPlotsAndNoPartialLeftovers() throws Exception {
        SimulationResult r = run();
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.txt"), "from an older run");
        AtomicOutput.mark(out); // an earlier OnOrbit output: the only kind of folder a report replaces
        try (AtomicOutput.Folder f = AtomicOutput.folder(out)) {
            MissionReport.write(r, f.dir());
            assertThat(out.resolve("summary.json")).doesNotExist(); // nothing in place before commit
            f.commit();
        }
        assertThat(out.resolve("stale.txt")).doesNotExist();
        String page = Files.readString(out.resolve("index.html"));
        // One self-contained page: the plots are inside it, nothing is fetched.
        assertThat(page).contains("report-test", "Contacts by station", "State of charge against the floor")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        String[] parts = page.split("data:image/png;base64,", -1);
        for (int i = 1; i < parts.length; i++) {
            byte[] b = java.util.Base64.getDecoder().decode(parts[i].substring(0, parts[i].indexOf('"')));
            assertThat(b).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        assertThat(page.split("data:image/png;base64,", -1).length - 1).as("timeline, charge, power, bytes per pass")
                .isEqualTo(4);
        assertThat(page).contains("Downlink used against pass capacity: not available (this run's link does not say");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".png"));
        }
        // No learning stage ran: its plots and answers are replaced by a line, not drawn from nothing.
        assertThat(page).contains("not available (the learning stage did not run)", "Not measured: the learning stage did not run");
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial") || n.contains(".old"));
        }
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : new String[] {"simulated_s", "wall_s", "satellites", "min_soc", "soc_floor", "training_energy_wh",
                "transmissions_outside_contact", "invariant_violations", "faults_injected", "faults_survived"}) {
            assertThat(s.has(key)).as(key).isTrue();
        }
        for (String key : new String[] {"generated", "delivered", "queued", "lost", "duplicated", "bytes_downlinked", "dense_bytes",
                "archived", "rejected_on_ground"}) {
            assertThat(s.get("deltas").has(key)).as(key).isTrue();
        }
        for (String key : new String[] {"engine", "energy_wh", "duty_fraction", "updates", "samples_seen", "samples_trained",
                "samples_dropped", "changes_detected", "changes_taken_back"}) {
            assertThat(s.get("training").has(key)).as("training." + key).isTrue();
        }
        for (String key : new String[] {"published", "applied", "refused", "max_lag_s"}) {
            assertThat(s.get("updates").has(key)).as("updates." + key).isTrue();
        }
        assertThat(s.get("deltas").get("archived").isNull()).as("no ground ran: no archive to count").isTrue();
        assertThat(s.get("training").get("energy_wh").isNull()).isTrue();
        assertThat(s.get("faults_injected").has("attacker")).isTrue();
        assertThat(s.get("passed").asBoolean()).isTrue();
        assertThat(s.get("error").get("onboard").isNull()).isTrue();
        assertThat(s.get("training_energy_wh").isNull()).isTrue();
        assertThat(s.get("min_soc").asDouble()).isEqualTo(0.8);
        assertThat(s.get("satellites").asInt()).isEqualTo(2);
    }

    @Test
    void anUncommittedFolderIsDiscardedAndTheOldOneKept() throws Exception {
        Path out = tmp.resolve("keep");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "{}");
        try (AtomicOutput.Folder f = AtomicOutput.folder(out)) {
            Files.writeString(f.dir().resolve("summary.json"), "{\"partial\": true}");
            // no commit: the run failed half way
        }
        assertThat(out.resolve("summary.json")).content().isEqualTo("{}");
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("keep");
        }
    }
}

package io.onorbit.verification.compression;

import io.onorbit.verification.experiment.CompressionCommand;
import io.onorbit.verification.launcher.OnOrbitCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.ScaleMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompressionExperimentTest {

    @Test
    void uncompressedExchangeWithOneClientIsPlainLocalTraining() {
        TeacherNetworkProblem p = new TeacherNetworkProblem(6, 8, 1, 5, 0.05, 3);
        float[] direct = p.initialParameters();
        for (int round = 0; round < 10; round++) {
            p.train(0, round, direct);
        }
        CompressionExperiment.Run r = CompressionExperiment.runOne(p, 10, CompressionSettings.uncompressed());
        // Only float32 rounding of (local - global) + global separates the two.
        assertThat(r.error()).isCloseTo(p.error(direct), org.assertj.core.data.Offset.offset(1e-4 * p.error(direct)));
        assertThat(r.error()).isLessThan(p.error(p.initialParameters()));
        int n = p.layout().dimension();
        assertThat(r.meanBytesPerDelta()).isGreaterThan(4.0 * n).isLessThan(4.0 * n + 160);
    }

    @Test
    void sweepCoversTheGridAndSmallerKMeansFewerBytes() {
        TeacherNetworkProblem p = new TeacherNetworkProblem(8, 16, 3, 3, 0.05, 4);
        List<CompressionSettings> grid = CompressionExperiment.sweep();
        assertThat(grid).hasSize(3 * 4 * 2);
        CompressionExperiment.Result r = CompressionExperiment.run(p, 4, List.of(
                new CompressionSettings(0.1, 8, ScaleMode.PER_TENSOR, true),
                new CompressionSettings(0.01, 8, ScaleMode.PER_TENSOR, true),
                new CompressionSettings(0.01, 1, ScaleMode.PER_TENSOR, true)));
        assertThat(r.points().get(0).meanBytesPerDelta()).isGreaterThan(r.points().get(1).meanBytesPerDelta());
        assertThat(r.points().get(1).meanBytesPerDelta()).isGreaterThan(r.points().get(2).meanBytesPerDelta());
        assertThat(r.ratio(r.baseline())).isLessThan(1.0);
        for (CompressionExperiment.Run x : r.points()) {
            assertThat(x.error()).isFinite().isPositive();
        }
    }

    @Test
    void onboardNetworkProblemLearnsThroughTheCodec() {
        OnboardNetworkProblem p = new OnboardNetworkProblem(new int[] {8}, 2, 3);
        assertThat(p.layout().dimension()).isEqualTo(10 * 8 + 8 + 8 + 1);
        assertThat(p.initialParameters()).hasSize(p.layout().dimension());
        CompressionExperiment.Run r = CompressionExperiment.runOne(p, 6, CompressionSettings.uncompressed());
        // Hyperplane labels carry 5% noise: a trained network beats guessing by a wide margin.
        assertThat(r.error()).isLessThan(0.35).isLessThan(p.error(p.initialParameters()));
    }

    @Test
    void commandPrintsTheDocumentedJson(@TempDir Path dir) throws Exception {
        Path mission = dir.resolve("m.yaml");
        Files.writeString(mission, """
                mission: tiny
                start: 2026-06-21T00:00:00Z
                duration: P1D
                seed: 5
                satellites:
                  - name: sat-1
                    tle:
                      - "1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995"
                      - "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16"
                ground_stations:
                  - name: svalbard
                    latitude_deg: 78.229
                    longitude_deg: 15.389
                    altitude_m: 500
                    min_elevation_deg: 5
                link:
                  experiment: {rounds: 2, local_steps: 2, hidden_width: 4, seeds: 2}
                """);
        Path out = dir.resolve("r.json");
        CommandLine cl = new CommandLine(new CompressionCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(mission.toString(), "--format", "json", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        assertThat(j.path("baseline").path("bytes").asDouble()).isPositive();
        assertThat(j.path("baseline").path("error").isNumber()).isTrue();
        assertThat(j.path("clients").asInt()).as("one satellite: at least two clients").isEqualTo(2);
        assertThat(j.path("seeds_averaged").asInt()).isEqualTo(2);
        assertThat(j.path("points")).hasSize(24);
        JsonNode p = j.path("points").get(0);
        for (String k : List.of("top_k_fraction", "bits", "error_feedback", "bytes", "ratio", "error")) {
            assertThat(p.has(k)).as(k).isTrue();
        }
        assertThat(j.path("mission").asText()).isEqualTo("tiny");
        assertThat(j.path("seed").asLong()).isEqualTo(5);
        // A bad link value is one line naming file and field, exit 2 through the real CLI.
        Files.writeString(mission, Files.readString(mission).replace("seeds: 2", "seeds: 0"));
        StringWriter err2 = new StringWriter();
        CommandLine root = io.onorbit.verification.launcher.OnOrbitCli.commandLine();
        root.setErr(new PrintWriter(err2));
        assertThat(root.execute("experiment", "compression", mission.toString())).isEqualTo(2);
        assertThat(err2.toString()).contains("m.yaml").contains("link.experiment.seeds").doesNotContain("Exception");
        assertThat(p.path("ratio").asDouble()).isCloseTo(j.path("dense_float32_bytes").asDouble()
                / p.path("bytes").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    }
}

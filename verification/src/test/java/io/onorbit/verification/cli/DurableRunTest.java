package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.archive.Archive;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.FlightStage;
import io.onorbit.verification.sim.GroundStage;
import io.onorbit.verification.sim.SensorStage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.PowerStage;
import io.onorbit.verification.sim.SimulationSettings;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import io.onorbit.verification.sim.SyntheticSchedules;
import io.onorbit.verification.sim.TestStageFactories;
import io.onorbit.verification.soak.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive is written at its final path while the run goes: a run that fails part-way leaves
 * it readable with what was committed, the summary says the run is incomplete, and the flight
 * storage is gone.
 */
class DurableRunTest {

    static final double DAY_S = 86_400;

    @TempDir
    Path dir;

    /** A ground that archives one global version per synchronization and fails at the {@code failAt}-th. */
    static final class CountingGround implements GroundStage {
        final Archive archive;
        final Path file;
        final int failAt;
        int syncs;

        CountingGround(Path file, int failAt) {
            this.file = file;
            this.archive = Archive.open(file);
            this.failAt = failAt;
        }

        @Override
        public Port port(String satellite) {
            return null;
        }

        @Override
        public SyncReport synchronize(double trueTimeS) {
            if (++syncs == failAt) {
                throw new IllegalStateException("ground failure injected at sync " + syncs);
            }
            archive.recordGlobalVersion(new float[] {syncs}, "sync", List.of(), Instant.EPOCH.plusSeconds((long) trueTimeS));
            return SyncReport.NOTHING;
        }

        @Override
        public Optional<Path> archiveFile() {
            return Optional.of(file);
        }

        @Override
        public void close() {
            archive.close();
        }

        @Override
        public String name() {
            return "counting ground";
        }
    }

    static StageFactory withGround(int failAt) {
        StageFactory base = TestStageFactories.batteryAndRadio();
        return new StageFactory() {
            @Override
            public List<StageStatus> statuses() {
                return base.statuses();
            }

            @Override
            public PowerStage power(OnboardSchedule s, int i, long seed) {
                return base.power(s, i, seed);
            }

            @Override
            public SensorStage sensors(OnboardSchedule s, int i, long seed) {
                return base.sensors(s, i, seed);
            }

            @Override
            public FlightStage flight(OnboardSchedule s, int i, long seed) {
                return base.flight(s, i, seed);
            }

            @Override
            public GroundStage ground(List<OnboardSchedule> s, long seed, Path archiveFile) {
                return new CountingGround(archiveFile, failAt);
            }
        };
    }

    static MissionSetup setup(int failAt) {
        SimulationSettings settings = SimulationSettings.defaults().withThreads(1);
        return new MissionSetup("durable", 7, DAY_S, List.of(SyntheticSchedules.leo("sat-1", DAY_S, 0)), settings,
                withGround(failAt));
    }

    static long flightFoldersOfThisProcess() throws Exception {
        String prefix = "onorbit-flight-" + ProcessHandle.current().pid() + "-";
        long n = 0;
        for (Path root : List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> l = Files.list(root)) {
                    n += l.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
                }
            }
        }
        return n;
    }

    @Test
    void aFailingRunLeavesItsArchiveReadableAndItsSummaryIncomplete() throws Exception {
        Path out = dir.resolve("report");
        MissionSetup setup = setup(4);
        assertThatThrownBy(() -> RunSupport.run(setup, 7, FaultPlan.none(), out, (d, t) -> { }))
                .hasMessageContaining("ground failure injected at sync 4");
        try (Archive a = Archive.openExisting(out.resolve("archive.db"), Archive.Access.READ_ONLY)) {
            assertThat(a.globals()).as("the three syncs committed before the failure").hasSize(3);
        }
        JsonNode summary = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("complete").asBoolean()).isFalse();
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("detail").asText()).contains("ground failure injected");
        assertThat(summary.get("archive").asText()).isEqualTo("archive.db");
        assertThat(AtomicOutput.inspect(out).occupancy()).as("still OnOrbit's own folder")
                .isNotEqualTo(AtomicOutput.Occupancy.FOREIGN);
        assertThat(flightFoldersOfThisProcess()).as("flight storage deleted").isZero();
    }

    @Test
    void aFinishedRunSaysCompleteAndKeepsItsArchive() throws Exception {
        Path out = dir.resolve("report");
        RunSupport.run(setup(Integer.MAX_VALUE), 7, FaultPlan.none(), out, (d, t) -> { });
        JsonNode summary = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("complete").asBoolean()).isTrue();
        try (Archive a = Archive.openExisting(out.resolve("archive.db"), Archive.Access.READ_ONLY)) {
            assertThat(a.globals()).isNotEmpty();
        }
        assertThat(Files.readString(out.resolve(AtomicOutput.MARKER))).contains("archive.db", "summary.json");
        assertThat(flightFoldersOfThisProcess()).isZero();
    }
}

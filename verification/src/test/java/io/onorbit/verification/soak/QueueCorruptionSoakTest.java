package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.SpacecraftClock;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.storage.FileOps;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.FlightStage;
import io.onorbit.verification.sim.FlightStorage;
import io.onorbit.verification.sim.GroundStage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.PowerStage;
import io.onorbit.verification.sim.SensorStage;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storage corruption of queued deltas, end to end (orbit, flight executive, ground archive): at
 * every reboot the test damages queued entries on flash before the flight software reads them.
 * One copy of every entry damaged loses nothing (each delta reaches the archive); both copies
 * damaged is a lost delta, and the soak fails.
 */
class QueueCorruptionSoakTest {

    private static MissionSetup setup;

    /** Frequent resets, and half the passes missed so that deltas wait in the queue across resets. */
    private static final FaultPlan RESETS = new FaultPlan(12, 60, 0, 1.0, 0, 0.03, 0.5, 0, 0, 0, 0, 120, 0);

    @BeforeAll
    static void plan() throws URISyntaxException {
        Path mission = Path.of(Objects.requireNonNull(QueueCorruptionSoakTest.class.getResource("/soak-small.yaml")).toURI());
        setup = MissionSetups.load(mission, null);
    }

    private static SimulationResult run(Damaging stages) {
        Path work = FlightStorage.newRunFolder();
        try {
            return new MissionSimulator(setup.mission(), setup.schedules(), stages, setup.settings(), work)
                    .withFaults(RESETS).withSeed(5).run(2 * 86400);
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    @Test
    void oneDamagedCopyOfEveryQueuedDeltaLosesNothing() {
        Damaging stages = new Damaging(setup.stages(), List.of("q-"));
        SimulationResult r = run(stages);
        assertThat(stages.damaged.get()).as("entries damaged at reboots").isPositive();
        assertThat(r.sum(SimulationResult.Satellite::lost)).isZero();
        assertThat(r.sum(SimulationResult.Satellite::duplicated)).isZero();
        assertThat(r.totalViolations()).isZero();
        assertThat(r.passed()).isTrue();
        assertThat(r.sum(SimulationResult.Satellite::delivered)).isPositive();
    }

    @Test
    void bothCopiesDamagedIsALostDeltaAndTheSoakFails() {
        Damaging stages = new Damaging(setup.stages(), List.of("q-", "m-"));
        SimulationResult r = run(stages);
        assertThat(stages.damaged.get()).isPositive();
        // A destroyed delta the ground had archived already (its acknowledgement lost) is not lost.
        assertThat(r.sum(SimulationResult.Satellite::lost)).isPositive().isLessThanOrEqualTo(stages.damaged.get());
        assertThat(r.passed()).isFalse();
    }

    /** The mission's stages; at every boot but the first, the named copies of each queued entry get a flipped byte. */
    private static final class Damaging implements StageFactory {
        private final StageFactory real;
        private final List<String> prefixes;
        final AtomicLong damaged = new AtomicLong();

        Damaging(StageFactory real, List<String> prefixes) {
            this.real = real;
            this.prefixes = prefixes;
        }

        @Override
        public List<StageStatus> statuses() {
            return real.statuses();
        }

        @Override
        public Optional<String> trainingEngine() {
            return real.trainingEngine();
        }

        @Override
        public PowerStage power(OnboardSchedule schedule, int index, long seed) {
            return real.power(schedule, index, seed);
        }

        @Override
        public SensorStage sensors(OnboardSchedule schedule, int index, long seed) {
            return real.sensors(schedule, index, seed);
        }

        @Override
        public GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile) {
            return real.ground(schedules, seed, archiveFile);
        }

        @Override
        public FlightStage flight(OnboardSchedule schedule, int index, long seed) {
            FlightStage f = real.flight(schedule, index, seed);
            return new FlightStage() {
                private boolean booted;

                @Override
                public FlightSoftware boot(FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter) {
                    if (booted) {
                        damageQueue(flashDir.resolve("queue"));
                    }
                    booted = true;
                    return f.boot(flash, flashDir, clock, transmitter);
                }

                @Override
                public EngineDraw drainEngine() {
                    return f.drainEngine();
                }

                @Override
                public int modelParameters() {
                    return f.modelParameters();
                }

                @Override
                public String name() {
                    return f.name();
                }
            };
        }

        private void damageQueue(Path queue) {
            if (!Files.isDirectory(queue)) {
                return;
            }
            try (Stream<Path> files = Files.list(queue)) {
                for (Path entry : files.filter(p -> p.getFileName().toString().matches("q-\\d+\\.dlt")).toList()) {
                    for (String prefix : prefixes) {
                        Path copy = entry.resolveSibling(prefix + entry.getFileName().toString().substring(2));
                        byte[] b = Files.readAllBytes(copy);
                        b[b.length / 2] ^= 0x5A;
                        Files.write(copy, b);
                    }
                    damaged.incrementAndGet();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

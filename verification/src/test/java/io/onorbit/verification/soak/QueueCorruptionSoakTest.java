package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.storage.FileOps;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import io.onorbit.verification.sim.FlightStorage;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.MissionSimulator;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.sim.StageFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
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
            return new MissionSimulator(setup.mission(), setup.schedules(), stages.stages, setup.settings(), work)
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
    private static final class Damaging {
        private final List<String> prefixes;
        private final java.util.Set<Path> booted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicLong damaged = new AtomicLong();
        final StageFactory stages;

        Damaging(StageFactory real, List<String> prefixes) {
            this.prefixes = prefixes;
            this.stages = new FlightWrappedStages(real, satellite -> true, (f, flash, flashDir, clock, transmitter) -> {
                if (!booted.add(flashDir)) {
                    damageQueue(flash, flashDir.resolve("queue"));
                }
                return f.boot(flash, flashDir, clock, transmitter);
            });
        }

        /** Through the flash's own operations (the loop's flash is in memory), each damaged copy flushed so it stays as damaged. */
        private void damageQueue(FileOps flash, Path queue) {
            try {
                List<Path> files;
                try {
                    files = flash.list(queue);
                } catch (NoSuchFileException none) {
                    return;
                }
                for (Path entry : files.stream().filter(p -> p.getFileName().toString().matches("q-\\d+\\.dlt")).toList()) {
                    for (String prefix : prefixes) {
                        Path copy = entry.resolveSibling(prefix + entry.getFileName().toString().substring(2));
                        byte[] b = flash.read(copy);
                        b[b.length / 2] ^= 0x5A;
                        flash.write(copy, b);
                        flash.sync(copy);
                    }
                    damaged.incrementAndGet();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package io.onorbit.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.report.AtomicOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference learners scoring beside the loop on a second thread give the figures they give on
 * the loop's thread: the real stages (trainer, analog engine, local-only learner, ground) on the
 * smallest mission of DESIGN.md for one day, once with one thread and once with two.
 */
class ScoringBesideLoopTest {

    /** The bundled example mission: one TLE satellite, one station. */
    private static final Path MINIMAL = Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs",
            "minimal.yaml");

    private SimulationResult run(int threads) throws IOException {
        MissionSetup setup = MissionSetups.load(MINIMAL, 1.0);
        Path work = FlightStorage.newRunFolder();
        try {
            return new MissionSimulator(setup.mission(), setup.schedules(), setup.stages(),
                    setup.settings().withThreads(threads), work).run(86400);
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    @Test
    void theSecondThreadChangesNoFigure() throws IOException {
        SimulationResult inline = run(1);
        SimulationResult beside = run(2);
        SimulationResult.Satellite a = inline.satellites().get(0);
        SimulationResult.Satellite b = beside.satellites().get(0);
        // the learners really learned and were scored, so the comparison is not between empty books
        assertThat(a.trainingUpdates()).isPositive();
        assertThat(java.util.Arrays.stream(a.errorCounts()).min().orElseThrow()).isPositive();
        assertThat(bits(b.errorSums())).containsExactly(bits(a.errorSums()));
        assertThat(b.errorCounts()).containsExactly(a.errorCounts());
        assertThat(bits(b.errors().timesS())).containsExactly(bits(a.errors().timesS()));
        assertThat(b.errors().channels().length).isEqualTo(a.errors().channels().length);
        for (int k = 0; k < a.errors().channels().length; k++) {
            assertThat(bits(b.errors().channels()[k])).as("error channel %d", k).containsExactly(bits(a.errors().channels()[k]));
        }
        assertThat(b.trainingUpdates()).isEqualTo(a.trainingUpdates());
        assertThat(b.trainingEnergyWh()).isEqualTo(a.trainingEnergyWh());
    }

    /** Bit patterns, so that NaN (a learner with no sample yet) compares equal to itself. */
    private static long[] bits(double[] v) {
        return java.util.Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void tasksRunInOrderAndAFailureIsRethrownAndStopsTheLane() {
        List<Integer> seen = new ArrayList<>();
        try (OrderedLane lane = new OrderedLane("test-lane")) {
            for (int chunk = 0; chunk < 3 * OrderedLane.CHUNKS_AHEAD; chunk++) {
                for (int i = 0; i < 10; i++) {
                    int k = chunk * 10 + i;
                    lane.submit(() -> seen.add(k));
                }
                lane.handOff();
            }
            lane.drain();
            assertThat(seen).hasSize(30 * OrderedLane.CHUNKS_AHEAD);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
            lane.submit(() -> {
                throw new ArithmeticException("broken learner");
            });
            lane.handOff();
            lane.submit(() -> seen.add(-1));
            assertThatThrownBy(lane::drain).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test-lane failed").hasMessageContaining("broken learner");
            assertThat(seen).doesNotContain(-1);
        }
    }
}

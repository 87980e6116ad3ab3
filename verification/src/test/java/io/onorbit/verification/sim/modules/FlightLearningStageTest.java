package io.onorbit.verification.sim.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.LearningConfig;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.model.ModelVersion;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.sim.LearningStage;
import io.onorbit.verification.sim.SyntheticSchedules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reset restarts the learner from what it persisted, or from the golden image if that is damaged. */
class FlightLearningStageTest {

    @TempDir
    Path dir;

    private FlightLearningStage stage(OnboardSchedule s, float[] launch, ModelVersion v) {
        LearningConfig c = LearningConfig.defaults();
        return new FlightLearningStage(new SolarArrayTask(s, c.solar().withSeed(3)), c.trainer(),
                DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD), launch, v, 0.98, dir,
                PayloadSpec.digitalProcessor());
    }

    @Test
    void resetRestoresTheCheckpointAndADamagedOneFallsBackToTheGoldenImage() throws Exception {
        OnboardSchedule s = SyntheticSchedules.leo("sat", 2 * 86400, 0);
        DeployedModel launch = DeployedModel.fit(s, LearningConfig.defaults());
        FlightLearningStage st = stage(s, launch.parameters(), launch.version());
        assertThat(launch.version().matches(launch.parameters())).isTrue();
        long updates = 0;
        for (double t = 0; t < 86400; t += 30) {
            LearningStage.TrainingStep step = st.step(t, t, 30, 1.0);
            updates += step.updates();
            assertThat(st.memoryUsedBytes()).isLessThanOrEqualTo(st.memoryBudgetBytes());
        }
        assertThat(updates).isPositive();
        float[] trained = st.parameters();
        assertThat(trained).isNotEqualTo(launch.parameters());
        st.checkpoint();
        long since = st.samplesSinceBase();
        st.step(86400, 86400, 3600, 1.0); // trains on, then the computer resets before the next checkpoint
        st.reset();
        assertThat(st.parameters()).isEqualTo(trained);
        assertThat(st.samplesSinceBase()).isEqualTo(since);
        assertThat(st.base()).isEqualTo(launch.version());

        Path ckpt = dir.resolve("model.ckpt");
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x40;
        Files.write(ckpt, b);
        st.reset();
        assertThat(st.parameters()).isEqualTo(launch.parameters());
        assertThat(st.checkpointsDamaged()).isEqualTo(1);
        // The evaluation learners are instruments: their errors survive resets.
        assertThat(st.errors().frozen()).isFinite();
    }
}

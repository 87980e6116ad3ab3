package io.onorbit.flight.learning;

import io.onorbit.flight.learning.task.DriftTask;
import io.onorbit.flight.learning.task.TaskSpec;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import java.util.Objects;

/**
 * What the mission file's {@code learning} section sets for the spacecraft: the trainer, the task
 * (which one, and the solar-array task's ageing) and the personalisation. Every drift onset is an
 * absolute time since the mission start, never a fraction of the run. The section's
 * {@code experiment} (the ground's drift study and launch-model fit) is not the spacecraft's and
 * is read by {@code verification}.
 *
 * @param trainer          onboard trainer settings
 * @param solar            solar-array scenario, string failure time absolute (s since epoch)
 * @param task             which task, and its drift schedule
 * @param taskChosen       whether the mission file names the task ({@code learning.task.kind}), rather
 *                         than leaving it to the default (the drift experiment then runs every task)
 * @param personalisation  how each satellite personalises the federation (a personal model
 *                         interpolated with the federated one, or none)
 */
public record LearningConfig(LearningSettings trainer, SolarArrayScenario solar, TaskSpec task,
                             boolean taskChosen, Personalisation personalisation) {

    /** Default string failure: 2 days after the start (inside the smallest bundled 3-day mission, after a 1-day warm-up). */
    public static final double DEFAULT_STRING_FAILURE_S = 2 * 86400.0;

    public LearningConfig {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(solar, "solar");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(personalisation, "personalisation");
    }

    /** Settings with the task left to the default (not named in the file). */
    public LearningConfig(LearningSettings trainer, SolarArrayScenario solar, TaskSpec task) {
        this(trainer, solar, task, false, Personalisation.defaults());
    }

    /** @return every default (no {@code learning} section) */
    public static LearningConfig defaults() {
        return new LearningConfig(LearningSettings.defaults(), SolarArrayScenario.defaults(DEFAULT_STRING_FAILURE_S),
                TaskSpec.defaults());
    }

    /** @return a copy with another task, chosen */
    public LearningConfig withTask(TaskSpec t) {
        return new LearningConfig(trainer, solar, t, true, personalisation);
    }

    /**
     * @param schedule the satellite's schedule
     * @param seed     the stream's seed
     * @return the configured task's stream for that satellite
     */
    public DriftTask createTask(OnboardSchedule schedule, long seed) {
        return task.create(schedule, solar, seed);
    }
}

package io.onorbit.flight.learning;

import io.onorbit.flight.learning.eval.DriftExperimentSettings;
import io.onorbit.flight.learning.task.SolarArrayScenario;
import java.util.Objects;

/**
 * Everything the mission file's {@code learning} section sets: the trainer, the default
 * solar-array task's ageing, and the drift experiment.
 *
 * @param trainer          onboard trainer settings
 * @param solar            solar-array scenario; its failure time is replaced by {@link #stringFailureS} if that is set
 * @param stringFailureS   string failure time, s since epoch; NaN = one third of the span
 * @param experiment       drift experiment settings
 */
public record LearningConfig(LearningSettings trainer, SolarArrayScenario solar, double stringFailureS,
                             DriftExperimentSettings experiment) {

    public LearningConfig {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(solar, "solar");
        Objects.requireNonNull(experiment, "experiment");
    }

    /** @return every default (no {@code learning} section) */
    public static LearningConfig defaults() {
        return new LearningConfig(LearningSettings.defaults(), SolarArrayScenario.defaults(0), Double.NaN,
                DriftExperimentSettings.defaults());
    }

    /** @return the solar scenario for a stream spanning {@code durationS} (failure at a third of it by default) */
    public SolarArrayScenario solarFor(double durationS) {
        double failure = Double.isNaN(stringFailureS) ? durationS / 3 : stringFailureS;
        return solar.withStringFailure(solar.failedStrings(), failure);
    }
}

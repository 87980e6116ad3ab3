package io.onorbit.verification.sim;

import io.onorbit.flight.schedule.OnboardSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the stages of one mission. A stage whose module is not available returns null and is
 * listed in {@link #statuses()} with the reason; the loop then skips it.
 */
public interface StageFactory {

    /** @return one entry per stage: available or not, and why */
    List<StageStatus> statuses();

    /** @return the training engine the mission flies ("analog", "digital"), empty without a learning stage */
    default Optional<String> trainingEngine() {
        return Optional.empty();
    }

    /** @return the satellite's power budget, or null */
    PowerStage power(OnboardSchedule schedule, int index, long seed);

    /** @return the satellite's learner, or null; it persists into {@code storageDir} */
    LearningStage learning(OnboardSchedule schedule, int index, long seed, Path storageDir);

    /** @return the satellite's data path, or null; its queue lives in {@code storageDir} */
    FlightLinkStage link(OnboardSchedule schedule, int index, long seed, Path storageDir);

    /** @return the ground segment for all satellites, or null; its archive goes to {@code archiveFile} */
    GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile);
}

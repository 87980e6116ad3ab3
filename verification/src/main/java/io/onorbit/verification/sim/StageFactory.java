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

    /** @return the radio's time lost at each end of a pass, s; empty without a link stage */
    default java.util.OptionalDouble passMarginS() {
        return java.util.OptionalDouble.empty();
    }

    /** @return where the run's per-satellite keys come from, empty without a ground stage that uses keys */
    default Optional<io.onorbit.ground.uplink.KeyOrigin> keyOrigin() {
        return Optional.empty();
    }

    /**
     * @return keys made for this run that exist nowhere else (no key file), which a run that keeps
     *         its archive saves owner-only next to it; empty otherwise
     */
    default Optional<io.onorbit.ground.uplink.UplinkKeys> generatedKeys() {
        return Optional.empty();
    }

    /** @return the satellite's power budget, or null */
    PowerStage power(OnboardSchedule schedule, int index, long seed);

    /** @return the satellite's sensor stream and scoring instruments, or null */
    SensorStage sensors(OnboardSchedule schedule, int index, long seed);

    /** @return the satellite's flight computer (booted by the loop on its emulated flash), or null */
    FlightStage flight(OnboardSchedule schedule, int index, long seed);

    /** @return the ground segment for all satellites, or null; its archive goes to {@code archiveFile} */
    GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile);
}

package io.onorbit.verification.experiment;

import io.onorbit.flight.learning.eval.SyntheticSchedule;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.ConfigNode;
import java.time.Duration;

/**
 * The onboard schedule the drift experiment runs on. Stand-in until the mission planner is in
 * main: a closed-form circular orbit ({@link SyntheticSchedule}; 550 km, beta 20 deg, a contact
 * every 6 orbits) spanning the mission's {@code duration} (or {@code --days}).
 */
final class MissionScheduleSource {

    private MissionScheduleSource() {
    }

    /** @return a one-line description of where the schedule comes from, for reports */
    static String description() {
        return "stand-in: circular 550 km orbit, beta 20 deg, one 8-min contact every 6 orbits";
    }

    /**
     * @param root  mission file root
     * @param days  span override, days (null = the mission's duration)
     * @return the first satellite's schedule
     */
    static OnboardSchedule schedule(ConfigNode root, Double days) {
        double durationS = days != null ? days * 86400
                : root.positiveDuration("duration", Duration.ofDays(7)).toSeconds();
        return SyntheticSchedule.circular(durationS, 550, 20, 6);
    }
}

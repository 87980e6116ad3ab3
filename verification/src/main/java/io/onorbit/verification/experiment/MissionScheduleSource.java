package io.onorbit.verification.experiment;

import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;

/**
 * The onboard schedule the drift experiment runs on: the mission planner's schedule (orbit-sim
 * propagation, contacts, eclipses, lighting, Sun direction) of the mission's first satellite.
 */
final class MissionScheduleSource {

    private MissionScheduleSource() {
    }

    /**
     * @param mission the loaded mission (span already adjusted for --days)
     * @param context Orekit context
     * @return the first satellite's schedule
     */
    static OnboardSchedule firstSatellite(MissionConfig mission, OrbitContext context) {
        return new MissionPlanner(context).schedule(mission, mission.satellites().get(0).name());
    }
}

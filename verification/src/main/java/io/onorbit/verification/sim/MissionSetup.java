package io.onorbit.verification.sim;

import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.List;

/**
 * A mission ready to simulate: its schedules, how to step it and which parts plug in.
 *
 * @param mission   mission name
 * @param seed      seed from the mission file (a command's --seed overrides it)
 * @param durationS span to simulate, s
 * @param schedules one onboard schedule per satellite
 * @param settings  the mission's {@code simulation} section
 * @param stages    the parts available in this build
 */
public record MissionSetup(String mission, long seed, double durationS, List<OnboardSchedule> schedules,
                           SimulationSettings settings, StageFactory stages) {

    public MissionSetup {
        schedules = List.copyOf(schedules);
    }
}

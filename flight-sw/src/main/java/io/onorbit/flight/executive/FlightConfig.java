package io.onorbit.flight.executive;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.Objects;

/**
 * What the flight software is loaded with before launch (and the schedule the ground uplinks):
 * everything a boot needs besides what is on flash.
 *
 * @param schedule            the onboard schedule (contacts, eclipses, lighting)
 * @param power               the spacecraft's power system, for the training envelope
 * @param trainer             trainer settings (model, trainable subset, memory budget)
 * @param featureCount        features per sensor sample, &ge; 1
 * @param payload             the training payload's hardware (engine, draws per power state)
 * @param link                packet size, queue capacity, compression, pass margin, NACK timing
 * @param apids               APIDs of the constellation
 * @param satellite           this spacecraft's name
 * @param uplinkKey           its uplink command key (HMAC-SHA256), &ge; 16 bytes
 * @param golden              the golden image: the launch model, booted when no checkpoint is valid
 * @param goldenVersion       its identity (global version 0)
 * @param tickS               the rate group's period, s (the envelope's planning grid), &gt; 0
 * @param checkpointIntervalS how often the learner checkpoints, s, &ge; tickS
 * @param deltaCadenceS       inside a contact longer than this (GEO, always in view) a delta is
 *                            also cut every this many s, not only at the contact's start; &gt; 0
 * @param personalisation     whether a personal model is kept and interpolated with the federated one
 */
public record FlightConfig(OnboardSchedule schedule, PowerSystem power, LearningSettings trainer, int featureCount,
                           PayloadSpec payload, LinkConfig link, ApidPlan apids, String satellite, byte[] uplinkKey, float[] golden,
                           ModelVersion goldenVersion, double tickS, double checkpointIntervalS, double deltaCadenceS,
                           Personalisation personalisation) {

    /** Default delta cadence inside long contacts: one delta per hour, the ground's default sync period. */
    public static final double DEFAULT_DELTA_CADENCE_S = 3600;

    public FlightConfig {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(apids, "apids");
        Objects.requireNonNull(satellite, "satellite");
        if (personalisation.kind() == io.onorbit.flight.learning.Personalisation.Kind.AUTO) {
            throw new IllegalArgumentException("personalisation must be chosen before launch (resolvedFor), not auto");
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount " + featureCount + " must be >= 1");
        }
        if (!goldenVersion.matches(golden)) {
            throw new IllegalArgumentException("golden image does not match " + goldenVersion);
        }
        if (!(tickS > 0) || !(checkpointIntervalS >= tickS) || !(deltaCadenceS > 0)) {
            throw new IllegalArgumentException("tickS " + tickS + " must be > 0, checkpointIntervalS "
                    + checkpointIntervalS + " >= tickS, deltaCadenceS " + deltaCadenceS + " > 0");
        }
        uplinkKey = uplinkKey.clone();
        golden = golden.clone();
    }

    @Override
    public byte[] uplinkKey() {
        return uplinkKey.clone();
    }

    @Override
    public float[] golden() {
        return golden.clone();
    }

    public FlightConfig withDeltaCadenceS(double s) {
        return new FlightConfig(schedule, power, trainer, featureCount, payload, link, apids, satellite, uplinkKey, golden,
                goldenVersion, tickS, checkpointIntervalS, s, personalisation);
    }
}

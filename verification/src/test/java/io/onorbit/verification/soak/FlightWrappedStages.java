package io.onorbit.verification.soak;

import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.SpacecraftClock;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.storage.FileOps;
import io.onorbit.ground.uplink.KeyOrigin;
import io.onorbit.ground.uplink.UplinkKeys;
import io.onorbit.verification.sim.FlightStage;
import io.onorbit.verification.sim.GroundStage;
import io.onorbit.verification.sim.PowerStage;
import io.onorbit.verification.sim.SensorStage;
import io.onorbit.verification.sim.StageFactory;
import io.onorbit.verification.sim.StageStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A mission's real stages, except that the chosen satellites' flight software is booted through
 * {@code boot}: the way a test injects exactly one fault at the spacecraft's edge (its receiver,
 * its flash at boot) while everything else, the ground included, stays real.
 */
final class FlightWrappedStages implements StageFactory {

    /** Boots the flight software of one satellite, given the real stage to boot it with. */
    @FunctionalInterface
    interface Boot {
        FlightSoftware boot(FlightStage real, FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter);
    }

    private final StageFactory real;
    private final Predicate<String> wrapped;
    private final Boot boot;

    /**
     * @param real    the mission's stages
     * @param wrapped which satellites' flight software goes through {@code boot}
     * @param boot    how it is booted
     */
    FlightWrappedStages(StageFactory real, Predicate<String> wrapped, Boot boot) {
        this.real = real;
        this.wrapped = wrapped;
        this.boot = boot;
    }

    @Override
    public List<StageStatus> statuses() {
        return real.statuses();
    }

    @Override
    public Optional<String> trainingEngine() {
        return real.trainingEngine();
    }

    @Override
    public OptionalDouble passMarginS() {
        return real.passMarginS();
    }

    @Override
    public Optional<KeyOrigin> keyOrigin() {
        return real.keyOrigin();
    }

    @Override
    public Optional<UplinkKeys> generatedKeys() {
        return real.generatedKeys();
    }

    @Override
    public PowerStage power(OnboardSchedule schedule, int index, long seed) {
        return real.power(schedule, index, seed);
    }

    @Override
    public SensorStage sensors(OnboardSchedule schedule, int index, long seed) {
        return real.sensors(schedule, index, seed);
    }

    @Override
    public GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile) {
        return real.ground(schedules, seed, archiveFile);
    }

    @Override
    public FlightStage flight(OnboardSchedule schedule, int index, long seed) {
        FlightStage f = real.flight(schedule, index, seed);
        if (!wrapped.test(schedule.satellite())) {
            return f;
        }
        return new FlightStage() {
            @Override
            public FlightSoftware boot(FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter) {
                return boot.boot(f, flash, flashDir, clock, transmitter);
            }

            @Override
            public EngineDraw drainEngine() {
                return f.drainEngine();
            }

            @Override
            public int modelParameters() {
                return f.modelParameters();
            }

            @Override
            public String name() {
                return f.name();
            }
        };
    }
}

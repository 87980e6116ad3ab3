package io.onorbit.verification.sim;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.executive.ExecutiveEvents;
import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.PowerTelemetry;
import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.executive.SpacecraftClock;
import io.onorbit.flight.executive.TickReport;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.storage.FileOps;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Test doubles that misbehave on purpose, to prove the loop reports what a broken part does.
 * They are never used outside tests.
 */
final class ScriptedStages implements StageFactory {

    /** Power stage whose state of charge falls under the floor from {@code breakAtS} on. */
    static final class SaggingBattery implements PowerStage {
        private final double breakAtS;
        private double soc = 0.8;

        SaggingBattery(double breakAtS) {
            this.breakAtS = breakAtS;
        }

        @Override
        public double soc() {
            return soc;
        }

        @Override
        public double socFloor() {
            return 0.3;
        }

        @Override
        public double realDrawSoc() {
            return soc;
        }

        @Override
        public double capacityWh() {
            return 20;
        }

        @Override
        public double unservedWhLastStep() {
            return 0;
        }

        @Override
        public double storedWh() {
            return soc * 20;
        }

        @Override
        public void advance(double trueTimeS, double dtS, double trainingEnergyJ, double radioOnS) {
            soc = trueTimeS >= breakAtS ? 0.29 : 0.8;
        }

        @Override
        public void brownout(double energyWh) {
        }

        @Override
        public void capacityFault(double fraction) {
        }

        @Override
        public String name() {
            return "sagging test battery";
        }
    }

    /** A flight computer whose radio ignores the interval it is given and sends one packet every call. */
    static final class LeakyRadio implements FlightStage {
        private int sequence;

        @Override
        public FlightSoftware boot(FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter) {
            return new FlightSoftware() {
                @Override
                public TickReport tick(double dtS, SensorBatch samples, PowerTelemetry power) {
                    return new TickReport(clock.nowS(), 1.0, SensorBatch.empty(samples.featureCount()), new float[0], new float[0]);
                }

                @Override
                public void beacon(byte[] frame) {
                }

                @Override
                public int downlink(double fromS, double untilS) {
                    byte[] p = new byte[16];
                    p[1] = 42;
                    p[2] = (byte) (0xC0 | ((sequence >> 8) & 0x3F));
                    p[3] = (byte) sequence;
                    sequence = (sequence + 1) & 0x3FFF;
                    transmitter.accept(p);
                    return 1;
                }

                @Override
                public void uplink(List<byte[]> packets) {
                }

                @Override
                public float[] parameters() {
                    return new float[0];
                }

                @Override
                public ExecutiveEvents drainEvents() {
                    return ExecutiveEvents.NONE;
                }

                @Override
                public OptionalDouble envelopeW() {
                    return OptionalDouble.of(1.0);
                }

                @Override
                public ExecutiveEvents.AppliedUpdate heldGlobal() {
                    return new ExecutiveEvents.AppliedUpdate(new float[0], ModelVersion.of(0, new float[0]), 0); // no model: never updated
                }

                @Override
                public long[] queuedDeltaIds() {
                    return new long[0];
                }

                @Override
                public long memoryUsedBytes() {
                    return 0;
                }

                @Override
                public long memoryBudgetBytes() {
                    return 0;
                }
            };
        }

        @Override
        public EngineDraw drainEngine() {
            return EngineDraw.NONE;
        }

        @Override
        public int modelParameters() {
            return 0;
        }

        @Override
        public String name() {
            return "leaky test radio";
        }
    }

    final double batteryBreaksAtS;
    final boolean leakyRadio;

    ScriptedStages(double batteryBreaksAtS, boolean leakyRadio) {
        this.batteryBreaksAtS = batteryBreaksAtS;
        this.leakyRadio = leakyRadio;
    }

    /** @return a factory with no stage at all */
    static ScriptedStages none() {
        return new ScriptedStages(Double.NaN, false);
    }

    @Override
    public List<StageStatus> statuses() {
        return List.of(Double.isNaN(batteryBreaksAtS) ? StageStatus.missing("power", "test") : StageStatus.available("power", "test"),
                StageStatus.missing("learning", "test"),
                leakyRadio ? StageStatus.available("link", "test") : StageStatus.missing("link", "test"),
                StageStatus.missing("ground", "test"));
    }

    @Override
    public PowerStage power(OnboardSchedule schedule, int index, long seed) {
        return Double.isNaN(batteryBreaksAtS) ? null : new SaggingBattery(batteryBreaksAtS);
    }

    @Override
    public SensorStage sensors(OnboardSchedule schedule, int index, long seed) {
        return null;
    }

    @Override
    public FlightStage flight(OnboardSchedule schedule, int index, long seed) {
        return leakyRadio ? new LeakyRadio() : null;
    }

    @Override
    public GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile) {
        return null;
    }
}

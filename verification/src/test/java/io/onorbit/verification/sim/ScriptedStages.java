package io.onorbit.verification.sim;

import io.onorbit.flight.model.ModelVersion;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

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
        public double envelopeW(double onboardTimeS) {
            return 1.0;
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

    /** A radio that ignores the interval it is given and sends one packet every call. */
    static final class LeakyRadio implements FlightLinkStage {
        private final Path dir;
        private int sequence;

        LeakyRadio(Path dir) {
            this.dir = dir;
        }

        @Override
        public OptionalLong enqueueDelta(double onboardTimeS, float[] parameters, float[] baseParameters,
                                         ModelVersion base, int[] tensorSizes, long samples) {
            return OptionalLong.empty();
        }

        @Override
        public List<byte[]> transmit(double onboardStartS, double onboardEndS) {
            byte[] p = new byte[16];
            p[1] = 42;
            p[2] = (byte) (0xC0 | ((sequence >> 8) & 0x3F));
            p[3] = (byte) sequence;
            sequence = (sequence + 1) & 0x3FFF;
            return List.of(p);
        }

        @Override
        public List<AcceptedUpdate> receive(double onboardTimeS, List<byte[]> packets) {
            return List.of();
        }

        @Override
        public long[] queuedDeltaIds() {
            return new long[0];
        }

        @Override
        public QueueEvents drainQueueEvents() {
            return QueueEvents.NONE;
        }

        @Override
        public Path storageDir() {
            return dir;
        }

        @Override
        public void reset() {
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
    public LearningStage learning(OnboardSchedule schedule, int index, long seed, Path storageDir) {
        return null;
    }

    @Override
    public FlightLinkStage link(OnboardSchedule schedule, int index, long seed, Path storageDir) {
        return leakyRadio ? new LeakyRadio(storageDir) : null;
    }

    @Override
    public GroundStage ground(List<OnboardSchedule> schedules, long seed, Path archiveFile) {
        return null;
    }
}

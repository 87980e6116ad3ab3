package io.onorbit.flight.executive;

import io.onorbit.flight.command.ModelUpdate;
import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.Personalisation;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.optimizer.DigitalOptimizer;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.payload.PayloadEngine;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import io.onorbit.flight.storage.CrashingFileOps;
import io.onorbit.flight.storage.DiskFileOps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One spacecraft's flight software on test hardware: a schedule with a 600 s pass every 5400 s,
 * flash in a folder (crashes can be armed), a settable clock, a transmitter that keeps every
 * packet, a digital SGD engine; and the ground's side of the protocol built from the packet and
 * command layers directly (signed updates in, answers out), independent of the executive.
 */
final class ExecutiveRig {

    static final String SAT = "sat-1";
    static final double PASS_EVERY_S = 5400;
    static final double PASS_S = 600;
    static final int FEATURES = 4;
    static final double DURATION_S = 20 * 86400;

    final Path dir;
    final CrashingFileOps flash = CrashingFileOps.unarmed(DiskFileOps.withoutDeviceFlush());
    final TestClock clock = new TestClock();
    final List<byte[]> transmitted = new ArrayList<>();
    final FlightConfig config;
    final byte[] key = new byte[32];
    final ApidPlan apids;
    private final Packetizer groundPacketizer;
    private final SplittableRandom samples = new SplittableRandom(7);

    static final class TestClock implements SpacecraftClock {
        double nowS;

        @Override
        public double nowS() {
            return nowS;
        }

        @Override
        public void set(double timeS) {
            nowS = timeS;
        }
    }

    ExecutiveRig(Path dir) {
        this(dir, regularPasses());
    }

    private static List<ContactWindow> regularPasses() {
        List<ContactWindow> passes = new ArrayList<>();
        for (double aos = 1000; aos + PASS_S < DURATION_S; aos += PASS_EVERY_S) {
            passes.add(new ContactWindow("gs", aos, aos + PASS_S, 45, 9600, 9600));
        }
        return passes;
    }

    ExecutiveRig(Path dir, List<ContactWindow> passes) {
        // The whole model shared, last layer trained: what these tests were written against,
        // whatever the mission defaults become.
        this(dir, passes, LearningSettings.defaults().withSubset(TrainableSubset.Kind.LAST_LAYER).withPersonalLayers(0));
    }

    ExecutiveRig(Path dir, LearningSettings trainer) {
        this(dir, regularPasses(), trainer);
    }

    ExecutiveRig(Path dir, List<ContactWindow> passes, LearningSettings trainer) {
        this(dir, passes, trainer, Personalisation.defaults().resolvedFor(true));
    }

    ExecutiveRig(Path dir, LearningSettings trainer, Personalisation personalisation) {
        this(dir, regularPasses(), trainer, personalisation);
    }

    ExecutiveRig(Path dir, List<ContactWindow> passes, LearningSettings trainer, Personalisation personalisation) {
        this.dir = dir;
        new SplittableRandom(11).nextBytes(key);
        double durationS = DURATION_S;
        OnboardSchedule s = new OnboardSchedule(SAT, Instant.parse("2026-06-21T00:00:00Z"), durationS, passes, List.of(),
                LightingProfile.alwaysLit(), SunDirectionProfile.constant(1, 0, 0));
        float[] golden = new DenseNetwork(trainer.widths(FEATURES), 5, MemoryAccountant.unbounded()).parameters();
        this.apids = new ApidPlan(List.of(SAT), LinkConfig.defaults().apidBase());
        this.groundPacketizer = new Packetizer(LinkConfig.defaults().packetBytes(), apids.number(SAT));
        this.config = new FlightConfig(s, PowerSystem.sixUCubesat(), trainer, FEATURES,
                PayloadSpec.defaults(PayloadEngine.DIGITAL), LinkConfig.defaults(), apids, SAT,
                key, golden, ModelVersion.of(0, golden), 30, 3600, FlightConfig.DEFAULT_DELTA_CADENCE_S,
                personalisation);
    }

    /** @return a new flight software instance on this rig's flash (a reset: nothing kept in RAM) */
    FlightExecutive boot() {
        return FlightTopology.boot(config, new Hardware(flash, dir, clock, transmitted::add,
                DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD)));
    }

    /** @return {@code n} samples of a fixed linear rule, so training moves the model */
    SensorBatch batch(int n) {
        float[] xs = new float[n * FEATURES];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            float y = 0;
            for (int j = 0; j < FEATURES; j++) {
                xs[i * FEATURES + j] = (float) samples.nextDouble(-1, 1);
                y += (j + 1) * 0.3f * xs[i * FEATURES + j];
            }
            ys[i] = y;
        }
        return new SensorBatch(FEATURES, xs, ys);
    }

    static PowerTelemetry fullBattery() {
        return new PowerTelemetry(PowerSystem.sixUCubesat().battery().capacityWh() * 0.9,
                PowerSystem.sixUCubesat().battery().capacityWh());
    }

    /** @return start of pass {@code k}, s */
    static double passStart(int k) {
        return 1000 + k * PASS_EVERY_S;
    }

    /** @return a signed update from {@code base} to {@code target} */
    byte[] signedUpdate(long counter, ModelVersion base, float[] from, ModelVersion target, float[] to) {
        return UplinkFrame.sign(ModelUpdate.between(SAT, counter, base, from, target, to), key);
    }

    /** @return the ground's packets carrying {@code frame} as model-update message {@code messageId} */
    List<byte[]> uplinkPackets(long messageId, byte[] frame) {
        return groundPacketizer.segment(apids.apid(SAT, Product.MODEL_UPDATE), true, messageId, frame);
    }

    /** @return the whole messages on the UPDATE_ACK APID among {@code packets} (acks and refusals) */
    List<Reassembler.Message> answers(List<byte[]> packets) {
        int apid = apids.apid(SAT, Product.UPDATE_ACK);
        Reassembler r = new Reassembler(a -> a == apid, apids.number(SAT), 16, 1 << 20);
        List<Reassembler.Message> out = new ArrayList<>();
        for (byte[] p : packets) {
            if (r.offer(p) instanceof Reassembler.Completed c) {
                out.add(c.message());
            }
        }
        return out;
    }

    /** Runs one tick at {@code tS} with {@code n} samples, then the radio for the tick if in a pass. */
    void tickAt(FlightExecutive e, double tS, int n) {
        clock.nowS = tS;
        e.tick(30, batch(n), fullBattery());
    }
}

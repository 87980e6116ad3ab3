package io.onorbit.flight.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.GlobalExpertWeight;
import io.onorbit.flight.learning.MixingWeight;
import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import io.onorbit.flight.command.TimeBeacon;
import io.onorbit.flight.link.LinkConfig;
import io.onorbit.flight.link.LinkMessages;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.storage.DeltaQueue;
import io.onorbit.flight.storage.DiskFileOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightExecutiveTest {

    @TempDir
    Path dir;

    /** Trains on samples from {@code fromS} to the start of pass {@code k}, then ticks at the pass start. */
    private static void trainUntilPass(ExecutiveRig rig, FlightExecutive e, double fromS, int k) {
        for (double t = fromS; t < ExecutiveRig.passStart(k) - 1e-9; t += 30) {
            rig.tickAt(e, t, 20);
        }
        rig.tickAt(e, ExecutiveRig.passStart(k), 0);
    }

    /** @return the first time the delta of pass {@code k} may be cut: its uplink opened and a tick passed */
    private static double cutFrom(int k) {
        return ExecutiveRig.passStart(k) + LinkConfig.defaults().passMarginS() + 30;
    }

    /**
     * Trains through passes 0 to {@code passes - 1}, each time letting the pass delta be cut
     * (nothing uplinked) and never transmitting it. @return the ids of the deltas cut, in order
     */
    private static List<Long> cutInPasses(ExecutiveRig rig, FlightExecutive e, int passes) {
        List<Long> ids = new ArrayList<>();
        double from = 0;
        for (int k = 0; k < passes; k++) {
            trainUntilPass(rig, e, from, k);
            rig.clock.nowS = cutFrom(k);
            e.uplink(List.of());
            for (long id : e.drainEvents().generatedIds()) {
                ids.add(id);
            }
            from = cutFrom(k) + 30;
        }
        return ids;
    }

    private static float[] perturbed(float[] p, float by) {
        float[] q = p.clone();
        for (int i = 0; i < q.length; i += 3) {
            q[i] += by;
        }
        return q;
    }

    /** @return the answers the spacecraft transmits in the usable part of pass {@code k} */
    private static List<Reassembler.Message> answersInPass(ExecutiveRig rig, FlightExecutive e, int k) {
        rig.transmitted.clear();
        double a = ExecutiveRig.passStart(k) + 60;
        rig.clock.nowS = a;
        e.downlink(a, a + 60);
        return rig.answers(rig.transmitted);
    }

    /** @return the global model (the golden one, every third parameter + 0.125) applied when the ground's uplink opens in pass 1 */
    private static float[] applyGlobalInPass1(ExecutiveRig rig, FlightExecutive e) {
        float[] golden = rig.config.golden();
        float[] global = perturbed(golden, 0.125f);
        ModelVersion v1 = ModelVersion.of(1, global);
        rig.clock.nowS = ExecutiveRig.passStart(1) + LinkConfig.defaults().passMarginS();
        e.uplink(rig.uplinkPackets(1, rig.signedUpdate(1, rig.config.goldenVersion(), golden, v1, global)));
        assertThat(e.heldVersion()).isEqualTo(v1);
        return global;
    }

    /** @return the one delta cut in pass 1 after its uplink, checked to be built on the global model held */
    private DeltaQueue.Entry cutInPass1(ExecutiveRig rig, FlightExecutive e) {
        rig.clock.nowS = cutFrom(1);
        e.uplink(List.of());
        assertThat(e.drainEvents().generatedIds()).hasSize(1);
        DeltaQueue.Entry newest = queue(rig).entries().stream().max(Comparator.comparingLong(DeltaQueue.Entry::sequence))
                .orElseThrow();
        assertThat(newest.delta().base()).isEqualTo(e.heldVersion());
        return newest;
    }

    /** The whole model shared, last layer trained, one model merged with each global model (no personal model). */
    private ExecutiveRig mergingRig() {
        return new ExecutiveRig(dir, LearningSettings.defaults().withSubset(TrainableSubset.Kind.LAST_LAYER)
                .withPersonalLayers(0), io.onorbit.flight.learning.Personalisation.none());
    }

    @Test
    void anArrivingGlobalModelIsMergedWithLocalProgressAndThePassDeltaIsBuiltOnIt() {
        ExecutiveRig rig = mergingRig();
        FlightExecutive e = rig.boot();
        trainUntilPass(rig, e, 0, 0);
        rig.clock.nowS = cutFrom(0);
        e.uplink(List.of()); // pass 0: nothing uplinked by the time it could have been applied: the delta is cut
        float[] atCut = e.parameters();
        assertThat(e.drainEvents().generatedIds()).hasSize(1);
        float[] sent = queue(rig).entries().get(0).delta().toDense();
        trainUntilPass(rig, e, ExecutiveRig.passStart(0) + 30, 1);
        float[] local = e.parameters();
        assertThat(local).isNotEqualTo(atCut);

        float[] golden = rig.config.golden();
        float[] global = perturbed(golden, 0.125f);
        ModelVersion v1 = ModelVersion.of(1, global);
        rig.clock.nowS = ExecutiveRig.passStart(1) + LinkConfig.defaults().passMarginS(); // the ground's uplink opens
        e.uplink(rig.uplinkPackets(1, rig.signedUpdate(1, rig.config.goldenVersion(), golden, v1, global)));
        ExecutiveEvents atUpdate = e.drainEvents();
        assertThat(atUpdate.applied()).hasSize(1);
        assertThat(atUpdate.applied().get(0).globalParams()).containsExactly(global);
        assertThat(atUpdate.generatedIds()).as("not cut in the tick the update arrived").isEmpty();
        rig.clock.nowS = cutFrom(1);
        e.uplink(List.of());

        // Local progress the ground lacks: everything since the launch model but what the delta sent.
        float[] expected = new float[global.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = global[i] + (local[i] - (golden[i] + sent[i]));
        }
        assertThat(e.parameters()).containsExactly(expected, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(e.heldVersion()).isEqualTo(v1);
        ExecutiveEvents ev = e.drainEvents();
        assertThat(ev.generatedIds()).hasSize(1); // cut after the update, in the same pass

        // The ack follows the apply, and the pass's delta is built on the new base.
        List<Reassembler.Message> answers = answersInPass(rig, e, 1);
        assertThat(answers).hasSize(1);
        assertThat(LinkMessages.parseAck(answers.get(0).bytes())).hasValueSatisfying(ids -> assertThat(ids).containsExactly(1L));
        DeltaQueue.Entry newest = queue(rig).entries().stream().max(Comparator.comparingLong(DeltaQueue.Entry::sequence))
                .orElseThrow();
        assertThat(newest.delta().base()).isEqualTo(v1);
    }

    @Test
    void theProgressCarriedOverAnAppliedUpdateGoesOutWithTheSamplesBehindItNotAsZeroSamples() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        trainUntilPass(rig, e, 0, 0);
        rig.clock.nowS = cutFrom(0);
        e.uplink(List.of()); // pass 0: the delta is cut
        assertThat(e.drainEvents().generatedIds()).hasSize(1);
        trainUntilPass(rig, e, cutFrom(0) + 30, 1); // progress the ground does not have yet
        applyGlobalInPass1(rig, e);
        DeltaQueue.Entry newest = cutInPass1(rig, e);
        // At most the 20 samples a tick offered from cutFrom(0) + 30 s to the start of pass 1; never none.
        long offered = 20L * (long) Math.ceil((ExecutiveRig.passStart(1) - (cutFrom(0) + 30)) / 30 - 1e-9);
        assertThat(newest.delta().sampleCount()).as("the samples behind the carried progress").isPositive()
                .isLessThanOrEqualTo(offered);
    }

    @Test
    void withAPersonalHeadTheDeltaCarriesOnlyTheBodyAndAnArrivingGlobalModelLeavesTheHeadOnBoard() {
        // FedPer (Arivazhagan et al. 2019): every layer trained (sparse rows), the last one personal.
        LearningSettings fedPer = LearningSettings.defaults().withSubset(TrainableSubset.Kind.SPARSE_ROWS)
                .withSparseRowFraction(0.5).withLearningRate(0.2).withPersonalLayers(1);
        ExecutiveRig rig = new ExecutiveRig(dir, fedPer, io.onorbit.flight.learning.Personalisation.none());
        FlightExecutive e = rig.boot();
        float[] golden = rig.config.golden();
        int shared = fedPer.sharedParameterCount(ExecutiveRig.FEATURES);
        assertThat(shared).isPositive().isLessThan(golden.length);
        trainUntilPass(rig, e, 0, 0);
        rig.clock.nowS = cutFrom(0);
        e.uplink(List.of()); // pass 0: nothing uplinked by the time it could have been applied: the delta is cut
        float[] atCut = e.parameters();
        assertThat(e.drainEvents().generatedIds()).hasSize(1);
        float[] sent = queue(rig).entries().get(0).delta().toDense();
        boolean headTrained = false;
        for (int i = shared; i < golden.length; i++) {
            assertThat(sent[i]).as("head coordinate %d of the delta", i).isZero();
            headTrained |= atCut[i] != golden[i];
        }
        assertThat(headTrained).as("the head was trained on board").isTrue();
        assertThat(java.util.Arrays.copyOf(sent, shared)).as("the body travels").isNotEqualTo(new float[shared]);

        trainUntilPass(rig, e, ExecutiveRig.passStart(0) + 30, 1);
        float[] local = e.parameters();
        float[] global = perturbed(golden, 0.125f); // a ground that (wrongly) moved the head too
        ModelVersion v1 = ModelVersion.of(1, global);
        rig.clock.nowS = ExecutiveRig.passStart(1) + LinkConfig.defaults().passMarginS(); // the ground's uplink opens
        e.uplink(rig.uplinkPackets(1, rig.signedUpdate(1, rig.config.goldenVersion(), golden, v1, global)));
        assertThat(e.heldVersion()).isEqualTo(v1);
        // What the ground already holds of the body is the launch model plus what the delta sent
        // (not the body at the cut: what compression did not send is progress the ground lacks).
        float[] expected = new float[global.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i < shared ? global[i] + (local[i] - (golden[i] + sent[i])) : local[i];
        }
        assertThat(e.parameters()).containsExactly(expected, org.assertj.core.api.Assertions.within(1e-6f));
    }

    /**
     * Model interpolation (Mansour et al. 2020) with the global model as a third expert: no global
     * model ever touches a trained model (the personal one nor the shared-step one); what the
     * spacecraft serves is the interpolation of the two own models, interpolated again with the
     * global model held; a reset restores both models and both mixing weights from the checkpoint.
     */
    @Test
    void aGlobalModelNeverTouchesThePersonalModelAndAResetRestoresItWithTheMixingWeight() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        float[] golden = rig.config.golden();
        trainUntilPass(rig, e, 0, 1);
        float[] personal = e.personalParameters().orElseThrow();
        assertThat(personal).as("trained on board").isNotEqualTo(golden);
        float[] trainedBefore = e.parameters();
        float[] global = applyGlobalInPass1(rig, e);
        assertThat(e.personalParameters().orElseThrow()).containsExactly(personal);
        assertThat(e.parameters()).as("the shared-step model keeps its own learning").containsExactly(trainedBefore)
                .isNotEqualTo(personal).isNotEqualTo(global);

        double spreadBefore = e.mixing().spread();
        assertThat(spreadBefore).as("two time-scales: the models differ before any global model").isPositive();
        rig.clock.nowS = ExecutiveRig.passStart(1) + 90;
        e.tick(30, rig.batch(8), ExecutiveRig.fullBattery());
        // The first sample of a tick is served before either model trains on it.
        MixingWeight mix = e.mixing();
        GlobalExpertWeight globalMix = e.globalMixing();
        assertThat(mix.spread()).as("the models differed on the last tick's samples").isNotEqualTo(spreadBefore);
        assertThat(globalMix.weight().spread()).as("the global model held differs from the own mixture").isPositive();
        personal = e.personalParameters().orElseThrow();
        int[] widths = rig.config.trainer().widths(ExecutiveRig.FEATURES);
        DenseNetwork own = new DenseNetwork(widths, 1, MemoryAccountant.unbounded());
        DenseNetwork slow = new DenseNetwork(widths, 1, MemoryAccountant.unbounded());
        DenseNetwork held = new DenseNetwork(widths, 1, MemoryAccountant.unbounded());
        own.setParameters(personal);
        slow.setParameters(e.parameters());
        held.setParameters(global);
        rig.clock.nowS = ExecutiveRig.passStart(1) + 120;
        TickReport r = e.tick(30, rig.batch(8), ExecutiveRig.fullBattery());
        float[] x0 = java.util.Arrays.copyOf(r.trained().features(), ExecutiveRig.FEATURES);
        assertThat(r.predictions()[0]).isEqualTo(slow.predict(x0));
        assertThat(r.served()[0]).isEqualTo(globalMix.serve(mix.mix(own.predict(x0), slow.predict(x0)), held.predict(x0)));

        float[] personalNow = e.personalParameters().orElseThrow();
        rig.clock.nowS += 3600; // past the checkpoint interval: the next tick checkpoints
        e.tick(30, rig.batch(0), ExecutiveRig.fullBattery());
        MixingWeight mixNow = e.mixing();
        GlobalExpertWeight globalMixNow = e.globalMixing();
        float[] trainedNow = e.parameters();
        java.util.List<byte[]> adaptationNow = e.learnerAdaptation();
        FlightExecutive after = rig.boot(); // a reset: nothing kept in RAM
        assertThat(after.personalParameters().orElseThrow()).containsExactly(personalNow);
        assertThat(after.mixing()).isEqualTo(mixNow);
        assertThat(after.globalMixing()).isEqualTo(globalMixNow);
        assertThat(after.parameters()).containsExactly(trainedNow).isNotEqualTo(personalNow);
        // Both learners' adaptation (replay samples, variable step, detector, average) as checkpointed, not fresh.
        assertThat(after.learnerAdaptation()).hasSize(2);
        for (int m = 0; m < 2; m++) {
            assertThat(after.learnerAdaptation().get(m)).as("model %d", m).isEqualTo(adaptationNow.get(m))
                    .isNotEqualTo(new ExecutiveRig(dir.resolve("fresh")).boot().learnerAdaptation().get(m));
        }
    }

    /**
     * With the global model held as an expert the trained model is never overwritten, so the first
     * delta on a new base carries the trained model minus that global model: the ground's next model
     * moves towards the satellites' own models (error feedback keeps what top-k leaves out).
     */
    @Test
    void withTheGlobalModelAsAnExpertTheNextDeltaCarriesTheTrainedModelMinusTheNewBase() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        trainUntilPass(rig, e, 0, 1);
        float[] trained = e.parameters();
        e.drainEvents(); // pass 0's delta
        float[] global = applyGlobalInPass1(rig, e);
        assertThat(e.parameters()).as("not merged").containsExactly(trained);
        DeltaQueue.Entry newest = cutInPass1(rig, e);
        float[] sent = newest.delta().toDense();
        double dot = 0;
        double sentSq = 0;
        double gapSq = 0;
        int carried = 0;
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] != 0) { // top-k: the coordinates sent; error feedback keeps the rest for later
                double gap = trained[i] - global[i];
                dot += sent[i] * gap;
                sentSq += sent[i] * sent[i];
                gapSq += gap * gap;
                carried++;
            }
        }
        // the perturbation (-0.125 on every third coordinate) dominates the gap: the delta takes it back
        assertThat(carried).isPositive();
        assertThat(dot / Math.sqrt(sentSq * gapSq)).as("cosine of the delta and trained - global where sent")
                .isGreaterThan(0.95);
    }

    @Test
    void thePassDeltaWaitsUntilTheUplinkCouldHaveBeenAppliedThenGoesOnTheNewBase() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        trainUntilPass(rig, e, 0, 0);
        // Carrier from acquisition of signal, but the ground's uplink opens only after the margin.
        for (double t = ExecutiveRig.passStart(0); t < cutFrom(0); t += 10) {
            rig.clock.nowS = t;
            e.uplink(List.of());
            assertThat(e.drainEvents().generatedIds()).as("t = %.0f s", t).isEmpty();
        }
        float[] golden = rig.config.golden();
        float[] global = perturbed(golden, 0.25f);
        ModelVersion v1 = ModelVersion.of(1, global);
        rig.clock.nowS = cutFrom(0) - 1; // the update comes in at the last moment before the cut
        e.uplink(rig.uplinkPackets(1, rig.signedUpdate(1, rig.config.goldenVersion(), golden, v1, global)));
        assertThat(e.drainEvents().generatedIds()).isEmpty();
        rig.clock.nowS = cutFrom(0);
        e.uplink(List.of());
        assertThat(e.drainEvents().generatedIds()).hasSize(1);
        DeltaQueue.Entry only = queue(rig).entries().get(0);
        assertThat(only.delta().base()).as("built on the version the pass brought").isEqualTo(v1);
    }

    private DeltaQueue queue(ExecutiveRig rig) {
        try {
            return DeltaQueue.open(dir.resolve("queue"), LinkConfig.defaults().queueCapacityBytes(),
                    DiskFileOps.withoutDeviceFlush());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    @Test
    void afterARebootEveryReplayOfAnAppliedUpdateIsRefusedNamingTheVersionHeld() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        rig.tickAt(e, ExecutiveRig.passStart(0), 0);
        float[] golden = rig.config.golden();
        float[] global = perturbed(golden, 0.5f);
        ModelVersion v1 = ModelVersion.of(1, global);
        byte[] frame = rig.signedUpdate(1, rig.config.goldenVersion(), golden, v1, global);
        e.uplink(rig.uplinkPackets(1, frame));
        assertThat(e.heldVersion()).isEqualTo(v1);

        e = rig.boot(); // a reset: a new instance from flash only
        assertThat(e.bootCount()).isEqualTo(2);
        assertThat(e.heldVersion()).isEqualTo(v1);
        assertThat(e.uplinkCounter()).isEqualTo(1);
        assertThat(e.heldGlobal().version()).isEqualTo(v1); // reported by the boot, whatever became of the event
        assertThat(e.heldGlobal().counter()).isEqualTo(1);
        assertThat(e.heldGlobal().globalParams()).containsExactly(global);
        for (int i = 0; i < 10; i++) {
            rig.tickAt(e, ExecutiveRig.passStart(1 + i), 0);
            e.uplink(rig.uplinkPackets(100 + i, frame));
            List<Reassembler.Message> answers = answersInPass(rig, e, 1 + i);
            assertThat(answers).hasSize(1);
            Optional<LinkMessages.Refusal> r = LinkMessages.parseRefusal(answers.get(0).bytes());
            assertThat(r).isPresent();
            assertThat(r.get().messageId()).isEqualTo(100 + i);
            assertThat(UpdateRefusal.values()[r.get().reason()]).isEqualTo(UpdateRefusal.REPLAYED);
            assertThat(r.get().heldVersion()).isEqualTo(1);
        }
        assertThat(e.drainEvents().refused()).hasSize(10).containsOnly(UpdateRefusal.REPLAYED);
        assertThat(e.heldVersion()).isEqualTo(v1);
    }

    @Test
    void onlyTheGroundsBeaconsSetTheClockAndARecordedOneStaysRefusedAfterAReset() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        rig.clock.nowS = 1000;
        byte[] first = TimeBeacon.sign(ExecutiveRig.SAT, 1_000_500, rig.key);
        e.beacon(first);
        assertThat(rig.clock.nowS).isEqualTo(1000.5);

        // Forged: the time moved, the tag kept; signed under another key; someone else's.
        byte[] moved = TimeBeacon.sign(ExecutiveRig.SAT, 2_000_000, rig.key);
        moved[moved.length - 40] ^= 0x01; // a bit of the time field (just before the 32-byte tag)
        e.beacon(moved);
        e.beacon(TimeBeacon.sign(ExecutiveRig.SAT, 3_000_000, new byte[32]));
        e.beacon(TimeBeacon.sign("sat-2", 4_000_000, rig.key));
        e.beacon(new byte[] {1, 2, 3});
        assertThat(rig.clock.nowS).isEqualTo(1000.5);
        assertThat(e.drainEvents().beaconsRefused()).containsExactly(UpdateRefusal.FORGED, UpdateRefusal.FORGED,
                UpdateRefusal.WRONG_SATELLITE, UpdateRefusal.TRUNCATED);

        byte[] second = TimeBeacon.sign(ExecutiveRig.SAT, 1_030_000, rig.key);
        e.beacon(second);
        assertThat(rig.clock.nowS).isEqualTo(1030.0);
        e = rig.boot(); // a reset: the floor came from flash
        rig.clock.nowS = 1200;
        e.beacon(first); // played back: would set the clock 200 s back
        e.beacon(second);
        assertThat(rig.clock.nowS).isEqualTo(1200.0);
        ExecutiveEvents ev = e.drainEvents();
        assertThat(ev.beaconsRefused()).containsExactly(UpdateRefusal.REPLAYED, UpdateRefusal.REPLAYED);
        assertThat(ev.beaconsAcceptedMs()).isEmpty();
        e.beacon(TimeBeacon.sign(ExecutiveRig.SAT, 1_230_000, rig.key));
        assertThat(rig.clock.nowS).isEqualTo(1230.0);
        assertThat(e.drainEvents().beaconsAcceptedMs()).containsExactly(1_230_000L);
    }

    @Test
    void controlMessageIdsNeverRepeatAcrossAHundredReboots() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        byte[] wrongKey = new byte[32];
        Set<Long> ids = new HashSet<>();
        int answers = 0;
        for (int boot = 0; boot < 100; boot++) {
            FlightExecutive e = rig.boot();
            assertThat(e.bootCount()).isEqualTo(boot + 1);
            rig.tickAt(e, ExecutiveRig.passStart(boot), 0);
            float[] g = rig.config.golden();
            byte[] forged = io.onorbit.flight.command.UplinkFrame.sign(io.onorbit.flight.command.ModelUpdate.between(
                    ExecutiveRig.SAT, 1, rig.config.goldenVersion(), g, ModelVersion.of(1, perturbed(g, 1)), perturbed(g, 1)),
                    wrongKey);
            e.uplink(rig.uplinkPackets(boot, forged));
            for (Reassembler.Message m : answersInPass(rig, e, boot)) {
                answers++;
                assertThat(ids.add(m.messageId())).as("control id %d repeated at boot %d", m.messageId(), boot + 1).isTrue();
                assertThat(LinkMessages.parseRefusal(m.bytes()).map(r -> UpdateRefusal.values()[r.reason()]))
                        .contains(UpdateRefusal.FORGED);
            }
        }
        assertThat(answers).isEqualTo(100);
    }

    @Test
    void deltaSequencesNeverRestartEvenWhenTheQueueAndAllItsCounterSlotsAreGone() throws IOException {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        List<Long> ids = cutInPasses(rig, e, 3);
        double from = cutFrom(2) + 30;
        assertThat(ids).hasSize(3);
        // The ground acknowledged everything (files gone) and every counter slot of the queue is damaged.
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().startsWith("next-sequence")) {
                    Files.write(f, new byte[] {1, 2, 3});
                } else {
                    Files.delete(f);
                }
            }
        }
        e = rig.boot();
        trainUntilPass(rig, e, from, 3);
        rig.clock.nowS = cutFrom(3);
        e.uplink(List.of());
        long[] next = e.drainEvents().generatedIds();
        assertThat(next).isNotEmpty();
        for (long id : next) {
            assertThat(id).isGreaterThan(ids.get(2));
        }
    }

    /**
     * Storage corruption of queued deltas across a reset: one damaged copy of an entry still
     * sends the delta intact (the ground opens the seal and finds the very bytes that were
     * queued); an entry whose both copies are damaged is reported as lost, which fails a soak.
     */
    @Test
    void aQueuedDeltaWithOneCorruptedCopyIsSentIntactAndOneWithBothCorruptedIsReportedLost() throws IOException {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        List<Long> ids = cutInPasses(rig, e, 2);
        assertThat(ids).hasSize(2);
        byte[] intact = queue(rig).get(ids.get(0)).orElseThrow().encoded();
        Path q = dir.resolve("queue");
        byte[] b = Files.readAllBytes(q.resolve(String.format("q-%019d.dlt", ids.get(0))));
        b[b.length / 2] ^= 0x21;
        Files.write(q.resolve(String.format("q-%019d.dlt", ids.get(0))), b);
        for (String prefix : new String[] {"q-", "m-"}) {
            Path f = q.resolve(String.format("%s%019d.dlt", prefix, ids.get(1)));
            Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(f), 20));
        }

        e = rig.boot(); // a reset: the queue is read back from flash
        assertThat(e.drainEvents().corruptedIds()).containsExactly(ids.get(1));
        rig.transmitted.clear();
        double a = ExecutiveRig.passStart(2) + 60;
        rig.clock.nowS = a;
        e.downlink(a, a + 120);
        int deltaApid = rig.apids.apid(ExecutiveRig.SAT, io.onorbit.flight.packet.Product.DELTA);
        Reassembler r = new Reassembler(x -> x == deltaApid, rig.apids.number(ExecutiveRig.SAT), 16, 1 << 20);
        List<byte[]> sent = new ArrayList<>();
        for (byte[] p : rig.transmitted) {
            if (r.offer(p) instanceof Reassembler.Completed c) {
                sent.add(io.onorbit.flight.link.DeltaSeal.open(rig.key, c.message().bytes()).orElseThrow());
            }
        }
        assertThat(sent).as("the delta whose one copy was damaged, byte for byte").singleElement()
                .satisfies(d -> assertThat(d).isEqualTo(intact));
    }

    @Test
    void bothCheckpointsDamagedBootsTheGoldenImageButKeepsTheAntiReplayCounter() throws IOException {
        ExecutiveRig rig = new ExecutiveRig(dir);
        FlightExecutive e = rig.boot();
        trainUntilPass(rig, e, 0, 0);
        float[] golden = rig.config.golden();
        float[] global = perturbed(golden, 0.25f);
        ModelVersion v1 = ModelVersion.of(1, global);
        byte[] frame = rig.signedUpdate(7, rig.config.goldenVersion(), golden, v1, global);
        rig.clock.nowS = cutFrom(0); // applied, then the pass delta is cut: both checkpoint slots written
        e.uplink(rig.uplinkPackets(1, frame));
        assertThat(e.uplinkCounter()).isEqualTo(7);

        for (int slot = 0; slot < 2; slot++) {
            Path f = dir.resolve("state").resolve("checkpoint." + slot);
            byte[] b = Files.readAllBytes(f);
            b[b.length / 2] ^= 0x10;
            Files.write(f, b);
        }
        e = rig.boot();
        assertThat(e.parameters()).containsExactly(golden);
        assertThat(e.heldVersion()).isEqualTo(rig.config.goldenVersion());
        assertThat(e.uplinkCounter()).isEqualTo(7);
        rig.tickAt(e, ExecutiveRig.passStart(1), 0);
        e.uplink(rig.uplinkPackets(2, frame)); // the same authentic update, replayed: refused
        assertThat(e.drainEvents().refused()).containsExactly(UpdateRefusal.REPLAYED);
        assertThat(e.parameters()).containsExactly(golden);
    }

    @Test
    void aResetAtAnyFlashOperationNeverAcknowledgesAnUpdateThatIsNotPersisted() throws IOException {
        for (int k = 0; k <= 40; k++) {
            Path d = dir.resolve("k" + k);
            Files.createDirectories(d);
            ExecutiveRig rig = new ExecutiveRig(d);
            FlightExecutive e = rig.boot();
            rig.tickAt(e, ExecutiveRig.passStart(0), 5);
            float[] golden = rig.config.golden();
            float[] global = perturbed(golden, 0.25f);
            ModelVersion v1 = ModelVersion.of(1, global);
            byte[] frame = rig.signedUpdate(1, rig.config.goldenVersion(), golden, v1, global);
            rig.flash.crashAfter(k);
            boolean crashed = false;
            rig.transmitted.clear();
            try {
                e.uplink(rig.uplinkPackets(1, frame));
                double a = ExecutiveRig.passStart(0) + 60;
                rig.clock.nowS = a;
                e.downlink(a, a + 60);
                rig.flash.powerCut(); // the reset strikes after the last operation
            } catch (UncheckedIOException x) {
                crashed = true;
                rig.flash.reboot();
            }
            boolean acked = rig.answers(rig.transmitted).stream()
                    .anyMatch(m -> LinkMessages.parseAck(m.bytes()).isPresent());
            FlightExecutive after = rig.boot();
            assertThat(after.bootCount()).as("k=%d", k).isEqualTo(2);
            if (acked) {
                assertThat(after.heldVersion()).as("acknowledged at k=%d, crashed=%s", k, crashed).isEqualTo(v1);
            }
            // What the boot reports holding is one whole pair, as the ground signed it: either the
            // update (its counter and parameters) or the golden image (counter 0), never a mix.
            ExecutiveEvents.AppliedUpdate held = after.heldGlobal();
            if (held.version().equals(v1)) {
                assertThat(held.counter()).as("k=%d", k).isEqualTo(1);
                assertThat(held.globalParams()).as("k=%d", k).containsExactly(global);
            } else {
                assertThat(held.version()).as("k=%d", k).isEqualTo(rig.config.goldenVersion());
                assertThat(held.counter()).as("k=%d", k).isZero();
                assertThat(held.globalParams()).as("k=%d", k).containsExactly(golden);
            }
            // Applied at most once: a replay is refused whenever the update is held.
            rig.tickAt(after, ExecutiveRig.passStart(1), 0);
            after.uplink(rig.uplinkPackets(2, frame));
            ExecutiveEvents ev = after.drainEvents();
            assertThat(ev.applied().size() + ev.refused().size()).isEqualTo(1);
            assertThat(after.heldVersion()).isEqualTo(v1);
        }
    }

    @Test
    void inAContactThatNeverEndsADeltaIsCutOnTheCadenceNotOnlyAtItsStart() {
        // GEO: one contact for the whole span.
        ExecutiveRig rig = new ExecutiveRig(dir, List.of(new io.onorbit.flight.schedule.ContactWindow("gs", 0, 20 * 86400.0,
                30, 9600, 9600)));
        FlightExecutive e = rig.boot();
        List<Double> cutTimes = new ArrayList<>();
        for (double t = 0; t < 4 * 3600; t += 30) {
            rig.tickAt(e, t, 10);
            e.uplink(List.of());
            if (e.drainEvents().generatedIds().length > 0) {
                cutTimes.add(t);
            }
        }
        // One as soon as the contact's uplink could have been applied (pass margin + a tick), then one per cadence.
        double first = LinkConfig.defaults().passMarginS() + 30;
        assertThat(cutTimes).containsExactly(first, first + 3600, first + 7200, first + 10800);
    }

    @Test
    void packetSequenceCountsKeepAdvancingAcrossRebootsQuietOrNot() {
        ExecutiveRig rig = new ExecutiveRig(dir);
        int apid = rig.apids.apid(ExecutiveRig.SAT, io.onorbit.flight.packet.Product.UPDATE_ACK);
        List<Integer> counts = new ArrayList<>();
        byte[] wrongKey = new byte[32];
        float[] g = rig.config.golden();
        for (int boot = 0; boot < 60; boot++) {
            FlightExecutive e = rig.boot();
            if (boot % 4 != 0) {
                continue; // a quiet boot: nothing sent on this APID
            }
            rig.tickAt(e, ExecutiveRig.passStart(boot), 0);
            byte[] forged = io.onorbit.flight.command.UplinkFrame.sign(io.onorbit.flight.command.ModelUpdate.between(
                    ExecutiveRig.SAT, 1, rig.config.goldenVersion(), g, ModelVersion.of(1, perturbed(g, 1)), perturbed(g, 1)),
                    wrongKey);
            e.uplink(rig.uplinkPackets(boot, forged));
            answersInPass(rig, e, boot);
            for (byte[] p : rig.transmitted) {
                if ((((p[0] & 0x07) << 8) | (p[1] & 0xFF)) == apid) {
                    counts.add(((p[2] & 0x3F) << 8) | (p[3] & 0xFF)); // CCSDS 133.0-B-2 primary header
                }
            }
        }
        assertThat(counts).hasSize(15);
        for (int i = 1; i < counts.size(); i++) {
            int advance = Math.floorMod(counts.get(i) - counts.get(i - 1), 1 << 14);
            assertThat(advance).as("count %d after %d", counts.get(i), counts.get(i - 1)).isBetween(1, (1 << 13) - 1);
        }
    }
}

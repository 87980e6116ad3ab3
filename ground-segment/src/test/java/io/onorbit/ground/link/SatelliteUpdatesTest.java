package io.onorbit.ground.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.link.LinkMessages;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.ingest.Ingest;
import io.onorbit.ground.uplink.SignedUplink;
import io.onorbit.ground.uplink.UplinkSigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground's update traffic with one satellite against the spacecraft's real command check
 * ({@link UpdateReceiver}): what the ground signs next follows what the spacecraft says it holds,
 * not what the ground hoped it applied.
 */
class SatelliteUpdatesTest {

    @TempDir
    Path dir;

    private static final Instant AT = GroundLinkTest.EPOCH.plusSeconds(900);

    private final ApidPlan plan = new ApidPlan(List.of("sat-1"), 32);
    private final List<byte[]> uplinked = new ArrayList<>();
    private final Packetizer spacecraftPacketizer = new Packetizer(1024, plan.number("sat-1"));
    private long controlId = 100;

    private GroundLink link(GroundLinkTest.Ground g) {
        PassGatedRadio radio = new PassGatedRadio(GroundLinkTest.schedule(), GroundLinkTest.MARGIN_S);
        radio.connect(PassGatedRadio.Direction.UPLINK, uplinked::add);
        return g.link(plan, 1024, radio, seq -> { });
    }

    private static float[] params(float v) {
        float[] p = new float[64];
        java.util.Arrays.fill(p, v);
        p[3] = 2 * v;
        return p;
    }

    /** @return the signed update frames the ground put on the air in the pass from {@code tS}, in order */
    private List<byte[]> sendDuringPass(GroundLink l, double tS) {
        uplinked.clear();
        l.step(tS, tS + 30);
        Reassembler r = new Reassembler(a -> a == plan.apid("sat-1", Product.MODEL_UPDATE), plan.number("sat-1"), 16, 1 << 20);
        List<byte[]> frames = new ArrayList<>();
        for (byte[] p : uplinked) {
            if (r.offer(p) instanceof Reassembler.Completed c) {
                frames.add(c.message().bytes());
            }
        }
        return frames;
    }

    /** The spacecraft's answer, as its link would send it on the update-ack APID. */
    private void answer(GroundLink l, byte[] payload) {
        // control-message ids never repeat (the ground drops a repeated one as a duplicate)
        for (byte[] p : spacecraftPacketizer.segment(plan.apid("sat-1", Product.UPDATE_ACK), false, controlId++, payload)) {
            l.receive(p, new Ingest.Pass(1, "gs-a", AT));
        }
    }

    /**
     * The satellite got v1 through an update (counter 5) whose acknowledgement the ground never
     * heard, then v2 appears: the ground, believing v0, will sign v0 -> v2.
     */
    private record AckLost(GlobalVersion v0, GlobalVersion v1, GlobalVersion v2, GroundLink link,
                           SatelliteUpdates updates, UpdateReceiver spacecraft) {
    }

    private AckLost ackLost(GroundLinkTest.Ground g) {
        GlobalVersion v0 = g.archive.recordGlobalVersion(params(0), "launch", List.of(), AT);
        GlobalVersion v1 = g.archive.recordGlobalVersion(params(1), "fedavg", List.of(), AT);
        GroundLink l = link(g);
        SatelliteUpdates updates = new SatelliteUpdates("sat-1", l, new UplinkSigner(GroundLinkTest.KEYS), v0.version());
        UpdateReceiver spacecraft = new UpdateReceiver("sat-1", GroundLinkTest.KEY, params(1), v1.modelVersion(), 5);
        GlobalVersion v2 = g.archive.recordGlobalVersion(params(2), "fedavg", List.of(), AT);
        g.archive.recordUplink("sat-1", 5, v0.version(), v1.version(), 100, AT); // counters in use
        return new AckLost(v0, v1, v2, l, updates, spacecraft);
    }

    /**
     * Signs v0 -> v2 at a synchronization and sends it in pass 1 (1000-1600 s); the spacecraft
     * refuses it, naming v1, and the refusal reaches the ground. @return the refused update
     */
    private SignedUplink refusedNamingV1(GroundLinkTest.Ground g, AckLost a) {
        SignedUplink first = a.updates().synchronize(g.archive, AT).orElseThrow();
        assertThat(first.fromVersion()).isEqualTo(a.v0().version());
        assertThat(a.updates().answersArrived(g.archive, AT)).as("no answer yet: nothing to do").isEmpty();
        List<byte[]> frames = sendDuringPass(a.link(), 1100);
        assertThat(frames).hasSize(1);
        UpdateReceiver.Outcome o = a.spacecraft().receive(frames.get(0));
        assertThat(o.rejected()).contains(UpdateRefusal.BASE_MISMATCH);
        assertThat(o.version()).isEqualTo(a.v1().modelVersion());
        answer(a.link(), LinkMessages.refusal(first.counter(), UpdateRefusal.BASE_MISMATCH.ordinal(), o.version().version()));
        return first;
    }

    @Test
    void aRefusalNamingTheVersionHeldMakesTheNextUpdateBuildOnIt() {
        try (GroundLinkTest.Ground g = new GroundLinkTest.Ground(dir, plan)) {
            AckLost a = ackLost(g);
            SignedUplink first = refusedNamingV1(g, a);

            SignedUplink second = a.updates().synchronize(g.archive, AT).orElseThrow();
            assertThat(a.updates().heldVersion()).isEqualTo(a.v1().version());
            assertThat(second.fromVersion()).isEqualTo(a.v1().version());
            assertThat(second.toVersion()).isEqualTo(a.v2().version());
            assertThat(second.counter()).isGreaterThan(first.counter());
            List<byte[]> frames = sendDuringPass(a.link(), 1200);
            assertThat(frames).hasSize(1);
            assertThat(a.spacecraft().receive(frames.get(0)).applied()).isTrue();
            assertThat(a.spacecraft().version()).isEqualTo(a.v2().modelVersion());
            answer(a.link(), LinkMessages.ack(second.counter()));

            assertThat(a.updates().synchronize(g.archive, AT)).isEmpty();
            assertThat(a.updates().heldVersion()).isEqualTo(a.v2().version());
            assertThat(a.updates().pendingCounter()).isEmpty();
        }
    }

    @Test
    void anUnansweredUpdateOvertakenByANewerVersionIsWithdrawnAndReplaced() {
        try (GroundLinkTest.Ground g = new GroundLinkTest.Ground(dir, plan)) {
            GlobalVersion v0 = g.archive.recordGlobalVersion(params(0), "launch", List.of(), AT);
            g.archive.recordGlobalVersion(params(1), "fedavg", List.of(), AT);
            GroundLink l = link(g);
            SatelliteUpdates updates = new SatelliteUpdates("sat-1", l, new UplinkSigner(GroundLinkTest.KEYS), v0.version());
            SignedUplink toV1 = updates.synchronize(g.archive, AT).orElseThrow();
            assertThat(updates.synchronize(g.archive, AT)).as("still the newest: kept on its way").isEmpty();

            GlobalVersion v2 = g.archive.recordGlobalVersion(params(2), "fedavg", List.of(), AT);
            Optional<SignedUplink> toV2 = updates.synchronize(g.archive, AT);
            assertThat(toV2).hasValueSatisfying(u -> {
                assertThat(u.fromVersion()).isEqualTo(v0.version());
                assertThat(u.toVersion()).isEqualTo(v2.version());
            });
            assertThat(l.updatePending(toV1.counter())).isFalse();
            assertThat(l.updatePending(toV2.get().counter())).isTrue();
            // A late answer to the withdrawn one changes nothing.
            answer(l, LinkMessages.ack(toV1.counter()));
            assertThat(updates.synchronize(g.archive, AT)).isEmpty();
            assertThat(updates.heldVersion()).isEqualTo(v0.version());
        }
    }

    @Test
    void aRefusalDuringThePassGetsTheUpdateFromTheVersionHeldSignedAndSentInThatPass() {
        try (GroundLinkTest.Ground g = new GroundLinkTest.Ground(dir, plan)) {
            AckLost a = ackLost(g);
            GlobalVersion v1 = a.v1();
            GlobalVersion v2 = a.v2();
            GroundLink l = a.link();
            SatelliteUpdates updates = a.updates();
            UpdateReceiver spacecraft = a.spacecraft();
            SignedUplink first = refusedNamingV1(g, a);

            // No synchronization in between: the ground acts on the refusal as it arrives.
            Instant inPass = GroundLinkTest.EPOCH.plusSeconds(1130);
            SignedUplink second = updates.answersArrived(g.archive, inPass).orElseThrow();
            assertThat(second.fromVersion()).isEqualTo(v1.version());
            assertThat(second.toVersion()).isEqualTo(v2.version());
            assertThat(second.counter()).isGreaterThan(first.counter());
            // Its counter is in the archive before it is on the air (never reused after a ground restart).
            assertThat(g.archive.uplinks("sat-1", first.counter())).singleElement()
                    .satisfies(r -> assertThat(r.counter()).isEqualTo(second.counter()));
            List<byte[]> frames = sendDuringPass(l, 1130);
            assertThat(frames).as("sent in the same pass").hasSize(1);
            assertThat(spacecraft.receive(frames.get(0)).applied()).isTrue();
            assertThat(spacecraft.version()).isEqualTo(v2.modelVersion());

            answer(l, LinkMessages.ack(second.counter()));
            assertThat(updates.answersArrived(g.archive, inPass.plusSeconds(30))).as("the newest is held").isEmpty();
            assertThat(updates.heldVersion()).isEqualTo(v2.version());
            assertThat(updates.pendingCounter()).isEmpty();
            assertThat(g.archive.lastUplinkCounter("sat-1")).isEqualTo(second.counter());
        }
    }

    @Test
    void withoutAnswersTheGroundDoesNotTouchTheArchiveDuringAPass() {
        GroundLinkTest.Ground g = new GroundLinkTest.Ground(dir, plan);
        GlobalVersion v0 = g.archive.recordGlobalVersion(params(0), "launch", List.of(), AT);
        g.archive.recordGlobalVersion(params(1), "fedavg", List.of(), AT);
        GroundLink l = link(g);
        SatelliteUpdates updates = new SatelliteUpdates("sat-1", l, new UplinkSigner(GroundLinkTest.KEYS), v0.version());
        SignedUplink u = updates.synchronize(g.archive, AT).orElseThrow();
        g.close(); // any archive call would now fail
        sendDuringPass(l, 1100);
        assertThat(updates.answersArrived(g.archive, AT.plusSeconds(200))).isEmpty();
        assertThat(updates.pendingCounter()).contains(u.counter());
    }
}

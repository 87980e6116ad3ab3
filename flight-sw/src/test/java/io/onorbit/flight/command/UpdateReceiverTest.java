package io.onorbit.flight.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.model.ModelVersion;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateReceiverTest {

    private static final String SAT = "sat-1";
    private final byte[] key = new byte[32];
    private final byte[] otherKey = new byte[32];
    private float[] v0;
    private float[] v1;
    private float[] v2;
    private ModelVersion mv0;
    private ModelVersion mv1;
    private ModelVersion mv2;
    private UpdateReceiver rx;

    @BeforeEach
    void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) r.nextInt(256);
            otherKey[i] = (byte) r.nextInt(256);
        }
        v0 = new float[64];
        for (int i = 0; i < v0.length; i++) {
            v0[i] = (float) r.nextGaussian();
        }
        v1 = v0.clone();
        v1[3] += 0.25f;
        v1[40] -= 1f;
        v2 = v1.clone();
        v2[7] = 0f;
        mv0 = ModelVersion.of(0, v0);
        mv1 = ModelVersion.of(1, v1);
        mv2 = ModelVersion.of(2, v2);
        rx = new UpdateReceiver(SAT, key, v0, mv0, 0);
    }

    private byte[] frame(long counter, ModelVersion base, float[] from, ModelVersion target, float[] to) {
        return UplinkFrame.sign(ModelUpdate.between(SAT, counter, base, from, target, to), key);
    }

    @Test
    void authenticChainIsAppliedBitExact() {
        ModelUpdate u1 = ModelUpdate.between(SAT, 1, mv0, v0, mv1, v1);
        assertThat(u1.parameters().indices()).containsExactly(3, 40); // compact: only what changed
        assertThat(rx.receive(UplinkFrame.sign(u1, key)).applied()).isTrue();
        assertThat(rx.receive(frame(5, mv1, v1, mv2, v2)).applied()).isTrue(); // gaps in the counter are fine
        assertThat(rx.params()).containsExactly(v2);
        assertThat(rx.version()).isEqualTo(mv2);
        assertThat(rx.telemetry().applied()).isEqualTo(2);
        assertThat(rx.telemetry().lastCounter()).isEqualTo(5);
        assertThat(rx.telemetry().rejectedTotal()).isZero();
    }

    @Test
    void forgedUpdatesAreRejected() {
        byte[] good = frame(1, mv0, v0, mv1, v1);
        int rejected = 0;
        // a single flipped bit anywhere in the body or tag
        for (int bit = 0; bit < good.length * 8; bit += 13) {
            byte[] f = good.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            UpdateReceiver.Outcome o = rx.receive(f);
            assertThat(o.applied()).as("bit %d", bit).isFalse();
            assertThat(rx.params()).containsExactly(v0);
            rejected++;
        }
        // signed with another satellite's key
        assertThat(rx.receive(UplinkFrame.sign(ModelUpdate.between(SAT, 1, mv0, v0, mv1, v1), otherKey)).rejected())
                .contains(UpdateRefusal.FORGED);
        CommandTelemetry t = rx.telemetry();
        assertThat(t.rejectedTotal()).isEqualTo(rejected + 1);
        assertThat(t.rejected(UpdateRefusal.FORGED)).as("flips outside the length fields are forgeries")
                .isGreaterThanOrEqualTo(rejected - 4);
        assertThat(t.applied()).isZero();
        System.out.println("uplink forged: " + (rejected + 1) + " frames, refused by reason " + t.rejected());
    }

    @Test
    void replayedUpdateIsRejected() {
        byte[] f1 = frame(1, mv0, v0, mv1, v1);
        assertThat(rx.receive(f1).applied()).isTrue();
        assertThat(rx.receive(f1).rejected()).contains(UpdateRefusal.REPLAYED);
        assertThat(rx.receive(f1).rejected()).contains(UpdateRefusal.REPLAYED);
        // a re-signed update reusing an old counter is also refused
        assertThat(rx.receive(frame(1, mv1, v1, mv2, v2)).rejected()).contains(UpdateRefusal.REPLAYED);
        assertThat(rx.telemetry().rejected(UpdateRefusal.REPLAYED)).isEqualTo(3);
        System.out.println("uplink replayed: " + rx.telemetry().rejected());
        assertThat(rx.params()).containsExactly(v1);
    }

    @Test
    void reorderedUpdatesAreRejectedUntilTheirBaseIsHeld() {
        byte[] f1 = frame(1, mv0, v0, mv1, v1);
        byte[] f2 = frame(2, mv1, v1, mv2, v2);
        assertThat(rx.receive(f2).rejected()).as("arrives before its base").contains(UpdateRefusal.BASE_MISMATCH);
        assertThat(rx.params()).containsExactly(v0);
        assertThat(rx.receive(f1).applied()).isTrue();
        assertThat(rx.receive(f2).applied()).as("retransmitted in order").isTrue();
        assertThat(rx.receive(f1).rejected()).as("late copy of the first").contains(UpdateRefusal.REPLAYED);
        // newer counter but an older target: not newer than what is held
        assertThat(rx.receive(frame(3, mv0, v0, mv1, v1)).rejected()).contains(UpdateRefusal.NOT_NEWER);
        CommandTelemetry t = rx.telemetry();
        assertThat(t.rejected(UpdateRefusal.BASE_MISMATCH)).isEqualTo(1);
        assertThat(t.rejected(UpdateRefusal.REPLAYED)).isEqualTo(1);
        assertThat(t.rejected(UpdateRefusal.NOT_NEWER)).isEqualTo(1);
        assertThat(rx.version()).isEqualTo(mv2);
        System.out.println("uplink reordered: " + t.rejected());
    }

    @Test
    void everyTruncationIsRejectedAndChangesNothing() {
        byte[] good = frame(1, mv0, v0, mv1, v1);
        for (int len = 0; len < good.length; len++) {
            assertThat(rx.receive(Arrays.copyOf(good, len)).rejected()).as("prefix %d", len).contains(UpdateRefusal.TRUNCATED);
            assertThat(rx.params()).containsExactly(v0);
        }
        assertThat(rx.telemetry().rejected(UpdateRefusal.TRUNCATED)).isEqualTo(good.length);
        assertThat(rx.receive(null).rejected()).contains(UpdateRefusal.TRUNCATED);
        assertThat(rx.receive(good).applied()).as("the whole frame still works").isTrue();
        System.out.println("uplink truncated: " + (good.length + 1) + " frames, refused by reason " + rx.telemetry().rejected());
    }

    @Test
    void otherRefusals() {
        byte[] good = frame(1, mv0, v0, mv1, v1);
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertThat(rx.receive(longer).rejected()).contains(UpdateRefusal.MALFORMED);
        UpdateReceiver other = new UpdateReceiver("sat-2", key, v0, mv0, 0); // shared key misconfiguration
        assertThat(other.receive(good).rejected()).contains(UpdateRefusal.WRONG_SATELLITE);
        ModelVersion lying = ModelVersion.of(1, v2); // target digest that the update does not produce
        assertThat(rx.receive(UplinkFrame.sign(ModelUpdate.between(SAT, 1, mv0, v0, lying, v1), key)).rejected())
                .contains(UpdateRefusal.RESULT_MISMATCH);
        assertThat(rx.version()).isEqualTo(mv0);
    }

    @Test
    void randomGarbageNeverThrowsNorApplies() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 500; k++) {
            byte[] junk = new byte[r.nextInt(600)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) r.nextInt(256);
            }
            if (junk.length > 4 && r.nextBoolean()) {
                junk[0] = 0x4F;
                junk[1] = 0x55;
                junk[2] = 1;
                junk[3] = 5;
            }
            assertThat(rx.receive(junk).applied()).isFalse();
        }
        // random content in a frame of consistent length (name length and count kept): forgeries
        byte[] good = frame(1, mv0, v0, mv1, v1);
        int countAt = 4 + SAT.length() + 8 + 8 + 32 + 8 + 32 + 4;
        for (int k = 0; k < 200; k++) {
            byte[] f = good.clone();
            for (int i = 0; i < f.length; i++) {
                if (i != 3 && (i < countAt || i >= countAt + 4)) {
                    f[i] = (byte) r.nextInt(256);
                }
            }
            assertThat(rx.receive(f).rejected()).contains(UpdateRefusal.FORGED);
        }
        assertThat(rx.telemetry().rejectedTotal()).isEqualTo(700);
        System.out.println("uplink random garbage: 700 frames, refused by reason " + rx.telemetry().rejected());
        assertThat(rx.params()).containsExactly(v0);
    }
}

package io.onorbit.flight.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.command.ModelUpdate;
import io.onorbit.flight.command.UpdateRefusal;
import io.onorbit.flight.command.UpdateReceiver;
import io.onorbit.flight.command.UplinkFrame;
import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaForgery;
import io.onorbit.flight.delta.DeltaFormatException;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.learning.model.ModelVersion;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every decoder of what arrives over the link refuses forged, oversized and truncated input before
 * allocating for what it announces: delta messages (seal, then codec), acknowledgements and NACKs,
 * and model-update frames. Sizes announced here (1e9 parameters, 4 GB of indices) could not be
 * allocated by the test JVM, so a decoder that allocated first would fail with OutOfMemoryError.
 */
class BoundedDecodingTest {

    static final byte[] KEY = "a 32-byte key for sat-1 in tests".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] OTHER = "another 32-byte key, for sat-2!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static WeightDelta delta(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] base = new float[n];
        float[] on = new float[n];
        for (int i = 0; i < n; i++) {
            on[i] = (float) r.nextGaussian();
        }
        return new DeltaEncoder(CompressionSettings.defaults().withTopKFraction(0.25), TensorLayout.single(n))
                .encode(new DeltaHeader("sat-1", seed, ModelVersion.of(0, base), 10, Instant.EPOCH), base, on);
    }

    @Test
    void theIssueMessageOf105BytesAnnouncingABillionParametersIsRefused() {
        byte[] forged = DeltaForgery.announcing("sat-1", 1_000_000_000L);
        assertThat(forged).hasSize(105);
        assertThatThrownBy(() -> DeltaCodec.decode(forged)).isInstanceOf(DeltaFormatException.class)
                .hasMessageContaining("entry count 1000000000 of 1 bits exceeds");
        assertThatThrownBy(() -> DeltaCodec.decode(forged, 4096)).isInstanceOf(DeltaFormatException.class)
                .hasMessageContaining("1000000000 parameters, larger than the 4096 known");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aRealDeltaOfALargerModelThanKnownIsRefusedAndOfTheKnownSizeAccepted(long seed) throws Exception {
        WeightDelta d = delta(seed, 500 + (int) seed);
        byte[] b = DeltaCodec.encode(d);
        assertThat(DeltaCodec.decode(b, d.dimension())).isEqualTo(d);
        assertThatThrownBy(() -> DeltaCodec.decode(b, d.dimension() - 1)).isInstanceOf(DeltaFormatException.class);
    }

    /** Cut at every length, digest recomputed so the cut reaches the field checks: always refused. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void everyTruncationIsRefused(long seed) {
        byte[] b = DeltaCodec.encode(delta(seed, 300));
        for (int len = 0; len < b.length - DeltaCodec.DIGEST_BYTES; len++) {
            byte[] cut = DeltaForgery.withDigest(Arrays.copyOf(b, len));
            assertThatThrownBy(() -> DeltaCodec.decode(cut)).as("cut at %d", len).isInstanceOf(DeltaFormatException.class);
            byte[] plain = Arrays.copyOf(b, len);
            assertThatThrownBy(() -> DeltaCodec.decode(plain)).isInstanceOf(DeltaFormatException.class);
        }
    }

    @Test
    void aSealOpensOnlyWithItsKeyAndUntouchedBytes() {
        byte[] d = DeltaCodec.encode(delta(6, 200));
        byte[] sealed = DeltaSeal.seal(KEY, d);
        assertThat(DeltaSeal.open(KEY, sealed)).hasValueSatisfying(v -> assertThat(v).containsExactly(d));
        assertThat(DeltaSeal.open(OTHER, sealed)).as("another satellite's key").isEmpty();
        assertThat(DeltaSeal.open(KEY, d)).as("unsealed").isEmpty();
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] t = sealed.clone();
            t[i] ^= 0x10;
            assertThat(DeltaSeal.open(KEY, t)).as("bit flipped at %d", i).isEmpty();
        }
        for (int len = 0; len < sealed.length; len += 5) {
            assertThat(DeltaSeal.open(KEY, Arrays.copyOf(sealed, len))).as("truncated to %d", len).isEmpty();
        }
        // The uplink's HMAC over the same bytes is not a downlink seal (domain separation).
        byte[] uplinkStyle = Arrays.copyOf(d, d.length + UplinkFrame.MAC_BYTES);
        System.arraycopy(UplinkFrame.mac(KEY, d, d.length), 0, uplinkStyle, d.length, UplinkFrame.MAC_BYTES);
        assertThat(DeltaSeal.open(KEY, uplinkStyle)).isEmpty();
    }

    @Test
    void acknowledgementsAnnouncingMoreThanTheyCarryAreRefused() {
        assertThat(LinkMessages.parseAck(LinkMessages.ack(1, 2, 3))).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        byte[] ack = LinkMessages.ack(7);
        ack[0] = (byte) 0xFF; // 65 280 ids announced, one carried
        ack[1] = 0;
        assertThat(LinkMessages.parseAck(ack)).isEmpty();
        assertThat(LinkMessages.parseAck(new byte[1])).isEmpty();
        assertThat(LinkMessages.parseAck(Arrays.copyOf(LinkMessages.ack(1, 2), 9))).as("truncated").isEmpty();
        byte[] nack = LinkMessages.nack(5, new int[] {1, 2});
        nack[4] = (byte) 0xFF;
        assertThat(LinkMessages.parseNack(nack)).isEmpty();
        assertThat(LinkMessages.parseNack(new byte[5])).isEmpty();
        assertThat(LinkMessages.parseNack(Arrays.copyOf(LinkMessages.nack(5, new int[] {1, 2}), 9))).isEmpty();
    }

    /** An authentic (re-signed) update frame whose entry count is 2^31-1: refused, nothing allocated for it. */
    @Test
    void anUpdateFrameAnnouncingMoreEntriesThanItCarriesIsRefused() {
        float[] v0 = new float[16];
        float[] v1 = v0.clone();
        v1[3] = 1f;
        ModelVersion m0 = ModelVersion.of(0, v0);
        ModelUpdate u = ModelUpdate.between("sat-1", 1, m0, v0, ModelVersion.of(1, v1), v1);
        byte[] body = u.encode();
        int countAt = 4 + 5 + 8 + 8 + ModelVersion.DIGEST_BYTES + 8 + ModelVersion.DIGEST_BYTES + 4;
        ByteBuffer.wrap(body).putInt(countAt, Integer.MAX_VALUE);
        byte[] frame = Arrays.copyOf(body, body.length + UplinkFrame.MAC_BYTES);
        System.arraycopy(UplinkFrame.mac(KEY, body, body.length), 0, frame, body.length, UplinkFrame.MAC_BYTES);
        UpdateReceiver rx = new UpdateReceiver("sat-1", KEY, v0, m0, 0);
        assertThat(rx.receive(frame).rejected()).contains(UpdateRefusal.TRUNCATED);
        assertThat(rx.receive(Arrays.copyOf(UplinkFrame.sign(u, OTHER), 40)).rejected()).contains(UpdateRefusal.TRUNCATED);
        assertThat(rx.receive(UplinkFrame.sign(u, OTHER)).rejected()).contains(UpdateRefusal.FORGED);
        assertThat(rx.receive(UplinkFrame.sign(u, KEY)).applied()).isTrue();
    }
}

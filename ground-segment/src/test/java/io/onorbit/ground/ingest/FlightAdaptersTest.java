package io.onorbit.ground.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaEncoder;
import io.onorbit.flight.delta.DeltaHeader;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlightAdaptersTest {

    @Test
    void packetsOfADeltaBecomeOneMessageThenDuplicatesAndRefusals() throws Exception {
        ApidPlan plan = new ApidPlan(List.of("sat-a", "sat-b"), 64);
        float[] base = new float[2000];
        float[] on = new float[2000];
        for (int i = 0; i < on.length; i++) {
            on[i] = (float) Math.sin(i);
        }
        WeightDelta d = new DeltaEncoder(new CompressionSettings(0.1, 8, io.onorbit.flight.delta.ScaleMode.PER_DELTA, true),
                TensorLayout.single(2000)).encode(new DeltaHeader("sat-b", 3, ModelVersion.of(1, base), 9,
                Instant.parse("2026-06-21T00:00:00Z")), base, on);
        byte[] bytes = DeltaCodec.encode(d);
        List<byte[]> packets = new Packetizer(128, plan.number("sat-b")).segment(plan.apid("sat-b", Product.DELTA), false, 3, bytes);
        CcsdsPacketAssembler a = new CcsdsPacketAssembler(plan, 8, 1 << 20);
        List<PacketAssembler.Step> steps = new ArrayList<>();
        for (byte[] p : packets) {
            steps.add(a.offer(p));
        }
        assertThat(steps.subList(0, packets.size() - 1)).allMatch(s -> s instanceof PacketAssembler.Waiting w
                && w.satellite().equals("sat-b"));
        PacketAssembler.Message m = (PacketAssembler.Message) steps.get(steps.size() - 1);
        assertThat(m.delta()).isTrue();
        assertThat(m.bytes()).isEqualTo(bytes);
        assertThat(a.offer(packets.get(0))).isInstanceOf(PacketAssembler.Duplicate.class);
        byte[] bad = packets.get(1).clone();
        bad[20] ^= 4;
        PacketAssembler.Step s = a.offer(bad);
        assertThat(s).isInstanceOf(PacketAssembler.Refused.class);
        assertThat(((PacketAssembler.Refused) s).reason()).isEqualTo("bad-check");
        assertThat(a.offer(new byte[3])).isInstanceOf(PacketAssembler.Refused.class);

        DeltaDecoder.Decoded dd = new FlightDeltaDecoder().decode(m.bytes());
        assertThat(dd.satellite()).isEqualTo("sat-b");
        assertThat(dd.sequence()).isEqualTo(3);
        assertThat(dd.baseDigest()).isEqualTo(ModelVersion.of(1, base).digest());
        assertThat(dd.values().indices()).isEqualTo(d.indices());
        assertThat(dd.values().value(0)).isEqualTo(d.value(0));
        byte[] corrupt = bytes.clone();
        corrupt[40] ^= 1;
        assertThatThrownBy(() -> new FlightDeltaDecoder().decode(corrupt))
                .isInstanceOf(DeltaDecoder.Refusal.class).extracting(e -> ((DeltaDecoder.Refusal) e).reason())
                .isEqualTo("delta-digest");
    }
}

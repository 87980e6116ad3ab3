package io.onorbit.flight.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

    static final ApidPlan PLAN = new ApidPlan(List.of("sat-1", "sat-2"), 64);

    static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    @Test
    void shuffledDuplicatedSegmentsGiveTheMessageOnce() {
        SplittableRandom r = new SplittableRandom(11);
        Packetizer pk = new Packetizer(256, PLAN.number("sat-2"));
        int apid = PLAN.apid("sat-2", Product.DELTA);
        byte[] msg = randomBytes(r, 10_000);
        List<byte[]> packets = new ArrayList<>(pk.segment(apid, false, 77, msg));
        int n = packets.size();
        assertThat(n).isEqualTo(pk.packetCount(msg.length)).isEqualTo((10_004 + 237) / 238);
        List<byte[]> wire = new ArrayList<>(packets);
        wire.addAll(packets.subList(0, 10)); // duplicates
        Collections.shuffle(wire, new Random(3));
        Reassembler ra = new Reassembler(PLAN::isKnown, PLAN.number("sat-2"), 8, 1 << 20);
        int completed = 0;
        for (byte[] p : wire) {
            var out = ra.accept(p);
            if (out.isPresent()) {
                completed++;
                assertThat(out.get().bytes()).isEqualTo(msg);
                assertThat(out.get().messageId()).isEqualTo(77);
                assertThat(out.get().apid()).isEqualTo(apid);
            }
        }
        assertThat(completed).isEqualTo(1);
        assertThat(ra.rejects().count(RejectReason.DUPLICATE_SEGMENT)).isEqualTo(10);
        assertThat(ra.rejects().total()).isEqualTo(10);
        assertThat(ra.outOfOrderSegments()).isPositive();
        assertThat(ra.offer(packets.get(0))).isInstanceOf(Reassembler.AlreadyComplete.class);
    }

    @Test
    void missingSegmentsAreReportedAndFilledLater() {
        SplittableRandom r = new SplittableRandom(12);
        Packetizer pk = new Packetizer(100, 0);
        byte[] msg = randomBytes(r, 2000);
        List<byte[]> packets = pk.segment(64, false, 5, msg);
        Reassembler ra = new Reassembler(PLAN::isKnown, 0, 8, 1 << 20);
        java.util.Set<Integer> drop = java.util.Set.of(0, 7, packets.size() - 1);
        for (int i = 0; i < packets.size(); i++) {
            if (!drop.contains(i)) {
                assertThat(ra.accept(packets.get(i))).isEmpty();
            }
        }
        assertThat(ra.missingSegments(64, 5)).containsExactly(0, 7, packets.size() - 1);
        assertThat(ra.partial()).hasSize(1);
        assertThat(ra.accept(packets.get(7))).isEmpty();
        assertThat(ra.accept(packets.get(packets.size() - 1))).isEmpty();
        assertThat(ra.accept(packets.get(0))).get().extracting(Reassembler.Message::bytes).isEqualTo(msg);
        assertThat(ra.partial()).isEmpty();
        assertThat(ra.missingSegments(64, 5)).isEmpty();
    }

    static byte[] segmentPacket(int apid, SequenceFlags flags, long id, int index, int count, byte[] payload) {
        return segmentPacket(apid, 0, flags, id, index, count, payload);
    }

    static byte[] segmentPacket(int apid, int satellite, SequenceFlags flags, long id, int index, int count,
                                byte[] payload) {
        byte[] data = new byte[Packetizer.SEGMENT_HEADER_BYTES + payload.length];
        data[0] = (byte) (satellite >>> 8);
        data[1] = (byte) satellite;
        data[2] = (byte) (id >>> 24);
        data[3] = (byte) (id >>> 16);
        data[4] = (byte) (id >>> 8);
        data[5] = (byte) id;
        data[6] = (byte) (index >>> 8);
        data[7] = (byte) index;
        data[8] = (byte) (count >>> 8);
        data[9] = (byte) count;
        System.arraycopy(payload, 0, data, Packetizer.SEGMENT_HEADER_BYTES, payload.length);
        return new SpacePacket(false, true, apid, flags, 0, data).encode();
    }

    @Test
    void eachKindOfBadSegmentIsCountedNeverThrown() {
        Reassembler ra = new Reassembler(PLAN::isKnown, 0, 2, 1000);
        byte[] pl = {1, 2, 3, 4, 5};
        ra.offer(segmentPacket(63, SequenceFlags.UNSEGMENTED, 1, 0, 1, pl));
        ra.offer(segmentPacket(0x7FF, SequenceFlags.UNSEGMENTED, 1, 0, 1, pl));
        assertThat(ra.rejects().count(RejectReason.UNKNOWN_APID)).isEqualTo(2);
        ra.offer(new SpacePacket(false, false, 64, SequenceFlags.UNSEGMENTED, 0, new byte[20]).encode());
        ra.offer(segmentPacket(64, SequenceFlags.LAST, 1, 3, 3, pl));
        ra.offer(segmentPacket(64, SequenceFlags.UNSEGMENTED, 1, 0, 0, pl));
        assertThat(ra.rejects().count(RejectReason.BAD_SEGMENT_HEADER)).isEqualTo(3);
        ra.offer(segmentPacket(64, SequenceFlags.FIRST, 1, 1, 3, pl));
        ra.offer(segmentPacket(64, SequenceFlags.FIRST, 2, 0, 3, pl));
        ra.offer(segmentPacket(64, SequenceFlags.FIRST, 2, 0, 4, pl)); // count disagrees
        assertThat(ra.rejects().count(RejectReason.INCONSISTENT_SEGMENT)).isEqualTo(2);
        ra.offer(segmentPacket(64, SequenceFlags.FIRST, 2, 0, 3, pl));
        assertThat(ra.rejects().count(RejectReason.DUPLICATE_SEGMENT)).isEqualTo(1);
        // Whole-message CRC wrong: unsegmented message whose last 4 octets are not its CRC-32C.
        assertThat(ra.offer(segmentPacket(64, SequenceFlags.UNSEGMENTED, 9, 0, 1, pl)))
                .isEqualTo(new Reassembler.Rejected(RejectReason.BAD_MESSAGE_CHECK));
        // Three messages in progress with room for two: the oldest is evicted.
        ra.offer(segmentPacket(64, SequenceFlags.FIRST, 3, 0, 3, pl));
        ra.offer(segmentPacket(64, SequenceFlags.FIRST, 4, 0, 3, pl));
        assertThat(ra.rejects().count(RejectReason.EVICTED)).isEqualTo(1);
        assertThat(ra.partial()).extracting(Reassembler.PartialStatus::messageId).containsExactly(3L, 4L);
        // Larger than the message limit.
        // A packet of another satellite on a known APID: refused, not mixed into this satellite's messages.
        assertThat(ra.offer(segmentPacket(64, 1, SequenceFlags.FIRST, 3, 1, 3, pl)))
                .isEqualTo(new Reassembler.Rejected(RejectReason.WRONG_SATELLITE));
        assertThat(ra.partial()).extracting(Reassembler.PartialStatus::missing).allSatisfy(m -> assertThat(m).contains(1));
        Reassembler small = new Reassembler(PLAN::isKnown, 0, 2, 10);
        small.offer(segmentPacket(64, SequenceFlags.FIRST, 1, 0, 3, new byte[9]));
        small.offer(segmentPacket(64, SequenceFlags.CONTINUATION, 1, 1, 3, new byte[9]));
        assertThat(small.rejects().count(RejectReason.BAD_SEGMENT_HEADER)).isEqualTo(1);
        assertThat(small.partial()).isEmpty();
    }

    /** The full million runs in {@code io.onorbit.verification.bench.PacketFuzzBench} (see BENCHMARKS.md). */
    @Test
    void seededFuzzNeverThrows() {
        PacketFuzzer.Report r = PacketFuzzer.run(20260621L, 250_000, true);
        assertThat(r.escaped()).isZero();
        assertThat(r.completed()).isPositive();
        assertThat(r.rejectedTotal()).isGreaterThan(125_000);
        // Every kind of refusal the fuzzer provokes is seen (the CRC-fixed mutations reach the segment logic).
        for (RejectReason reason : new RejectReason[] {RejectReason.TRUNCATED, RejectReason.LENGTH_MISMATCH,
            RejectReason.BAD_VERSION, RejectReason.BAD_CHECK, RejectReason.UNKNOWN_APID, RejectReason.BAD_SEGMENT_HEADER,
            RejectReason.INCONSISTENT_SEGMENT, RejectReason.DUPLICATE_SEGMENT}) {
            assertThat(r.rejected().getOrDefault(reason, 0L)).as(reason.name()).isPositive();
        }
    }

    @Test
    void validOnlyFuzzBaselineCompletesEveryMessage() {
        PacketFuzzer.Report r = PacketFuzzer.run(1, 20_000, false);
        assertThat(r.escaped()).isZero();
        assertThat(r.rejectedTotal()).isZero();
        assertThat(r.completed()).isPositive();
    }
}

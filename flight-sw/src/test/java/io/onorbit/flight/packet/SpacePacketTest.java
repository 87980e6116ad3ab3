package io.onorbit.flight.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpacePacketTest {

    @Test
    void crcMatchesThePublishedCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16Ccitt.compute(check, 0, check.length)).isEqualTo(0x29B1); // CRC-16/CCITT-FALSE
        assertThat(Crc16Ccitt.compute(new byte[0], 0, 0)).isEqualTo(0xFFFF);
        // Bit-by-bit long division, written independently of the table.
        byte[] msg = {0x01, (byte) 0xFF, 0x7E, 0x00, 0x55};
        int crc = 0xFFFF;
        for (byte b : msg) {
            for (int k = 7; k >= 0; k--) {
                int in = (b >> k) & 1;
                int top = (crc >> 15) & 1;
                crc = (crc << 1) & 0xFFFF;
                if ((top ^ in) == 1) {
                    crc ^= 0x1021;
                }
            }
        }
        assertThat(Crc16Ccitt.compute(msg, 0, msg.length)).isEqualTo(crc);
    }

    @Test
    void headerBitsFollowCcsds133Layout() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // Telemetry, secondary header present, APID 0x123, unsegmented, sequence count 0x0ABC.
        byte[] b = new SpacePacket(false, true, 0x123, SequenceFlags.UNSEGMENTED, 0x0ABC, data).encode();
        // 000 | 0 | 1 | 001 0010 0011 = 0x0923 ; 11 | 00 1010 1011 1100 = 0xCABC ; 10 + 2 - 1 = 0x000B
        assertThat(java.util.Arrays.copyOf(b, 6)).containsExactly(0x09, 0x23, 0xCA, 0xBC, 0x00, 0x0B);
        assertThat(b).hasSize(6 + 10 + 2);
        int crc = Crc16Ccitt.compute(b, 0, 16);
        assertThat(b[16] & 0xFF).isEqualTo(crc >>> 8);
        assertThat(b[17] & 0xFF).isEqualTo(crc & 0xFF);

        // Telecommand, no secondary header, APID 0x7FE, first segment, count 16383.
        byte[] c = new SpacePacket(true, false, 0x7FE, SequenceFlags.FIRST, 16383, new byte[300]).encode();
        // 000 1 0 111 1111 1110 = 0x17FE ; 01 11 1111 1111 1111 = 0x7FFF ; 301 = 0x012D
        assertThat(java.util.Arrays.copyOf(c, 6)).containsExactly(0x17, 0xFE, 0x7F, 0xFF, 0x01, 0x2D);

        // Hand-built bytes decode to the fields.
        byte[] hand = {0x08, 0x05, (byte) 0x80, 0x07, 0x00, 0x02, 0x42, 0, 0};
        int hc = Crc16Ccitt.compute(hand, 0, 7);
        hand[7] = (byte) (hc >>> 8);
        hand[8] = (byte) hc;
        Optional<SpacePacket> p = SpacePacket.decode(hand, new RejectCounters());
        assertThat(p).isPresent();
        assertThat(p.get().telecommand()).isFalse();
        assertThat(p.get().secondaryHeader()).isTrue();
        assertThat(p.get().apid()).isEqualTo(5);
        assertThat(p.get().flags()).isEqualTo(SequenceFlags.LAST);
        assertThat(p.get().sequenceCount()).isEqualTo(7);
        assertThat(p.get().data()).containsExactly(0x42);
    }

    @Test
    void sequenceCountWrapsAt14Bits() {
        Packetizer pk = new Packetizer(64, 0);
        byte[] msg = new byte[pk.payloadBytesPerPacket() * 16390 - Packetizer.MESSAGE_CRC_BYTES];
        List<byte[]> packets = pk.segment(9, false, 1, msg);
        assertThat(packets).hasSize(16390);
        RejectCounters rc = new RejectCounters();
        for (int i = 0; i < packets.size(); i++) {
            SpacePacket p = SpacePacket.decode(packets.get(i), rc).orElseThrow();
            assertThat(p.sequenceCount()).isEqualTo(i % 16384);
            assertThat(p.flags()).isEqualTo(i == 0 ? SequenceFlags.FIRST
                    : i == packets.size() - 1 ? SequenceFlags.LAST : SequenceFlags.CONTINUATION);
            assertThat(p.encode()).isEqualTo(packets.get(i));
        }
        assertThat(pk.nextSequenceCount(9)).isEqualTo(16390 % 16384);
        assertThat(pk.nextSequenceCount(10)).isZero();
        assertThat(rc.total()).isZero();
    }

    @Test
    void badPacketsAreCountedByReason() {
        RejectCounters rc = new RejectCounters();
        byte[] good = new SpacePacket(false, true, 3, SequenceFlags.UNSEGMENTED, 0, new byte[20]).encode();
        assertThat(SpacePacket.decode(java.util.Arrays.copyOf(good, 5), rc)).isEmpty();
        assertThat(SpacePacket.decode(java.util.Arrays.copyOf(good, good.length - 1), rc)).isEmpty();
        assertThat(rc.count(RejectReason.TRUNCATED)).isEqualTo(2);
        assertThat(SpacePacket.decode(java.util.Arrays.copyOf(good, good.length + 1), rc)).isEmpty();
        assertThat(rc.count(RejectReason.LENGTH_MISMATCH)).isEqualTo(1);
        byte[] v = good.clone();
        v[0] |= (byte) 0x20;
        assertThat(SpacePacket.decode(v, rc)).isEmpty();
        assertThat(rc.count(RejectReason.BAD_VERSION)).isEqualTo(1);
        byte[] crc = good.clone();
        crc[10] ^= 1;
        assertThat(SpacePacket.decode(crc, rc)).isEmpty();
        assertThat(rc.count(RejectReason.BAD_CHECK)).isEqualTo(1);
        assertThat(SpacePacket.decode(null, rc)).isEmpty();
        assertThat(rc.total()).isEqualTo(6);
        assertThat(rc.lastReason()).isEqualTo(RejectReason.TRUNCATED);
        assertThat(rc.recent()).hasSize(6);
    }

    @Test
    void apidPlanGivesOneApidPerProductAndANumberPerSatellite() {
        ApidPlan plan = new ApidPlan(List.of("a", "b", "c"), 100);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Product p : Product.values()) {
            int apid = plan.apid(p);
            assertThat(seen.add(apid)).isTrue();
            assertThat(plan.product(apid)).contains(p);
            for (String s : plan.satellites()) {
                assertThat(plan.apid(s, p)).isEqualTo(apid);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(plan.satellite(plan.number(plan.satellites().get(i)))).contains(plan.satellites().get(i));
        }
        assertThat(plan.satellite(3)).isEmpty();
        assertThatThrownBy(() -> plan.apid("d", Product.DELTA)).hasMessageContaining("satellite d");
        assertThat(plan.isKnown(99)).isFalse();
        assertThat(plan.isKnown(100 + Product.values().length)).isFalse();
        assertThat(plan.isKnown(0x7FF)).isFalse();
    }

    /** SCHEMA.md allows Walker constellations of 10 000 satellites: each gets its number, all share 6 APIDs. */
    @Test
    void tenThousandSatellitesFitAndTheirStreamsStaySeparate() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            names.add("w-" + i);
        }
        ApidPlan plan = new ApidPlan(names, 64);
        assertThat(plan.apid("w-9999", Product.DELTA)).isEqualTo(64);
        int n = plan.number("w-9999");
        assertThat(n).isEqualTo(9999);
        byte[] msg = {1, 2, 3, 4, 5, 6, 7};
        // the same APID and message id from two satellites: each reassembler takes only its own
        byte[] from9999 = new Packetizer(64, n).segment(64, false, 42, msg).get(0);
        byte[] from17 = new Packetizer(64, 17).segment(64, false, 42, msg).get(0);
        Reassembler ra = new Reassembler(plan::isKnown, n, 4, 1024);
        assertThat(ra.offer(from17)).isEqualTo(new Reassembler.Rejected(RejectReason.WRONG_SATELLITE));
        assertThat(ra.accept(from9999)).get().extracting(Reassembler.Message::bytes).isEqualTo(msg);
        assertThat(Reassembler.satelliteNumberOf(from9999)).contains(9999);
        assertThatThrownBy(() -> new ApidPlan(java.util.Collections.nCopies(1, "x"), 2041))
                .hasMessageContaining("baseApid");
    }
}

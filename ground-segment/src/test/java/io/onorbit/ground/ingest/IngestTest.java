package io.onorbit.ground.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.review.ReviewPolicy;
import io.onorbit.ground.uplink.UplinkKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest against the narrow interfaces, with a deliberately simple stand-in framing: one packet =
 * one message, [crc32 of the rest][sat name len][sat name][payload]; payload = [crc32 of rest]
 * [base version][sample count][n][n x (index, float)]. The real packet and codec adapters have
 * their own test once the link layer is in main.
 */
class IngestTest {

    static final Instant T = Instant.parse("2026-06-21T01:00:00Z");
    static final float[] BASE = new float[8];
    static final UplinkKeys KEYS = UplinkKeys.derivedFromSeed(java.util.List.of("sat-1", "sat-2"), 5);

    @TempDir
    Path dir;

    static final PacketAssembler ASSEMBLER = packet -> {
        if (packet.length < 5) {
            return new PacketAssembler.Refused("", "packet-truncated", packet.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(packet);
        int crc = b.getInt();
        CRC32 c = new CRC32();
        c.update(packet, 4, packet.length - 4);
        if ((int) c.getValue() != crc) {
            return new PacketAssembler.Refused("", "packet-crc", "crc mismatch");
        }
        int n = Byte.toUnsignedInt(b.get());
        if (b.remaining() < n) {
            return new PacketAssembler.Refused("", "packet-truncated", "name cut");
        }
        byte[] name = new byte[n];
        b.get(name);
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new PacketAssembler.Message(new String(name, StandardCharsets.UTF_8), true, payload);
    };

    static final DeltaDecoder DECODER = m -> {
        try {
            ByteBuffer b = ByteBuffer.wrap(m);
            int crc = b.getInt();
            CRC32 c = new CRC32();
            c.update(m, 4, m.length - 4);
            if ((int) c.getValue() != crc) {
                throw new DeltaDecoder.Refusal("delta-digest", "payload check failed");
            }
            int satLen = b.get();
            byte[] sat = new byte[satLen];
            b.get(sat);
            long base = b.getLong();
            long samples = b.getLong();
            int n = b.getInt();
            int[] idx = new int[n];
            float[] val = new float[n];
            for (int k = 0; k < n; k++) {
                idx[k] = b.getInt();
                val[k] = b.getFloat();
            }
            return new DeltaDecoder.Decoded(new String(sat, StandardCharsets.UTF_8), 0, base, ModelVersion.digestOf(BASE), samples,
                    T, new SparseVector(BASE.length, idx, val));
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new DeltaDecoder.Refusal("delta-format", "cut short");
        }
    };

    static byte[] packet(String channel, String sat, long samples, float... values) {
        byte[] s = sat.getBytes(StandardCharsets.UTF_8);
        ByteBuffer p = ByteBuffer.allocate(4 + 1 + s.length + 8 + 8 + 4 + 8 * values.length);
        p.putInt(0).put((byte) s.length).put(s).putLong(0).putLong(samples).putInt(values.length);
        for (int k = 0; k < values.length; k++) {
            p.putInt(k).putFloat(values[k]);
        }
        byte[] inner = p.array();
        CRC32 c = new CRC32();
        c.update(inner, 4, inner.length - 4);
        ByteBuffer.wrap(inner).putInt((int) c.getValue());
        byte[] payload = io.onorbit.flight.link.DeltaSeal.seal(KEYS.key(channel), inner); // sealed by the channel's owner
        byte[] ch = channel.getBytes(StandardCharsets.UTF_8);
        ByteBuffer q = ByteBuffer.allocate(4 + 1 + ch.length + payload.length);
        q.putInt(0).put((byte) ch.length).put(ch).put(payload);
        byte[] pk = q.array();
        CRC32 c2 = new CRC32();
        c2.update(pk, 4, pk.length - 4);
        ByteBuffer.wrap(pk).putInt((int) c2.getValue());
        return pk;
    }

    @Test
    void deltasAreStoredDuplicatesDroppedAndRejectsRecorded() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T);
            Ingest ingest = new Ingest(a, ReviewPolicy.DEFAULT, ASSEMBLER, new DeltaAuthenticator(KEYS), DECODER);
            Ingest.Pass pass = new Ingest.Pass(7, "svalbard", T);
            byte[] good = packet("sat-1", "sat-1", 40, 0.1f, -0.2f);
            assertThat(ingest.accept(good, pass)).isEqualTo(Ingest.Result.STORED);
            assertThat(ingest.accept(good, pass)).isEqualTo(Ingest.Result.DUPLICATE);
            assertThat(ingest.accept(packet("sat-1", "sat-1", 0, Float.NaN), pass)).isEqualTo(Ingest.Result.STORED);
            assertThat(ingest.accept(packet("sat-2", "sat-1", 10, 0.1f), pass)).isEqualTo(Ingest.Result.REJECTED);
            byte[] corrupt = packet("sat-1", "sat-1", 40, 0.3f);
            corrupt[corrupt.length - 1] ^= 1;
            assertThat(ingest.accept(corrupt, pass)).isEqualTo(Ingest.Result.REJECTED);
            assertThat(ingest.accept(null, pass)).isEqualTo(Ingest.Result.REJECTED);

            List<DeltaRecord> ds = a.deltas();
            assertThat(ds).hasSize(2);
            assertThat(ds.get(0).passNumber()).isEqualTo(7);
            assertThat(ds.get(0).delta().values().values()).containsExactly(0.1f, -0.2f);
            assertThat(ds.get(1).flags()).contains(DeltaFlag.NON_FINITE, DeltaFlag.ZERO_SAMPLES);
            assertThat(a.rejects()).extracting(r -> r.reason())
                    .containsExactly("satellite-mismatch", "packet-crc", "packet-truncated");
            // traffic counts per channel; the corrupt packet names no satellite
            assertThat(a.passes()).hasSize(2);
            assertThat(a.passes().get(0)).satisfies(p -> {
                assertThat(p.satellite()).isEqualTo("sat-1");
                assertThat(p.packets()).isEqualTo(3);
                assertThat(p.deltas()).isEqualTo(2);
            });
            assertThat(a.passes().get(1).packets()).isEqualTo(1);
            assertThat(ingest.counts()).containsEntry(Ingest.Result.STORED, 2L).containsEntry(Ingest.Result.REJECTED, 3L)
                    .containsEntry(Ingest.Result.DUPLICATE, 1L);
        }
    }

    @Test
    void randomAndMutatedInputNeverThrowsNorStoresGarbage() {
        try (Archive a = Archive.open(dir.resolve("archive.db"))) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T);
            Ingest ingest = new Ingest(a, ReviewPolicy.DEFAULT, ASSEMBLER, new DeltaAuthenticator(KEYS), DECODER);
            SplittableRandom r = new SplittableRandom(99);
            byte[] good = packet("sat-1", "sat-1", 40, 0.1f, -0.2f, 0.3f);
            int n = 400;
            for (int k = 0; k < n; k++) {
                byte[] p;
                if (r.nextBoolean()) {
                    p = new byte[r.nextInt(64)];
                    r.nextBytes(p);
                } else {
                    p = java.util.Arrays.copyOf(good, r.nextInt(good.length + 1));
                    if (p.length > 0) {
                        p[r.nextInt(p.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                Ingest.Result res = ingest.accept(p, new Ingest.Pass(1, "x", T));
                assertThat(res).isIn(Ingest.Result.REJECTED, Ingest.Result.STORED);
            }
            // a mutated packet passing a 32-bit CRC by chance would be a 1e-9 event: none stored
            assertThat(a.deltas()).isEmpty();
            assertThat(a.rejects()).hasSize(n);
        }
    }
}

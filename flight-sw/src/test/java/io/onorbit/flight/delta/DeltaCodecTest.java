package io.onorbit.flight.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.learning.model.ModelVersion;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DeltaCodecTest {

    static final Instant T0 = Instant.parse("2026-06-21T00:00:00.123456789Z");

    static float[] randomVector(SplittableRandom rnd, int n, double sigma) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (sigma * (rnd.nextDouble() * 2 - 1));
        }
        return x;
    }

    static DeltaHeader header(ModelVersion base, long seq) {
        return new DeltaHeader("sat-1", seq, base, 1234, T0);
    }

    static Stream<Arguments> settings() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (double k : new double[] {1.0, 0.5, 0.1, 0.01, 0.001}) {
            for (int bits : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 32}) {
                for (ScaleMode m : ScaleMode.values()) {
                    b.add(Arguments.of(k, bits, m));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("settings")
    void roundTripIsExactAndApplyGivesTheSentWeights(double k, int bits, ScaleMode mode) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42 + bits);
        TensorLayout layout = new TensorLayout(700, 300, 1, 999);
        float[] base = randomVector(rnd, layout.dimension(), 1.0);
        float[] onboard = base.clone();
        float[] step = randomVector(rnd, layout.dimension(), 0.01);
        for (int i = 0; i < onboard.length; i++) {
            onboard[i] += step[i];
        }
        ModelVersion bv = ModelVersion.of(3, base);
        DeltaEncoder enc = new DeltaEncoder(new CompressionSettings(k, bits, mode, true), layout);
        WeightDelta d = enc.encode(header(bv, 7), base, onboard);
        byte[] bytes = DeltaCodec.encode(d);
        WeightDelta back = DeltaCodec.decode(bytes);
        assertThat(back).isEqualTo(d);
        assertThat(back.satellite()).isEqualTo("sat-1");
        assertThat(back.base()).isEqualTo(bv);
        assertThat(back.sampleCount()).isEqualTo(1234);
        assertThat(back.createdAt()).isEqualTo(T0);
        assertThat(back.size()).isEqualTo(new CompressionSettings(k, bits, mode, true).keptCount(layout.dimension()));

        float[] applied = back.applyTo(base);
        float[] residual = enc.residual();
        float[] sentDense = back.toDense();
        double scale = maxScale(back);
        int[] idx = back.indices();
        int j = 0;
        for (int i = 0; i < base.length; i++) {
            float target = onboard[i] - base[i];
            if (j < idx.length && idx[j] == i) {
                // Sent: within the quantizer's step of the target (independent bound per bit width).
                float sent = applied[i] - base[i];
                double tol = bits == 32 ? Math.ulp(applied[i]) + Math.ulp(target)
                        : bits == 1 ? Math.abs(target) + scale : scale / (2.0 * ((1 << (bits - 1)) - 1)) + 1e-6;
                if (Math.abs(sent - target) > tol) {
                    throw new AssertionError("parameter " + i + ": sent " + sent + ", target " + target + ", tol " + tol);
                }
                j++;
            } else if (applied[i] != base[i]) {
                throw new AssertionError("parameter " + i + " not sent but changed");
            }
            // Error feedback: target = sent + residual at every parameter.
            if (Math.abs(sentDense[i] + residual[i] - target) >= 1e-6) {
                throw new AssertionError("parameter " + i + ": sent + residual != target");
            }
        }
    }

    static double maxScale(WeightDelta d) {
        double m = 0;
        for (float s : d.scales()) {
            m = Math.max(m, s);
        }
        return m;
    }

    @Test
    void uncompressedDeltaRestoresOnboardWeightsUpToFloat32Rounding() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] base = randomVector(rnd, 5000, 2.0);
        float[] onboard = randomVector(rnd, 5000, 2.0);
        ModelVersion bv = ModelVersion.of(0, base);
        WeightDelta d = new DeltaEncoder(CompressionSettings.uncompressed(), TensorLayout.single(5000))
                .encode(header(bv, 0), base, onboard);
        float[] applied = DeltaCodec.decode(DeltaCodec.encode(d)).applyTo(base);
        for (int i = 0; i < base.length; i++) {
            // Two float32 roundings: of (onboard - base), then of base + delta.
            float bound = Math.ulp(onboard[i] - base[i]) / 2 + Math.ulp(onboard[i]) / 2;
            assertThat(Math.abs(applied[i] - onboard[i])).isLessThanOrEqualTo(bound);
        }
        // Dense float32 with the "all" index coding: 4 bytes a parameter plus a fixed header.
        assertThat(DeltaCodec.encode(d).length - 4 * 5000).isBetween(1, 140);
    }

    @Test
    void handComputedTwoBitQuantization() {
        // x = [0, 1.0, -0.5, 0, 0.26, -0.2]; top-3 by magnitude = indices 1, 2, 4.
        float[] x = {0f, 1.0f, -0.5f, 0f, 0.26f, -0.2f};
        int[] kept = Quantizer.topK(x, 3);
        assertThat(kept).containsExactly(1, 2, 4);
        ModelVersion bv = new ModelVersion(1, new byte[32]);
        WeightDelta d = Quantizer.quantize(header(bv, 0), TensorLayout.single(6), 2, ScaleMode.PER_DELTA, kept, x);
        // 2 bits: qmax = 1, scale = max |x| = 1; levels round(x): 1, round(-0.5) = 0 (half up), 0.
        assertThat(d.scales()).containsExactly(1.0f);
        assertThat(d.levels()).containsExactly(1, 0, 0);
        // 3 bits: qmax = 3: levels round(3x) = 3, round(-1.5) = -1, round(0.78) = 1.
        WeightDelta d3 = Quantizer.quantize(header(bv, 0), TensorLayout.single(6), 3, ScaleMode.PER_DELTA, kept, x);
        assertThat(d3.levels()).containsExactly(3, -1, 1);
        assertThat(d3.value(2)).isEqualTo((float) (1.0 / 3));
        // 1 bit: scale = mean |x| = (1 + 0.5 + 0.26) / 3; values = sign x scale.
        WeightDelta d1 = Quantizer.quantize(header(bv, 0), TensorLayout.single(6), 1, ScaleMode.PER_DELTA, kept, x);
        float s = (float) ((1.0 + 0.5 + (double) 0.26f) / 3);
        assertThat(d1.scales()[0]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(d1.value(0)).isEqualTo(d1.scales()[0]);
        assertThat(d1.value(1)).isEqualTo(-d1.scales()[0]);
    }

    @Test
    void handBuiltBytesOfATinyDelta() throws Exception {
        ModelVersion bv = new ModelVersion(5, new byte[32]);
        WeightDelta d = new WeightDelta("A", 300, bv, 2, Instant.ofEpochSecond(1, 0), TensorLayout.single(20), 2,
                ScaleMode.PER_DELTA, new float[] {1.0f}, new int[] {3, 4, 19}, new int[] {1, -1, 0});
        byte[] b = DeltaCodec.encode(d);
        byte[] expectedHead = {'O', 'D', 'L', 'T', 1, 1, 'A', (byte) 0xAC, 0x02, 5};
        assertThat(java.util.Arrays.copyOf(b, 10)).containsExactly(expectedHead);
        int p = 10 + 32;
        byte[] expectedTail = {
            2,                                   // sample count
            0, 0, 0, 0, 0, 0, 0, 1, 0,            // epoch seconds 1, nanos 0
            2, 0,                                // bits, scale mode
            1, 20,                               // one tensor of 20
            0x3F, (byte) 0x80, 0, 0,             // scale 1.0f
            3,                                   // 3 entries
            1, 3, 0, 14,                         // gaps: 3, 4-3-1=0, 19-4-1=14 (3 bytes < bitmap 3? tie -> gaps)
            (byte) 0b1000_0100                    // levels+1 = 2, 0, 1 -> 10 00 01 00
        };
        assertThat(java.util.Arrays.copyOfRange(b, p, p + expectedTail.length)).containsExactly(expectedTail);
        assertThat(b.length).isEqualTo(p + expectedTail.length + 32);
        assertThat(DeltaCodec.decode(b)).isEqualTo(d);
    }

    @Test
    void picksTheSmallerIndexCoding() throws Exception {
        ModelVersion bv = new ModelVersion(0, new byte[32]);
        int n = 4000;
        for (int stride : new int[] {1, 2, 3, 7, 50, 300}) {
            int cnt = (n + stride - 1) / stride;
            int[] idx = new int[cnt];
            int[] lv = new int[cnt];
            long gapBytes = 0;
            for (int j = 0; j < cnt; j++) {
                idx[j] = j * stride;
                long gap = j == 0 ? 0 : stride - 1;
                gapBytes += gap < 128 ? 1 : 2;
            }
            WeightDelta d = new WeightDelta("s", 0, bv, 0, T0, TensorLayout.single(n), 8, ScaleMode.PER_DELTA,
                    new float[] {1f}, idx, lv);
            WeightDelta probe = new WeightDelta("s", 0, bv, 0, T0, TensorLayout.single(n), 8, ScaleMode.PER_DELTA,
                    new float[] {1f}, new int[0], new int[0]);
            long fixed = DeltaCodec.encode(probe).length;
            long expectedIndex = stride == 1 ? 0 : Math.min(gapBytes, n / 8);
            // count varint grows from 1 to 2 bytes past 127 entries
            long countExtra = cnt >= 128 ? 1 : 0;
            assertThat((long) DeltaCodec.encode(d).length).as("stride " + stride)
                    .isEqualTo(fixed + countExtra + expectedIndex + cnt);
            assertThat(DeltaCodec.decode(DeltaCodec.encode(d))).isEqualTo(d);
        }
    }

    @Test
    void everyFlippedBitAndEveryTruncationIsRejected() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[] base = randomVector(rnd, 300, 1);
        float[] on = randomVector(rnd, 300, 1);
        WeightDelta d = new DeltaEncoder(new CompressionSettings(0.1, 4, ScaleMode.PER_DELTA, true),
                TensorLayout.single(300)).encode(header(ModelVersion.of(0, base), 1), base, on);
        byte[] good = DeltaCodec.encode(d);
        for (int i = 0; i < good.length * 8; i++) {
            byte[] bad = good.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> DeltaCodec.decode(bad)).isInstanceOf(DeltaFormatException.class);
        }
        for (int len = 0; len < good.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            assertThatThrownBy(() -> DeltaCodec.decode(cut)).isInstanceOf(DeltaFormatException.class);
        }
    }

    @Test
    void applyRefusesTheWrongBase() {
        float[] base = {1, 2, 3};
        WeightDelta d = new DeltaEncoder(CompressionSettings.uncompressed(), TensorLayout.single(3))
                .encode(header(ModelVersion.of(0, base), 0), base, new float[] {1, 2, 4});
        assertThatThrownBy(() -> d.applyTo(new float[] {1, 2, 3.5f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base");
    }

    @Test
    void errorFeedbackMakesTheSumOfDeltasTrackTheOnboardWeights() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 2000;
        float[] base = randomVector(rnd, n, 1);
        ModelVersion bv = ModelVersion.of(0, base);
        for (boolean ef : new boolean[] {true, false}) {
            DeltaEncoder enc = new DeltaEncoder(new CompressionSettings(0.01, 4, ScaleMode.PER_DELTA, ef),
                    TensorLayout.single(n));
            float[] onboard = base.clone();
            float[] ground = base.clone();
            double[] truth = new double[n];
            for (int round = 0; round < 200; round++) {
                float[] step = randomVector(rnd, n, 0.01);
                for (int i = 0; i < n; i++) {
                    onboard[i] += step[i];
                }
                enc.encode(header(bv, round), base, onboard).addTo(ground);
                // Invariant at every round: ground + residual = onboard (EF), else only a bound.
                if (ef) {
                    float[] r = enc.residual();
                    for (int i = 0; i < n; i++) {
                        assertThat((double) Math.abs(ground[i] + r[i] - onboard[i])).isLessThan(1e-4);
                    }
                }
            }
            double err = 0;
            double moved = 0;
            for (int i = 0; i < n; i++) {
                err += Math.pow(onboard[i] - ground[i], 2);
                moved += Math.pow(onboard[i] - base[i], 2);
            }
            // With feedback the ground lags by a bounded residual; without it most updates are lost.
            if (ef) {
                assertThat(Math.sqrt(err / moved)).isLessThan(0.6);
            } else {
                assertThat(Math.sqrt(err / moved)).isGreaterThan(0.8);
            }
        }
    }

    @Test
    void mergeSumsDeltasAndReportsWhatItDropped() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 1000;
        float[] base = randomVector(rnd, n, 1);
        ModelVersion bv = ModelVersion.of(2, base);
        DeltaEncoder enc = new DeltaEncoder(new CompressionSettings(0.05, 8, ScaleMode.PER_DELTA, true),
                TensorLayout.single(n));
        float[] w1 = randomVector(rnd, n, 1);
        float[] w2 = randomVector(rnd, n, 1);
        WeightDelta a = enc.encode(header(bv, 1), base, w1);
        WeightDelta b = enc.encode(new DeltaHeader("sat-1", 2, bv, 10, T0.plusSeconds(60)), base, w2);
        DeltaMerger.Result m = DeltaMerger.merge(a, b, 3);
        assertThat(m.merged().size()).isLessThanOrEqualTo(Math.max(a.size(), b.size()));
        assertThat(m.merged().sampleCount()).isEqualTo(1244);
        assertThat(m.merged().createdAt()).isEqualTo(T0.plusSeconds(60));
        float[] merged = m.merged().toDense();
        float[] da = a.toDense();
        float[] db = b.toDense();
        for (int i = 0; i < n; i++) {
            assertThat((double) Math.abs(merged[i] + m.dropped()[i] - (da[i] + db[i]))).isLessThan(1e-6);
        }
        WeightDelta other = new WeightDelta("sat-1", 9, ModelVersion.of(3, base), 0, T0, TensorLayout.single(n), 8,
                ScaleMode.PER_DELTA, new float[] {0f}, new int[0], new int[0]);
        assertThatThrownBy(() -> DeltaMerger.merge(a, other, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}

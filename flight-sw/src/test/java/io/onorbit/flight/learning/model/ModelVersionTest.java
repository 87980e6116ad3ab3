package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.BaseEncoding;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A model's digest is SHA-256 of its parameters as little-endian float32, whatever the values. */
class ModelVersionTest {

    private static String hex(byte[] b) {
        return BaseEncoding.base16().lowerCase().encode(b);
    }

    @Test
    void digestsMatchSha256VectorsComputedElsewhere() {
        // FIPS 180-4's SHA-256 of the empty message
        assertThat(hex(ModelVersion.digestOf(new float[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // Python: hashlib.sha256(struct.pack('<f', 1.0)) and struct.pack('<4f', 1.0, -0.0, 0.5, -2.25)
        assertThat(hex(ModelVersion.digestOf(new float[] {1.0f})))
                .isEqualTo("e00e5eb9444182f352323374ef4e08ebcb784725fdd4fd612d7730540b3e0c8c");
        assertThat(hex(ModelVersion.digestOf(new float[] {1.0f, -0.0f, 0.5f, -2.25f})))
                .isEqualTo("15ac0b13ecc43083ec9eeeb82ad84e5b4256025fb5bb7bd5026cdee93eb73e7b");
    }

    @Test
    void everyBitOfEveryValueIsHashedInLittleEndianOrder() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 2, 3, 705, 1000}) {
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                // arbitrary bit patterns: NaNs with payloads, infinities, subnormals and signed zeros included
                p[i] = Float.intBitsToFloat(r.nextInt());
            }
            p[0] = Float.intBitsToFloat(0x7fc00001);
            byte[] bytes = new byte[4 * n];
            for (int i = 0; i < n; i++) {
                int bits = Float.floatToRawIntBits(p[i]);
                for (int k = 0; k < 4; k++) {
                    bytes[4 * i + k] = (byte) (bits >>> (8 * k));
                }
            }
            assertThat(ModelVersion.digestOf(p)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(ModelVersion.of(3, p).matches(p)).isTrue();
            float[] q = p.clone();
            q[n - 1] = Float.intBitsToFloat(Float.floatToRawIntBits(q[n - 1]) ^ 1);
            assertThat(ModelVersion.of(3, p).matches(q)).isFalse();
        }
    }
}

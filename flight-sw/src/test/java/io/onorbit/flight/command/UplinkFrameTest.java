package io.onorbit.flight.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The one HMAC of the project against the published test vectors of RFC 4231 (HMAC-SHA-256). */
class UplinkFrameTest {

    /** RFC 4231 test case 1: key 0x0b x 20, data "Hi There". */
    private static final String CASE_1 = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
    /** RFC 4231 test case 3: key 0xaa x 20, data 0xdd x 50. */
    private static final String CASE_3 = "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe";

    @Test
    void macIsHmacSha256OfThePublishedVectorsWhateverKeyCameBefore() {
        byte[] key1 = filled(20, 0x0b);
        byte[] data1 = "Hi There".getBytes(StandardCharsets.US_ASCII);
        byte[] key3 = filled(20, 0xaa);
        byte[] data3 = filled(50, 0xdd);
        // alternate the keys: each MAC is under its own key, never the previous one's
        for (int round = 0; round < 3; round++) {
            assertThat(HexFormat.of().formatHex(UplinkFrame.mac(key1, data1, data1.length))).isEqualTo(CASE_1);
            assertThat(HexFormat.of().formatHex(UplinkFrame.mac(key3, data3, data3.length))).isEqualTo(CASE_3);
        }
        // only the first length bytes count
        byte[] longer = Arrays.copyOf(data1, data1.length + 7);
        assertThat(HexFormat.of().formatHex(UplinkFrame.mac(key1, longer, data1.length))).isEqualTo(CASE_1);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}

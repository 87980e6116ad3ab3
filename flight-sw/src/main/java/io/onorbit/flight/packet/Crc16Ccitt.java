package io.onorbit.flight.packet;

/**
 * CRC-16-CCITT as CCSDS specifies for the packet error control field: polynomial 0x1021
 * (x^16 + x^12 + x^5 + 1), initial value 0xFFFF, MSB first, no final XOR (a.k.a. CRC-16/CCITT-FALSE;
 * check value of "123456789" is 0x29B1).
 */
public final class Crc16Ccitt {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            TABLE[i] = c & 0xFFFF;
        }
    }

    private Crc16Ccitt() {
    }

    /** @return the CRC of {@code len} octets of {@code b} from {@code off}, in [0, 0xFFFF] */
    public static int compute(byte[] b, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ b[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}

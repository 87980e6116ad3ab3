package io.onorbit.ground.uplink;

/**
 * A signed model update ready for the next pass.
 *
 * @param satellite   addressee
 * @param counter     its command counter
 * @param fromVersion global version it builds on
 * @param toVersion   global version it produces
 * @param changed     parameters carried
 * @param frame       the bytes to uplink (body + HMAC-SHA256)
 */
public record SignedUplink(String satellite, long counter, long fromVersion, long toVersion, int changed, byte[] frame) {

    public SignedUplink {
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }
}

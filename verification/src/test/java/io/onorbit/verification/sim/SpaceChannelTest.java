package io.onorbit.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.schedule.ContactWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceChannelTest {

    @Test
    void bitErrorsFollowTheBinomialMean() {
        double ber = 5e-4;
        SpaceChannel ch = new SpaceChannel(new SplittableRandom(3), 0, ber, 0);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sent.add(new byte[1000]);
        }
        List<byte[]> got = ch.carry(sent);
        long flipped = 0;
        for (byte[] p : got) {
            for (byte b : p) {
                flipped += Integer.bitCount(b & 0xFF);
            }
        }
        double n = 1.6e7;
        double mean = n * ber;
        double sigma = Math.sqrt(n * ber * (1 - ber));
        assertThat((double) flipped).isBetween(mean - 4 * sigma, mean + 4 * sigma);
        // Inputs are untouched: the channel copies what it damages.
        assertThat(sent).allSatisfy(p -> assertThat(p).containsOnly((byte) 0));
        // P(packet hit) = 1 - (1 - ber)^8000
        double pHit = 1 - Math.pow(1 - ber, 8000);
        double hitSigma = Math.sqrt(2_000 * pHit * (1 - pHit));
        assertThat((double) ch.packetsWithBitErrors()).isBetween(2_000 * pHit - 4 * hitSigma, 2_000 * pHit + 4 * hitSigma);
    }

    @Test
    void missedPassesAreDecidedOncePerPassAtTheirProbability() {
        SpaceChannel ch = new SpaceChannel(new SplittableRandom(5), 0.3, 0, 0);
        int missed = 0;
        for (int i = 0; i < 2000; i++) {
            ContactWindow w = new ContactWindow("s", i * 6000.0, i * 6000.0 + 600, 30, 9600, 9600);
            boolean m = ch.missed(w);
            assertThat(ch.missed(w)).isEqualTo(m); // asked again within the pass: same answer
            missed += m ? 1 : 0;
        }
        double sigma = Math.sqrt(2000 * 0.3 * 0.7);
        assertThat((double) missed).isBetween(600 - 4 * sigma, 600 + 4 * sigma);
        assertThat(ch.missedPasses()).isEqualTo(missed);
    }

    @Test
    void corruptedPacketsAlwaysDiffer() {
        SpaceChannel ch = new SpaceChannel(new SplittableRandom(11), 0, 0, 1.0);
        List<byte[]> sent = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            byte[] p = new byte[1 + r.nextInt(300)];
            r.nextBytes(p);
            sent.add(p);
        }
        List<byte[]> got = ch.carry(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i)).isNotEqualTo(sent.get(i));
        }
        assertThat(ch.corruptedPackets()).isEqualTo(2000);
    }
}

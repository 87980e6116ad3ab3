package io.onorbit.flight.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pass-gated radio. The delta / acknowledgement / update protocol between both ends is tested
 * in ground-segment ({@code io.onorbit.ground.link.GroundLinkTest}), where the ground end lives.
 */
class SpaceLinkTest {

    static final double MARGIN_S = 10;
    static final List<ContactWindow> WINDOWS = List.of(
            new ContactWindow("gs-a", 1000, 1600, 40, 2000, 1000),
            new ContactWindow("gs-b", 7000, 7400, 20, 2000, 1000),
            new ContactWindow("gs-a", 13000, 13600, 60, 2000, 1000),
            new ContactWindow("gs-b", 19000, 19600, 60, 2000, 1000));

    static OnboardSchedule schedule() {
        return new OnboardSchedule("sat-1", Instant.parse("2026-06-21T00:00:00Z"), 25_000, WINDOWS, List.of(),
                LightingProfile.alwaysLit(), SunDirectionProfile.constant(1, 0, 0));
    }

    @Test
    void radioRefusesOutsideWindowsAndCapsEachPass() {
        PassGatedRadio radio = new PassGatedRadio(schedule(), MARGIN_S);
        List<byte[]> got = new ArrayList<>();
        radio.connect(PassGatedRadio.Direction.DOWNLINK, got::add);
        for (double t : new double[] {0, 999, 1005, 1595, 1600, 5000, 7395}) {
            assertThat(radio.transmit(t, PassGatedRadio.Direction.DOWNLINK, new byte[10]))
                    .isEqualTo(new PassGatedRadio.Refused(PassGatedRadio.Refusal.OUTSIDE_CONTACT));
        }
        assertThat(got).isEmpty();
        assertThat(radio.refusals(PassGatedRadio.Refusal.OUTSIDE_CONTACT)).isEqualTo(7);
        // Fill the first pass: 2000 bit/s x (600 - 20) s / 8 = 145000 bytes.
        ContactWindow w = WINDOWS.get(0);
        assertThat(radio.capacityBytes(w, PassGatedRadio.Direction.DOWNLINK)).isEqualTo(145_000);
        long sent = 0;
        while (radio.transmit(1010, PassGatedRadio.Direction.DOWNLINK, new byte[1000]) instanceof PassGatedRadio.Sent) {
            sent += 1000;
        }
        assertThat(sent).isEqualTo(145_000);
        assertThat(radio.bytesSent(w, PassGatedRadio.Direction.DOWNLINK)).isEqualTo(145_000);
        assertThat(radio.refusals(PassGatedRadio.Refusal.PASS_CAPACITY)).isEqualTo(1);
        // The uplink has its own clock and rate.
        assertThat(radio.transmit(1010, PassGatedRadio.Direction.UPLINK, new byte[125]))
                .isEqualTo(new PassGatedRadio.Sent(1010, 1011));
    }

    /** Planning's figure is the radio's: one function; a 37 s pass with a 30 s margin carries nothing. */
    @Test
    void planningCapacityIsWhatTheRadioCarries() {
        ContactWindow shortPass = new ContactWindow("gs-a", 1000, 1037, 8, 10_000_000, 256_000);
        OnboardSchedule s = new OnboardSchedule("sat-1", Instant.parse("2026-06-21T00:00:00Z"), 5_000,
                List.of(shortPass, WINDOWS.get(1)), List.of(), LightingProfile.alwaysLit(), SunDirectionProfile.constant(1, 0, 0));
        PassGatedRadio radio = new PassGatedRadio(s, 30);
        assertThat(shortPass.downlinkCapacityBytes(30)).isZero();
        assertThat(radio.capacityBytes(shortPass, PassGatedRadio.Direction.DOWNLINK)).isZero();
        for (double t = 1000; t < 1037; t += 0.5) {
            assertThat(radio.transmit(t, PassGatedRadio.Direction.DOWNLINK, new byte[1])).isInstanceOf(PassGatedRadio.Refused.class);
        }
        // a pass long enough: what the radio really sends is the planned figure
        ContactWindow w = WINDOWS.get(1);
        long planned = w.downlinkCapacityBytes(30);
        assertThat(planned).isEqualTo((long) Math.floor(2000 * (400 - 60) / 8.0));
        long sent = 0;
        while (radio.transmit(7030, PassGatedRadio.Direction.DOWNLINK, new byte[1000]) instanceof PassGatedRadio.Sent) {
            sent += 1000;
        }
        assertThat(sent).isEqualTo(planned);
    }
}

package io.onorbit.verification.sim;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules with a known shape for tests: a circular orbit of period {@code orbitS} with one
 * eclipse per revolution (a penumbra of 60 s either side of the umbra), and one pass every
 * {@code passEvery} revolutions.
 */
public final class SyntheticSchedules {

    public static final Instant EPOCH = Instant.parse("2026-06-21T00:00:00Z");

    private SyntheticSchedules() {
    }

    /**
     * @param satellite  name
     * @param durationS  span, s
     * @param orbitS     period, s
     * @param umbraS     umbra length per revolution, s (0: no eclipses)
     * @param passEvery  one pass every this many revolutions
     * @param passS      pass length, s
     * @param phaseS     offset of the first pass, s
     */
    public static OnboardSchedule build(String satellite, double durationS, double orbitS, double umbraS,
                                        int passEvery, double passS, double phaseS) {
        List<ContactWindow> contacts = new ArrayList<>();
        List<EclipseInterval> eclipses = new ArrayList<>();
        List<Double> knots = new ArrayList<>();
        List<Float> ratios = new ArrayList<>();
        int rev = 0;
        for (double start = 0; start < durationS; start += orbitS, rev++) {
            if (umbraS > 0) {
                double u0 = start + 0.5 * orbitS;
                double p0 = u0 - 60;
                double u1 = u0 + umbraS;
                double p1 = u1 + 60;
                if (p1 < durationS) {
                    eclipses.add(new EclipseInterval(EclipseInterval.Kind.PENUMBRA, p0, p1));
                    eclipses.add(new EclipseInterval(EclipseInterval.Kind.UMBRA, u0, u1));
                    knots.add(p0);
                    ratios.add(1f);
                    knots.add(u0);
                    ratios.add(0f);
                    knots.add(u1);
                    ratios.add(0f);
                    knots.add(p1);
                    ratios.add(1f);
                }
            }
            double aos = start + phaseS;
            if (rev % passEvery == 0 && aos + passS < durationS) {
                contacts.add(new ContactWindow("station", aos, aos + passS, 45, 9600, 9600));
            }
        }
        double[] kt = new double[knots.size()];
        float[] kr = new float[knots.size()];
        for (int i = 0; i < kt.length; i++) {
            kt[i] = knots.get(i);
            kr[i] = ratios.get(i);
        }
        return new OnboardSchedule(satellite, EPOCH, durationS, contacts, eclipses, new LightingProfile(kt, kr),
                SunDirectionProfile.constant(1, 0, 0));
    }

    /** @return a 95-minute orbit with a 35-minute umbra and a 10-minute pass every 3rd revolution */
    public static OnboardSchedule leo(String satellite, double durationS, double phaseS) {
        return build(satellite, durationS, 5700, 2100, 3, 600, phaseS);
    }
}

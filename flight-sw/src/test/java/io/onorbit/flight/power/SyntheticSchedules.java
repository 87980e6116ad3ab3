package io.onorbit.flight.power;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Schedules built from closed forms, independent of orbit-sim: a circular orbit's period from
 * Kepler's third law and its eclipse from the beta-angle formula
 * f = acos(sqrt(h^2 + 2 R h) / ((R + h) cos beta)) / 180 deg (cylindrical shadow).
 */
final class SyntheticSchedules {

    static final double MU_M3S2 = 3.986004418e14;
    static final double EARTH_RADIUS_M = 6378137.0;
    static final Instant EPOCH = Instant.parse("2026-06-21T00:00:00Z");
    /** each penumbra ramp, s */
    static final double RAMP_S = 10.0;

    private SyntheticSchedules() {
    }

    static double periodS(double altitudeKm) {
        double a = EARTH_RADIUS_M + altitudeKm * 1000;
        return 2 * Math.PI * Math.sqrt(a * a * a / MU_M3S2);
    }

    /** @return eclipse fraction of the orbit from the beta-angle formula (0 above the critical beta) */
    static double eclipseFraction(double altitudeKm, double betaDeg) {
        double h = altitudeKm * 1000;
        double r = EARTH_RADIUS_M;
        double c = Math.sqrt(h * h + 2 * r * h) / ((r + h) * Math.cos(Math.toRadians(betaDeg)));
        return c >= 1 ? 0 : Math.toDegrees(Math.acos(c)) / 180.0;
    }

    /** A circular orbit at a fixed beta, with a pass of {@code passS} every {@code passEveryOrbits} orbits. */
    static OnboardSchedule circular(double altitudeKm, double betaDeg, double durationS, double passS,
                                    int passEveryOrbits) {
        double period = periodS(altitudeKm);
        double ecl = eclipseFraction(altitudeKm, betaDeg) * period;
        List<double[]> eclipses = new ArrayList<>();
        List<ContactWindow> passes = new ArrayList<>();
        int orbit = 0;
        for (double t0 = 0; t0 < durationS; t0 += period, orbit++) {
            if (ecl > 2 * RAMP_S) {
                double start = t0 + 0.5 * period - 0.5 * ecl;
                if (start + ecl < durationS) {
                    eclipses.add(new double[] {start, start + ecl});
                }
            }
            if (passS > 0 && passEveryOrbits > 0 && orbit % passEveryOrbits == 0 && t0 + 0.2 * period + passS < durationS) {
                passes.add(new ContactWindow("gs", t0 + 0.2 * period, t0 + 0.2 * period + passS, 45, 1e6, 1e5));
            }
        }
        return build(durationS, eclipses, passes, betaDeg);
    }

    /**
     * An adversarial schedule: eclipses of random length (up to {@code maxEclipseFraction} of the
     * orbit) at random phase, and random bursts of back-to-back passes.
     */
    static OnboardSchedule adversarial(long seed, double durationS, double maxEclipseFraction) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double period = 5400 + rnd.nextDouble(-600, 600);
        List<double[]> eclipses = new ArrayList<>();
        List<ContactWindow> passes = new ArrayList<>();
        for (double t0 = 0; t0 + period < durationS; t0 += period) {
            double ecl = rnd.nextDouble(0, maxEclipseFraction) * period;
            if (ecl > 2 * RAMP_S + 1) {
                double start = t0 + rnd.nextDouble(0, period - ecl);
                eclipses.add(new double[] {start, start + ecl});
            }
            if (rnd.nextDouble() < 0.5) {
                double aos = t0 + rnd.nextDouble(0, period * 0.7);
                int burst = 1 + rnd.nextInt(4);
                for (int i = 0; i < burst; i++) {
                    double len = rnd.nextDouble(120, 720);
                    passes.add(new ContactWindow("gs" + i, aos, aos + len, 30, 1e6, 1e5));
                    aos += len + rnd.nextDouble(0, 30); // back to back, sometimes overlapping next
                }
            }
        }
        return build(durationS, eclipses, passes, 0);
    }

    static OnboardSchedule build(double durationS, List<double[]> eclipseSpans, List<ContactWindow> passes,
                                 double betaDeg) {
        List<EclipseInterval> eclipses = new ArrayList<>();
        List<Double> knotT = new ArrayList<>();
        List<Float> knotR = new ArrayList<>();
        for (double[] e : eclipseSpans) {
            eclipses.add(new EclipseInterval(EclipseInterval.Kind.PENUMBRA, e[0], e[1]));
            eclipses.add(new EclipseInterval(EclipseInterval.Kind.UMBRA, e[0] + RAMP_S, e[1] - RAMP_S));
            double[] t = {e[0], e[0] + RAMP_S, e[1] - RAMP_S, e[1]};
            float[] r = {1f, 0f, 0f, 1f};
            for (int i = 0; i < 4; i++) {
                knotT.add(t[i]);
                knotR.add(r[i]);
            }
        }
        double[] kt = knotT.stream().mapToDouble(Double::doubleValue).toArray();
        float[] kr = new float[knotR.size()];
        for (int i = 0; i < kr.length; i++) {
            kr[i] = knotR.get(i);
        }
        double b = Math.toRadians(betaDeg);
        SunDirectionProfile sun = SunDirectionProfile.constant(Math.cos(b), 0, Math.sin(b));
        return new OnboardSchedule("sat-1", EPOCH, durationS, passes, eclipses, new LightingProfile(kt, kr), sun);
    }
}

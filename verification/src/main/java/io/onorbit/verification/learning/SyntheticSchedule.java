package io.onorbit.verification.learning;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed-form onboard schedule for a circular orbit at a fixed beta angle, for tests and for
 * runs without the mission planner: Sun direction in the local orbital frame s = (cos b cos u,
 * -cos b sin u, sin b) with u the angle from the sub-solar point; cylindrical Earth shadow
 * (eclipse while cos b cos u &lt; -sqrt(1 - (Re/a)^2)) with 10 s linear penumbra ramps; one
 * 8-minute contact every {@code orbitsPerContact} orbits. Not a substitute for orbit-sim.
 */
public final class SyntheticSchedule {

    private static final double MU_KM3_S2 = 398600.4418;
    private static final double EARTH_RADIUS_KM = 6378.137;

    private SyntheticSchedule() {
    }

    /**
     * @param durationS        span, s (&gt; 0)
     * @param altitudeKm       circular altitude, km (&gt; 0)
     * @param betaDeg          beta angle, deg in [-90, 90]
     * @param orbitsPerContact orbits between contacts (&ge; 1)
     * @return the schedule, epoch 2026-06-21T00:00:00Z
     */
    public static OnboardSchedule circular(double durationS, double altitudeKm, double betaDeg, int orbitsPerContact) {
        double a = EARTH_RADIUS_KM + altitudeKm;
        double periodS = 2 * Math.PI * Math.sqrt(a * a * a / MU_KM3_S2);
        double beta = Math.toRadians(betaDeg);
        double cosB = Math.cos(beta);
        double limit = Math.sqrt(1 - Math.pow(EARTH_RADIUS_KM / a, 2));
        List<EclipseInterval> eclipses = new ArrayList<>();
        List<Double> knotT = new ArrayList<>();
        List<Float> knotR = new ArrayList<>();
        if (cosB > limit) {
            double half = Math.acos(limit / cosB); // eclipse for u in [pi - half, pi + half]
            double ramp = 10.0;
            for (double start = (Math.PI - half) / (2 * Math.PI) * periodS; start < durationS; start += periodS) {
                double end = start + 2 * half / (2 * Math.PI) * periodS;
                eclipses.add(new EclipseInterval(EclipseInterval.Kind.PENUMBRA, start, Math.min(end + ramp, durationS)));
                if (start + ramp < end - ramp) {
                    eclipses.add(new EclipseInterval(EclipseInterval.Kind.UMBRA, start + ramp, Math.min(end - ramp, durationS)));
                }
                knotT.add(start);
                knotR.add(1f);
                knotT.add(start + ramp);
                knotR.add(0f);
                knotT.add(end - ramp);
                knotR.add(0f);
                knotT.add(end + ramp);
                knotR.add(1f);
            }
        }
        double[] kt = new double[knotT.size()];
        float[] kr = new float[knotR.size()];
        for (int i = 0; i < kt.length; i++) {
            kt[i] = knotT.get(i);
            kr[i] = knotR.get(i);
        }
        double step = 30.0;
        int samples = (int) Math.ceil(durationS / step) + 1;
        float[] sx = new float[samples];
        float[] sy = new float[samples];
        float[] sz = new float[samples];
        for (int i = 0; i < samples; i++) {
            double u = 2 * Math.PI * i * step / periodS;
            sx[i] = (float) (cosB * Math.cos(u));
            sy[i] = (float) (-cosB * Math.sin(u));
            sz[i] = (float) Math.sin(beta);
        }
        List<ContactWindow> contacts = new ArrayList<>();
        for (double aos = periodS * 0.25; aos + 480 < durationS; aos += orbitsPerContact * periodS) {
            contacts.add(new ContactWindow("synthetic", aos, aos + 480, 40, 1e6, 1e5));
        }
        return new OnboardSchedule("synthetic", Instant.parse("2026-06-21T00:00:00Z"), durationS, contacts, eclipses,
                new LightingProfile(kt, kr), new SunDirectionProfile(step, sx, sy, sz, 1.0));
    }
}

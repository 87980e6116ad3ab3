package io.onorbit.flight.power;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mean array output and mean load (training excluded) over a step, for one schedule.
 *
 * <p>The array's lighting term is the exact mean of the schedule's piecewise-linear lighting ratio
 * over the step; the incidence cosine of a body-mounted panel is taken at the step's midpoint.
 * Overlapping contact windows are merged once here, so the radio is counted once when two
 * stations see the spacecraft. Every query is O(log n) in the schedule size.
 */
public final class PowerModel {

    private static final double SECONDS_PER_YEAR = 365.25 * 86400.0;

    private final OnboardSchedule schedule;
    private final PowerSystem system;
    private final double irradianceWm2;
    private final double[] passStartS;
    private final double[] passEndS;

    public PowerModel(OnboardSchedule schedule, PowerSystem system) {
        this.schedule = schedule;
        this.system = system;
        double d = schedule.sun().sunDistanceAu();
        this.irradianceWm2 = system.array().solarConstantWm2() / (d * d);
        List<double[]> merged = new ArrayList<>();
        for (ContactWindow c : schedule.contacts()) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && c.aosS() <= last[1]) {
                last[1] = Math.max(last[1], c.losS());
            } else {
                merged.add(new double[] {c.aosS(), c.losS()});
            }
        }
        passStartS = merged.stream().mapToDouble(p -> p[0]).toArray();
        passEndS = merged.stream().mapToDouble(p -> p[1]).toArray();
    }

    public OnboardSchedule schedule() {
        return schedule;
    }

    public PowerSystem system() {
        return system;
    }

    /** @return years elapsed at {@code tS} since the schedule epoch */
    public static double years(double tS) {
        return tS / SECONDS_PER_YEAR;
    }

    /** @return mean array output over [tS, tS + dtS], W */
    public double generationW(double tS, double dtS) {
        double lit = schedule.lighting().meanRatio(tS, tS + dtS);
        if (lit <= 0) {
            return 0;
        }
        SolarArray a = system.array();
        double mid = tS + 0.5 * dtS;
        double cos = a.attitude() == SolarArray.Attitude.SUN_TRACKING ? 1.0
                : schedule.sun().incidenceCos(mid, a.normalX(), a.normalY(), a.normalZ());
        return irradianceWm2 * a.areaM2() * a.cellEfficiency() * cos * lit * a.degradationFactor(years(mid));
    }

    /** @return mean load other than training over [tS, tS + dtS], W, the transmitter on during every pass */
    public double loadW(double tS, double dtS) {
        return loadW(tS, dtS, passFraction(tS, tS + dtS));
    }

    /**
     * @param radioOnFraction fraction of the step the transmitter is on, in [0, 1]
     * @return mean load other than training over [tS, tS + dtS], W
     */
    public double loadW(double tS, double dtS, double radioOnFraction) {
        LoadProfile l = system.loads();
        double dark = 1.0 - schedule.lighting().meanRatio(tS, tS + dtS);
        return l.busW()
                + l.payloadW() * l.payloadOnFraction(tS, tS + dtS)
                + l.radioTxW() * radioOnFraction
                + l.heaterW() * dark;
    }

    /** @return fraction of [t0S, t1S] inside some contact window */
    double passFraction(double t0S, double t1S) {
        int n = passStartS.length;
        if (n == 0) {
            return 0;
        }
        // first merged pass ending after t0S
        int i = Arrays.binarySearch(passEndS, t0S);
        i = i >= 0 ? i + 1 : -i - 1;
        if (t1S <= t0S) {
            return i < n && passStartS[i] <= t0S ? 1 : 0;
        }
        double inside = 0;
        for (; i < n && passStartS[i] < t1S; i++) {
            inside += Math.min(t1S, passEndS[i]) - Math.max(t0S, passStartS[i]);
        }
        return inside / (t1S - t0S);
    }
}

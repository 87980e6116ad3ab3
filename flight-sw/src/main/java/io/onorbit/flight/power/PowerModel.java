package io.onorbit.flight.power;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.ArrayList;
import io.onorbit.flight.schedule.EclipseInterval;
import java.util.List;

/**
 * Mean array output and mean load (training excluded) over a step, for one schedule.
 *
 * <p>The array's lighting term is the exact mean of the schedule's piecewise-linear lighting ratio
 * over the step; the incidence cosine of a body-mounted panel is taken at the step's midpoint.
 * Overlapping contact windows are merged once here, so the radio is counted once when two
 * stations see the spacecraft.
 *
 * <p>Speed: the schedule guarantees the lighting ratio is exactly 1 outside its penumbra intervals
 * and 0 inside umbra, so only steps that cross a shadow edge ask the lighting profile; interval
 * look-ups use cursors, and the last step's figures are remembered (the envelope and the budget
 * ask about the same step). Time-ordered queries cost O(1). Not thread-safe.
 */
public final class PowerModel {

    private static final double SECONDS_PER_YEAR = 365.25 * 86400.0;

    private final OnboardSchedule schedule;
    private final PowerSystem system;
    private final double arrayPeakW;
    private final IntervalSet passes;
    private final IntervalSet shadow;
    private final IntervalSet umbra;

    private double memoT = Double.NaN;
    private double memoDt = Double.NaN;
    private double memoLit;
    private double memoGenW;
    private double memoPassFraction;
    private double memoLoadNoRadioW;

    public PowerModel(OnboardSchedule schedule, PowerSystem system) {
        this.schedule = schedule;
        this.system = system;
        double d = schedule.sun().sunDistanceAu();
        SolarArray a = system.array();
        this.arrayPeakW = a.solarConstantWm2() / (d * d) * a.areaM2() * a.cellEfficiency();
        List<double[]> p = new ArrayList<>();
        for (ContactWindow c : schedule.contacts()) {
            p.add(new double[] {c.aosS(), c.losS()});
        }
        passes = new IntervalSet(p);
        List<double[]> pen = new ArrayList<>();
        List<double[]> umb = new ArrayList<>();
        for (EclipseInterval e : schedule.eclipses()) {
            (e.kind() == EclipseInterval.Kind.UMBRA ? umb : pen).add(new double[] {e.startS(), e.endS()});
        }
        pen.addAll(umb); // an umbra is inside its penumbra; count it as shadow even if the penumbra was cut
        shadow = new IntervalSet(pen);
        umbra = new IntervalSet(umb);
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

    /** @return mean lighting ratio over [tS, tS + dtS], in [0, 1] */
    public double meanLightingRatio(double tS, double dtS) {
        evaluate(tS, dtS);
        return memoLit;
    }

    /** @return mean array output over [tS, tS + dtS], W */
    public double generationW(double tS, double dtS) {
        evaluate(tS, dtS);
        return memoGenW;
    }

    /** @return mean load other than training over [tS, tS + dtS], W, the transmitter on during every pass */
    public double loadW(double tS, double dtS) {
        evaluate(tS, dtS);
        return memoLoadNoRadioW + system.loads().radioTxW() * memoPassFraction;
    }

    /**
     * @param radioOnFraction fraction of the step the transmitter is on, in [0, 1]
     * @return mean load other than training over [tS, tS + dtS], W
     */
    public double loadW(double tS, double dtS, double radioOnFraction) {
        evaluate(tS, dtS);
        return memoLoadNoRadioW + system.loads().radioTxW() * radioOnFraction;
    }

    /** @return end of the shadow (penumbra or umbra) in progress or next after {@code tS}, or -infinity */
    double nextShadowEndAfter(double tS) {
        return shadow.firstEndAfter(tS);
    }

    /** @return end of the pass in progress or next after {@code tS}, or -infinity */
    double nextPassEndAfter(double tS) {
        return passes.firstEndAfter(tS);
    }

    /** @return fraction of [t0S, t1S] inside some contact window */
    double passFraction(double t0S, double t1S) {
        double o = passes.overlapS(t0S, t1S);
        return t1S > t0S ? o / (t1S - t0S) : o;
    }

    private void evaluate(double tS, double dtS) {
        if (tS == memoT && dtS == memoDt) {
            return;
        }
        double t1 = tS + dtS;
        double lit;
        if (shadow.overlapS(tS, t1) == 0) {
            lit = 1.0;
        } else if (dtS > 0 && umbra.overlapS(tS, t1) >= dtS) {
            lit = 0.0;
        } else {
            lit = schedule.lighting().meanRatio(tS, t1);
        }
        double gen = 0;
        if (lit > 0) {
            SolarArray a = system.array();
            double mid = tS + 0.5 * dtS;
            double cos = a.attitude() == SolarArray.Attitude.SUN_TRACKING ? 1.0
                    : schedule.sun().incidenceCos(mid, a.normalX(), a.normalY(), a.normalZ());
            gen = arrayPeakW * cos * lit * a.degradationFactor(years(mid));
        }
        LoadProfile l = system.loads();
        memoLoadNoRadioW = l.busW() + l.payloadW() * l.payloadOnFraction(tS, t1) + l.heaterW() * (1.0 - lit);
        memoPassFraction = passFraction(tS, t1);
        memoLit = lit;
        memoGenW = gen;
        memoT = tS;
        memoDt = dtS;
    }
}

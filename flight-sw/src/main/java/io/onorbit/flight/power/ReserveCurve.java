package io.onorbit.flight.power;

/**
 * The least battery energy needed at each grid time so that every known load ahead, up to a
 * look-ahead horizon, can still be served with no training at all while staying at or above a
 * floor (the hard floor plus a margin).
 *
 * <p>Going back one step: in a step with a net surplus x the battery can gain at most
 * η_c · min(x, maxCharge) · dt, so it may start that much lower; in a step with a deficit it
 * must start higher by deficit / η_d · dt. The result is raised to the floor and capped at the
 * capacity (when even a full battery cannot carry a deficit ahead, the best is to be full). Each
 * step is thus the map r ↦ clamp(r + c, floor, capacity), and such maps compose into maps of the
 * same form. With the whole schedule as horizon this is one backward pass; with a finite
 * look-ahead the composition over each sliding window [t, horizon(t)) is kept by a two-block
 * queue (suffix compositions of the front block, one running composition of the back block),
 * O(1) amortized per step. The horizon at t is the latest of t + lookAheadS, the end of the next
 * shadow and the end of the next pass; the requirement at the horizon is floor + margin.
 */
final class ReserveCurve {

    private final double stepS;
    private final double durationS;
    private final double[] reserveWh;

    ReserveCurve(PowerModel model, double stepS, double marginSoc) {
        this(model, stepS, marginSoc, Double.POSITIVE_INFINITY);
    }

    ReserveCurve(PowerModel model, double stepS, double marginSoc, double lookAheadS) {
        Checks.positive("envelope stepS", stepS);
        if (!(lookAheadS > 0)) {
            throw new IllegalArgumentException("envelope lookAheadS " + lookAheadS + " must be > 0");
        }
        this.stepS = stepS;
        this.durationS = model.schedule().durationS();
        BatterySpec b = model.system().battery();
        int n = (int) Math.ceil(durationS / stepS - 1e-9);
        double floorFrac = b.floorSoc() + marginSoc;
        // step k as the map r -> clamp(r + c[k], lo[k], hi[k]); term[k] the requirement at a horizon at k
        double[] c = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] term = new double[n + 1];
        for (int k = 0; k < n; k++) {
            double t = k * stepS;
            double dt = Math.min(stepS, durationS - t);
            double dtH = dt / 3600.0;
            double x = model.generationW(t, dt) - model.loadW(t, dt);
            c[k] = x >= 0 ? -b.chargeEfficiency() * Math.min(x, b.maxChargeW()) * dtH
                    : Math.min(-x, b.maxDischargeW()) / b.dischargeEfficiency() * dtH;
            hi[k] = b.capacityWhAtYears(PowerModel.years(t));
            lo[k] = floorFrac * hi[k];
            term[k] = lo[k];
        }
        term[n] = floorFrac * b.capacityWhAtYears(PowerModel.years(durationS));
        reserveWh = new double[n + 1];
        reserveWh[n] = term[n];
        if (Double.isInfinite(lookAheadS)) {
            for (int k = n - 1; k >= 0; k--) {
                reserveWh[k] = clamp(reserveWh[k + 1] + c[k], lo[k], hi[k]);
            }
            return;
        }
        slidingWindow(model, n, lookAheadS, c, lo, hi, term);
    }

    private void slidingWindow(PowerModel model, int n, double lookAheadS, double[] c, double[] lo, double[] hi,
                               double[] term) {
        // front block [j, mid): suffix compositions F_i ∘ ... ∘ F_{mid-1}; back block [mid, e): one composition
        double[] sl = new double[n];
        double[] su = new double[n];
        double[] sc = new double[n];
        int mid = 0;
        int e = 0;
        double bl = Double.NEGATIVE_INFINITY;
        double bu = Double.POSITIVE_INFINITY;
        double bc = 0;
        for (int j = 0; j < n; j++) {
            double t = j * stepS;
            double horizonS = Math.min(durationS, Math.max(t + lookAheadS,
                    Math.max(model.nextShadowEndAfter(t), model.nextPassEndAfter(t))));
            int ej = Math.max(e, Math.max(j + 1, Math.min(n, (int) Math.ceil(horizonS / stepS - 1e-9))));
            for (; e < ej; e++) {
                // back = back ∘ F_e
                double nl = clamp(lo[e] + bc, bl, bu);
                double nu = clamp(hi[e] + bc, bl, bu);
                bc = c[e] + bc;
                bl = nl;
                bu = nu;
            }
            if (j >= mid) {
                // rebuild the front from [j, e); the back block is absorbed into it
                double fl = Double.NEGATIVE_INFINITY;
                double fu = Double.POSITIVE_INFINITY;
                double fc = 0;
                for (int i = e - 1; i >= j; i--) {
                    // s_i = F_i ∘ s_{i+1}
                    double nl = clamp(fl + c[i], lo[i], hi[i]);
                    double nu = clamp(fu + c[i], lo[i], hi[i]);
                    fc = fc + c[i];
                    fl = nl;
                    fu = nu;
                    sl[i] = fl;
                    su[i] = fu;
                    sc[i] = fc;
                }
                mid = e;
                bl = Double.NEGATIVE_INFINITY;
                bu = Double.POSITIVE_INFINITY;
                bc = 0;
            }
            // (front_j ∘ back)(term[e])
            double r = clamp(term[e] + bc, bl, bu);
            reserveWh[j] = clamp(r + sc[j], sl[j], su[j]);
        }
    }

    private static double clamp(double x, double low, double high) {
        return Math.min(high, Math.max(low, x));
    }

    /**
     * @param tS time, s since the schedule epoch
     * @return reserve at tS, Wh; exact on grid times, the larger neighbour between them
     */
    double reserveWh(double tS) {
        int last = reserveWh.length - 1;
        double u = Math.min(tS, durationS) / stepS;
        long nearest = Math.round(u);
        if (Math.abs(u - nearest) < 1e-6 || tS >= durationS) {
            return reserveWh[(int) Math.max(0, Math.min(last, tS >= durationS ? last : nearest))];
        }
        int lo = (int) Math.max(0, Math.min(last, Math.floor(u)));
        return Math.max(reserveWh[lo], reserveWh[Math.min(last, lo + 1)]);
    }

    double stepS() {
        return stepS;
    }

    /**
     * The most a step may draw for training from the array's surplus so that the battery ends it
     * at or above {@code reserveAfterWh}. It never discharges the battery for training: a Wh kept
     * in the cell saves 1/η_c Wh of later charging, worth more than the η_d Wh it would give now.
     *
     * @param netW           predicted generation minus load over the step, W
     * @param dtS            step length, s
     * @param storedWh       battery energy now, Wh
     * @param reserveAfterWh reserve at step end, Wh
     * @param b              battery
     * @return training power, W (&ge; 0)
     */
    static double maxDrawW(double netW, double dtS, double storedWh, double reserveAfterWh, BatterySpec b) {
        if (netW <= 0) {
            return 0;
        }
        if (storedWh >= reserveAfterWh) {
            return netW;
        }
        double needW = (reserveAfterWh - storedWh) / (b.chargeEfficiency() * (dtS / 3600.0));
        return needW > Math.min(netW, b.maxChargeW()) ? 0 : netW - needW;
    }
}

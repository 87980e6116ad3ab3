package io.onorbit.flight.power;

/**
 * The least battery energy needed at each grid time so that every known load ahead can still be
 * served with no training at all while staying at or above a floor (the hard floor plus a
 * margin). Computed once by a backward pass over the step grid, O(n).
 *
 * <p>Going back one step: in a step with a net surplus x the battery can gain at most
 * eta_c · min(x, maxCharge) · dt, so it may start that much lower; in a step with a deficit it
 * must start higher by deficit / eta_d · dt. The result is raised to the floor and capped at the
 * capacity (when even a full battery cannot carry a deficit ahead, the best is to be full).
 */
final class ReserveCurve {

    private final double stepS;
    private final double durationS;
    private final double[] reserveWh;

    ReserveCurve(PowerModel model, double stepS, double marginSoc) {
        Checks.positive("envelope stepS", stepS);
        this.stepS = stepS;
        this.durationS = model.schedule().durationS();
        BatterySpec b = model.system().battery();
        int n = (int) Math.ceil(durationS / stepS - 1e-9);
        reserveWh = new double[n + 1];
        double floorFrac = b.floorSoc() + marginSoc;
        reserveWh[n] = floorFrac * b.capacityWh(PowerModel.years(durationS));
        for (int k = n - 1; k >= 0; k--) {
            double t = k * stepS;
            double dt = Math.min(stepS, durationS - t);
            double dtH = dt / 3600.0;
            double x = model.generationW(t, dt) - model.loadW(t, dt);
            double r;
            if (x >= 0) {
                r = reserveWh[k + 1] - b.chargeEfficiency() * Math.min(x, b.maxChargeW()) * dtH;
            } else {
                r = reserveWh[k + 1] + Math.min(-x, b.maxDischargeW()) / b.dischargeEfficiency() * dtH;
            }
            double cap = b.capacityWh(PowerModel.years(t));
            reserveWh[k] = Math.min(cap, Math.max(floorFrac * cap, r));
        }
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

package io.onorbit.flight.power;

/**
 * The most training energy possible over a whole schedule without refusing a load or crossing
 * the floor, with perfect knowledge, on the step grid: the yardstick for the envelope's harvest.
 *
 * <p>Exact backward dynamic programming. V_k(E) is the most training energy obtainable from grid
 * time k on with E Wh in the cell. In one step the cell changes by Δ, within the rate limits, and
 * the step yields training T(Δ) = x·dt − Δ/η_c when charging (Δ &ge; 0) or x·dt − Δ·η_d when
 * discharging, which must be &ge; 0 (x: array minus loads, W). T is concave and piecewise linear,
 * so V_k(E) = max_Δ T(Δ) + V_{k+1}(E + Δ) is a sup-convolution of concave piecewise-linear
 * functions, computed exactly by merging their slopes, then restricted to [floor, capacity].
 * The slopes of V are only ever 1/η_c, η_d or 0 (the value of a Wh in the cell), so each step
 * is O(1). The result is V_0(E_0). Training may happen at any time, eclipse included, and no
 * margin is kept: the best any policy could do. An independent linear program
 * (hipparchus SimplexSolver) agrees on small instances; see the tests.
 */
public final class PowerOracle {

    private static final int MAX_SEGMENTS = 8;

    private PowerOracle() {
    }

    /**
     * @param model power model of the schedule and spacecraft
     * @param stepS grid step, s (the last step is cut at the schedule's end)
     * @return the optimum training energy over the schedule, Wh; if even zero training cannot keep
     *         the loads served, the optimum of the closest feasible relaxation
     */
    public static double maxTrainingEnergyWh(PowerModel model, double stepS) {
        Checks.positive("oracle stepS", stepS);
        BatterySpec b = model.system().battery();
        double etaC = b.chargeEfficiency();
        double etaD = b.dischargeEfficiency();
        double duration = model.schedule().durationS();
        int n = (int) Math.ceil(duration / stepS - 1e-9);
        // V on [lo, lo + sum(len)]: value at lo, then segments of decreasing slope
        double capN = b.capacityWhAtYears(PowerModel.years(duration));
        Pl v = new Pl(b.floorSoc() * capN, 0);
        v.add(capN - b.floorSoc() * capN, 0);
        Pl h = new Pl(0, 0);
        for (int k = n - 1; k >= 0; k--) {
            double t = k * stepS;
            double dtS = Math.min(stepS, duration - t);
            double dtH = dtS / 3600.0;
            double x = model.generationW(t, dtS) - model.loadW(t, dtS);
            double dMin = -b.maxDischargeW() * dtH / etaD;
            double dMax = x >= 0 ? etaC * Math.min(x, b.maxChargeW()) * dtH : x * dtH / etaD;
            if (dMax < dMin) {
                dMax = dMin; // deficit above the discharge limit: relax, the loads cannot all be served
            }
            // phi~(u) = T(-u) on u in [-dMax, -dMin]: slope 1/etaC for u < 0, etaD for u > 0
            double uLo = -dMax;
            double uHi = -dMin;
            double tAtULo = x * dtH - (dMax >= 0 ? dMax / etaC : dMax * etaD);
            h.reset(uLo + v.lo, Math.max(0, tAtULo) + v.valueAtLo);
            double lenC = Math.max(0, Math.min(uHi, 0) - uLo);
            double lenD = Math.max(0, uHi - Math.max(uLo, 0));
            h.mergeFrom(v, lenC, 1 / etaC, lenD, etaD);
            double cap = b.capacityWhAtYears(PowerModel.years(t));
            h.restrict(b.floorSoc() * cap, cap);
            Pl tmp = v;
            v = h;
            h = tmp;
        }
        return v.valueAt(b.initialSoc() * b.capacityWh());
    }

    /** A concave piecewise-linear function on an interval, as value at the left end plus segments. */
    private static final class Pl {
        double lo;
        double valueAtLo;
        final double[] len = new double[MAX_SEGMENTS];
        final double[] slope = new double[MAX_SEGMENTS];
        int count;

        Pl(double lo, double valueAtLo) {
            reset(lo, valueAtLo);
        }

        void reset(double newLo, double newValue) {
            lo = newLo;
            valueAtLo = newValue;
            count = 0;
        }

        void add(double length, double s) {
            if (length <= 0) {
                return;
            }
            if (count > 0 && Math.abs(slope[count - 1] - s) < 1e-12) {
                len[count - 1] += length;
            } else {
                len[count] = length;
                slope[count] = s;
                count++;
            }
        }

        /** this = (two fixed segments) sup-convolved with {@code g}: slopes merged in decreasing order. */
        void mergeFrom(Pl g, double len1, double s1, double len2, double s2) {
            double[] fl = {len1, len2};
            double[] fs = {s1, s2};
            int i = 0;
            int j = 0;
            while (i < 2 || j < g.count) {
                if (j >= g.count || (i < 2 && fs[i] >= g.slope[j])) {
                    add(fl[i], fs[i]);
                    i++;
                } else {
                    add(g.len[j], g.slope[j]);
                    j++;
                }
            }
        }

        double hi() {
            double x = lo;
            for (int i = 0; i < count; i++) {
                x += len[i];
            }
            return x;
        }

        /** Restricts the domain to [a, b]; if they do not meet, keeps the nearest end point. */
        void restrict(double a, double b) {
            double hi = hi();
            double newLo = Math.min(Math.max(lo, a), Math.max(lo, Math.min(hi, b)));
            double newHi = Math.max(newLo, Math.min(hi, b));
            double value = valueAt(newLo);
            double[] ls = new double[count];
            double[] ss = new double[count];
            int m = 0;
            double x = lo;
            for (int i = 0; i < count; i++) {
                double s0 = Math.max(x, newLo);
                double s1 = Math.min(x + len[i], newHi);
                if (s1 > s0) {
                    ls[m] = s1 - s0;
                    ss[m] = slope[i];
                    m++;
                }
                x += len[i];
            }
            reset(newLo, value);
            for (int i = 0; i < m; i++) {
                add(ls[i], ss[i]);
            }
        }

        /** @return the value at {@code e}, clamped into the domain */
        double valueAt(double e) {
            double value = valueAtLo;
            double x = lo;
            for (int i = 0; i < count && e > x; i++) {
                double step = Math.min(len[i], e - x);
                value += slope[i] * step;
                x += len[i];
            }
            return value;
        }
    }
}

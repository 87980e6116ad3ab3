package io.onorbit.flight.power;

/**
 * The battery's state: energy stored in the cell, Wh. Mutable, advanced one step at a time by
 * {@link #apply}; it never leaves [floor, capacity] (demand it cannot meet is reported unserved).
 */
public final class Battery {

    private final BatterySpec spec;
    private double storedWh;
    /** fraction of the faded capacity still usable after cell failures, in (0, 1] */
    private double healthyFraction = 1.0;
    /** last capacity computed (before faults), for the several look-ups of one step */
    private double capT = Double.NaN;
    private double capWh;

    public Battery(BatterySpec spec) {
        this.spec = spec;
        this.storedWh = spec.initialSoc() * spec.capacityWh();
    }

    public BatterySpec spec() {
        return spec;
    }

    /** @return energy in the cell, Wh */
    public double storedWh() {
        return storedWh;
    }

    /** @return capacity at {@code tS}, Wh (after calendar fade) */
    public double capacityWhAtS(double tS) {
        if (tS != capT) {
            capT = tS;
            capWh = spec.capacityWhAtYears(PowerModel.years(tS));
        }
        return healthyFraction * capWh;
    }

    /** @return the hard floor at {@code tS}, Wh */
    public double floorWh(double tS) {
        return spec.floorSoc() * capacityWhAtS(tS);
    }

    /**
     * An instantaneous unplanned load (a latch-up, a stuck heater). The power system's protection
     * disconnects it at the floor: the battery gives what it has above the floor, never more.
     *
     * @param energyWh energy the fault tries to draw at the bus, Wh (&ge; 0)
     * @param tS       time, s since epoch
     * @return the part refused at the floor, Wh
     */
    public double drain(double energyWh, double tS) {
        double cellWh = energyWh / spec.dischargeEfficiency();
        double available = Math.max(0, storedWh - floorWh(tS));
        double taken = Math.min(cellWh, available);
        storedWh -= taken;
        return (cellWh - taken) * spec.dischargeEfficiency();
    }

    /**
     * A permanent loss of capacity (a failed cell string). Energy above the new capacity is lost.
     *
     * @param fraction share of the current capacity lost, in [0, 1)
     * @param tS       time, s since epoch
     * @return energy lost with the capacity, Wh
     */
    public double loseCapacity(double fraction, double tS) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("capacity fault fraction " + fraction + " must be in [0, 1)");
        }
        healthyFraction *= 1 - fraction;
        double cap = capacityWhAtS(tS);
        double lost = Math.max(0, storedWh - cap);
        storedWh -= lost;
        return lost;
    }

    /**
     * Advances one step with a net bus power: positive charges (rate-limited, the rest is shed by
     * the array regulator), negative discharges (rate-limited and never below the floor).
     *
     * @param tS      step start, s since epoch
     * @param dtS     step length, s (&gt; 0)
     * @param netBusW generation minus demanded load at the bus, W
     * @param out     receives the flows of this step
     */
    public void apply(double tS, double dtS, double netBusW, Flow out) {
        double dtH = dtS / 3600.0;
        double cap = capacityWhAtS(tS + dtS);
        double floor = spec.floorSoc() * cap;
        out.clear();
        if (storedWh > cap) {
            out.fadeLossWh = storedWh - cap;
            storedWh = cap;
        }
        if (netBusW >= 0) {
            double room = Math.max(0, cap - storedWh) / (spec.chargeEfficiency() * dtH);
            double chargeW = Math.min(netBusW, Math.min(spec.maxChargeW(), room));
            storedWh = Math.min(cap, storedWh + spec.chargeEfficiency() * chargeW * dtH);
            out.chargedWh = chargeW * dtH;
            out.conversionLossWh = (1 - spec.chargeEfficiency()) * chargeW * dtH;
            out.spilledWh = (netBusW - chargeW) * dtH;
        } else {
            double needW = -netBusW;
            double availW = Math.min(spec.maxDischargeW(),
                    Math.max(0, storedWh - floor) * spec.dischargeEfficiency() / dtH);
            double dischargeW = Math.min(needW, availW);
            storedWh = Math.max(floor, storedWh - dischargeW / spec.dischargeEfficiency() * dtH);
            out.dischargedWh = dischargeW * dtH;
            out.conversionLossWh = dischargeW * (1 / spec.dischargeEfficiency() - 1) * dtH;
            out.unservedWh = (needW - dischargeW) * dtH;
        }
    }

    /** Energy flows of one step, Wh. Reused between steps to keep long runs allocation-free. */
    public static final class Flow {
        /** bus energy sent into the battery */
        public double chargedWh;
        /** energy delivered to the bus by the battery */
        public double dischargedWh;
        /** charge and discharge conversion losses */
        public double conversionLossWh;
        /** energy above the faded capacity, lost */
        public double fadeLossWh;
        /** array energy that could not be stored or used (battery full or charge-rate limited) */
        public double spilledWh;
        /** demanded energy the battery could not supply without crossing the floor */
        public double unservedWh;

        void clear() {
            chargedWh = 0;
            dischargedWh = 0;
            conversionLossWh = 0;
            fadeLossWh = 0;
            spilledWh = 0;
            unservedWh = 0;
        }
    }
}

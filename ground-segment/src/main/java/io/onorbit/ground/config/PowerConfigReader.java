package io.onorbit.ground.config;

import io.onorbit.flight.power.BatterySpec;
import io.onorbit.flight.power.LoadProfile;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.SolarArray;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code spacecraft.power} into a flight-sw {@link PowerSystem}. Every field is optional
 * and defaults to the documented 6U cubesat ({@link PowerSystem#sixUCubesat()}); see
 * {@code mission-configs/SCHEMA.md}. Bad values are one-line {@link ConfigException}s naming
 * file, field and reason.
 */
public final class PowerConfigReader {

    /**
     * Keys allowed under {@code spacecraft}. Owners of other spacecraft sections add theirs here
     * (one place, so that a typo anywhere under {@code spacecraft} is caught).
     */
    public static final Set<String> SPACECRAFT_KEYS = Set.of("power", TrainingPayloadConfigReader.SECTION);

    private static final Set<String> POWER_KEYS = Set.of("solar_array", "battery", "loads", "margin_soc");
    private static final Set<String> ARRAY_KEYS = Set.of("area_m2", "cell_efficiency", "attitude", "normal",
            "degradation_per_year", "solar_constant_w_m2");
    private static final Set<String> BATTERY_KEYS = Set.of("capacity_wh", "charge_efficiency", "discharge_efficiency",
            "max_charge_w", "max_discharge_w", "fade_per_year", "floor_soc", "initial_soc");
    private static final Set<String> LOAD_KEYS = Set.of("bus_w", "payload_w", "payload_duty_cycle", "payload_period_s",
            "radio_tx_w", "heater_w");

    private PowerConfigReader() {
    }

    /**
     * @param root the mission document's root node
     * @return the power system described under {@code spacecraft.power}, defaults filled in
     * @throws ConfigException on an unknown key or a value out of range
     */
    public static PowerSystem read(ConfigNode root) {
        PowerSystem d = PowerSystem.sixUCubesat();
        ConfigNode spacecraft = root.child("spacecraft").orElse(null);
        if (spacecraft == null) {
            return d;
        }
        spacecraft.allowOnly(SPACECRAFT_KEYS);
        ConfigNode power = spacecraft.child("power").orElse(null);
        if (power == null) {
            return d;
        }
        power.allowOnly(POWER_KEYS);
        SolarArray array = power.child("solar_array").map(n -> array(n, d.array())).orElse(d.array());
        BatterySpec battery = power.child("battery").map(n -> battery(n, d.battery())).orElse(d.battery());
        LoadProfile loads = power.child("loads").map(n -> loads(n, d.loads())).orElse(d.loads());
        double margin = power.number("margin_soc", d.marginSoc(), 0, MAX_SOC_FRACTION);
        if (battery.floorSoc() + margin >= 1) {
            throw power.error("margin_soc", ConfigNode.fmt(margin) + " plus battery.floor_soc "
                    + ConfigNode.fmt(battery.floorSoc()) + " leaves no room below full charge; keep the sum under 1");
        }
        return construct(power, () -> new PowerSystem(array, battery, loads, margin));
    }

    /** Largest floor_soc and margin_soc, fractions of capacity (what the battery and power system accept). */
    static final double MAX_SOC_FRACTION = 0.999;

    private static SolarArray array(ConfigNode n, SolarArray d) {
        n.allowOnly(ARRAY_KEYS);
        double area = positive(n, "area_m2", d.areaM2());
        double eff = efficiency(n, "cell_efficiency", d.cellEfficiency());
        String attitude = n.choice("attitude", d.attitude().name().toLowerCase(java.util.Locale.ROOT),
                Set.of("sun_tracking", "body_mounted"));
        double[] normal = {d.normalX(), d.normalY(), d.normalZ()};
        if (n.has("normal")) {
            List<ConfigNode> v = n.list("normal");
            if (v.size() != 3) {
                throw n.error("normal", "must be a list of 3 numbers [radial, along_track, orbit_normal]");
            }
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                String text = v.get(i).asText();
                try {
                    normal[i] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw v.get(i).error("'" + text + "' must be a number");
                }
                norm += normal[i] * normal[i];
            }
            if (!(norm > 0)) {
                throw n.error("normal", "must not be the zero vector");
            }
        }
        double degradation = n.number("degradation_per_year", d.degradationPerYear(), 0, 0.999);
        double solar = positive(n, "solar_constant_w_m2", d.solarConstantWm2());
        SolarArray.Attitude att = attitude.equals("sun_tracking") ? SolarArray.Attitude.SUN_TRACKING
                : SolarArray.Attitude.BODY_MOUNTED;
        return construct(n, () -> new SolarArray(area, eff, att, normal[0], normal[1], normal[2], degradation, solar));
    }

    private static BatterySpec battery(ConfigNode n, BatterySpec d) {
        n.allowOnly(BATTERY_KEYS);
        double capacity = positive(n, "capacity_wh", d.capacityWh());
        double etaC = efficiency(n, "charge_efficiency", d.chargeEfficiency());
        double etaD = efficiency(n, "discharge_efficiency", d.dischargeEfficiency());
        double maxC = positive(n, "max_charge_w", d.maxChargeW());
        double maxD = positive(n, "max_discharge_w", d.maxDischargeW());
        double fade = n.number("fade_per_year", d.fadePerYear(), 0, 0.999);
        double floor = n.has("floor_soc") ? n.number("floor_soc", -Double.MAX_VALUE, Double.MAX_VALUE) : d.floorSoc();
        if (floor >= 1) {
            throw n.error("floor_soc", ConfigNode.fmt(floor)
                    + " puts the floor at or above the battery capacity; it is a fraction of capacity in [0, " + MAX_SOC_FRACTION + "]");
        }
        if (floor < 0 || floor > MAX_SOC_FRACTION) {
            throw n.error("floor_soc", ConfigNode.fmt(floor) + " must be in [0, " + MAX_SOC_FRACTION + "]");
        }
        double initial = n.number("initial_soc", Math.max(d.initialSoc(), floor), 0, 1);
        if (initial < floor) {
            throw n.error("initial_soc", ConfigNode.fmt(initial) + " is below floor_soc "
                    + ConfigNode.fmt(floor) + "; the battery cannot start under its floor");
        }
        return construct(n, () -> new BatterySpec(capacity, etaC, etaD, maxC, maxD, fade, floor, initial));
    }

    private static LoadProfile loads(ConfigNode n, LoadProfile d) {
        n.allowOnly(LOAD_KEYS);
        double bus = n.number("bus_w", d.busW(), 0, 1e6);
        double payload = n.number("payload_w", d.payloadW(), 0, 1e6);
        double duty = n.number("payload_duty_cycle", d.payloadDutyCycle(), 0, 1);
        double period = positive(n, "payload_period_s", d.payloadPeriodS());
        double radio = n.number("radio_tx_w", d.radioTxW(), 0, 1e6);
        double heater = n.number("heater_w", d.heaterW(), 0, 1e6);
        return construct(n, () -> new LoadProfile(bus, payload, duty, period, radio, heater));
    }

    private static double positive(ConfigNode n, String key, double defaultValue) {
        if (!n.has(key)) {
            return defaultValue;
        }
        double v = n.number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
        if (!(v > 0)) {
            throw n.error(key, ConfigNode.fmt(v) + " must be greater than 0");
        }
        return v;
    }

    private static double efficiency(ConfigNode n, String key, double defaultValue) {
        if (!n.has(key)) {
            return defaultValue;
        }
        double v = n.number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
        if (!(v > 0 && v <= 1)) {
            throw n.error(key, ConfigNode.fmt(v) + " is not an efficiency; it must be in (0, 1]");
        }
        return v;
    }

    /** Turns a flight-sw constructor's refusal (a combination of values) into a one-line config error. */
    private static <T> T construct(ConfigNode n, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }
}

package io.onorbit.verification.soak;

import io.onorbit.ground.config.ConfigException;
import io.onorbit.ground.config.ConfigNode;
import io.onorbit.ground.config.YamlFiles;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What faults a soak injects and how often. Timed faults are Poisson processes with a rate per
 * simulated day (per satellite); link faults act per pass, per packet or per bit. A rate of 0
 * turns a kind off. Written as YAML, e.g.
 *
 * <pre>
 * reset: {per_day: 1.0, reboot_s: 60}
 * brownout: {per_day: 0.5, energy_wh: 1.0}
 * battery_capacity: {per_day: 0.02, fraction: 0.03}
 * missed_pass: {probability: 0.1}
 * bit_errors: {bit_error_rate: 1.0e-6}
 * corrupted_packet: {probability: 0.005}
 * corrupted_storage: {per_day: 0.5}
 * clock_jump: {per_day: 0.3, max_jump_s: 120}
 * attacker: {per_pass: 1.0}
 * </pre>
 *
 * @param resetPerDay               flight-computer resets per day
 * @param rebootS                   time the flight computer is down after a reset, s
 * @param brownoutPerDay            brownouts per day
 * @param brownoutEnergyWh          energy each brownout drains, Wh
 * @param capacityFaultPerDay       battery capacity faults per day
 * @param capacityFaultFraction     capacity lost at each, fraction of the current capacity
 * @param missedPassProbability     chance a pass is lost entirely
 * @param bitErrorRate              bit error rate on both link directions
 * @param corruptedPacketProbability chance a packet is mangled as a whole
 * @param corruptedStoragePerDay    storage corruptions per day
 * @param clockJumpPerDay           clock jumps per day
 * @param clockJumpMaxS             largest jump, s (jumps are uniform in [-max, max])
 * @param attackerPerPass           forged, replayed or reordered commands injected per pass with uplink, mean
 */
public record FaultPlan(double resetPerDay, double rebootS, double brownoutPerDay, double brownoutEnergyWh,
                        double capacityFaultPerDay, double capacityFaultFraction, double missedPassProbability,
                        double bitErrorRate, double corruptedPacketProbability, double corruptedStoragePerDay,
                        double clockJumpPerDay, double clockJumpMaxS, double attackerPerPass) {

    public FaultPlan {
        check("reset.per_day", resetPerDay, 0, 1000);
        check("reset.reboot_s", rebootS, 0, 86400);
        check("brownout.per_day", brownoutPerDay, 0, 1000);
        check("brownout.energy_wh", brownoutEnergyWh, 0, 1e4);
        check("battery_capacity.per_day", capacityFaultPerDay, 0, 1000);
        check("battery_capacity.fraction", capacityFaultFraction, 0, 0.5);
        check("missed_pass.probability", missedPassProbability, 0, 1);
        check("bit_errors.bit_error_rate", bitErrorRate, 0, 0.01);
        check("corrupted_packet.probability", corruptedPacketProbability, 0, 1);
        check("corrupted_storage.per_day", corruptedStoragePerDay, 0, 1000);
        check("clock_jump.per_day", clockJumpPerDay, 0, 1000);
        check("clock_jump.max_jump_s", clockJumpMaxS, 0, 86400);
        check("attacker.per_pass", attackerPerPass, 0, 1000);
    }

    private static void check(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("fault plan: " + field + " " + v + " is outside [" + min + ", " + max + "]");
        }
    }

    /** @return no faults at all */
    public static FaultPlan none() {
        return new FaultPlan(0, 60, 0, 1.0, 0, 0.03, 0, 0, 0, 0, 0, 120, 0);
    }

    /**
     * @return every kind on at rates that make each happen many times in a two-week soak while
     *         leaving the mission workable (documented in the soak package note)
     */
    public static FaultPlan all() {
        return new FaultPlan(1.0, 60, 0.5, 1.0, 0.02, 0.03, 0.1, 1e-5, 0.005, 0.5, 0.3, 120, 1.0);
    }

    /** @return the kinds this plan turns on */
    public Set<FaultKind> enabledKinds() {
        EnumSet<FaultKind> on = EnumSet.noneOf(FaultKind.class);
        if (resetPerDay > 0) {
            on.add(FaultKind.RESET);
        }
        if (brownoutPerDay > 0 && brownoutEnergyWh > 0) {
            on.add(FaultKind.BROWNOUT);
        }
        if (capacityFaultPerDay > 0 && capacityFaultFraction > 0) {
            on.add(FaultKind.BATTERY_CAPACITY);
        }
        if (missedPassProbability > 0) {
            on.add(FaultKind.MISSED_PASS);
        }
        if (bitErrorRate > 0) {
            on.add(FaultKind.BIT_ERRORS);
        }
        if (corruptedPacketProbability > 0) {
            on.add(FaultKind.CORRUPTED_PACKET);
        }
        if (corruptedStoragePerDay > 0) {
            on.add(FaultKind.CORRUPTED_STORAGE);
        }
        if (clockJumpPerDay > 0 && clockJumpMaxS > 0) {
            on.add(FaultKind.CLOCK_JUMP);
        }
        if (attackerPerPass > 0) {
            on.add(FaultKind.ATTACKER);
        }
        return on;
    }

    /**
     * @param spec {@code all}, {@code none}, or a path to a YAML plan (missing kinds are off)
     * @return the plan
     * @throws ConfigException naming file, field and reason on a bad plan
     */
    public static FaultPlan parse(String spec) {
        if (spec == null || spec.equalsIgnoreCase("none")) {
            return none();
        }
        if (spec.equalsIgnoreCase("all")) {
            return all();
        }
        return read(YamlFiles.read(Path.of(spec)));
    }

    /** @return the plan in {@code root}; every kind not named is off */
    public static FaultPlan read(ConfigNode root) {
        root.allowOnly(Set.of(EnumSet.allOf(FaultKind.class).stream().map(FaultKind::key)
                .collect(Collectors.toSet()).toArray(new String[0])));
        FaultPlan d = all();
        ConfigNode reset = section(root, FaultKind.RESET, "per_day", "reboot_s");
        ConfigNode brown = section(root, FaultKind.BROWNOUT, "per_day", "energy_wh");
        ConfigNode cap = section(root, FaultKind.BATTERY_CAPACITY, "per_day", "fraction");
        ConfigNode miss = section(root, FaultKind.MISSED_PASS, "probability");
        ConfigNode bits = section(root, FaultKind.BIT_ERRORS, "bit_error_rate");
        ConfigNode pkt = section(root, FaultKind.CORRUPTED_PACKET, "probability");
        ConfigNode store = section(root, FaultKind.CORRUPTED_STORAGE, "per_day");
        ConfigNode clock = section(root, FaultKind.CLOCK_JUMP, "per_day", "max_jump_s");
        ConfigNode attacker = section(root, FaultKind.ATTACKER, "per_pass");
        return new FaultPlan(
                rate(reset, "per_day", d.resetPerDay(), 1000), number(reset, "reboot_s", d.rebootS(), 86400),
                rate(brown, "per_day", d.brownoutPerDay(), 1000), number(brown, "energy_wh", d.brownoutEnergyWh(), 1e4),
                rate(cap, "per_day", d.capacityFaultPerDay(), 1000), number(cap, "fraction", d.capacityFaultFraction(), 0.5),
                rate(miss, "probability", d.missedPassProbability(), 1),
                rate(bits, "bit_error_rate", d.bitErrorRate(), 0.01),
                rate(pkt, "probability", d.corruptedPacketProbability(), 1),
                rate(store, "per_day", d.corruptedStoragePerDay(), 1000),
                rate(clock, "per_day", d.clockJumpPerDay(), 1000), number(clock, "max_jump_s", d.clockJumpMaxS(), 86400),
                rate(attacker, "per_pass", d.attackerPerPass(), 1000));
    }

    /** A kind that is named with an empty body ({@code reset: {}}) gets the defaults of {@link #all()}. */
    private static ConfigNode section(ConfigNode root, FaultKind kind, String... keys) {
        return root.child(kind.key()).map(n -> n.raw().isObject() ? n.allowOnly(Set.of(keys)) : n).orElse(null);
    }

    private static double rate(ConfigNode n, String key, double dflt, double max) {
        if (n == null) {
            return 0;
        }
        if (!n.raw().isObject()) {
            throw n.error("must be a mapping such as {" + key + ": " + dflt + "}");
        }
        return n.number(key, dflt, 0, max);
    }

    private static double number(ConfigNode n, String key, double dflt, double max) {
        return n == null ? dflt : n.number(key, dflt, 0, max);
    }

    /** @return the plan as YAML-compatible text, one kind a line (for reports) */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "reset %.3g/day (reboot %.0f s), brownout %.3g/day (%.3g Wh), battery_capacity %.3g/day (%.3g), "
                        + "missed_pass p=%.3g, bit_errors BER=%.3g, corrupted_packet p=%.3g, corrupted_storage %.3g/day, "
                        + "clock_jump %.3g/day (<= %.0f s), attacker %.3g/pass",
                resetPerDay, rebootS, brownoutPerDay, brownoutEnergyWh, capacityFaultPerDay, capacityFaultFraction,
                missedPassProbability, bitErrorRate, corruptedPacketProbability, corruptedStoragePerDay,
                clockJumpPerDay, clockJumpMaxS, attackerPerPass);
    }
}

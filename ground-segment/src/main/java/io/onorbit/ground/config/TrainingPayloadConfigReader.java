package io.onorbit.ground.config;

import io.onorbit.flight.payload.PayloadEngine;
import io.onorbit.flight.payload.PayloadSpec;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code spacecraft.training_payload} into a flight-sw {@link PayloadSpec}. Every field is
 * optional; {@code engine} (default {@code analog}) picks the documented defaults of the others
 * ({@link PayloadSpec#analogMcuHost()}, {@link PayloadSpec#digitalProcessor()}); see
 * {@code mission-configs/SCHEMA.md}. Bad values are one-line {@link ConfigException}s naming
 * file, field and reason.
 */
public final class TrainingPayloadConfigReader {

    /** The section's name under {@code spacecraft}. */
    public static final String SECTION = "training_payload";

    private static final Set<String> KEYS = Set.of("engine", "active_w", "idle_w", "host_ops_per_s");
    private static final Set<String> ENGINES = Set.of("analog", "digital");

    private TrainingPayloadConfigReader() {
    }

    /**
     * @param root the mission document's root node
     * @return the payload described under {@code spacecraft.training_payload}, defaults filled in
     * @throws ConfigException on an unknown key or a value out of range
     */
    public static PayloadSpec read(ConfigNode root) {
        ConfigNode section = root.child("spacecraft").flatMap(s -> s.child(SECTION)).orElse(null);
        if (section == null) {
            return PayloadSpec.analogMcuHost();
        }
        section.allowOnly(KEYS);
        String engineKey = section.choice("engine", "analog", ENGINES);
        PayloadSpec d = PayloadSpec.defaults(PayloadEngine.valueOf(engineKey.toUpperCase(Locale.ROOT)));
        double active = section.has("active_w") ? section.number("active_w", -Double.MAX_VALUE, Double.MAX_VALUE)
                : d.activeW();
        if (!(active > 0 && active <= 1e4)) {
            throw section.error("active_w", ConfigNode.fmt(active) + " must be in (0, 10000] W");
        }
        boolean idleGiven = section.has("idle_w");
        double idle = idleGiven ? section.number("idle_w", -Double.MAX_VALUE, Double.MAX_VALUE) : d.idleW();
        if (!(idle >= 0)) {
            throw section.error("idle_w", ConfigNode.fmt(idle) + " must be >= 0 W (0 = switched off when not training)");
        }
        if (!(idle < active)) {
            throw section.error("idle_w", ConfigNode.fmt(idle) + " W" + (idleGiven ? "" : " (the " + engineKey
                    + " default)") + " must be below active_w " + ConfigNode.fmt(active)
                    + " W (0 = switched off when not training)");
        }
        double ops = section.has("host_ops_per_s") ? section.number("host_ops_per_s", -Double.MAX_VALUE, Double.MAX_VALUE)
                : d.hostOpsPerS();
        if (!(ops > 0 && ops <= 1e15)) {
            throw section.error("host_ops_per_s", ConfigNode.fmt(ops) + " must be in (0, 1e15] operations per second");
        }
        try {
            return new PayloadSpec(d.engine(), active, idle, ops);
        } catch (IllegalArgumentException e) {
            throw section.error(e.getMessage());
        }
    }
}

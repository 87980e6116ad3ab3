package io.onorbit.flight.command;

import java.util.EnumMap;
import java.util.Map;

/**
 * Command-authentication telemetry: what the spacecraft reports down each pass.
 *
 * @param applied      updates applied since boot
 * @param rejected     refused updates by reason (every reason present, zero if none)
 * @param lastCounter  counter of the last applied update (0 if none)
 * @param modelVersion version of the model now held
 */
public record CommandTelemetry(long applied, Map<UpdateRefusal, Long> rejected, long lastCounter, long modelVersion) {

    public CommandTelemetry {
        EnumMap<UpdateRefusal, Long> all = new EnumMap<>(UpdateRefusal.class);
        for (UpdateRefusal r : UpdateRefusal.values()) {
            all.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = Map.copyOf(all);
    }

    /** @return refused updates, all reasons */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return refused updates for one reason */
    public long rejected(UpdateRefusal reason) {
        return rejected.get(reason);
    }
}

package io.onorbit.flight.command;

import io.onorbit.flight.learning.model.ModelVersion;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The spacecraft's side of the signed uplink. It applies a model update only if the frame is
 * whole, its HMAC-SHA256 verifies under this satellite's key, it is addressed here, its counter
 * is above the last applied one, its target is newer than the model held, it builds on exactly
 * the model held (version and digest), and the result hashes to the target digest. Anything else
 * is refused and counted by {@link UpdateRefusal}; nothing is half-applied.
 *
 * <p>Mutable: one per satellite, owned by the flight software's command task. Persist
 * {@link #lastCounter()} with the model so a reboot cannot reopen the replay window.
 */
public final class UpdateReceiver {

    /** Result of one frame: the reason it was refused, or empty if it was applied. */
    public record Outcome(Optional<UpdateRefusal> rejected, ModelVersion version) {

        /** @return true if the update was applied */
        public boolean applied() {
            return rejected.isEmpty();
        }
    }

    private final String satellite;
    private final byte[] key;
    private float[] params;
    private ModelVersion version;
    private long lastCounter;
    private long applied;
    private final EnumMap<UpdateRefusal, Long> rejected = new EnumMap<>(UpdateRefusal.class);

    /**
     * @param satellite   this satellite's name
     * @param key         its uplink key, &ge; 16 bytes
     * @param params      model held now
     * @param version     its version (digest must match {@code params})
     * @param lastCounter last applied counter (0 on first boot)
     */
    public UpdateReceiver(String satellite, byte[] key, float[] params, ModelVersion version, long lastCounter) {
        this.satellite = Objects.requireNonNull(satellite, "satellite");
        if (key == null || key.length < UplinkFrame.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("uplink key must be at least " + UplinkFrame.MIN_KEY_BYTES + " bytes");
        }
        if (!version.matches(params)) {
            throw new IllegalArgumentException("model version " + version + " does not match the parameters held");
        }
        if (lastCounter < 0) {
            throw new IllegalArgumentException("lastCounter " + lastCounter + " must be >= 0");
        }
        this.key = key.clone();
        this.params = params.clone();
        this.version = version;
        this.lastCounter = lastCounter;
    }

    /** Checks one received frame and applies it if every check passes. Never throws on bad input. */
    public Outcome receive(byte[] frame) {
        Optional<UpdateRefusal> reason = check(frame == null ? new byte[0] : frame);
        if (reason.isPresent()) {
            rejected.merge(reason.get(), 1L, Long::sum);
        } else {
            applied++;
        }
        return new Outcome(reason, version);
    }

    private Optional<UpdateRefusal> check(byte[] frame) {
        long announced = ModelUpdate.announcedBodyLength(frame);
        if (announced < 0 || frame.length < announced + UplinkFrame.MAC_BYTES) {
            return Optional.of(UpdateRefusal.TRUNCATED);
        }
        if (frame.length > announced + UplinkFrame.MAC_BYTES) {
            return Optional.of(UpdateRefusal.MALFORMED);
        }
        if (!UplinkFrame.verify(frame, key)) {
            return Optional.of(UpdateRefusal.FORGED);
        }
        ModelUpdate u;
        try {
            u = ModelUpdate.decode(java.util.Arrays.copyOf(frame, frame.length - UplinkFrame.MAC_BYTES));
        } catch (IllegalArgumentException e) {
            return Optional.of(UpdateRefusal.MALFORMED); // authentic but nonsensical: a ground defect
        }
        if (!u.satellite().equals(satellite)) {
            return Optional.of(UpdateRefusal.WRONG_SATELLITE);
        }
        if (u.counter() <= lastCounter) {
            return Optional.of(UpdateRefusal.REPLAYED);
        }
        if (u.target().version() <= version.version()) {
            return Optional.of(UpdateRefusal.NOT_NEWER);
        }
        if (!u.base().equals(version) || u.dimension() != params.length) {
            return Optional.of(UpdateRefusal.BASE_MISMATCH);
        }
        float[] next = u.applyTo(params);
        if (!u.target().matches(next)) {
            return Optional.of(UpdateRefusal.RESULT_MISMATCH);
        }
        params = next;
        version = u.target();
        lastCounter = u.counter();
        return Optional.empty();
    }

    /** @return a copy of the model held */
    public float[] params() {
        return params.clone();
    }

    /** @return the version held */
    public ModelVersion version() {
        return version;
    }

    /** @return counter of the last applied update */
    public long lastCounter() {
        return lastCounter;
    }

    /** @return this satellite's name */
    public String satellite() {
        return satellite;
    }

    /** @return the counters as telemetry */
    public CommandTelemetry telemetry() {
        return new CommandTelemetry(applied, Map.copyOf(rejected), lastCounter, version.version());
    }

    @Override
    public String toString() {
        return "UpdateReceiver[" + satellite + " " + version + "]";
    }
}

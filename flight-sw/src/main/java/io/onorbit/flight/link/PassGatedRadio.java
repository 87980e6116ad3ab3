package io.onorbit.flight.link;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The spacecraft radio: transmits a packet only inside the usable part of a contact window and
 * only if it ends before that part ends. Each direction is a serial channel with its own clock.
 * Not thread-safe.
 */
public final class PassGatedRadio {

    /** Which way a packet goes. */
    public enum Direction {
        /** Spacecraft to ground. */
        DOWNLINK,
        /** Ground to spacecraft. */
        UPLINK
    }

    /** Why a packet was not transmitted. */
    public enum Refusal {
        /** No contact window (usable part) holds the requested time. */
        OUTSIDE_CONTACT,
        /** The window has no rate in this direction. */
        NO_RATE,
        /** The packet would not finish before the usable part of the window ends. */
        PASS_CAPACITY
    }

    /** Result of one transmission request. */
    public sealed interface Result permits Sent, Refused {
    }

    /** Transmitted over [startS, endS] (s since the schedule epoch). */
    public record Sent(double startS, double endS) implements Result {
    }

    /** Not transmitted. */
    public record Refused(Refusal reason) implements Result {
    }

    private final OnboardSchedule schedule;
    private final double marginS;
    private final EnumMap<Direction, Consumer<byte[]>> sinks = new EnumMap<>(Direction.class);
    private final EnumMap<Direction, Double> busyUntilS = new EnumMap<>(Direction.class);
    private final EnumMap<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
    private final Map<ContactWindow, long[]> bytesPerWindow = new HashMap<>();

    /**
     * @param schedule the onboard schedule (contact windows with rates)
     * @param marginS  time lost at each end of a pass (acquisition, lock), s, &ge; 0
     */
    public PassGatedRadio(OnboardSchedule schedule, double marginS) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(marginS >= 0)) {
            throw new IllegalArgumentException("marginS " + marginS + " must be >= 0");
        }
        this.marginS = marginS;
        for (Direction d : Direction.values()) {
            busyUntilS.put(d, Double.NEGATIVE_INFINITY);
            sinks.put(d, b -> { });
        }
    }

    /** Where transmitted packets of {@code direction} go (the channel). */
    public PassGatedRadio connect(Direction direction, Consumer<byte[]> sink) {
        sinks.put(direction, Objects.requireNonNull(sink));
        return this;
    }

    /** @return the usable window at {@code tS}, if any */
    public Optional<ContactWindow> usableWindowAt(double tS) {
        return schedule.contactAt(tS).filter(w -> tS >= w.aosS() + marginS && tS < w.losS() - marginS);
    }

    /** @return the most bytes {@code w} can carry in {@code direction} ({@link ContactWindow#capacityBytes}) */
    public long capacityBytes(ContactWindow w, Direction direction) {
        return ContactWindow.capacityBytes(rate(w, direction), w.durationS(), marginS);
    }

    private static double rate(ContactWindow w, Direction d) {
        return d == Direction.DOWNLINK ? w.downlinkBps() : w.uplinkBps();
    }

    /**
     * @param tS        when the sender asks, s since epoch
     * @param direction which way
     * @param packet    octets
     * @return when it was sent, or why not (counted)
     */
    public Result transmit(double tS, Direction direction, byte[] packet) {
        Optional<ContactWindow> w = usableWindowAt(tS);
        if (w.isEmpty()) {
            return refuse(Refusal.OUTSIDE_CONTACT);
        }
        double bps = rate(w.get(), direction);
        if (!(bps > 0)) {
            return refuse(Refusal.NO_RATE);
        }
        double start = Math.max(tS, busyUntilS.get(direction));
        double end = start + ContactWindow.airTimeS(packet.length, bps);
        if (end > w.get().losS() - marginS) {
            return refuse(Refusal.PASS_CAPACITY);
        }
        busyUntilS.put(direction, end);
        bytesPerWindow.computeIfAbsent(w.get(), k -> new long[2])[direction.ordinal()] += packet.length;
        sinks.get(direction).accept(packet.clone());
        return new Sent(start, end);
    }

    private Result refuse(Refusal r) {
        refusals.merge(r, 1L, Long::sum);
        return new Refused(r);
    }

    /** @return when {@code direction} is free again, s since epoch */
    public double busyUntilS(Direction direction) {
        return busyUntilS.get(direction);
    }

    /** @return refusals by reason */
    public long refusals(Refusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    /** @return bytes sent in {@code direction} during window {@code w} */
    public long bytesSent(ContactWindow w, Direction direction) {
        long[] b = bytesPerWindow.get(w);
        return b == null ? 0 : b[direction.ordinal()];
    }

    public OnboardSchedule schedule() {
        return schedule;
    }
}

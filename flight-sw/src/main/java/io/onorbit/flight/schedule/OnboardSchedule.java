package io.onorbit.flight.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the spacecraft is told about its future for one span: contact windows, eclipses,
 * lighting ratio and Sun direction. Immutable; times are s since {@link #epoch()}.
 *
 * <p>Built on the ground (ground-segment's mission planning) from orbit-sim's timeline. Flight
 * software uses it to budget power ahead of eclipses and passes and to gate the radio.
 */
public final class OnboardSchedule {

    private final String satellite;
    private final Instant epoch;
    private final double durationS;
    private final List<ContactWindow> contacts;
    private final double maxContactDurationS;
    private final List<EclipseInterval> eclipses;
    private final LightingProfile lighting;
    private final SunDirectionProfile sun;

    /**
     * @param satellite name of the spacecraft this schedule is for
     * @param epoch     time origin (UTC instant)
     * @param durationS span covered, s (&gt; 0)
     * @param contacts  contact windows (any order; sorted here by AOS)
     * @param eclipses  umbra and penumbra intervals (any order; sorted here by start)
     * @param lighting  lighting ratio over the span
     * @param sun       Sun direction over the span
     */
    public OnboardSchedule(String satellite, Instant epoch, double durationS, List<ContactWindow> contacts,
                           List<EclipseInterval> eclipses, LightingProfile lighting, SunDirectionProfile sun) {
        this.satellite = Objects.requireNonNull(satellite, "satellite");
        this.epoch = Objects.requireNonNull(epoch, "epoch");
        if (!(durationS > 0)) {
            throw new IllegalArgumentException("schedule " + satellite + ": durationS " + durationS + " must be > 0");
        }
        this.durationS = durationS;
        List<ContactWindow> c = new ArrayList<>(contacts);
        c.sort(Comparator.comparingDouble(ContactWindow::aosS));
        this.contacts = List.copyOf(c);
        this.maxContactDurationS = c.stream().mapToDouble(ContactWindow::durationS).max().orElse(0.0);
        List<EclipseInterval> e = new ArrayList<>(eclipses);
        e.sort(Comparator.comparingDouble(EclipseInterval::startS));
        this.eclipses = List.copyOf(e);
        this.lighting = Objects.requireNonNull(lighting, "lighting");
        this.sun = Objects.requireNonNull(sun, "sun");
    }

    public String satellite() {
        return satellite;
    }

    /** @return time origin of every {@code ...S} field */
    public Instant epoch() {
        return epoch;
    }

    /** @return span covered, s */
    public double durationS() {
        return durationS;
    }

    /** @return contact windows sorted by AOS */
    public List<ContactWindow> contacts() {
        return contacts;
    }

    /** @return eclipse intervals (both kinds) sorted by start */
    public List<EclipseInterval> eclipses() {
        return eclipses;
    }

    public LightingProfile lighting() {
        return lighting;
    }

    public SunDirectionProfile sun() {
        return sun;
    }

    /** @return lighting ratio in [0, 1] at {@code tS} */
    public double lightingRatioAt(double tS) {
        return lighting.ratioAt(tS);
    }

    /** @return the contact window containing {@code tS}, if any (the earliest-starting one if passes overlap) */
    public Optional<ContactWindow> contactAt(double tS) {
        // Windows are sorted by AOS; only windows starting within the longest pass before tS can hold it.
        ContactWindow found = null;
        for (int k = firstAosAfter(tS) - 1; k >= 0 && contacts.get(k).aosS() >= tS - maxContactDurationS; k--) {
            if (contacts.get(k).contains(tS)) {
                found = contacts.get(k);
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return true if some contact window contains {@code tS} */
    public boolean inContact(double tS) {
        return contactAt(tS).isPresent();
    }

    /** @return the first contact window whose AOS is at or after {@code tS}, if any */
    public Optional<ContactWindow> nextContactAfter(double tS) {
        int lo = 0;
        int hi = contacts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (contacts.get(mid).aosS() < tS) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < contacts.size() ? Optional.of(contacts.get(lo)) : Optional.empty();
    }

    /** @return the first eclipse interval of {@code kind} starting at or after {@code tS}, if any */
    public Optional<EclipseInterval> nextEclipseAfter(double tS, EclipseInterval.Kind kind) {
        for (EclipseInterval e : eclipses) {
            if (e.kind() == kind && e.startS() >= tS) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** @return index of the first contact whose AOS is strictly after {@code tS} */
    private int firstAosAfter(double tS) {
        int lo = 0;
        int hi = contacts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (contacts.get(mid).aosS() <= tS) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

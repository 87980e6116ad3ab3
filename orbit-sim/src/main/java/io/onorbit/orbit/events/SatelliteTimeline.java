package io.onorbit.orbit.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything orbit-sim predicts for one satellite over a span: passes, eclipses, lighting ratio,
 * beta angle and (optionally) the Sun direction in the local orbital frame. Times are s since
 * {@link #epoch()}.
 *
 * @param satellite      satellite name
 * @param epoch          start of the span (UTC)
 * @param durationS      span length, s
 * @param passes         passes over every station, sorted by AOS
 * @param eclipses       umbra and penumbra intervals, sorted by start
 * @param lighting       lighting ratio samples (the curve through them is flight-sw's)
 * @param betaTimesS     times of the beta-angle samples, s
 * @param betaDeg        beta angle (Sun elevation above the orbit plane) at those times, deg
 * @param sunDirection   Sun direction samples, or null when not asked for
 * @param samples        number of exact propagator evaluations used (for benchmarks)
 */
public record SatelliteTimeline(String satellite, Instant epoch, double durationS, List<Pass> passes,
                                List<Eclipse> eclipses, LightingSamples lighting, double[] betaTimesS, double[] betaDeg,
                                SunDirectionSamples sunDirection, long samples) {

    public SatelliteTimeline {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(epoch, "epoch");
        passes = List.copyOf(passes);
        eclipses = List.copyOf(eclipses);
    }

    /** @return eclipses of one kind */
    public List<Eclipse> eclipses(ShadowKind kind) {
        return eclipses.stream().filter(e -> e.kind() == kind).toList();
    }

    /** @return passes over one station */
    public List<Pass> passes(String station) {
        return passes.stream().filter(p -> p.station().equals(station)).toList();
    }

    /** @return smallest beta angle over the span, deg */
    public double minBetaDeg() {
        double m = Double.POSITIVE_INFINITY;
        for (double b : betaDeg) {
            m = Math.min(m, b);
        }
        return m;
    }

    /** @return largest beta angle over the span, deg */
    public double maxBetaDeg() {
        double m = Double.NEGATIVE_INFINITY;
        for (double b : betaDeg) {
            m = Math.max(m, b);
        }
        return m;
    }
}

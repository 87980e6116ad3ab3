package io.onorbit.orbit.events;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.orekit.frames.Frame;
import org.orekit.propagation.Propagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.TimeStampedPVCoordinates;

/**
 * A satellite's position and velocity sampled on a regular grid from the span start, in one frame,
 * for ephemeris exports (CCSDS OEM, CZML).
 *
 * @param satellite satellite name
 * @param frame     frame of the states
 * @param stepS     grid spacing, s
 * @param states    the samples, every {@code stepS} from the start, and at the end
 */
public record EphemerisSamples(String satellite, Frame frame, double stepS, List<TimeStampedPVCoordinates> states) {

    public EphemerisSamples {
        Objects.requireNonNull(satellite, "satellite");
        Objects.requireNonNull(frame, "frame");
        states = List.copyOf(states);
    }

    /**
     * Samples the satellite's own propagator (the one planning uses).
     *
     * @param stepS grid spacing, s (&gt; 0)
     * @return states at 0, stepS, 2 stepS, ... and at {@code durationS}
     */
    public static EphemerisSamples sample(OrbitContext context, SatelliteSpec satellite, Instant start, double durationS,
                                          double stepS, Frame frame) {
        if (!(stepS > 0) || !(durationS > 0)) {
            throw new IllegalArgumentException("stepS " + stepS + " and durationS " + durationS + " must be > 0");
        }
        Propagator p = satellite.orbit().propagator(context);
        AbsoluteDate epoch = new AbsoluteDate(start, context.utc());
        List<TimeStampedPVCoordinates> out = new ArrayList<>();
        long n = (long) Math.floor(durationS / stepS);
        for (long i = 0; i <= n; i++) {
            out.add(p.getPVCoordinates(epoch.shiftedBy(i * stepS), frame));
        }
        if (n * stepS < durationS - 1e-6) {
            out.add(p.getPVCoordinates(epoch.shiftedBy(durationS), frame));
        }
        return new EphemerisSamples(satellite.name(), frame, stepS, out);
    }
}

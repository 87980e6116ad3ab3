package io.onorbit.flight.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ContactWindow writes out its equals and hashCode; they must stay what the JDK generates for a
 * record with the same components (java.lang.Record: primitives compared with their wrapper's
 * {@code compare}), which a local record here provides as the reference.
 */
class ContactWindowTest {

    /** The same components, with the JDK's generated equals and hashCode. */
    private record Reference(String station, double aosS, double losS, double maxElevationDeg,
                             double downlinkBps, double uplinkBps) {
        ContactWindow window() {
            return new ContactWindow(station, aosS, losS, maxElevationDeg, downlinkBps, uplinkBps);
        }
    }

    /** A pass, each component changed alone, and the doubles' corner cases (signed zero, NaN). */
    private static List<Reference> variants() {
        List<Reference> r = new ArrayList<>();
        r.add(new Reference("svalbard", 100.0, 700.0, 42.5, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 100.0, 700.0, 42.5, 1.0e6, 6.4e4)); // equal to the first, another object
        r.add(new Reference("weilheim", 100.0, 700.0, 42.5, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 100.5, 700.0, 42.5, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 100.0, 700.5, 42.5, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 100.0, 700.0, 42.0, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 100.0, 700.0, 42.5, 2.0e6, 6.4e4));
        r.add(new Reference("svalbard", 100.0, 700.0, 42.5, 1.0e6, 0.0));
        r.add(new Reference("svalbard", -0.0, 700.0, 42.5, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 0.0, 700.0, 42.5, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 0.0, 700.0, Double.NaN, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 0.0, 700.0, Double.NaN, 1.0e6, 6.4e4));
        r.add(new Reference("svalbard", 0.0, 700.0, -0.0, 0.0, 0.0));
        r.add(new Reference("svalbard", 0.0, 700.0, 0.0, 0.0, 0.0));
        return r;
    }

    @Test
    void equalityIsTheRecordsOnEveryPair() {
        List<Reference> v = variants();
        for (Reference a : v) {
            for (Reference b : v) {
                assertThat(a.window().equals(b.window())).as("%s vs %s", a, b).isEqualTo(a.equals(b));
            }
            assertThat(a.window().equals(null)).isFalse();
            assertThat(a.window().equals(a)).as("another type").isFalse();
        }
        // the corner cases the record rule decides: -0.0 differs from 0.0, NaN equals NaN
        assertThat(v.get(8).window()).isNotEqualTo(v.get(9).window());
        assertThat(v.get(10).window()).isEqualTo(v.get(11).window());
    }

    @Test
    void hashIsTheRecordsSoMapsKeepTheirOrder() {
        for (Reference a : variants()) {
            assertThat(a.window().hashCode()).as("%s", a).isEqualTo(a.hashCode());
        }
    }
}

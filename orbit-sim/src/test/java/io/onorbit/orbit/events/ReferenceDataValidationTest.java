package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.KeplerianSpec;
import io.onorbit.orbit.spec.PropagatorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The file-free context (analytical Sun with perihelion advance, zero EOP, leap seconds in code)
 * against a full orekit-data set (DE430 Sun, IERS C04 EOP) over 7 days from 2023-03-01, on a 550 km
 * sun-synchronous orbit over three stations: eclipse entry/exit within 0.2 s, AOS/LOS within
 * 0.05 s. Skipped only where the shared reference folder is absent.
 */
class ReferenceDataValidationTest {

    static Path referenceFolder() {
        String root = System.getProperty("onorbit.repo.root", ".");
        return Path.of(root).resolve("../shared/reference-data/orekit-2023").normalize();
    }

    @Test
    void fileFreeMatchesFullDataWithinTolerances() {
        Path folder = referenceFolder();
        assumeTrue(Files.isDirectory(folder), "reference data not found at " + folder);
        Instant start = Instant.parse("2023-03-01T00:00:00Z");
        List<GroundStation> stations = List.of(
                new GroundStation("svalbard", 78.229, 15.389, 500, 5, null),
                new GroundStation("weilheim", 47.881, 11.078, 660, 5, null),
                new GroundStation("malindi", -2.996, 40.195, 12, 10, null));
        KeplerianSpec orbit = new KeplerianSpec(start, 6_928_137, 0.0001, 97.593, 340, 90, 0,
                PropagatorKind.ECKSTEIN_HECHLER);
        double span = 7 * 86400;
        OrbitContext free = OrbitContext.fileFree();
        OrbitContext full = OrbitContext.fromFolder(folder);
        SatelliteTimeline a = new FastEventFinder(free, stations, FastEventFinder.Options.defaults())
                .find("sso", orbit.propagator(free), start, span, null);
        SatelliteTimeline b = new FastEventFinder(full, stations, FastEventFinder.Options.defaults())
                .find("sso", orbit.propagator(full), start, span, null);

        assertThat(a.eclipses()).hasSameSizeAs(b.eclipses()).hasSizeGreaterThan(100);
        double worstEclipse = 0;
        for (int i = 0; i < a.eclipses().size(); i++) {
            Eclipse x = a.eclipses().get(i);
            Eclipse y = b.eclipses().get(i);
            assertThat(x.kind()).isEqualTo(y.kind());
            if (!x.startCut()) {
                worstEclipse = Math.max(worstEclipse, Math.abs(x.startS() - y.startS()));
            }
            if (!x.endCut()) {
                worstEclipse = Math.max(worstEclipse, Math.abs(x.endS() - y.endS()));
            }
        }
        assertThat(worstEclipse).as("worst eclipse entry/exit difference, s").isLessThan(0.2);

        assertThat(a.passes()).hasSameSizeAs(b.passes()).hasSizeGreaterThan(50);
        double worstPass = 0;
        for (int i = 0; i < a.passes().size(); i++) {
            Pass x = a.passes().get(i);
            Pass y = b.passes().get(i);
            assertThat(x.station()).isEqualTo(y.station());
            worstPass = Math.max(worstPass, Math.max(Math.abs(x.aosS() - y.aosS()), Math.abs(x.losS() - y.losS())));
        }
        assertThat(worstPass).as("worst AOS/LOS difference, s").isLessThan(0.05);
        System.out.printf("reference-data validation: worst eclipse %.4f s, worst AOS/LOS %.4f s%n", worstEclipse, worstPass);
    }
}

package io.onorbit.verification.bench;

import java.util.Locale;

/**
 * The mission files the constellation benchmarks (and the report tests) generate: a Walker
 * constellation at 600 km and 53 deg over three stations far apart in latitude (Svalbard,
 * Hartebeesthoek, Fairbanks). One text, so that the scaling figures of different benchmarks describe
 * the same constellation.
 */
public final class WalkerMissions {

    /** The three stations, as the {@code ground_stations} section of a mission file. */
    public static final String THREE_STATIONS = """
            ground_stations:
              - name: svalbard
                latitude_deg: 78.229
                longitude_deg: 15.389
                altitude_m: 500
              - name: hartebeesthoek
                latitude_deg: -25.887
                longitude_deg: 27.707
                altitude_m: 1415
              - name: fairbanks
                latitude_deg: 64.859
                longitude_deg: -147.850
                altitude_m: 200
            """;

    private WalkerMissions() {
    }

    /**
     * @param satellites    satellites in all (&ge; 1)
     * @param durationS     mission span, s (&gt; 0)
     * @param seed          the mission's seed
     * @return the mission file's text: about ten satellites per plane, the fewest planes that divide
     *         {@code satellites}, phasing 1 when there is more than one plane
     */
    public static String walker(int satellites, long durationS, long seed) {
        int planes = Math.max(1, (satellites + 9) / 10);
        while (satellites % planes != 0) {
            planes++;
        }
        return String.format(Locale.ROOT, """
                mission: walker-%d
                start: 2026-06-21T00:00:00Z
                duration: PT%dS
                seed: %d
                satellites:
                  - name: leo
                    altitude_km: 600
                    inclination_deg: 53
                    raan_deg: 0
                    true_anomaly_deg: 0
                    walker:
                      total: %d
                      planes: %d
                      phasing: %d
                """, satellites, durationS, seed, satellites, planes, planes > 1 ? 1 : 0) + THREE_STATIONS;
    }
}

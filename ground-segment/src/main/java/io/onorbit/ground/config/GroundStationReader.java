package io.onorbit.ground.config;

import io.onorbit.orbit.spec.ElevationMaskSpec;
import io.onorbit.orbit.spec.GroundStation;
import java.util.List;
import java.util.Set;

/**
 * Reads one {@code ground_stations[i]} entry: position, minimum elevation, an optional
 * azimuth-dependent {@code elevation_mask} (list of [azimuth_deg, elevation_deg] pairs) for
 * orbit-sim, and link rates in bit/s for the ground ({@link StationLink}).
 */
final class GroundStationReader {

    static final Set<String> KEYS = Set.of("name", "latitude_deg", "longitude_deg", "altitude_m", "min_elevation_deg",
            "elevation_mask", "downlink_bps", "uplink_bps");
    /** Default minimum elevation, deg. */
    static final double DEFAULT_MIN_ELEVATION_DEG = 5.0;

    private GroundStationReader() {
    }

    /** A station as orbit-sim sees it and its radio's rates, read from one entry. */
    record Entry(GroundStation station, StationLink link) {
    }

    static Entry read(ConfigNode n) {
        n.allowOnly(KEYS);
        String name = n.string("name").trim();
        if (name.isEmpty()) {
            throw n.error("name", "must not be empty");
        }
        double lat = n.number("latitude_deg", -90, 90);
        double lon = n.number("longitude_deg", -180, 360);
        double alt = n.number("altitude_m", 0.0, -500, 10_000);
        double minEl = n.number("min_elevation_deg", DEFAULT_MIN_ELEVATION_DEG, 0, 89);
        ElevationMaskSpec mask = n.has("elevation_mask") ? mask(n.required("elevation_mask")) : null;
        if (mask != null && n.has("min_elevation_deg")) {
            throw n.error("min_elevation_deg", "cannot be combined with elevation_mask (the mask gives the minimum)");
        }
        double down = n.number("downlink_bps", StationLink.DEFAULT_DOWNLINK_BPS, 0, 1.0e12);
        double up = n.number("uplink_bps", StationLink.DEFAULT_UPLINK_BPS, 0, 1.0e12);
        return new Entry(new GroundStation(name, lat, lon, alt, minEl, mask), new StationLink(name, down, up));
    }

    private static ElevationMaskSpec mask(ConfigNode m) {
        List<ConfigNode> points = m.elements();
        if (points.size() < 2) {
            throw m.error("needs at least 2 [azimuth_deg, elevation_deg] points");
        }
        double[] az = new double[points.size()];
        double[] el = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            ConfigNode p = points.get(i);
            if (!p.raw().isArray() || p.raw().size() != 2 || !p.raw().get(0).isNumber() || !p.raw().get(1).isNumber()) {
                throw p.error("must be a pair [azimuth_deg, elevation_deg]");
            }
            az[i] = p.raw().get(0).asDouble();
            el[i] = p.raw().get(1).asDouble();
            if (!(az[i] >= 0 && az[i] < 360)) {
                throw p.error("azimuth " + ConfigNodeFormat.number(az[i]) + " is outside [0, 360)");
            }
            if (!(el[i] >= 0 && el[i] <= 89)) {
                throw p.error("elevation " + ConfigNodeFormat.number(el[i]) + " is outside [0, 89]");
            }
            if (i > 0 && !(az[i] > az[i - 1])) {
                throw p.error("azimuths must increase (" + ConfigNodeFormat.number(az[i]) + " after "
                        + ConfigNodeFormat.number(az[i - 1]) + ")");
            }
        }
        return new ElevationMaskSpec(az, el);
    }
}

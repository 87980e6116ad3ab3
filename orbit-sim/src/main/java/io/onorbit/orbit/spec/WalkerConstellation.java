package io.onorbit.orbit.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Walker-delta constellation i:t/p/f: {@code total} satellites in {@code planes} equally spaced
 * planes (RAAN step 360/p deg), equally spaced in each plane, adjacent planes offset in anomaly by
 * {@code phasing * 360 / total} deg. Every satellite copies the template's other elements.
 *
 * @param namePrefix satellites are named prefix-1 .. prefix-t, plane by plane
 * @param total      t, number of satellites (&ge; 1)
 * @param planes     p, number of planes (divides t)
 * @param phasing    f, relative phasing in [0, p-1]
 * @param template   elements of the first satellite (plane 0, slot 0)
 */
public record WalkerConstellation(String namePrefix, int total, int planes, int phasing, KeplerianSpec template) {

    public WalkerConstellation {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(template, "template");
        if (total < 1) {
            throw new IllegalArgumentException("total " + total + " must be at least 1");
        }
        if (planes < 1 || total % planes != 0) {
            throw new IllegalArgumentException("planes " + planes + " must divide total " + total);
        }
        if (phasing < 0 || phasing >= planes) {
            throw new IllegalArgumentException("phasing " + phasing + " is outside [0, " + (planes - 1) + "]");
        }
    }

    /** @return the satellites, plane by plane */
    public List<SatelliteSpec> satellites() {
        int perPlane = total / planes;
        List<SatelliteSpec> out = new ArrayList<>(total);
        for (int p = 0; p < planes; p++) {
            for (int s = 0; s < perPlane; s++) {
                double raan = template.raanDeg() + p * 360.0 / planes;
                double anomaly = template.trueAnomalyDeg() + s * 360.0 / perPlane + p * phasing * 360.0 / total;
                out.add(new SatelliteSpec(namePrefix + "-" + (out.size() + 1),
                        template.withRaanAndAnomaly(normalize(raan), normalize(anomaly))));
            }
        }
        return out;
    }

    private static double normalize(double deg) {
        double d = deg % 360.0;
        return d < 0 ? d + 360.0 : d;
    }
}

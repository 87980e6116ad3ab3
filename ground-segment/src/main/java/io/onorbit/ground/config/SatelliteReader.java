package io.onorbit.ground.config;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.CcsdsSpec;
import io.onorbit.orbit.spec.KeplerianSpec;
import io.onorbit.orbit.spec.OrbitSpec;
import io.onorbit.orbit.spec.PropagatorKind;
import io.onorbit.orbit.spec.SatelliteSpec;
import io.onorbit.orbit.spec.TleSpec;
import io.onorbit.orbit.spec.WalkerConstellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orekit.utils.Constants;

/**
 * Reads one {@code satellites[i]} entry. The orbit is given by exactly one of: {@code tle} (two
 * lines), Keplerian elements ({@code altitude_km} or {@code semi_major_axis_km} and
 * {@code inclination_deg}, ...), {@code opm} or {@code omm} (a CCSDS file, relative to the
 * mission file). {@code walker} turns Keplerian elements into a Walker-delta constellation whose
 * satellites are named {@code name-1 .. name-t}.
 */
final class SatelliteReader {

    static final Set<String> KEYS = Set.of("name", "tle", "opm", "omm", "epoch", "altitude_km", "semi_major_axis_km",
            "eccentricity", "inclination_deg", "raan_deg", "arg_of_perigee_deg", "true_anomaly_deg", "propagator",
            "walker");
    static final Set<String> KEPLERIAN_KEYS = Set.of("epoch", "altitude_km", "semi_major_axis_km", "eccentricity",
            "inclination_deg", "raan_deg", "arg_of_perigee_deg", "true_anomaly_deg");
    static final Set<String> WALKER_KEYS = Set.of("total", "planes", "phasing");
    private static final Map<String, PropagatorKind> PROPAGATORS = Map.of("eckstein-hechler",
            PropagatorKind.ECKSTEIN_HECHLER, "numerical-j2", PropagatorKind.NUMERICAL_J2, "keplerian",
            PropagatorKind.KEPLERIAN);
    private static final double EARTH_RADIUS_KM = Constants.WGS84_EARTH_EQUATORIAL_RADIUS / 1000.0;

    private SatelliteReader() {
    }

    static List<SatelliteSpec> read(ConfigNode n, Instant missionStart, Path folder) {
        n.allowOnly(KEYS);
        String name = n.string("name").trim();
        if (name.isEmpty()) {
            throw n.error("name", "must not be empty");
        }
        List<String> sources = new ArrayList<>();
        for (String k : List.of("tle", "opm", "omm")) {
            if (n.has(k)) {
                sources.add(k);
            }
        }
        boolean keplerian = n.has("altitude_km") || n.has("semi_major_axis_km") || n.has("inclination_deg");
        if (keplerian) {
            sources.add("keplerian elements");
        }
        if (sources.size() != 1) {
            throw n.error(sources.isEmpty()
                    ? "no orbit: give tle, opm, omm, or Keplerian elements (altitude_km, inclination_deg, ...)"
                    : "give only one orbit, found " + String.join(" and ", sources));
        }
        String source = sources.get(0);
        if (!keplerian) {
            for (String k : KEPLERIAN_KEYS) {
                if (n.has(k)) {
                    throw n.error(k, "cannot be combined with " + source);
                }
            }
            if (n.has("walker")) {
                throw n.error("walker", "needs Keplerian elements, not " + source);
            }
        }
        PropagatorKind kind = PROPAGATORS.get(n.choice("propagator", "eckstein-hechler", PROPAGATORS.keySet()));
        if ("tle".equals(source) && n.has("propagator")) {
            throw n.error("propagator", "a TLE is always propagated with SGP4");
        }
        OrbitSpec orbit;
        switch (source) {
            case "tle":
                orbit = tle(n.required("tle"));
                break;
            case "opm":
            case "omm":
                orbit = ccsds(n, source, folder, kind);
                break;
            default:
                KeplerianSpec k = keplerian(n, missionStart, kind);
                if (n.has("walker")) {
                    return walker(n.required("walker"), name, k).satellites();
                }
                orbit = k;
        }
        return List.of(new SatelliteSpec(name, orbit));
    }

    private static TleSpec tle(ConfigNode t) {
        List<ConfigNode> lines = t.elements();
        if (lines.size() != 2) {
            throw t.error("must be a list of the two TLE lines, found " + lines.size());
        }
        String l1 = lines.get(0).asText().strip();
        String l2 = lines.get(1).asText().strip();
        String problem = TleSpec.problem(l1, l2);
        if (problem != null) {
            throw t.error(problem);
        }
        return new TleSpec(l1, l2);
    }

    private static CcsdsSpec ccsds(ConfigNode n, String key, Path folder, PropagatorKind kind) {
        String text = n.string(key);
        Path p = folder == null ? Path.of(text) : folder.resolve(text);
        if (!Files.isRegularFile(p)) {
            throw n.error(key, "file '" + text + "' not found (looked in " + (folder == null ? "." : folder) + ")");
        }
        CcsdsSpec spec = new CcsdsSpec(p, "opm".equals(key) ? CcsdsSpec.Message.OPM : CcsdsSpec.Message.OMM, kind);
        try {
            // Parse once now so a bad file is reported at load time, not in the middle of a run.
            spec.propagator(OrbitContext.fileFree());
        } catch (RuntimeException e) {
            throw n.error(key, "cannot read '" + text + "' as a CCSDS " + key.toUpperCase(java.util.Locale.ROOT)
                    + ": " + firstLine(e.getMessage()));
        }
        return spec;
    }

    private static KeplerianSpec keplerian(ConfigNode n, Instant missionStart, PropagatorKind kind) {
        if (n.has("altitude_km") == n.has("semi_major_axis_km")) {
            throw n.error("give exactly one of altitude_km and semi_major_axis_km");
        }
        double aKm = n.has("altitude_km") ? EARTH_RADIUS_KM + n.number("altitude_km", 100, 100_000)
                : n.number("semi_major_axis_km", EARTH_RADIUS_KM + 100, EARTH_RADIUS_KM + 100_000);
        double e = n.number("eccentricity", 0.0, 0.0, 0.99);
        if (aKm * (1 - e) < EARTH_RADIUS_KM + 100) {
            throw n.error("eccentricity", ConfigNodeFormat.number(e) + " puts the perigee below 100 km altitude");
        }
        if (kind == PropagatorKind.ECKSTEIN_HECHLER && e > KeplerianSpec.MAX_ECKSTEIN_HECHLER_ECCENTRICITY) {
            throw n.error("eccentricity", ConfigNodeFormat.number(e)
                    + " is too large for the Eckstein-Hechler propagator (at most 0.1); set propagator: numerical-j2");
        }
        double i = n.number("inclination_deg", 0, 180);
        if (kind == PropagatorKind.ECKSTEIN_HECHLER) {
            KeplerianSpec.ecksteinHechlerInclinationProblem(i).ifPresent(p -> {
                throw n.error("inclination_deg", ConfigNodeFormat.number(i) + " " + p);
            });
        }
        double raan = n.number("raan_deg", 0.0, -360, 360);
        double argp = n.number("arg_of_perigee_deg", 0.0, -360, 360);
        double nu = n.number("true_anomaly_deg", 0.0, -360, 360);
        Instant epoch = n.has("epoch") ? n.instant("epoch") : missionStart;
        return new KeplerianSpec(epoch, aKm * 1000.0, e, i, raan, argp, nu, kind);
    }

    private static WalkerConstellation walker(ConfigNode w, String name, KeplerianSpec template) {
        w.allowOnly(WALKER_KEYS);
        int total = (int) w.integer("total", 1, 10_000);
        int planes = (int) w.integer("planes", 1, total);
        if (total % planes != 0) {
            throw w.error("planes", planes + " does not divide total " + total);
        }
        int phasing = (int) w.integer("phasing", 0, 0, planes - 1);
        return new WalkerConstellation(name, total, planes, phasing, template);
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse("unreadable");
    }
}

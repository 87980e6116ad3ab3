package io.onorbit.orbit.spec;

import java.util.Objects;

/**
 * A named satellite and its orbit.
 *
 * @param name  unique name within the mission
 * @param orbit how its orbit is given
 */
public record SatelliteSpec(String name, OrbitSpec orbit) {
    public SatelliteSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orbit, "orbit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("satellite name must not be blank");
        }
    }
}

package io.onorbit.orbit.events;

/**
 * Unit Sun direction in the satellite's local orbital frame QSW (x radial outward, y along-track,
 * z orbit normal), sampled every {@code stepS} from the epoch, and the mean Sun distance.
 *
 * @param stepS         sample spacing, s
 * @param x             radial components
 * @param y             along-track components
 * @param z             orbit-normal components
 * @param sunDistanceAu mean Sun distance over the span, AU
 */
public record SunDirectionSamples(double stepS, float[] x, float[] y, float[] z, double sunDistanceAu) {
}

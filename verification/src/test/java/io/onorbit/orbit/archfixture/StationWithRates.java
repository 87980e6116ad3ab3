package io.onorbit.orbit.archfixture;

/** Architecture-test fixture: an orbit-sim class carrying a link rate (forbidden). Not production code. */
public record StationWithRates(String name, double downlinkBps) {
}

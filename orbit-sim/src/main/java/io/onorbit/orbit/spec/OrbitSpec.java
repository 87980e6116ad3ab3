package io.onorbit.orbit.spec;

import io.onorbit.orbit.context.OrbitContext;
import org.orekit.propagation.Propagator;

/**
 * How a satellite's orbit is given: a TLE, Keplerian elements, or a CCSDS OPM/OMM file. A Walker
 * constellation expands into one {@link KeplerianSpec} per satellite.
 */
public sealed interface OrbitSpec permits TleSpec, KeplerianSpec, CcsdsSpec {

    /**
     * @param context the Orekit context (frames, time scales) to build against
     * @return a new propagator (propagators are not thread-safe: one per thread)
     */
    Propagator propagator(OrbitContext context);

    /** @return one line for reports, e.g. "TLE 99901" or "Keplerian a=6928 km i=97.6 deg" */
    String describe();
}

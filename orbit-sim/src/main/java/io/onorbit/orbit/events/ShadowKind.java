package io.onorbit.orbit.events;

/** Which part of the Earth's shadow. */
public enum ShadowKind {
    /** Any part of the Sun hidden (the interval contains the umbra). */
    PENUMBRA,
    /** All of the Sun hidden. */
    UMBRA
}

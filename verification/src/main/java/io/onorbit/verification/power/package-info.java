/**
 * The mission designer's power view ({@code onorbit power}): one satellite's budget over its
 * schedule under the training envelope, split per orbit, with the oracle's training energy for
 * the harvest ratio, and each training payload engine ({@code flight.payload}: the mission's
 * own, then the other engine's defaults) run on its own budget with what it really draws:
 * {@link io.onorbit.verification.power.PayloadPower} duty, energy, lowest state of charge and
 * floor violations. Energies in Wh, times in s, state of charge as a fraction of capacity.
 * The step simulation itself lives in {@code io.onorbit.flight.power}; this package only runs and
 * summarizes it.
 */
package io.onorbit.verification.power;

/**
 * Soak runs: the closed loop with seeded fault injection and invariants checked at every step of
 * every satellite.
 *
 * <p><b>Faults</b> ({@link io.onorbit.verification.soak.FaultPlan}, {@code all} rates per satellite):
 * flight-computer resets (1/day, 60 s reboot; the learner and the data path restart from what
 * they persisted), brownouts (0.5/day, 1 Wh drawn at once; the power system's protection decides),
 * battery capacity faults (0.02/day, 3% of capacity lost for good), missed passes (p = 0.1),
 * bit errors (BER 1e-5 both ways), corrupted packets (p = 0.005), corrupted storage files
 * (0.5/day; one file of the flight storage has a byte flipped or is truncated) and clock jumps
 * (0.3/day, uniform within +-120 s; the ground's time beacon corrects the clock on the next
 * carrier lock). Timed faults are Poisson arrivals drawn every step from the satellite's own
 * stream, so the same seed gives the same faults whatever stages are present.
 *
 * <p><b>Invariants</b> ({@link io.onorbit.verification.soak.Invariants}): state of charge never
 * under the floor; optimizer power never above the envelope; nothing transmitted outside a true
 * contact window and at most rate x time; every delta generated delivered exactly once or still
 * queued (a delta the queue reports corrupted after an injected storage fault is counted as
 * {@code lost}, detected; a silent loss or a duplicate is a violation); CCSDS sequence counts
 * advancing per APID and uplink command counters strictly increasing; trainer memory within its
 * budget; no exception out of any stage. Facts are taken from outside the part under test where
 * possible (headers parsed from the standard's bit layout, optimizer power recorded at the
 * optimizer interface, bytes counted on the wire).
 *
 * <p><b>Survival</b>: a fault is survived if no invariant breaks on its satellite within one
 * simulated day after it.
 */
package io.onorbit.verification.soak;

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
 * carrier lock) and an attacker on the uplink (1 command per pass with uplink on average:
 * forged, replayed or reordered signed updates, and as many forged or played-back time beacons,
 * {@link io.onorbit.verification.soak.UplinkAttacker}). Timed faults are Poisson arrivals drawn every step from the satellite's own
 * stream, so the same seed gives the same faults whatever stages are present.
 *
 * <p><b>Invariants</b> ({@link io.onorbit.verification.soak.Invariants}), judged against the truth,
 * not the spacecraft's view: state of charge never under the floor under the real draw (the
 * battery model's protection cuts loads at the floor, so the crossing is judged on the charge the
 * cell would have had serving them) and no demand refused; optimizer power never above the
 * envelope; the radio keyed only inside a contact window of the true orbit, in true time (not the
 * flight clock), and at most rate x time; every delta generated archived on the ground exactly
 * once or still queued: delivery is read back from the ground archive after each synchronization
 * ({@link io.onorbit.verification.soak.ArchiveAudit}), a delta that left the queue and is not in
 * the archive by then is a silent loss, one archived twice a duplicate (a delta the queue reports
 * corrupted after an injected storage fault is counted as {@code lost}, detected); CCSDS sequence
 * counts advancing per APID; only genuine uplink commands applied (counters strictly increasing
 * across resets, each counter signed by the ground for that version, the parameters installed
 * equal to the published version; every time beacon that set the clock sent by the ground, later
 * than the ones accepted before and at most 600 s old in true time); trainer memory within its budget; no exception out of any
 * stage; every global version the ground archive says was published applied on board (it, or a
 * newer one) within {@value io.onorbit.verification.soak.Invariants.UpdatesApplied#PASSES} passes
 * with uplink time after its publication, passes counted on the true orbit's contact windows where the ground's
 * uplink could reach the satellite outside the acquisition margins (the radio's rule, as
 * {@code plan} counts uplink bytes: a pass lost by fault or too short for any uplink does not
 * count; one during which the flight computer was rebooting does), its lag reported as
 * {@code updates.max_lag_s}. A soak fails (exit 1) on any violation and on any lost or duplicated
 * delta.
 *
 * <p><b>What the invariants read.</b> The simulator hands each step's truth to the invariants as a
 * {@link io.onorbit.verification.soak.StepState} and keeps the delta books in a
 * {@link io.onorbit.verification.soak.DeltaLedger}; both live here, so the simulator depends on the
 * soak package and never the other way (the architecture test forbids package cycles).
 *
 * <p><b>Survival</b>: a fault is survived if no invariant breaks on its satellite within one
 * simulated day after it.
 */
package io.onorbit.verification.soak;

/**
 * Benchmarks: each a main class printing its result as a ratio against a baseline measured in the
 * same run (never a timed unit test). Figures and commands are recorded in BENCHMARKS.md.
 *
 * <p>{@link io.onorbit.verification.bench.EventDetectionBenchmark}: orbit-sim's fast event finder
 * against Orekit's detectors (1 satellite x 3 stations x 365 days), with the largest event-time
 * difference, then a 12-satellite constellation on one thread and on all cores.
 *
 * <p>Closed loop (BENCHMARKS.md, "Closed loop"):
 * <ul>
 *   <li>single satellite with every available stage: simulated seconds per wall second, against
 *       the bare loop (no stages) over the same schedule and against the 10^6 goal;</li>
 *   <li>12-satellite constellation over 30 days: wall time with all cores against one thread;</li>
 *   <li>heap over a year-long soak: least-squares slope of heap used after GC, sampled between
 *       ground synchronizations after a warm-up, against the mean heap (growth over the run as a
 *       fraction of it), not first-vs-last.</li>
 * </ul>
 */
package io.onorbit.verification.bench;

/**
<<<<<<< HEAD
 * Benchmarks of the closed loop, run with one command (see BENCHMARKS.md, "Closed loop"). Each
 * prints its figure and a ratio against a baseline measured in the same run on the same machine:
 * <ul>
 *   <li>single satellite with every available stage: simulated seconds per wall second, against
 *       the bare loop (no stages) over the same schedule and against the 10^6 goal;</li>
 *   <li>12-satellite constellation over 30 days: wall time with all cores against one thread;</li>
 *   <li>heap over a year-long soak: least-squares slope of heap used after GC, sampled between
 *       ground synchronizations after a warm-up, against the mean heap (growth over the run as a
 *       fraction of it), not first-vs-last.</li>
 * </ul>
 * Timings never live in unit tests.
=======
 * Benchmarks: each a main class printing its result as a ratio against a baseline measured in the
 * same run. Figures and commands are recorded in BENCHMARKS.md.
>>>>>>> main
 */
package io.onorbit.verification.bench;

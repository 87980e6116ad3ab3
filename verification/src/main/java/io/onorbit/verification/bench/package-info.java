/**
 * Benchmarks: each a main class printing its result as a ratio against a baseline measured in the
 * same run (never a timed unit test). Figures and commands are recorded in BENCHMARKS.md.
 *
 * <p>{@link io.onorbit.verification.bench.EventDetectionBenchmark}: orbit-sim's fast event finder
 * against Orekit's detectors (1 satellite x 3 stations x 365 days), with the largest event-time
 * difference, then a 12-satellite constellation on one thread and on all cores.
 */
package io.onorbit.verification.bench;

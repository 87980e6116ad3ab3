/**
 * Benchmarks: each runs a baseline and the real thing in one process and prints their ratio
 * (never a timed unit test). Results and commands are recorded in BENCHMARKS.md.
 *
 * <p>{@link io.onorbit.verification.bench.EventDetectionBenchmark}: orbit-sim's fast event finder
 * against Orekit's detectors (1 satellite x 3 stations x 365 days), with the largest event-time
 * difference, then a 12-satellite constellation on one thread and on all cores.
 */
package io.onorbit.verification.bench;

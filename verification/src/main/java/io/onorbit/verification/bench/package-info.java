/**
 * Benchmarks: each a main class printing its result as a ratio against a baseline measured in the
 * same run. Figures and commands are recorded in BENCHMARKS.md.
 */
package io.onorbit.verification.bench;

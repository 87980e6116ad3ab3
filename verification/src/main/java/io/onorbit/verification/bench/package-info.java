/**
 * Benchmarks: long runs and timings, each runnable with one documented command and printing its
 * result as a ratio against a baseline measured in the same run (see BENCHMARKS.md). Never timed
 * unit tests.
 */
package io.onorbit.verification.bench;

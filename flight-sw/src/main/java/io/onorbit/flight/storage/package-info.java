/**
 * Store-and-forward queue of encoded deltas on the spacecraft's flash (a directory), crash-safe.
 *
 * <p>Every change is one atomic step on disk: a file is written under a temporary name, flushed
 * to the device ({@code fsync}), renamed over its final name (atomic), and the directory is
 * flushed. A restart at any point therefore sees each file either whole or absent; leftover
 * temporary files are deleted. Each entry carries a CRC-32C; an entry that fails it on restart is
 * reported, moved aside ({@code .corrupt}) and skipped, and the rest load. An entry written by a
 * merge names the entries it replaces, and recovery finishes deleting them, so a merge interrupted
 * between its write and its deletes neither loses nor duplicates a delta.
 *
 * <p>Entries are deleted only when the ground acknowledges them ({@link
 * io.onorbit.flight.storage.DeltaQueue#ack}). The queue holds at most {@code capacityBytes} of
 * entries; when a new delta would not fit, it merges deltas of the same satellite and base
 * ({@link io.onorbit.flight.delta.DeltaMerger}) instead of dropping any, and refuses (returning
 * the delta to the caller) only when nothing can be merged. Entries whose transmission has
 * started are marked in flight (persistently) and never merged, so the ground never receives the
 * same content twice under different numbers. File operations go through {@link
 * io.onorbit.flight.storage.FileOps}, which tests replace to simulate a crash after any operation.
 */
package io.onorbit.flight.storage;

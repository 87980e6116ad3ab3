/**
 * Store-and-forward queue of encoded deltas on the spacecraft's flash (a directory), crash-safe.
 *
 * <p>Every change is one atomic step on disk: a file is written under a temporary name, flushed
 * to the device ({@code fsync}), renamed over its final name (atomic), and the directory is
 * flushed. A restart at any point therefore sees each file either whole or absent; leftover
 * temporary files are deleted. Each entry is kept twice ({@code q-<seq>.dlt} and
 * {@code m-<seq>.dlt}, written one after the other, each atomically, and deleted together), and
 * each copy carries a CRC-32C. On restart a copy that fails its check, or is missing (a reset
 * between the two writes or the two deletes), is rewritten from the other, so a single damaged
 * file never loses a delta; only an entry whose both copies fail is reported (lost), moved aside
 * ({@code .corrupt}) and skipped, and the rest load. Both copies count against the queue's
 * capacity: {@code capacityBytes} is the flash the queue may take. An entry written by a
 * merge names the entries it replaces, and recovery finishes deleting them, so a merge interrupted
 * between its write and its deletes neither loses nor duplicates a delta.
 *
 * <p>Entries are deleted only when the ground acknowledges them ({@link
 * io.onorbit.flight.storage.DeltaQueue#ack}). The queue holds at most {@code capacityBytes} of
 * entries; when a new delta would not fit, it merges deltas of the same satellite and base
 * ({@link io.onorbit.flight.delta.DeltaMerger}) instead of dropping any, and refuses (returning
 * the delta to the caller) only when nothing can be merged. Entries whose transmission has
 * started are marked in flight (persistently) and never merged, so the ground never receives the
 * same content twice under different numbers.
 *
 * <p>Sequence numbers are never reused, across resets and damaged files: the next sequence is
 * kept in three CRC-checked counter slots ({@code next-sequence.0..2}) written round-robin, one
 * per reservation. Recovery takes the highest valid slot plus one per damaged slot (a damaged
 * slot held at most one more), and at least one above every sequence named by a queued, in-flight
 * or set-aside entry file; damaged slots are rewritten at once. Ids may skip, never repeat.
 * File operations go through {@link
 * io.onorbit.flight.storage.FileOps}, which tests replace to simulate a crash after any operation.
 */
package io.onorbit.flight.storage;

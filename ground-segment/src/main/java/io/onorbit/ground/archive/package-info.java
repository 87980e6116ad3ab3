/**
 * The ground archive: one embedded SQLite file ({@code archive.db}) holding every downlinked delta
 * (its decoded {@link io.onorbit.flight.learning.model.SparseVector} and the encoded bytes), the passes they came in, operator reviews
 * (the audit trail: who, when, why), global model versions with their lineage (which deltas made
 * each one), ingest rejects with their reason, uplinked commands with their counters, and operator
 * actions ({@link io.onorbit.ground.archive.OperatorAction}: every stored version, every overruled
 * check, with who, when and why as an {@link io.onorbit.ground.archive.Attribution}, single-line text).
 * A clustered federation's archive also records each satellite's cluster and each version's chain:
 * the chains start from the common chain's versions (the launch model), version numbers stay unique
 * and increasing across chains, a version is made from its own cluster's deltas only, and a delta's
 * staleness is counted along its chain ({@link io.onorbit.ground.archive.Archive#versionsSince}).
 *
 * <p>Concurrency: several connections (threads, processes, operators) may write one SQLite
 * archive; every transaction begins IMMEDIATE (the write lock before the first read), waits up to
 * 10 s for a busy database and is retried whole if it stays busy. A rejected delta is approved
 * only with an explicit override, recorded in the same transaction.
 *
 * <p>Assumptions and limits: the schema is versioned ({@code schema_version} table) and
 * {@link io.onorbit.ground.archive.Archive#open} applies missing migrations in order, so an old
 * file upgrades itself; a file newer than the code is refused. Multi-row writes are single
 * transactions (SQLite's rollback journal makes them crash-safe). The SQL is SQLite-flavoured;
 * another JDBC URL (mission file {@code ground.archive_url}) works only with a driver that accepts
 * it. Parameters, sparse indices and values are stored as 4-byte little-endian blobs, times as ISO-8601 UTC text.
 *
 * <p>Use: {@code try (Archive a = Archive.open(Path.of("archive.db"))) { a.storeDelta(...); }}.
 */
package io.onorbit.ground.archive;

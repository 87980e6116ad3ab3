/**
 * The ground archive: one embedded SQLite file ({@code archive.db}) holding every downlinked delta
 * (decoded values + indices and the encoded bytes), the passes they came in, operator reviews
 * (the audit trail: who, when, why), global model versions with their lineage (which deltas made
 * each one), ingest rejects with their reason, and uplinked commands with their counters.
 *
 * <p>Assumptions and limits: the schema is versioned ({@code schema_version} table) and
 * {@link io.onorbit.ground.archive.Archive#open} applies missing migrations in order, so an old
 * file upgrades itself; a file newer than the code is refused. Multi-row writes are single
 * transactions (SQLite's rollback journal makes them crash-safe). The SQL is SQLite-flavoured;
 * another JDBC URL (mission file {@code ground.archive_url}) works only with a driver that accepts
 * it. Parameters are stored as float32 little-endian blobs, times as ISO-8601 UTC text.
 *
 * <p>Use: {@code try (Archive a = Archive.open(Path.of("archive.db"))) { a.storeDelta(...); }}.
 */
package io.onorbit.ground.archive;

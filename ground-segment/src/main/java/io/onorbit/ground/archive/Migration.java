package io.onorbit.ground.archive;

import java.util.List;

/**
 * One schema step: the statements that take the archive from {@code version - 1} to {@code version}.
 *
 * @param version    schema version after this step (1, 2, ...)
 * @param note       what it adds, for people
 * @param statements SQL statements, run in one transaction with the version bump
 */
record Migration(int version, String note, List<String> statements) {

    /** Every migration, in order. Append new ones; never edit a released one. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "deltas, passes, reviews, global versions and lineage, rejects", List.of(
                    """
                    CREATE TABLE passes (
                      satellite TEXT NOT NULL, pass_number INTEGER NOT NULL, station TEXT NOT NULL,
                      first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
                      bytes INTEGER NOT NULL DEFAULT 0, packets INTEGER NOT NULL DEFAULT 0,
                      deltas INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (satellite, pass_number))""",
                    """
                    CREATE TABLE deltas (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      satellite TEXT NOT NULL, pass_number INTEGER NOT NULL, station TEXT NOT NULL,
                      base_version INTEGER NOT NULL, base_digest TEXT NOT NULL, digest TEXT NOT NULL,
                      sample_count INTEGER NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL,
                      dimension INTEGER NOT NULL, nnz INTEGER NOT NULL, bytes INTEGER NOT NULL,
                      norm REAL, flags TEXT NOT NULL, status TEXT NOT NULL,
                      indices BLOB NOT NULL, delta_values BLOB NOT NULL, encoded BLOB NOT NULL,
                      UNIQUE (satellite, digest),
                      FOREIGN KEY (satellite, pass_number) REFERENCES passes (satellite, pass_number))""",
                    """
                    CREATE TABLE reviews (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      delta_id INTEGER NOT NULL REFERENCES deltas (id),
                      decision TEXT NOT NULL, operator TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)""",
                    """
                    CREATE TABLE global_versions (
                      version INTEGER PRIMARY KEY, parent_version INTEGER NOT NULL, rule TEXT NOT NULL,
                      created_at TEXT NOT NULL, digest TEXT NOT NULL, dimension INTEGER NOT NULL,
                      params BLOB NOT NULL)""",
                    """
                    CREATE TABLE lineage (
                      version INTEGER NOT NULL REFERENCES global_versions (version),
                      delta_id INTEGER NOT NULL REFERENCES deltas (id),
                      weight REAL NOT NULL,
                      PRIMARY KEY (version, delta_id))""",
                    """
                    CREATE TABLE rejects (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, satellite TEXT NOT NULL,
                      reason TEXT NOT NULL, detail TEXT NOT NULL, bytes INTEGER NOT NULL)""",
                    "CREATE INDEX deltas_status ON deltas (status)")),
            new Migration(2, "uplinks: per-satellite command counter and what was sent", List.of(
                    """
                    CREATE TABLE uplinks (
                      satellite TEXT NOT NULL, counter INTEGER NOT NULL,
                      from_version INTEGER NOT NULL, to_version INTEGER NOT NULL,
                      bytes INTEGER NOT NULL, created_at TEXT NOT NULL,
                      PRIMARY KEY (satellite, counter))""")),
            new Migration(3, "actions: operator, time and reason of every aggregation and every overruled check", List.of(
                    """
                    CREATE TABLE actions (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, operator TEXT NOT NULL,
                      action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL)""")),
            // The review's norm check reads the recent deltas on one base at every delta received; without an
            // index each read scanned every delta ever archived (blobs included), so a year's ingest grew with
            // the square of its deltas.
            new Migration(4, "index of deltas by base version (the review's recent norms)", List.of(
                    "CREATE INDEX deltas_base_version ON deltas (base_version)")),
            // Clustered federation: each cluster's global versions form a chain of their own from the common
            // chain's versions (the launch model); NULL is the common chain, all an unclustered federation has.
            new Migration(5, "clusters: each satellite's cluster, and the chain each global version belongs to", List.of(
                    "ALTER TABLE global_versions ADD COLUMN cluster TEXT",
                    """
                    CREATE TABLE cluster_members (
                      satellite TEXT PRIMARY KEY, cluster TEXT NOT NULL, assigned_at TEXT NOT NULL)""")));
}

package io.onorbit.ground.archive;

import com.google.common.io.BaseEncoding;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The ground archive: one embedded SQLite file (or any JDBC URL speaking the same SQL) holding
 * deltas, passes, operator reviews, global model versions with their lineage, ingest rejects and
 * uplinks. Opening it applies any missing schema migrations in order. Every write that touches
 * more than one row runs in one transaction, so a crash leaves either all of it or none of it.
 *
 * <p>Thread-safe: the calls on one archive object are serialized (a transaction holds the object
 * until it commits or rolls back, so another thread's statement never joins it), which lets the
 * ground links of several satellites, one thread each, share one archive. A sequence of calls is
 * not atomic unless it runs in one transaction. Several archive objects (threads or
 * processes, e.g. two operators) may write one SQLite archive at once: every transaction starts
 * with {@code BEGIN IMMEDIATE} (it takes the write lock before reading, so a read-modify-write is
 * never based on a stale snapshot), waits up to {@value #BUSY_TIMEOUT_MS} ms for the lock, and a
 * transaction that still finds the database busy is rolled back and retried whole.
 */
public final class Archive implements AutoCloseable {

    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();
    /** How long one statement waits for another connection's lock, ms. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** Whole-transaction attempts when the database stays busy (each after a growing pause). */
    static final int BUSY_ATTEMPTS = 6;

    /**
     * The driver's option that, when on (its default), follows every INSERT with an extra, freshly compiled
     * {@code SELECT last_insert_rowid()} and a regular-expression match of the SQL, so that JDBC's
     * {@code getGeneratedKeys} could answer. The archive never calls it (it asks for the row id itself, on a
     * kept statement, where it needs one), so it is turned off: one compiled query per INSERT (tens of thousands a year)
     * fewer; nothing written changes.
     */
    static final String NO_GENERATED_KEYS = "jdbc.get_generated_keys";

    private final Connection connection;
    private final String url;
    /** Compiled statements by their SQL text, kept for the connection's life (guarded by this). */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** SQL texts whose kept statement is running now (guarded by this). */
    private final Set<String> statementsInUse = new HashSet<>();

    private Archive(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    /**
     * Opens (creating if needed) the archive file and brings its schema up to date.
     *
     * @param file SQLite file; its folder must exist
     * @return the open archive
     */
    public static Archive open(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ArchiveException("archive " + file + ": folder " + parent + " does not exist");
        }
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** How {@link #openExisting} opens an archive. */
    public enum Access {
        /** Reading only: works on a read-only file and never changes it (no migration). */
        READ_ONLY,
        /** Reading and recording (reviews, aggregation); brings an older schema up to date. */
        READ_WRITE
    }

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final List<String> ONORBIT_TABLES = List.of("schema_version", "deltas", "global_versions", "reviews");

    /**
     * Opens an archive that must already exist, for an operator: never creates one (a missing,
     * empty or non-SQLite file is refused before SQLite could turn it into a database), refuses an
     * SQLite file without OnOrbit's tables, and runs SQLite's integrity check, so page-level
     * corruption is reported here rather than as a failure in the middle of a command.
     *
     * @throws ArchiveException with a one-line reason naming the file
     */
    public static Archive openExisting(Path file, Access access) {
        String where = "archive " + file;
        if (!Files.isRegularFile(file)) {
            throw new ArchiveException(where + ": not found (or not a file)");
        }
        byte[] header = new byte[SQLITE_HEADER.length];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(header, 0, header.length);
            if (n == 0) {
                throw new ArchiveException(where + ": not an OnOrbit archive (the file is empty)");
            }
            if (n < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
                throw new ArchiveException(where + ": not an OnOrbit archive (not an SQLite database)");
            }
        } catch (java.io.IOException e) {
            throw new ArchiveException(where + ": cannot read (" + oneLine(e.getMessage()) + ")", e);
        }
        boolean readOnly = access == Access.READ_ONLY;
        if (!readOnly && !Files.isWritable(file)) {
            throw new ArchiveException(where + ": read-only file, cannot record anything in it");
        }
        Connection c = null;
        try {
            c = connect(file, readOnly);
            Archive a = new Archive(c, "jdbc:sqlite:" + file.toAbsolutePath());
            List<String> tables = a.query("SELECT name FROM sqlite_master WHERE type = 'table'", rs -> rs.getString(1));
            if (!tables.containsAll(ONORBIT_TABLES)) {
                throw new ArchiveException(where + ": not an OnOrbit archive (an SQLite database without OnOrbit's tables)");
            }
            List<String> check = a.query("PRAGMA integrity_check", rs -> rs.getString(1));
            if (check.size() != 1 || !"ok".equals(check.get(0))) {
                throw new ArchiveException(where + ": corrupt (integrity check: " + oneLine(check.get(0))
                        + (check.size() > 1 ? ", and " + (check.size() - 1) + " more problems" : "") + ")");
            }
            if (readOnly) {
                int latest = Migration.ALL.get(Migration.ALL.size() - 1).version();
                if (a.schemaVersion() != latest) {
                    throw new ArchiveException(where + ": schema version " + a.schemaVersion() + ", this OnOrbit reads "
                            + latest + (a.schemaVersion() < latest ? " (open it once for writing to upgrade it)" : ""));
                }
            } else {
                a.configure();
                a.migrate(Migration.ALL);
            }
            return a;
        } catch (ArchiveException e) {
            closeQuietly(c);
            if (e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new ArchiveException(where + ": " + corruptOr(e), e);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ArchiveException(where + ": " + corruptOr(e), e);
        }
    }

    /**
     * The SQLite driver's settings for a connection that writes: writers take the lock at BEGIN (a
     * deferred transaction that read first fails with SQLITE_BUSY_SNAPSHOT when another operator
     * committed meanwhile), wait up to {@link #BUSY_TIMEOUT_MS} for it, and no generated-key query follows
     * an INSERT ({@link #NO_GENERATED_KEYS}).
     */
    private static java.util.Properties writerProperties() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("transaction_mode", "IMMEDIATE");
        props.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        props.setProperty(NO_GENERATED_KEYS, "false");
        return props;
    }

    /**
     * A reader must not leave files behind: SQLite's WAL reader creates {@code -wal} and
     * {@code -shm} companions it cannot remove. An archive closed cleanly has no {@code -wal}, so
     * it is opened immutable (nothing created); one with a {@code -wal} (being written, or left by a
     * killed run, holding committed transactions) is opened normally so those are read.
     */
    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        String path = file.toAbsolutePath().toString();
        if (!readOnly) {
            return DriverManager.getConnection("jdbc:sqlite:" + path, writerProperties());
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        boolean walPresent = Files.exists(file.resolveSibling(file.getFileName() + "-wal"));
        return DriverManager.getConnection("jdbc:sqlite:file:" + path + (walPresent ? "?mode=ro" : "?mode=ro&immutable=1"),
                config.toProperties());
    }

    private static String corruptOr(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = oneLine(String.valueOf(root.getMessage()));
        return m.contains("SQLITE_CORRUPT") || m.contains("malformed") || m.contains("SQLITE_NOTADB")
                ? "corrupt (" + m + ")" : "cannot open (" + m + ")";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing with a better reason
            }
        }
    }

    private void configure() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            // WAL: a crash (even of the OS) never leaves a half transaction. NORMAL: a commit is in
            // the WAL file when it returns, so it survives the process being killed (the ground
            // acknowledges a delta right after its commit); only a power loss before the next WAL
            // sync may lose the last commits (FULL would fsync each one, at a cost measured in
            // seconds per run on a loaded disk). Folded back into one file on close.
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
        }
    }

    /**
     * Opens the archive at a JDBC URL (SQLite is bundled; other drivers must be on the class path
     * and accept the SQLite-flavoured SQL of {@link Migration}) and brings its schema up to date.
     */
    public static Archive open(String jdbcUrl) {
        return open(jdbcUrl, Migration.ALL);
    }

    static Archive open(String jdbcUrl, List<Migration> migrations) {
        try {
            java.util.Properties props = jdbcUrl.startsWith("jdbc:sqlite:") ? writerProperties() : new java.util.Properties();
            Connection c = DriverManager.getConnection(jdbcUrl, props);
            Archive a = new Archive(c, jdbcUrl);
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                a.configure();
            }
            a.migrate(migrations);
            return a;
        } catch (SQLException e) {
            throw new ArchiveException("archive " + jdbcUrl + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    /**
     * SQLite's {@code PRAGMA data_version} on this connection: a number that changes whenever another
     * connection (thread or process) commits to the database, and only then (this connection's own
     * commits leave it alone). A reader that follows the archive compares it with the one it saw at
     * its last read: the same number means the database holds exactly what it read then.
     *
     * @return the number, or empty if the archive is not SQLite (no such pragma)
     */
    public java.util.OptionalLong dataVersion() {
        if (!url.startsWith("jdbc:sqlite:")) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(query("PRAGMA data_version", rs -> rs.getLong(1)).get(0));
    }

    /** @return the JDBC URL this archive was opened with */
    public String url() {
        return url;
    }

    /** @return the schema version now in the database */
    public int schemaVersion() {
        return query("SELECT COALESCE(MAX(version), 0) FROM schema_version", rs -> rs.getInt(1)).get(0);
    }

    private void migrate(List<Migration> migrations) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, note TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int current = schemaVersion();
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            if (m.version() != current + 1) {
                throw new ArchiveException("archive " + url + ": migration " + m.version() + " out of order after " + current);
            }
            transaction(tx -> {
                if (schemaVersion() >= m.version()) {
                    return false; // another connection applied it while this one waited for the lock
                }
                try (Statement s = connection.createStatement()) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                }
                update("INSERT INTO schema_version (version, note, applied_at) VALUES (?, ?, ?)",
                        m.version(), m.note(), Instant.now().toString());
                return true;
            });
            current = m.version();
        }
        int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (current > latest) {
            throw new ArchiveException("archive " + url + ": schema version " + current
                    + " is newer than this OnOrbit understands (" + latest + ")");
        }
    }

    // ---------------------------------------------------------------- deltas and passes

    /**
     * Archives a delta (and counts it against its pass) in one transaction.
     *
     * @return the new row id, or empty if the same satellite already sent a delta with this digest
     */
    public Optional<Long> storeDelta(DeltaSubmission d, Set<DeltaFlag> flags, Instant receivedAt) {
        return transaction(tx -> {
            if (containsDelta(d.satellite(), d.digest())) {
                return Optional.<Long>empty();
            }
            upsertPass(d.satellite(), d.passNumber(), d.station(), receivedAt, 0, 0, 1);
            return Optional.of(insertDelta(d, flags, receivedAt));
        });
    }

    /** @return true if {@code satellite} already has a delta with this encoded digest */
    public boolean containsDelta(String satellite, byte[] digest) {
        return !query("SELECT 1 FROM deltas WHERE satellite = ? AND digest = ?", rs -> 1, satellite, HEX.encode(digest)).isEmpty();
    }

    /** Adds received traffic (all packets, whether or not they made a delta) to a pass. */
    public void recordPassTraffic(String satellite, long passNumber, String station, Instant at, long bytes, long packets) {
        transaction(tx -> {
            upsertPass(satellite, passNumber, station, at, bytes, packets, 0);
            return null;
        });
    }

    void upsertPass(String satellite, long passNumber, String station, Instant at, long bytes, long packets, long deltas) {
        update("""
                INSERT INTO passes (satellite, pass_number, station, first_seen, last_seen, bytes, packets, deltas)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (satellite, pass_number) DO UPDATE SET
                  last_seen = MAX(last_seen, excluded.last_seen), bytes = bytes + excluded.bytes,
                  packets = packets + excluded.packets, deltas = deltas + excluded.deltas""",
                satellite, passNumber, station == null ? "" : station, at.toString(), at.toString(), bytes, packets, deltas);
    }

    long insertDelta(DeltaSubmission d, Set<DeltaFlag> flags, Instant receivedAt) {
        double norm = d.values().norm();
        update("""
                INSERT INTO deltas (satellite, pass_number, station, base_version, base_digest, digest, sample_count,
                  created_at, received_at, dimension, nnz, bytes, norm, flags, status, indices, delta_values, encoded)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                d.satellite(), d.passNumber(), d.station(), d.baseVersion(), HEX.encode(d.baseDigest()),
                HEX.encode(d.digest()), d.sampleCount(), d.createdAt().toString(), receivedAt.toString(),
                d.values().dimension(), d.values().size(), d.encoded().length, Double.isFinite(norm) ? norm : null,
                flagsText(flags), DeltaStatus.PENDING.name(), LittleEndianBlobs.intsToBlob(d.values().indices()),
                LittleEndianBlobs.floatsToBlob(d.values().values()), d.encoded());
        return query("SELECT last_insert_rowid()", rs -> rs.getLong(1)).get(0);
    }

    /** Replaces a delta's automatic flags (e.g. re-checked once the whole pass is in). */
    public void setFlags(long deltaId, Set<DeltaFlag> flags) {
        update("UPDATE deltas SET flags = ? WHERE id = ?", flagsText(flags), deltaId);
    }

    /** @return every delta, oldest first ({@link DeltaRecord#RECEPTION_ORDER}) */
    public List<DeltaRecord> deltas() {
        return inReceptionOrder(query("SELECT * FROM deltas", Archive::delta));
    }

    /** @return deltas with this status, oldest first ({@link DeltaRecord#RECEPTION_ORDER}) */
    public List<DeltaRecord> deltas(DeltaStatus status) {
        return inReceptionOrder(query("SELECT * FROM deltas WHERE status = ?", Archive::delta, status.name()));
    }

    /*
     * Row ids follow the order in which threads happened to commit (each satellite's ground port
     * ingests on its own thread), so what depends on order (the norm window, the aggregation's
     * sum) is read in reception order instead: the same mission and seed give the same result.
     */
    private static List<DeltaRecord> inReceptionOrder(List<DeltaRecord> records) {
        List<DeltaRecord> sorted = new ArrayList<>(records);
        sorted.sort(DeltaRecord.RECEPTION_ORDER);
        return sorted;
    }

    /** @return deltas archived after row {@code id}, oldest first (for readers that follow the archive) */
    public List<DeltaRecord> deltasAfter(long id) {
        return query("SELECT * FROM deltas WHERE id > ? ORDER BY id", Archive::delta, id);
    }

    /** @return one delta */
    public Optional<DeltaRecord> delta(long id) {
        return query("SELECT * FROM deltas WHERE id = ?", Archive::delta, id).stream().findFirst();
    }

    /** The deltas on one base version that {@link #recentNorms} reads (found through the base-version index). */
    static final String RECENT_NORMS_SQL =
            "SELECT norm, received_at, satellite, id FROM deltas WHERE norm IS NOT NULL AND status <> ? AND base_version = ?";

    /**
     * @return finite norms of the {@code limit} most recent non-rejected deltas built on
     *         {@code baseVersion} (newest first): one round of the constellation, comparable norms
     */
    public List<Double> recentNorms(int limit, long baseVersion) {
        record Norm(double norm, Instant receivedAt, String satellite, long id) { }
        List<Norm> recent = new ArrayList<>(query(RECENT_NORMS_SQL,
                rs -> new Norm(rs.getDouble(1), ArchiveTimes.parse(rs.getString(2)), rs.getString(3), rs.getLong(4)),
                DeltaStatus.REJECTED.name(), baseVersion));
        // newest first in the reception order of deltas(): not the order threads committed in
        recent.sort(Comparator.comparing(Norm::receivedAt).thenComparing(Norm::satellite).thenComparingLong(Norm::id).reversed());
        return recent.stream().limit(limit).map(Norm::norm).toList();
    }

    /** @return every pass with traffic, by satellite then pass number */
    public List<PassRecord> passes() {
        return query("SELECT * FROM passes ORDER BY satellite, pass_number", rs -> new PassRecord(
                rs.getString("satellite"), rs.getLong("pass_number"), rs.getString("station"),
                ArchiveTimes.parse(rs.getString("first_seen")), ArchiveTimes.parse(rs.getString("last_seen")),
                rs.getLong("bytes"), rs.getLong("packets"), rs.getLong("deltas")));
    }

    // ---------------------------------------------------------------- review

    /**
     * Records an operator decision and changes the delta's status, in one transaction. A rejected
     * delta stays rejected: approving it is refused unless {@code overrideRejection}, which is
     * recorded as its own action.
     *
     * @throws IllegalArgumentException if the delta does not exist, is already merged, was rejected
     *                                  and this is an approval without override, the decision is
     *                                  not APPROVED/REJECTED, or operator/reason is blank or not one line
     */
    public void review(long deltaId, DeltaStatus decision, String operator, String reason, Instant at) {
        review(deltaId, decision, new Attribution(operator, reason, at), Set.of());
    }

    /**
     * @param deltaId           the delta
     * @param decision          APPROVED or REJECTED
     * @param by                who, why (required) and when
     * @param waivers           checks the operator overrules: {@link OperatorAction.Kind#OVERRIDE_REJECTION}
     *                          lets an approval overrule an earlier rejection (recorded if it does);
     *                          {@link OperatorAction.Kind#ACCEPT_WORSE} records that the operator accepted a
     *                          model the validation set scores worse; all in the decision's transaction
     * @return the status the delta had before
     * @see #review(long, DeltaStatus, String, String, Instant)
     */
    public DeltaStatus review(long deltaId, DeltaStatus decision, Attribution by, Set<OperatorAction.Kind> waivers) {
        boolean overrideRejection = waivers.contains(OperatorAction.Kind.OVERRIDE_REJECTION);
        if (decision != DeltaStatus.APPROVED && decision != DeltaStatus.REJECTED) {
            throw new IllegalArgumentException("decision must be APPROVED or REJECTED, not " + decision);
        }
        if (by.reason().isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        return transaction(tx -> {
            DeltaStatus before = status(deltaId).orElseThrow(() -> new IllegalArgumentException("no delta with id " + deltaId));
            if (before == DeltaStatus.MERGED) {
                throw new IllegalArgumentException("delta " + deltaId + " is already merged into a global version");
            }
            boolean overrules = before == DeltaStatus.REJECTED && decision == DeltaStatus.APPROVED;
            if (overrules && !overrideRejection) {
                ReviewEntry last = reviews(deltaId).stream().filter(r -> r.decision() == DeltaStatus.REJECTED)
                        .reduce((a, b) -> b).orElse(null);
                throw new IllegalArgumentException("delta " + deltaId + " was rejected"
                        + (last == null ? "" : " by " + last.operator() + " at " + last.at() + " (" + last.reason() + ")")
                        + "; a rejection is final unless an operator overrides it with a reason");
            }
            update("UPDATE deltas SET status = ? WHERE id = ?", decision.name(), deltaId);
            update("INSERT INTO reviews (delta_id, decision, operator, reason, at) VALUES (?, ?, ?, ?, ?)",
                    deltaId, decision.name(), by.operator(), by.reason(), by.at().toString());
            if (overrules) {
                recordAction(OperatorAction.Kind.OVERRIDE_REJECTION, "delta " + deltaId, by);
            }
            if (waivers.contains(OperatorAction.Kind.ACCEPT_WORSE)) {
                recordAction(OperatorAction.Kind.ACCEPT_WORSE, "delta " + deltaId, by);
            }
            return before;
        });
    }

    /**
     * @return a delta's review status, read alone (a decision and a merge check only the status: the
     *         whole row would decode its vectors and parse its times for nothing)
     */
    private Optional<DeltaStatus> status(long deltaId) {
        return query("SELECT status FROM deltas WHERE id = ?", rs -> DeltaStatus.valueOf(rs.getString(1)), deltaId)
                .stream().findFirst();
    }

    // ---------------------------------------------------------------- operator actions

    /** Records an operator action in the audit trail (its own transaction, or the caller's). */
    public void recordAction(OperatorAction.Kind kind, String target, Attribution by) {
        update("INSERT INTO actions (at, operator, action, target, reason) VALUES (?, ?, ?, ?, ?)",
                by.at().toString(), by.operator(), kind.name(), target, by.reason());
    }

    /** @return every recorded operator action, oldest first */
    public List<OperatorAction> actions() {
        return query("SELECT * FROM actions ORDER BY id", rs -> new OperatorAction(OperatorAction.Kind.valueOf(rs.getString("action")),
                rs.getString("target"), new Attribution(rs.getString("operator"), rs.getString("reason"), ArchiveTimes.parse(rs.getString("at")))));
    }

    /** @return the audit trail of one delta, oldest first */
    public List<ReviewEntry> reviews(long deltaId) {
        return query("SELECT * FROM reviews WHERE delta_id = ? ORDER BY id", Archive::review, deltaId);
    }

    /** @return the whole audit trail, oldest first */
    public List<ReviewEntry> reviews() {
        return query("SELECT * FROM reviews ORDER BY id", Archive::review);
    }

    // ---------------------------------------------------------------- rejects

    /** Records input that ingest refused. */
    public void recordReject(RejectEntry r) {
        update("INSERT INTO rejects (received_at, satellite, reason, detail, bytes) VALUES (?, ?, ?, ?, ?)",
                r.receivedAt().toString(), r.satellite() == null ? "" : r.satellite(), r.reason(), r.detail(), r.bytes());
    }

    /** @return every reject, oldest first */
    public List<RejectEntry> rejects() {
        return query("SELECT * FROM rejects ORDER BY id", rs -> new RejectEntry(ArchiveTimes.parse(rs.getString("received_at")),
                rs.getString("satellite"), rs.getString("reason"), rs.getString("detail"), rs.getLong("bytes")));
    }

    // ---------------------------------------------------------------- global versions

    /**
     * Stores a new global version (number = latest + 1, or 0 for the first), its lineage, and marks
     * the lineage's deltas MERGED, all in one transaction.
     *
     * @throws IllegalArgumentException if a lineage delta is not APPROVED, or the dimension differs
     *                                  from the parent's
     */
    public GlobalVersion recordGlobalVersion(float[] params, String rule, List<GlobalVersion.LineageEntry> lineage, Instant at) {
        return recordGlobalVersion(params, rule, lineage, Optional.empty(), new Attribution(AUTOMATIC_OPERATOR, "", at), List.of());
    }

    /** Operator recorded for versions stored without one (the closed loop's automatic ground). */
    public static final String AUTOMATIC_OPERATOR = "onorbit-auto";

    /**
     * As {@link #recordGlobalVersion(float[], String, List, Instant)}, recording who stored it (an
     * {@link OperatorAction.Kind#AGGREGATE} action, plus one per waiver) in the same transaction.
     *
     * @param expectedParent the version {@code params} were computed from: if another one was stored
     *                      meanwhile (a concurrent operator), this is refused instead of silently
     *                      building on a model the candidate never saw; empty: whatever is newest
     * @param waivers       checks the operator overruled for this version (e.g. {@link OperatorAction.Kind#ACCEPT_WORSE}),
     *                      recorded with the same reason
     */
    public GlobalVersion recordGlobalVersion(float[] params, String rule, List<GlobalVersion.LineageEntry> lineage,
                                             Optional<Long> expectedParent, Attribution by, List<OperatorAction.Kind> waivers) {
        return recordGlobalVersion(params, rule, lineage, expectedParent, by, waivers, Optional.empty());
    }

    /**
     * As {@link #recordGlobalVersion(float[], String, List, Optional, Attribution, List)}, on one chain: the
     * version's parent is the newest of {@code cluster}'s chain ({@link #latestGlobal(Optional)}), its number
     * the archive's newest plus one (numbers stay unique and increasing across chains), and it is recorded
     * as that cluster's.
     *
     * @param cluster the chain: a cluster of {@link #assignClusters}, or empty for the common chain
     * @throws IllegalArgumentException also if a lineage delta comes from a satellite of another chain
     */
    public GlobalVersion recordGlobalVersion(float[] params, String rule, List<GlobalVersion.LineageEntry> lineage,
                                             Optional<Long> expectedParent, Attribution by, List<OperatorAction.Kind> waivers,
                                             Optional<String> cluster) {
        Instant at = by.at();
        return transaction(tx -> {
            // The parent's number and size only: its model and lineage are not needed to store a child.
            Optional<Head> parent = latestHead(cluster);
            if (expectedParent.isPresent() && !expectedParent.equals(parent.map(Head::version))) {
                throw new IllegalArgumentException("the newest global version" + cluster.map(c -> " of cluster " + c).orElse("")
                        + " is now " + parent.map(p -> "v" + p.version()).orElse("none")
                        + ", not v" + expectedParent.get() + " this aggregate was computed from (another operator stored one meanwhile);"
                        + " nothing stored, aggregate again");
            }
            if (parent.isPresent() && parent.get().dimension() != params.length) {
                throw new IllegalArgumentException("new global model has " + params.length + " parameters, parent has "
                        + parent.get().dimension());
            }
            long version = latestHead().map(p -> p.version() + 1).orElse(0L);
            long parentVersion = parent.map(Head::version).orElse(-1L);
            update("INSERT INTO global_versions (version, parent_version, rule, created_at, digest, dimension, params, cluster) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    version, parentVersion, rule, at.toString(), HEX.encode(ModelVersion.digestOf(params)), params.length,
                    LittleEndianBlobs.floatsToBlob(params), cluster.orElse(null));
            for (GlobalVersion.LineageEntry e : lineage) {
                DeltaStatus status = status(e.deltaId()).orElseThrow(() -> new IllegalArgumentException("no delta with id " + e.deltaId()));
                if (status != DeltaStatus.APPROVED) {
                    throw new IllegalArgumentException("delta " + e.deltaId() + " is " + status + ", only APPROVED deltas can be merged");
                }
                String sender = query("SELECT satellite FROM deltas WHERE id = ?", rs -> rs.getString(1), e.deltaId()).get(0);
                if (!clusterOf(sender).equals(cluster)) {
                    throw new IllegalArgumentException("delta " + e.deltaId() + " comes from " + sender + " of "
                            + chainName(clusterOf(sender)) + ", not of " + chainName(cluster) + " this version is made for");
                }
                update("INSERT INTO lineage (version, delta_id, weight) VALUES (?, ?, ?)", version, e.deltaId(), e.weight());
                update("UPDATE deltas SET status = ? WHERE id = ?", DeltaStatus.MERGED.name(), e.deltaId());
            }
            recordAction(OperatorAction.Kind.AGGREGATE, "v" + version, by);
            for (OperatorAction.Kind w : waivers) {
                recordAction(w, "v" + version, by);
            }
            // What was just written, as global(version) would read it back (times and floats stored
            // exactly, the lineage by delta id), without reading the model back from the database.
            List<GlobalVersion.LineageEntry> stored = new ArrayList<>(lineage);
            stored.sort(Comparator.comparingLong(GlobalVersion.LineageEntry::deltaId));
            return new GlobalVersion(version, parentVersion, rule, at, params, stored);
        });
    }

    /** The newest global version's number and parameter count. */
    private record Head(long version, int dimension) {
    }

    /** @return the newest global version's number and size, without loading its model or lineage */
    private Optional<Head> latestHead() {
        return query("SELECT version, dimension FROM global_versions ORDER BY version DESC LIMIT 1",
                rs -> new Head(rs.getLong(1), rs.getInt(2))).stream().findFirst();
    }

    /** @return the newest version of {@code cluster}'s chain (see {@link #latestGlobal(Optional)}): number and size */
    private Optional<Head> latestHead(Optional<String> cluster) {
        Optional<Head> own = cluster.isEmpty() ? Optional.empty()
                : query("SELECT version, dimension FROM global_versions WHERE cluster = ? ORDER BY version DESC LIMIT 1",
                        rs -> new Head(rs.getLong(1), rs.getInt(2)), cluster.get()).stream().findFirst();
        return own.isPresent() ? own : query("SELECT version, dimension FROM global_versions WHERE cluster IS NULL ORDER BY version DESC LIMIT 1",
                rs -> new Head(rs.getLong(1), rs.getInt(2))).stream().findFirst();
    }

    /** @return the newest global version, if any, of whichever chain */
    public Optional<GlobalVersion> latestGlobal() {
        return query("SELECT * FROM global_versions ORDER BY version DESC LIMIT 1", this::global).stream().findFirst();
    }

    /**
     * @param cluster a cluster, or empty for the common chain
     * @return the newest version of that cluster's chain: its own newest, or, before it has one, the newest
     *         of the common chain it starts from (the launch model); of the common chain for empty
     */
    public Optional<GlobalVersion> latestGlobal(Optional<String> cluster) {
        return latestHead(cluster).flatMap(h -> global(h.version()));
    }

    /** @return the newest version of the chain {@code satellite} follows (its cluster's, or the common one) */
    public Optional<GlobalVersion> latestGlobalFor(String satellite) {
        return latestGlobal(clusterOf(satellite));
    }

    /** @return the number of {@link #latestGlobalFor}, without loading the model */
    public java.util.OptionalLong latestGlobalVersionFor(String satellite) {
        Optional<Head> h = latestHead(clusterOf(satellite));
        return h.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(h.get().version());
    }

    /**
     * Staleness along a chain: how many versions {@code current}'s chain made after {@code base}, counted by
     * walking parent links from {@code current} back to {@code base} (with one chain, {@code current - base}).
     *
     * @return that count, or empty if {@code base} is not {@code current} or one of its ancestors (a version of
     *         another cluster's chain, or one the archive never made)
     */
    public java.util.OptionalLong versionsSince(long base, long current) {
        long steps = 0;
        long v = current;
        while (v > base) {
            Long parent = parentOf.get(v);
            if (parent == null) {
                Optional<Long> read = query("SELECT parent_version FROM global_versions WHERE version = ?", rs -> rs.getLong(1), v)
                        .stream().findFirst();
                if (read.isEmpty()) {
                    return java.util.OptionalLong.empty();
                }
                parent = read.get();
                parentOf.put(v, parent); // a stored version's parent never changes
            }
            v = parent;
            steps++;
        }
        return v == base && globalDigest(base).isPresent() ? java.util.OptionalLong.of(steps) : java.util.OptionalLong.empty();
    }

    /** Parent links read so far, by version (each aggregation walks the chain back to its deltas' bases). */
    private final Map<Long, Long> parentOf = new java.util.concurrent.ConcurrentHashMap<>();

    // ---------------------------------------------------------------- clusters

    /**
     * Records which cluster each satellite's deltas and updates belong to (clustered federation: one chain of
     * global versions per cluster, each made from its members' deltas only). A satellite keeps its cluster for
     * the archive's life: its deltas are built on its chain's versions.
     *
     * @param members satellite name to cluster name
     * @throws IllegalArgumentException if a satellite is already in another cluster
     */
    public void assignClusters(Map<String, String> members, Instant at) {
        transaction(tx -> {
            Map<String, String> now = clusterMembers();
            for (Map.Entry<String, String> m : members.entrySet()) {
                String was = now.get(m.getKey());
                if (was != null && !was.equals(m.getValue())) {
                    throw new IllegalArgumentException("satellite " + m.getKey() + " is in cluster " + was
                            + " of this archive, not " + m.getValue() + " (a satellite keeps its cluster)");
                }
                if (was == null) {
                    update("INSERT INTO cluster_members (satellite, cluster, assigned_at) VALUES (?, ?, ?)",
                            m.getKey(), m.getValue(), at.toString());
                }
            }
            return null;
        });
        clusters = null;
    }

    /**
     * Satellite to cluster once some are read (assignments never change); while there are none it is read
     * again at each call, so a connection opened before another one assigned them sees them.
     */
    private volatile Map<String, String> clusters;

    /** @return every satellite's cluster (none in an unclustered federation), by satellite name */
    public Map<String, String> clusterMembers() {
        Map<String, String> c = clusters;
        if (c == null) {
            Map<String, String> read = new java.util.TreeMap<>();
            for (String[] m : query("SELECT satellite, cluster FROM cluster_members",
                    rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                read.put(m[0], m[1]);
            }
            c = Collections.unmodifiableMap(read);
            if (!c.isEmpty()) {
                clusters = c;
            }
        }
        return c;
    }

    /** @return the cluster {@code satellite} belongs to, or empty: the common chain */
    public Optional<String> clusterOf(String satellite) {
        return Optional.ofNullable(clusterMembers().get(satellite));
    }

    /** @return the chains of this archive: each cluster by name, or only the common chain (empty) without clusters */
    public List<Optional<String>> chains() {
        java.util.TreeSet<String> named = new java.util.TreeSet<>(clusterMembers().values());
        return named.isEmpty() ? List.of(Optional.empty()) : named.stream().map(Optional::of).toList();
    }

    /** @return the cluster whose chain {@code version} belongs to, or empty for the common chain (or no such version) */
    public Optional<String> clusterOfVersion(long version) {
        return query("SELECT cluster FROM global_versions WHERE version = ?", rs -> Optional.ofNullable(rs.getString(1)), version)
                .stream().findFirst().flatMap(c -> c);
    }

    private static String chainName(Optional<String> cluster) {
        return cluster.map(c -> "cluster " + c).orElse("the common chain");
    }

    /**
     * @return the newest global version's number, if any, without loading its model or lineage
     *         (the ingest's review and each synchronisation need only the number)
     */
    public java.util.OptionalLong latestGlobalVersion() {
        Optional<Head> h = latestHead();
        return h.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(h.get().version());
    }

    /** @return parameters of the newest global model, if any (without loading the model) */
    public java.util.OptionalInt latestDimension() {
        Optional<Head> h = latestHead();
        return h.isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(h.get().dimension());
    }

    /** @return one global version */
    public Optional<GlobalVersion> global(long version) {
        return query("SELECT * FROM global_versions WHERE version = ?", this::global, version).stream().findFirst();
    }

    /** @return every global version, oldest first */
    public List<GlobalVersion> globals() {
        return query("SELECT * FROM global_versions ORDER BY version", this::global);
    }

    /** @return the hex digest the ground recorded for {@code version}, if it knows that version */
    public Optional<String> globalDigest(long version) {
        return query("SELECT digest FROM global_versions WHERE version = ?", rs -> rs.getString(1), version).stream().findFirst();
    }

    // ---------------------------------------------------------------- uplinks

    /** @return the last command counter used for {@code satellite} (0 if none yet) */
    public long lastUplinkCounter(String satellite) {
        return query("SELECT COALESCE(MAX(counter), 0) FROM uplinks WHERE satellite = ?", rs -> rs.getLong(1), satellite).get(0);
    }

    /** @return the signed updates recorded for {@code satellite} with a counter above {@code afterCounter}, by counter */
    public List<UplinkRecord> uplinks(String satellite, long afterCounter) {
        return query("SELECT * FROM uplinks WHERE satellite = ? AND counter > ? ORDER BY counter", rs -> new UplinkRecord(
                rs.getString("satellite"), rs.getLong("counter"), rs.getLong("from_version"), rs.getLong("to_version"),
                rs.getLong("bytes"), ArchiveTimes.parse(rs.getString("created_at"))), satellite, afterCounter);
    }

    /**
     * Records a signed update sent (or queued) to a satellite.
     *
     * @throws ArchiveException if the counter was used before for that satellite
     */
    public void recordUplink(String satellite, long counter, long fromVersion, long toVersion, long bytes, Instant at) {
        update("INSERT INTO uplinks (satellite, counter, from_version, to_version, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                satellite, counter, fromVersion, toVersion, bytes, at.toString());
    }

    /**
     * Runs {@code work}, a sequence of calls on this archive, as one transaction: its writes commit
     * together when it returns, or none of them if it throws (calls that are transactions of their own
     * join it). The caller acts on the outcome only after this returns, that is after the commit.
     */
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return transaction(tx -> work.get());
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     * Nested calls join the outer transaction.
     */
    synchronized <T> T transaction(SqlWork<T> work) {
        try {
            if (!connection.getAutoCommit()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new ArchiveException("archive " + url + ": " + e.getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException | ArchiveException e) {
                if (!isBusy(e) || attempt >= BUSY_ATTEMPTS) {
                    throw e instanceof ArchiveException ae ? ae : new ArchiveException("archive " + url + ": " + e.getMessage(), e);
                }
                pause(attempt);
            }
        }
    }

    private <T> T once(SqlWork<T> work) throws SQLException {
        try {
            connection.setAutoCommit(false); // BEGIN IMMEDIATE on SQLite: may itself find the database busy
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** SQLITE_BUSY (5) or SQLITE_LOCKED (6), with any extended code (e.g. BUSY_SNAPSHOT), anywhere in the cause chain. */
    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ((s.getErrorCode() & 0xff) == 5 || (s.getErrorCode() & 0xff) == 6)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L << attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ArchiveException("interrupted while waiting for the archive lock", ie);
        }
    }

    synchronized void update(String sql, Object... args) {
        try {
            PreparedStatement ps = statement(sql);
            try {
                bind(ps, args);
                ps.executeUpdate();
            } finally {
                release(sql, ps);
            }
        } catch (SQLException e) {
            throw new ArchiveException("archive " + url + ": " + e.getMessage(), e);
        }
    }

    synchronized <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try {
            PreparedStatement ps = statement(sql);
            try {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                    return out;
                }
            } finally {
                release(sql, ps);
            }
        } catch (SQLException e) {
            throw new ArchiveException("archive " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * The connection's prepared statement for {@code sql}, prepared once and kept (SQLite compiles
     * each statement: at every synchronization of a simulated year the ground ran the same few dozen
     * statements, and compiling them was a seventh of the loop's native time). A statement already
     * in use (a query run from inside another's row mapper with the same text) gets a fresh one.
     * Transactions, and so durability, are untouched: a statement is compiled SQL, not state.
     */
    private PreparedStatement statement(String sql) throws SQLException {
        if (!statementsInUse.add(sql)) {
            return connection.prepareStatement(sql);
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            try {
                ps = connection.prepareStatement(sql);
            } catch (SQLException | RuntimeException e) {
                statementsInUse.remove(sql);
                throw e;
            }
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Hands back a statement from {@link #statement}: the kept one is reset for its next use, a fresh one closed. */
    private void release(String sql, PreparedStatement ps) throws SQLException {
        if (statements.get(sql) != ps) {
            ps.close();
            return;
        }
        statementsInUse.remove(sql);
        try {
            ps.clearParameters();
        } catch (SQLException | RuntimeException e) {
            statements.remove(sql);
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** Connection for tests that simulate a crash mid-transaction. */
    Connection connection() {
        return connection;
    }

    private static String flagsText(Set<DeltaFlag> flags) {
        return flags.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static DeltaRecord delta(ResultSet rs) throws SQLException {
        String flagText = rs.getString("flags");
        Set<DeltaFlag> flags = EnumSet.noneOf(DeltaFlag.class);
        if (!flagText.isEmpty()) {
            Arrays.stream(flagText.split(",")).map(DeltaFlag::valueOf).forEach(flags::add);
        }
        DeltaSubmission d = new DeltaSubmission(rs.getString("satellite"), rs.getLong("pass_number"), rs.getString("station"),
                rs.getLong("base_version"), HEX.decode(rs.getString("base_digest")), HEX.decode(rs.getString("digest")),
                rs.getLong("sample_count"), ArchiveTimes.parse(rs.getString("created_at")),
                new SparseVector(rs.getInt("dimension"), LittleEndianBlobs.blobToInts(rs.getBytes("indices")),
                        LittleEndianBlobs.blobToFloats(rs.getBytes("delta_values"))),
                rs.getBytes("encoded"));
        return new DeltaRecord(rs.getLong("id"), d, ArchiveTimes.parse(rs.getString("received_at")), flags,
                DeltaStatus.valueOf(rs.getString("status")));
    }

    private static ReviewEntry review(ResultSet rs) throws SQLException {
        return new ReviewEntry(rs.getLong("delta_id"), DeltaStatus.valueOf(rs.getString("decision")),
                rs.getString("operator"), rs.getString("reason"), ArchiveTimes.parse(rs.getString("at")));
    }

    private GlobalVersion global(ResultSet rs) throws SQLException {
        long version = rs.getLong("version");
        long parent = rs.getLong("parent_version");
        String rule = rs.getString("rule");
        Instant at = ArchiveTimes.parse(rs.getString("created_at"));
        float[] params = LittleEndianBlobs.blobToFloats(rs.getBytes("params"));
        List<GlobalVersion.LineageEntry> lineage = query("SELECT delta_id, weight FROM lineage WHERE version = ? ORDER BY delta_id",
                r -> new GlobalVersion.LineageEntry(r.getLong(1), r.getDouble(2)), version);
        return new GlobalVersion(version, parent, rule, at, params, lineage);
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw new ArchiveException("archive " + url + ": cannot close (" + e.getMessage() + ")", e);
        }
    }
}

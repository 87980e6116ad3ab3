package io.onorbit.verification.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onorbit.flight.labels.FileLabels;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.aggregation.AggregationRule;
import io.onorbit.ground.aggregation.AggregationBasis;
import io.onorbit.ground.aggregation.AggregationRun;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.LinearValidationSet;
import io.onorbit.ground.aggregation.ModelEvaluator;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.Attribution;
import io.onorbit.ground.archive.OperatorAction;
import io.onorbit.ground.archive.ArchiveException;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.archive.ReviewEntry;
import io.onorbit.ground.ingest.Ingest;
import io.onorbit.ground.review.ReviewDesk;
import io.onorbit.ground.review.ValidationCheck;
import io.onorbit.verification.cli.CommonOptions;
import io.onorbit.verification.cli.Outputs;
import io.onorbit.verification.cli.TextOutput;
import io.onorbit.verification.cli.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onorbit review list|show|approve|reject|aggregate|report --archive FILE}: the ground operator's desk. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "List, inspect, approve or reject downlinked deltas; aggregate; render a review report.",
        subcommands = {ReviewCommand.ListDeltas.class, ReviewCommand.Show.class, ReviewCommand.Approve.class,
                ReviewCommand.Reject.class, ReviewCommand.Aggregate.class, ReviewCommand.Report.class,
                ReviewCommand.SimulatePass.class})
public final class ReviewCommand implements Runnable {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, section 1.3.1). */
    static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every review subcommand takes. */
    static final class Common {
        @Option(names = "--archive", required = true, paramLabel = "FILE", description = "Archive file (archive.db of a run).")
        Path archive;

        @Mixin
        CommonOptions.TableOrJson format;

        @Mixin
        CommonOptions.OutFile out;

        /** Where the output goes when {@code --out} is not given; empty: standard output. */
        private Optional<Path> outDefault = Optional.empty();

        @Mixin
        Outputs.Force force;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        /**
         * Checks {@code --out} before any work (an aggregate must not be stored and then fail to
         * report): never the archive or another input, an existing file only with --force.
         */
        void checkOut(Path... otherInputs) {
            if (outFile().isPresent()) {
                Path[] inputs = java.util.Arrays.copyOf(otherInputs, otherInputs.length + 1);
                inputs[otherInputs.length] = archive;
                Outputs.checkFile("--out", outFile().get(), force.on(), inputs);
            }
        }

        /** @return the output file: {@code --out}, else the command's default file, else empty (standard output) */
        Optional<Path> outFile() {
            return out.file().or(() -> outDefault);
        }

        /** Sends the output to {@code file} unless {@code --out} names another. */
        void defaultOutTo(Path file) {
            outDefault = Optional.of(file);
        }

        /** Refuses a file that is not an SQLite database before SQLite may turn it into one. */
        void requireDatabase() {
            if (!Files.isRegularFile(archive)) {
                throw new UserInputException(archive + ": archive not found");
            }
            byte[] header = new byte[SQLITE_HEADER.length];
            try (var in = Files.newInputStream(archive)) {
                int n = in.readNBytes(header, 0, header.length);
                if (n < header.length || !java.util.Arrays.equals(header, SQLITE_HEADER)) {
                    throw new UserInputException(archive + ": not an OnOrbit archive (not an SQLite database"
                            + (n == 0 ? ", the file is empty" : "") + ")");
                }
            } catch (IOException e) {
                throw new UserInputException(archive + ": cannot read (" + e.getMessage() + ")", e);
            }
        }

        /** Opens the archive to record decisions: it must exist, be OnOrbit's, intact and writable. */
        Archive open() {
            return open(Archive.Access.READ_WRITE);
        }

        /** Opens the archive to read it only (list, show, report): a read-only file is fine. */
        Archive openForReading() {
            return open(Archive.Access.READ_ONLY);
        }

        private Archive open(Archive.Access access) {
            requireDatabase();
            try {
                return Archive.openExisting(archive, access);
            } catch (ArchiveException e) {
                throw new UserInputException(e.getMessage(), e); // one line naming the file and why
            }
        }

        void emit(String tableText, Object json) {
            boolean asJson = format.json("review commands");
            String text;
            try {
                text = asJson ? JSON.writeValueAsString(json) + "\n" : tableText;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            write(text);
        }

        void write(String text) {
            if (outFile().isEmpty()) {
                PrintWriter w = spec.commandLine().getOut();
                w.print(text);
                w.flush();
                return;
            }
            TextOutput.write(text, outFile().get(), null);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Deltas as a table: satellite, pass (number, UTC time of the pass, station), base, nnz, bytes,"
                    + " norm, flags, status. Filters combine (all must hold).")
    static final class ListDeltas implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--status", description = "Only deltas with this status: pending, approved, rejected, merged.")
        DeltaStatus status;

        @Option(names = "--satellite", paramLabel = "NAME", split = ",",
                description = "Only deltas from these satellites (repeat or separate by commas).")
        List<String> satellites;

        @Option(names = "--flag", paramLabel = "FLAG", split = ",",
                description = "Only deltas carrying one of these flags: non-finite, norm-outlier, stale-base, zero-samples,"
                        + " digest-mismatch, or any (any flag), none (no flag).")
        List<String> flags;

        @Override
        public void run() {
            java.util.function.Predicate<DeltaRecord> byFlag = flagFilter(flags);
            common.checkOut();
            try (Archive a = common.openForReading()) {
                List<DeltaRecord> ds = (status == null ? a.deltas() : a.deltas(status)).stream()
                        .filter(d -> satellites == null || satellites.contains(d.satellite())).filter(byFlag).toList();
                java.util.Map<String, io.onorbit.ground.archive.PassRecord> passes = new java.util.HashMap<>();
                for (io.onorbit.ground.archive.PassRecord p : a.passes()) {
                    passes.put(p.satellite() + "\u0000" + p.passNumber(), p);
                }
                List<String[]> rows = new ArrayList<>();
                ArrayNode json = JSON.createArrayNode();
                for (DeltaRecord d : ds) {
                    io.onorbit.ground.archive.PassRecord p = passes.get(d.satellite() + "\u0000" + d.passNumber());
                    // The pass's first packet is when the pass was heard; a delta without pass traffic
                    // on record (an older archive) falls back to when it was archived.
                    Instant passTime = p != null ? p.firstSeen() : d.receivedAt();
                    String station = !d.delta().station().isEmpty() ? d.delta().station() : p != null ? p.station() : "";
                    rows.add(new String[] {Long.toString(d.id()), d.satellite(), Long.toString(d.passNumber()),
                        passTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), station.isEmpty() ? "?" : station,
                        "v" + d.baseVersion(), Integer.toString(d.nnz()), Integer.toString(d.bytes()), ReviewReport.fmt(d.norm()),
                        flagText(d), d.status().name().toLowerCase(Locale.ROOT)});
                    json.add(summary(d).put("pass_time", passTime.toString()).put("station", station)
                            .put("received_at", d.receivedAt().toString()));
                }
                List<String> filters = new ArrayList<>();
                if (status != null) {
                    filters.add(status.name().toLowerCase(Locale.ROOT));
                }
                if (satellites != null) {
                    filters.add("from " + String.join(", ", satellites));
                }
                if (flags != null) {
                    filters.add("flag " + String.join(" or ", flags));
                }
                common.emit(Table.render(List.of("id", "satellite", "pass", "pass time (UTC)", "station", "base", "nnz", "bytes",
                        "norm", "flags", "status"), rows) + ds.size() + " deltas" + (filters.isEmpty() ? "" : " (" + String.join("; ",
                        filters) + ")") + "\n", json);
            }
        }

        /** @return a test for --flag (refused in one line if a name is not a flag) */
        static java.util.function.Predicate<DeltaRecord> flagFilter(List<String> names) {
            if (names == null) {
                return d -> true;
            }
            java.util.function.Predicate<DeltaRecord> any = d -> false;
            for (String n : names) {
                String key = n.strip().toUpperCase(Locale.ROOT).replace('-', '_');
                java.util.function.Predicate<DeltaRecord> one;
                if (key.equals("ANY")) {
                    one = d -> !d.flags().isEmpty();
                } else if (key.equals("NONE")) {
                    one = d -> d.flags().isEmpty();
                } else {
                    DeltaFlag f;
                    try {
                        f = DeltaFlag.valueOf(key);
                    } catch (IllegalArgumentException e) {
                        throw new UserInputException("--flag: '" + n + "' is not one of non-finite, norm-outlier, stale-base,"
                                + " zero-samples, digest-mismatch, any, none", e);
                    }
                    one = d -> d.flags().contains(f);
                }
                any = any.or(one);
            }
            return any;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One delta in detail, with its audit trail.")
    static final class Show implements Runnable {
        @Mixin
        Common common;

        @Parameters(paramLabel = "ID", description = "Delta id (first column of list).")
        long id;

        @Option(names = "--values", defaultValue = "20", description = "How many non-zero values to print (default ${DEFAULT-VALUE}).")
        int values;

        @Override
        public void run() {
            common.checkOut();
            try (Archive a = common.openForReading()) {
                DeltaRecord d = a.delta(id).orElseThrow(() -> new UserInputException("no delta with id " + id + " in " + common.archive));
                List<ReviewEntry> trail = a.reviews(id);
                ObjectNode json = summary(d);
                json.put("station", d.delta().station()).put("base_digest", d.baseDigestHex()).put("digest", d.digestHex())
                        .put("sample_count", d.sampleCount()).put("created_at", d.createdAt().toString())
                        .put("received_at", d.receivedAt().toString()).put("dimension", d.dimension());
                ArrayNode idx = json.putArray("indices");
                ArrayNode val = json.putArray("values");
                SparseVector sent = d.delta().values();
                for (int k = 0; k < sent.size(); k++) {
                    idx.add(sent.index(k));
                    val.add(sent.value(k));
                }
                ArrayNode audit = json.putArray("reviews");
                trail.forEach(r -> audit.addObject().put("decision", r.decision().name().toLowerCase(Locale.ROOT))
                        .put("operator", r.operator()).put("reason", r.reason()).put("at", r.at().toString()));
                StringBuilder t = new StringBuilder();
                t.append(String.format(Locale.ROOT, "delta %d from %s, pass %d (station %s)%n", d.id(), d.satellite(), d.passNumber(),
                        d.delta().station().isEmpty() ? "?" : d.delta().station()));
                t.append(String.format(Locale.ROOT, "  base        v%d  digest %s%n", d.baseVersion(), d.baseDigestHex()));
                t.append(String.format(Locale.ROOT, "  digest      %s%n", d.digestHex()));
                t.append(String.format(Locale.ROOT, "  created     %s   received %s%n", d.createdAt(), d.receivedAt()));
                t.append(String.format(Locale.ROOT, "  samples     %d%n  non-zeros   %d of %d parameters%n  encoded     %d bytes%n",
                        d.sampleCount(), d.nnz(), d.dimension(), d.bytes()));
                t.append(String.format(Locale.ROOT, "  L2 norm     %s%n  flags       %s%n  status      %s%n", ReviewReport.fmt(d.norm()),
                        flagText(d).isEmpty() ? "none" : flagText(d), d.status().name().toLowerCase(Locale.ROOT)));
                t.append("  values      ");
                for (int k = 0; k < Math.min(values, sent.size()); k++) {
                    t.append(String.format(Locale.ROOT, "[%d]=%.4g ", sent.index(k), sent.value(k)));
                }
                t.append(sent.size() > values ? "... (" + (sent.size() - values) + " more)\n" : "\n");
                t.append(trail.isEmpty() ? "  no review yet\n" : "  audit trail:\n");
                trail.forEach(r -> t.append(String.format(Locale.ROOT, "    %s  %-8s by %s: %s%n", r.at(),
                        r.decision().name().toLowerCase(Locale.ROOT), r.operator(), r.reason())));
                // Overruled checks (a rejection overridden, a worse model accepted) are actions of their own.
                List<OperatorAction> overrides = a.actions().stream().filter(x -> x.target().equals("delta " + id)).toList();
                ArrayNode acts = json.putArray("actions");
                overrides.forEach(x -> {
                    acts.addObject().put("action", x.kind().name().toLowerCase(Locale.ROOT)).put("operator", x.by().operator())
                            .put("reason", x.by().reason()).put("at", x.by().at().toString());
                    t.append(String.format(Locale.ROOT, "    %s  %s by %s: %s%n", x.by().at(),
                            FileLabels.of(x.kind()), x.by().operator(), x.by().reason()));
                });
                common.emit(t.toString(), json);
            }
        }
    }

    /** Who acts and why: the options of every command that changes the archive. */
    static final class Signature {
        @Option(names = "--operator", paramLabel = "NAME",
                description = "Who acts (default: $USER); one line, at most 64 characters.")
        String operator;

        /**
         * @param reason      why (may be empty only where the command makes it optional)
         * @return who, why and now (whole seconds: the trail is read by people), checked to be single-line text
         */
        Attribution sign(String reason) {
            // $USER is unset in containers and cron jobs; the JVM's user.name is the account that ran it.
            String who = operator != null ? operator : Optional.ofNullable(System.getenv("USER")).filter(s -> !s.isBlank())
                    .or(() -> Optional.ofNullable(System.getProperty("user.name")).filter(s -> !s.isBlank())).orElse("unknown");
            try {
                Attribution.singleLine("--operator", who, Attribution.MAX_OPERATOR_CHARS);
                Attribution.singleLine("--reason", reason, Attribution.MAX_REASON_CHARS);
                if (who.isBlank()) {
                    throw new IllegalArgumentException("--operator must not be blank");
                }
                return new Attribution(who, reason, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
    }

    /**
     * Shared body of approve and reject: each id is decided in its own transaction, and the output
     * lists every id's outcome, so a batch that stops half way says exactly what it did. Exit 2 if
     * any id was refused (the others stay decided).
     */
    abstract static class Decide implements Runnable {
        @Mixin
        Common common;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Delta id(s) (numbers, first column of list).")
        List<Long> ids;

        @Option(names = "--reason", required = true, description = "Why (kept in the audit trail); one line, at most 1000 characters.")
        String reason;

        @Mixin
        Signature signature;

        /** Called once before the batch, with the archive open (e.g. to read a validation set). */
        void prepare(Archive a) {
        }

        /** Decides one delta. @return the status it had before @throws IllegalArgumentException if refused */
        abstract DeltaStatus decide(ReviewDesk desk, long id, Attribution by);

        abstract String word();

        @Override
        public void run() {
            Attribution by = signature.sign(reason);
            if (reason.isBlank()) {
                throw new UserInputException("--reason must not be blank: say why (it is kept in the audit trail)");
            }
            common.checkOut();
            try (Archive a = common.open()) {
                prepare(a);
                ReviewDesk desk = new ReviewDesk(a);
                StringBuilder t = new StringBuilder();
                ArrayNode json = JSON.createArrayNode();
                List<String> refused = new ArrayList<>();
                for (long id : ids) {
                    ObjectNode row = json.addObject().put("id", id);
                    try {
                        DeltaStatus before = decide(desk, id, by);
                        t.append(word()).append(" delta ").append(id).append(" (was ").append(before.name().toLowerCase(Locale.ROOT))
                                .append("; ").append(by.operator()).append(": ").append(by.reason()).append(")\n");
                        row.put("outcome", word()).put("was", before.name().toLowerCase(Locale.ROOT));
                    } catch (IllegalArgumentException | ArchiveException e) {
                        String why = e.getMessage();
                        t.append("refused delta ").append(id).append(": ").append(why).append('\n');
                        row.put("outcome", "refused").put("why", why);
                        refused.add(id + " (" + why + ")");
                    }
                    row.put("operator", by.operator()).put("reason", by.reason()).put("at", by.at().toString());
                }
                common.emit(t.toString(), json);
                if (!refused.isEmpty()) {
                    throw new UserInputException(refused.size() + " of " + ids.size() + " refused, the others " + word()
                            + ": delta " + refused.get(0) + (refused.size() > 1 ? " and " + (refused.size() - 1) + " more above" : ""));
                }
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve deltas for the next aggregation. A rejected delta stays rejected unless"
                    + " --override-rejection; with --validation, a delta that makes the model worse is refused unless --accept-worse.")
    static final class Approve extends Decide {
        @Option(names = "--override-rejection", description = "Approve even a delta an operator rejected (recorded with your reason).")
        boolean overrideRejection;

        @Option(names = "--validation", paramLabel = "CSV",
                description = "Ground validation set: refuse a delta whose model (current global + the delta) scores worse than the current one.")
        Path validation;

        @Option(names = "--accept-worse", description = "Approve even if the validation set scores it worse (recorded with your reason).")
        boolean acceptWorse;

        private Optional<ModelEvaluator> evaluator = Optional.empty();

        @Override
        void prepare(Archive a) {
            evaluator = RuleOptions.evaluator(validation);
        }

        @Override
        DeltaStatus decide(ReviewDesk desk, long id, Attribution by) {
            Optional<ValidationCheck> check = evaluator.map(e -> desk.checkApproval(id, e, Aggregator.fedAvg()));
            return desk.approve(id, by, overrideRejection, check, acceptWorse);
        }

        @Override
        String word() {
            return "approved";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject deltas: they are never aggregated unless an operator overrides the rejection with a reason.")
    static final class Reject extends Decide {
        @Override
        DeltaStatus decide(ReviewDesk desk, long id, Attribution by) {
            return desk.reject(id, by);
        }

        @Override
        String word() {
            return "rejected";
        }
    }

    /**
     * Reads {@code --rule} by the rule's own labels (trimmed-mean, not the constant's name), so a
     * wrong value is a usage error at parse time: one line, exit 2.
     */
    static final class RuleConverter implements picocli.CommandLine.ITypeConverter<AggregationRule> {
        @Override
        public AggregationRule convert(String value) {
            try {
                return AggregationRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BasisConverter implements picocli.CommandLine.ITypeConverter<AggregationBasis> {
        @Override
        public AggregationBasis convert(String value) {
            try {
                return AggregationBasis.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Rule options shared by aggregate and report. */
    static final class RuleOptions {
        @Option(names = "--basis", defaultValue = "latest-models", converter = BasisConverter.class,
                description = "latest-models (default, as a mission's ground): average every satellite's latest model;"
                        + " deltas: add the approved deltas to the newest global model (FedBuff).")
        AggregationBasis basis;

        @Option(names = "--rule", defaultValue = "fedavg", converter = RuleConverter.class,
                description = "fedavg (default), median or trimmed-mean.")
        AggregationRule rule;

        @Option(names = "--trim", defaultValue = "0.2", description = "Trimmed mean: fraction dropped at each end, [0, 0.5) (default ${DEFAULT-VALUE}).")
        double trim;

        @Option(names = "--validation", paramLabel = "CSV", description = "Ground validation set: features then target per row (linear stand-in task).")
        Path validation;

        Aggregator aggregator() {
            try {
                return new Aggregator(rule, trim).withBasis(basis);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--trim: " + e.getMessage(), e);
            }
        }

        Optional<ModelEvaluator> evaluator() {
            return evaluator(validation);
        }

        static Optional<ModelEvaluator> evaluator(Path validation) {
            if (validation == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(LinearValidationSet.readCsv(validation));
            } catch (IOException e) {
                throw new UserInputException(validation + ": cannot read (" + e.getMessage() + ")", e);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
    }

    @Command(name = "aggregate", mixinStandardHelpOptions = true,
            description = "Merge approved deltas into the next global version (records lineage, operator and time)."
                    + " With --validation, a version that scores worse than the current one is refused unless --accept-worse.")
    static final class Aggregate implements Runnable {
        @Mixin
        Common common;

        @Mixin
        RuleOptions rule;

        @Option(names = "--dry-run", description = "Compute and report the candidate without storing it.")
        boolean dryRun;

        @Option(names = "--reason", description = "Why (kept in the audit trail); required with --accept-worse.")
        String reason;

        @Option(names = "--accept-worse", description = "Store the version even if the validation set scores it worse (needs --reason).")
        boolean acceptWorse;

        @Option(names = "--cluster", paramLabel = "NAME",
                description = "In a clustered federation (its archive names each satellite's cluster): the cluster whose chain to extend,"
                        + " from its members' approved deltas.")
        String cluster;

        @Mixin
        Signature signature;

        /** @return the chain to extend: the named cluster's, or the common one of an unclustered archive */
        private Optional<String> chain(Archive a) {
            List<String> clusters = a.chains().stream().flatMap(Optional::stream).toList();
            if (cluster == null) {
                if (!clusters.isEmpty()) {
                    throw new UserInputException("this archive's federation is clustered (" + String.join(", ", clusters)
                            + "): name the cluster to aggregate with --cluster");
                }
                return Optional.empty();
            }
            if (!clusters.contains(cluster)) {
                throw new UserInputException("--cluster " + cluster + ": the archive has " + (clusters.isEmpty() ? "no clusters"
                        : "only " + String.join(", ", clusters)));
            }
            return Optional.of(cluster);
        }

        @Override
        public void run() {
            Aggregator agg = rule.aggregator();
            Optional<ModelEvaluator> eval = rule.evaluator();
            if (acceptWorse && (reason == null || reason.isBlank())) {
                throw new UserInputException("--accept-worse needs --reason: say why a worse model should be stored");
            }
            Attribution by = signature.sign(reason == null ? "" : reason);
            common.checkOut(rule.validation);
            try (Archive a = common.open()) {
                Optional<String> chain = chain(a);
                Optional<AggregationRun.Candidate> c = AggregationRun.preview(a, agg, chain);
                if (c.isEmpty()) {
                    throw new UserInputException(a.latestGlobal(chain).isEmpty() ? "archive has no global model to aggregate onto"
                            : "no approved delta applies to v" + a.latestGlobal(chain).get().version() + "; approve some first");
                }
                long parent = c.get().parent().version();
                long next = a.latestGlobalVersion().orElseThrow() + 1;
                Optional<ValidationCheck> check = eval.map(e -> ValidationCheck.of(e, c.get().parent().params(), c.get().params()));
                boolean worse = check.isPresent() && check.get().worse();
                if (worse && !acceptWorse && !dryRun) {
                    throw new UserInputException("refused: v" + next + " would be worse than v" + parent + " ("
                            + check.get().describe() + "); nothing stored (--accept-worse --reason TEXT stores it anyway)");
                }
                long version = next;
                if (!dryRun) {
                    try {
                        version = AggregationRun.store(a, c.get(), by, worse ? List.of(OperatorAction.Kind.ACCEPT_WORSE) : List.of())
                                .version();
                    } catch (IllegalArgumentException e) {
                        throw new UserInputException(e.getMessage(), e);
                    }
                }
                ObjectNode json = JSON.createObjectNode();
                json.put("version", version).put("parent", parent).put("rule", agg.rule().label())
                        .put("stored", !dryRun).put("operator", by.operator()).put("reason", by.reason()).put("at", by.at().toString());
                c.get().cluster().ifPresent(n -> json.put("cluster", n));
                ArrayNode used = json.putArray("deltas");
                c.get().used().forEach(d -> used.add(d.id()));
                ArrayNode skipped = json.putArray("skipped");
                c.get().skipped().forEach(d -> skipped.add(d.id()));
                StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%s v%d from v%d by %s over %d deltas %s%s%n",
                        dryRun ? "candidate" : "stored", version, parent, agg.rule().label(), c.get().used().size(),
                        c.get().used().stream().map(d -> Long.toString(d.id())).collect(Collectors.joining(",", "[", "]")),
                        dryRun ? "" : " (" + by.operator() + ", " + by.at() + ")"));
                if (!c.get().skipped().isEmpty()) {
                    t.append(c.get().skipped().size()).append(" approved deltas on other bases left out\n");
                }
                check.ifPresent(v -> {
                    json.put("error_parent", v.currentError()).put("error_new", v.candidateError()).put("error_name", v.errorName())
                            .put("worse", v.worse());
                    t.append(String.format(Locale.ROOT, "%s: v%d %s -> %s%s%n", v.errorName(), parent,
                            ReviewReport.fmt(v.currentError()), ReviewReport.fmt(v.candidateError()),
                            v.worse() ? (dryRun ? "  WORSE: would be refused without --accept-worse" : "  WORSE, accepted: " + by.reason()) : ""));
                });
                common.emit(t.toString(), json);
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Render a self-contained HTML review page (plots embedded; opens in a browser, no server),"
                    + " or with --format json the same numbers as JSON (standard output unless --out).")
    static final class Report implements Runnable {
        @Mixin
        Common common;

        @Mixin
        RuleOptions rule;

        @Override
        public void run() {
            Aggregator agg = rule.aggregator();
            Optional<ModelEvaluator> eval = rule.evaluator();
            boolean json = common.format.json("review report");
            if (!json) {
                common.defaultOutTo(Path.of("review-report.html")); // a page is for a browser, not a terminal
            }
            common.checkOut(rule.validation);
            try (Archive a = common.openForReading()) {
                if (json) {
                    try {
                        common.write(JSON.writeValueAsString(ReviewReport.json(a, agg, eval)) + "\n");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    common.write(ReviewReport.render(a, agg, eval, "OnOrbit review: " + common.archive.getFileName()));
                }
                if (common.outFile().isPresent()) {
                    common.spec.commandLine().getErr().println("wrote " + common.outFile().get());
                }
            }
        }
    }

    @Command(name = "simulate-pass", mixinStandardHelpOptions = true,
            description = "Demo: one ground pass of a small constellation (linear stand-in task) through the real packets"
                    + " and delta codec into the archive (created if missing), with duplicated and corrupted packets.")
    static final class SimulatePass implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--satellites", defaultValue = "6", description = "Satellites (default ${DEFAULT-VALUE}).")
        int satellites;

        @Option(names = "--poisoned", defaultValue = "1", description = "How many send poisoned deltas (default ${DEFAULT-VALUE}).")
        int poisoned;

        @Option(names = "--samples", defaultValue = "40", description = "Samples per satellite (default ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--seed", defaultValue = "1", description = "Task seed; keep it for later passes (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--validation-out", paramLabel = "CSV", description = "Also write a ground validation set for the task.")
        Path validationOut;

        @Override
        public void run() {
            PassSimulator sim;
            try {
                sim = new PassSimulator(satellites, poisoned, samples, seed);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
            Path parent = common.archive.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserInputException(common.archive + ": folder " + parent + " does not exist");
            }
            common.checkOut();
            if (validationOut != null) {
                Outputs.checkFile("--validation-out", validationOut, common.force.on(), common.archive,
                        common.outFile().orElse(null));
            }
            if (Files.exists(common.archive)) {
                common.requireDatabase();
            }
            PassSimulator.Outcome o;
            try (Archive a = Archive.open(common.archive)) {
                o = sim.run(a);
            } catch (IllegalArgumentException | ArchiveException e) {
                throw new UserInputException(common.archive + ": " + e.getMessage(), e);
            }
            if (validationOut != null) {
                try {
                    sim.task().validationSet(2000, seed + 17).writeCsv(validationOut);
                } catch (IOException e) {
                    throw new UserInputException(validationOut + ": cannot write (" + e.getMessage() + ")", e);
                }
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("pass", o.passNumber()).put("station", o.station()).put("at", o.at().toString()).put("packets", o.packets());
            ObjectNode results = json.putObject("results");
            o.results().forEach((k, v) -> results.put(k.name().toLowerCase(Locale.ROOT), v));
            ObjectNode reasons = json.putObject("reject_reasons");
            o.rejectReasons().forEach(reasons::put);
            common.emit(passText(o, common.archive), json);
        }
    }

    /** @return what a simulated pass did, in plain words for an operator */
    static String passText(PassSimulator.Outcome o, Path archive) {
        java.util.function.ToLongFunction<Ingest.Result> n = k -> o.results().getOrDefault(k, 0L);
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "pass %d over %s at %s: %d packets received%n",
                o.passNumber(), o.station(), o.at(), o.packets()));
        t.append(String.format(Locale.ROOT, "  %d deltas complete and archived, waiting for review (onorbit review list --archive %s"
                + " --status pending)%n", n.applyAsLong(Ingest.Result.STORED), archive));
        t.append(String.format(Locale.ROOT, "  %d packets held until the rest of their delta arrived%n",
                n.applyAsLong(Ingest.Result.PENDING)));
        t.append(String.format(Locale.ROOT, "  %d copies of packets already received, dropped%n", n.applyAsLong(Ingest.Result.DUPLICATE)));
        if (n.applyAsLong(Ingest.Result.IGNORED) > 0) {
            t.append(String.format(Locale.ROOT, "  %d messages that were not deltas, not archived%n", n.applyAsLong(Ingest.Result.IGNORED)));
        }
        long refused = n.applyAsLong(Ingest.Result.REJECTED);
        t.append(String.format(Locale.ROOT, "  %d packets refused%s%n", refused, refused == 0 ? "" : ":"));
        new java.util.TreeMap<>(o.rejectReasons()).forEach((k, v) -> t.append(String.format(Locale.ROOT, "    %d x %s (%s)%n", v,
                io.onorbit.verification.report.Reasons.describe(k), k)));
        return t.toString();
    }

    static String flagText(DeltaRecord d) {
        return d.flags().stream().sorted().map(FileLabels::of).collect(Collectors.joining(","));
    }

    static ObjectNode summary(DeltaRecord d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id()).put("satellite", d.satellite()).put("pass", d.passNumber()).put("base_version", d.baseVersion())
                .put("nnz", d.nnz()).put("bytes", d.bytes());
        if (Double.isFinite(d.norm())) {
            o.put("norm", d.norm());
        } else {
            o.putNull("norm");
        }
        ArrayNode f = o.putArray("flags");
        d.flags().stream().sorted().map(DeltaFlag::name).map(s -> s.toLowerCase(Locale.ROOT)).forEach(f::add);
        o.put("status", d.status().name().toLowerCase(Locale.ROOT));
        return o;
    }
}

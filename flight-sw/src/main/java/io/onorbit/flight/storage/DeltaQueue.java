package io.onorbit.flight.storage;

import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.DeltaFormatException;
import io.onorbit.flight.delta.DeltaMerger;
import io.onorbit.flight.delta.WeightDelta;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Crash-safe, bounded, acknowledge-before-delete queue of deltas on flash (see the package note).
 * Each entry is kept in two files, each with its own checksum, so a single damaged file never
 * loses a delta. Not thread-safe: one owner (the flight software's downlink task).
 */
public final class DeltaQueue {

    /**
     * One queued delta.
     *
     * @param fileBytes flash the entry takes, bytes: both of its copies
     */
    public record Entry(long sequence, WeightDelta delta, byte[] encoded, long fileBytes, boolean inFlight) {
        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }

    /**
     * A file found damaged on restart. In {@link #corrupted()}: set aside, and, for an entry
     * (named by its first copy's file), the delta is lost. In {@link #repaired()}: one copy of an
     * entry, rewritten from the other.
     */
    public record Corruption(Path file, String reason) {
    }

    /** What {@link #offer} did. */
    public sealed interface OfferResult permits Stored, Refused {
    }

    /**
     * The delta (possibly merged with queued ones) is stored.
     *
     * @param sequence sequence of the stored entry
     * @param merged   sequences of queued entries merged away to make room
     * @param dropped  dense values the merges could not carry (same dimension as the offered
     *                 delta; zeros if none): give them back to the encoder's residual
     */
    public record Stored(long sequence, List<Long> merged, float[] dropped) implements OfferResult {
    }

    /** Nothing could make room; the delta was not stored and is the caller's again. */
    public record Refused(String reason) implements OfferResult {
    }

    private static final int ENTRY_MAGIC = 0x4F514531; // "OQE1"
    private static final int COUNTER_MAGIC = 0x4F514331; // "OQC1"
    private static final String ENTRY_PREFIX = "q-";
    /** The second copy of each entry: the same bytes under another name. */
    private static final String COPY_PREFIX = "m-";
    /** Copies of each entry on flash. */
    public static final int COPIES = 2;
    private static final String ENTRY_SUFFIX = ".dlt";
    private static final String FLIGHT_PREFIX = "f-";
    private static final String FLIGHT_SUFFIX = ".flight";
    private static final String TMP_SUFFIX = ".tmp";
    /** Before redundant slots: one counter file; still read on recovery, then removed. */
    private static final String LEGACY_COUNTER = "next-sequence";
    private static final String COUNTER_PREFIX = "next-sequence.";
    /** Redundant counter slots, written round-robin, one per reservation. */
    static final int COUNTER_SLOTS = 3;
    /** A slot's value when its file exists but fails its check (-1: never written). */
    private static final long DAMAGED = -2;

    private final Path dir;
    private final long capacityBytes;
    private final FileOps ops;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final List<Corruption> corrupted = new ArrayList<>();
    private final List<Corruption> repaired = new ArrayList<>();
    private long nextSequence;
    private long usedBytes;
    private int nextSlot;

    private DeltaQueue(Path dir, long capacityBytes, FileOps ops) {
        this.dir = dir;
        this.capacityBytes = capacityBytes;
        this.ops = ops;
    }

    /**
     * Opens (and recovers) the queue in {@code dir}.
     *
     * @param dir           the queue's directory (must exist)
     * @param capacityBytes most bytes of entries held, &gt; 0
     * @param ops           file operations
     */
    public static DeltaQueue open(Path dir, long capacityBytes, FileOps ops) throws IOException {
        return open(dir, capacityBytes, ops, 0);
    }

    /**
     * Opens (and recovers) the queue in {@code dir}, never handing out a sequence below
     * {@code sequenceFloor}: a high-water mark the caller keeps elsewhere on flash, so that
     * sequences do not restart at 0 even if every counter slot and every entry were lost.
     *
     * @param sequenceFloor lowest sequence the queue may hand out, &ge; 0
     */
    public static DeltaQueue open(Path dir, long capacityBytes, FileOps ops, long sequenceFloor) throws IOException {
        if (sequenceFloor < 0) {
            throw new IllegalArgumentException("sequenceFloor " + sequenceFloor + " must be >= 0");
        }
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes " + capacityBytes + " must be > 0");
        }
        DeltaQueue q = new DeltaQueue(Objects.requireNonNull(dir, "dir"), capacityBytes, Objects.requireNonNull(ops));
        q.recover();
        q.nextSequence = Math.max(q.nextSequence, sequenceFloor);
        return q;
    }

    private void recover() throws IOException {
        List<Path> files = ops.list(dir);
        long maxSeen = -1;
        long[] slotValues = new long[COUNTER_SLOTS];
        Arrays.fill(slotValues, -1);
        List<Long> flights = new ArrayList<>();
        List<Long> superseded = new ArrayList<>();
        java.util.TreeSet<Long> entrySeqs = new java.util.TreeSet<>();
        java.util.Set<String> present = new java.util.HashSet<>();
        files.forEach(f -> present.add(f.getFileName().toString()));
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(TMP_SUFFIX)) {
                ops.delete(f); // an interrupted write that never committed
            } else if (name.equals(LEGACY_COUNTER)) {
                maxSeen = Math.max(maxSeen, Math.max(readCounter(f), 0) - 1);
            } else if (name.startsWith(COUNTER_PREFIX)) {
                int slot = slotOf(name);
                if (slot >= 0) {
                    slotValues[slot] = readCounter(f);
                }
            } else if (name.startsWith(FLIGHT_PREFIX) && name.endsWith(FLIGHT_SUFFIX)) {
                parseSeq(name, FLIGHT_PREFIX, FLIGHT_SUFFIX).ifPresent(flights::add);
            } else if ((name.startsWith(ENTRY_PREFIX) || name.startsWith(COPY_PREFIX)) && name.endsWith(ENTRY_SUFFIX + ".corrupt")) {
                String prefix = name.substring(0, ENTRY_PREFIX.length());
                maxSeen = Math.max(maxSeen, parseSeq(name, prefix, ENTRY_SUFFIX + ".corrupt").orElse(-1L));
            } else if (name.startsWith(ENTRY_PREFIX) && name.endsWith(ENTRY_SUFFIX)) {
                parseSeq(name, ENTRY_PREFIX, ENTRY_SUFFIX).ifPresent(entrySeqs::add);
            } else if (name.startsWith(COPY_PREFIX) && name.endsWith(ENTRY_SUFFIX)) {
                parseSeq(name, COPY_PREFIX, ENTRY_SUFFIX).ifPresent(entrySeqs::add);
            }
        }
        for (long seq : entrySeqs) {
            maxSeen = Math.max(maxSeen, seq); // its name says which sequence it held: never hand that out again
            Optional<ParsedEntry> p = recoverEntry(seq, present);
            if (p.isPresent()) {
                entries.put(seq, new Entry(seq, p.get().delta, p.get().payload, COPIES * (long) p.get().fileBytes(), false));
                superseded.addAll(p.get().supersedes);
            }
        }
        // Finish merges that committed their result but not the deletion of what it replaced.
        for (long s : superseded) {
            maxSeen = Math.max(maxSeen, s);
            if (entries.remove(s) != null) {
                ops.delete(copyPath(s));
                ops.delete(entryPath(s));
            }
        }
        for (long s : flights) {
            maxSeen = Math.max(maxSeen, s);
            Entry e = entries.get(s);
            if (e == null) {
                ops.delete(flightPath(s));
            } else {
                entries.put(s, new Entry(s, e.delta, e.encoded, e.fileBytes, true));
            }
        }
        nextSequence = Math.max(recoverCounter(slotValues), maxSeen + 1);
        usedBytes = entries.values().stream().mapToLong(Entry::fileBytes).sum();
        if (damagedSlots(slotValues) > 0 || files.stream().anyMatch(f -> f.getFileName().toString().equals(LEGACY_COUNTER))) {
            // Repair now, so a later fault in another slot cannot combine with this one.
            for (int i = 0; i < COUNTER_SLOTS; i++) {
                writeCounterSlot(i, nextSequence);
            }
            if (files.stream().anyMatch(f -> f.getFileName().toString().equals(LEGACY_COUNTER))) {
                ops.delete(dir.resolve(LEGACY_COUNTER));
                ops.syncDirectory(dir);
            }
        }
    }

    /**
     * Reads both copies of entry {@code seq}: the first valid one is the entry, and a copy that is
     * missing (a reset between the two writes or the two deletes) or damaged is rewritten from it;
     * if neither is valid, the damaged files are set aside and the entry is reported lost.
     */
    private Optional<ParsedEntry> recoverEntry(long seq, java.util.Set<String> present) throws IOException {
        Path[] copies = {entryPath(seq), copyPath(seq)};
        ParsedEntry good = null;
        String[] damage = new String[copies.length];
        for (int i = 0; i < copies.length; i++) {
            if (!present.contains(copies[i].getFileName().toString())) {
                continue;
            }
            byte[] bytes = ops.read(copies[i]);
            try {
                ParsedEntry p = parseEntry(bytes);
                if (p.sequence != seq) {
                    throw new DeltaFormatException("file name does not match sequence " + p.sequence);
                }
                good = good == null ? p : good;
            } catch (DeltaFormatException e) {
                damage[i] = e.getMessage();
            }
        }
        if (good == null) {
            for (int i = 0; i < copies.length; i++) {
                if (present.contains(copies[i].getFileName().toString())) {
                    ops.move(copies[i], copies[i].resolveSibling(copies[i].getFileName() + ".corrupt"));
                }
            }
            String why = String.join("; ", java.util.Arrays.stream(damage).filter(Objects::nonNull).toList());
            corrupted.add(new Corruption(copies[0], why));
            System.getLogger(DeltaQueue.class.getName()).log(System.Logger.Level.WARNING,
                    "queue entry " + copies[0] + ": every copy corrupted (" + why + "): set aside, the delta is lost");
            return Optional.empty();
        }
        for (int i = 0; i < copies.length; i++) {
            if (damage[i] != null || !present.contains(copies[i].getFileName().toString())) {
                writeAtomically(copies[i], good.file());
                if (damage[i] != null) {
                    repaired.add(new Corruption(copies[i], damage[i]));
                }
            }
        }
        return Optional.of(good);
    }

    private static int slotOf(String name) {
        String rest = name.substring(COUNTER_PREFIX.length());
        for (int i = 0; i < COUNTER_SLOTS; i++) {
            if (rest.equals(Integer.toString(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int damagedSlots(long[] slotValues) {
        int damaged = 0;
        for (long v : slotValues) {
            if (v == DAMAGED) {
                damaged++;
            }
        }
        return damaged;
    }

    /**
     * Next sequence from the slots: each reservation writes one slot with a value one higher
     * than the last, round-robin, so a damaged slot held at most one more than the highest valid
     * one per damaged slot (a missing slot was never written: slots fill in order from a fresh
     * queue, and a write replaces a slot by rename, never deletes it). Skipping ids is harmless; reusing one is not.
     */
    private long recoverCounter(long[] slotValues) {
        long best = -1;
        int bestSlot = -1;
        for (int i = 0; i < COUNTER_SLOTS; i++) {
            if (slotValues[i] > best) {
                best = slotValues[i];
                bestSlot = i;
            }
        }
        nextSlot = bestSlot < 0 ? 0 : (bestSlot + 1) % COUNTER_SLOTS;
        if (best < 0) {
            return 0; // a fresh queue, or every slot damaged: the entries (and files set aside) decide
        }
        return best + damagedSlots(slotValues);
    }

    private void writeCounterSlot(int slot, long next) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putInt(COUNTER_MAGIC).putLong(next);
        b.putInt(crc(b.array(), 12));
        writeAtomically(dir.resolve(COUNTER_PREFIX + slot), b.array());
    }

    private static Optional<Long> parseSeq(String name, String prefix, String suffix) {
        try {
            return Optional.of(Long.parseLong(name.substring(prefix.length(), name.length() - suffix.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private long readCounter(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(ops.read(f));
        if (b.remaining() == 16 && b.getInt(0) == COUNTER_MAGIC && crc(b.array(), 12) == b.getInt(12)
                && b.getLong(4) >= 0) {
            return b.getLong(4);
        }
        corrupted.add(new Corruption(f, "sequence counter slot damaged; recovered from the other slots and the entries"));
        return DAMAGED;
    }

    private record ParsedEntry(long sequence, List<Long> supersedes, byte[] payload, WeightDelta delta, byte[] file) {
        int fileBytes() {
            return file.length;
        }
    }

    private static ParsedEntry parseEntry(byte[] bytes) throws DeltaFormatException {
        if (bytes.length < 24) {
            throw new DeltaFormatException("entry of " + bytes.length + " bytes is too short");
        }
        int body = bytes.length - 4;
        if (crc(bytes, body) != ByteBuffer.wrap(bytes, body, 4).getInt()) {
            throw new DeltaFormatException("entry checksum mismatch");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, body);
            if (b.getInt() != ENTRY_MAGIC) {
                throw new DeltaFormatException("not a queue entry (bad magic)");
            }
            long seq = b.getLong();
            int n = b.getInt();
            if (n < 0 || n > b.remaining() / 8) {
                throw new DeltaFormatException("bad superseded count " + n);
            }
            List<Long> sup = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sup.add(b.getLong());
            }
            int len = b.getInt();
            if (len != b.remaining()) {
                throw new DeltaFormatException("payload length " + len + " but " + b.remaining() + " bytes follow");
            }
            byte[] payload = new byte[len];
            b.get(payload);
            return new ParsedEntry(seq, sup, payload, DeltaCodec.decode(payload), bytes);
        } catch (BufferUnderflowException e) {
            throw new DeltaFormatException("entry truncated");
        }
    }

    private static byte[] entryBytes(long seq, List<Long> supersedes, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + 8 * supersedes.size() + 4 + payload.length + 4);
        b.putInt(ENTRY_MAGIC).putLong(seq).putInt(supersedes.size());
        supersedes.forEach(b::putLong);
        b.putInt(payload.length).put(payload);
        b.putInt(crc(b.array(), b.position()));
        return b.array();
    }

    private static int crc(byte[] b, int len) {
        CRC32C c = new CRC32C();
        c.update(b, 0, len);
        return (int) c.getValue();
    }

    private Path entryPath(long seq) {
        return named(ENTRY_PREFIX, seq, ENTRY_SUFFIX);
    }

    private Path copyPath(long seq) {
        return named(COPY_PREFIX, seq, ENTRY_SUFFIX);
    }

    /**
     * @return {@code seq} in 19 digits with leading zeros, as {@code %019d} prints it (a file name is
     *         made for every queued, acknowledged and sent delta: the formatter cost more than the write)
     */
    static String sequenceDigits(long seq) {
        if (seq < 0) {
            return String.format("%019d", seq);
        }
        String digits = Long.toString(seq);
        return "0".repeat(19 - digits.length()).concat(digits);
    }

    /**
     * @return the file {@code prefix}, 19 digits of {@code seq}, {@code suffix} in the queue's folder. With
     *         String.concat, not +: a + is an invokedynamic whose method-handle tree the JIT inlined (~1 kB of
     *         bytecode each) into the link's every-step compilation
     */
    private Path named(String prefix, long seq, String suffix) {
        return dir.resolve(prefix.concat(sequenceDigits(seq)).concat(suffix));
    }

    /** Writes both copies of an entry, one after the other, each atomically. */
    private void writeEntry(long seq, byte[] file) throws IOException {
        writeAtomically(entryPath(seq), file);
        writeAtomically(copyPath(seq), file);
    }

    /** Deletes both copies of an entry (the directory is flushed by the caller). */
    private void deleteEntry(long seq) throws IOException {
        ops.delete(copyPath(seq));
        ops.delete(entryPath(seq));
    }

    private Path flightPath(long seq) {
        return named(FLIGHT_PREFIX, seq, FLIGHT_SUFFIX);
    }

    /** Write to a temporary name, flush, rename over the final name, flush the directory. */
    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        ops.writeAtomically(target, bytes);
    }

    /** @return a fresh sequence number for a delta, never handed out before (persisted first) */
    public long reserveSequence() throws IOException {
        long s = nextSequence;
        writeCounterSlot(nextSlot, s + 1);
        nextSlot = (nextSlot + 1) % COUNTER_SLOTS;
        nextSequence = s + 1;
        return s;
    }

    /** @return bytes a stored delta of {@code encodedBytes} takes on flash, both copies (merges none away) */
    public static long entryBytes(int encodedBytes) {
        return COPIES * (4 + 8 + 4 + 4 + encodedBytes + 4L);
    }

    /**
     * Stores {@code delta} (its sequence must be new: see {@link #reserveSequence()}); when full,
     * merges queued deltas of the same satellite and base (never in-flight ones) to make room.
     */
    public OfferResult offer(WeightDelta delta) throws IOException {
        if (entries.containsKey(delta.sequence()) || delta.sequence() >= nextSequence) {
            throw new IllegalArgumentException("sequence " + delta.sequence() + " is not a fresh reserved sequence");
        }
        float[] dropped = new float[delta.dimension()];
        List<Long> absorbed = new ArrayList<>();
        WeightDelta d = delta;
        while (true) {
            byte[] payload = DeltaCodec.encode(d);
            byte[] file = entryBytes(d.sequence(), absorbed, payload);
            long freed = absorbed.stream().mapToLong(s -> entries.get(s).fileBytes()).sum();
            long flashBytes = COPIES * (long) file.length;
            if (usedBytes - freed + flashBytes <= capacityBytes) {
                writeEntry(d.sequence(), file);
                for (long s : absorbed) {
                    deleteEntry(s);
                }
                if (!absorbed.isEmpty()) {
                    ops.syncDirectory(dir);
                }
                for (long s : absorbed) {
                    entries.remove(s);
                }
                entries.put(d.sequence(), new Entry(d.sequence(), d, payload, flashBytes, false));
                usedBytes += flashBytes - freed;
                return new Stored(d.sequence(), List.copyOf(absorbed), dropped);
            }
            Optional<Entry> partner = entries.descendingMap().values().stream()
                    .filter(e -> !e.inFlight && !absorbed.contains(e.sequence) && mergeable(e.delta, delta))
                    .findFirst();
            if (partner.isPresent()) {
                DeltaMerger.Result m = DeltaMerger.merge(partner.get().delta, d, d.sequence());
                add(dropped, m.dropped());
                d = m.merged();
                absorbed.add(partner.get().sequence);
                continue;
            }
            if (!mergeQueuedPair(dropped)) {
                return new Refused("queue full (" + usedBytes + " of " + capacityBytes + " bytes) and no queued delta"
                        + " of the same satellite and base can be merged");
            }
        }
    }

    private static boolean mergeable(WeightDelta a, WeightDelta b) {
        return a.satellite().equals(b.satellite()) && a.base().equals(b.base()) && a.layout().equals(b.layout());
    }

    private static void add(float[] acc, float[] x) {
        if (acc.length == x.length) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += x[i];
            }
        }
    }

    /** Merges the oldest mergeable pair of queued entries into one new entry; false if none. */
    private boolean mergeQueuedPair(float[] dropped) throws IOException {
        List<Entry> open = entries.values().stream().filter(e -> !e.inFlight).toList();
        for (int i = 0; i < open.size(); i++) {
            for (int j = i + 1; j < open.size(); j++) {
                Entry a = open.get(i);
                Entry b = open.get(j);
                if (mergeable(a.delta, b.delta)) {
                    long seq = reserveSequence();
                    DeltaMerger.Result m = DeltaMerger.merge(a.delta, b.delta, seq);
                    byte[] payload = DeltaCodec.encode(m.merged());
                    byte[] file = entryBytes(seq, List.of(a.sequence, b.sequence), payload);
                    writeEntry(seq, file);
                    deleteEntry(a.sequence);
                    deleteEntry(b.sequence);
                    ops.syncDirectory(dir);
                    entries.remove(a.sequence);
                    entries.remove(b.sequence);
                    long flashBytes = COPIES * (long) file.length;
                    entries.put(seq, new Entry(seq, m.merged(), payload, flashBytes, false));
                    usedBytes += flashBytes - a.fileBytes - b.fileBytes;
                    add(dropped, m.dropped());
                    return true;
                }
            }
        }
        return false;
    }

    /** Marks {@code sequence} as being transmitted (persisted): it will never be merged. */
    public void markInFlight(long sequence) throws IOException {
        Entry e = entries.get(sequence);
        if (e == null) {
            throw new IllegalArgumentException("no queued delta " + sequence);
        }
        if (!e.inFlight) {
            writeAtomically(flightPath(sequence), new byte[0]);
            entries.put(sequence, new Entry(sequence, e.delta, e.encoded, e.fileBytes, true));
        }
    }

    /**
     * The ground acknowledged {@code sequence}: delete it. Idempotent.
     *
     * @return true if it was queued
     */
    public boolean ack(long sequence) throws IOException {
        Entry e = entries.get(sequence);
        if (e == null) {
            return false;
        }
        deleteEntry(sequence);
        ops.delete(flightPath(sequence));
        ops.syncDirectory(dir);
        entries.remove(sequence);
        usedBytes -= e.fileBytes;
        return true;
    }

    /** @return the oldest queued delta, if any */
    public Optional<Entry> head() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.firstEntry().getValue());
    }

    /** @return the queued delta {@code sequence}, if any */
    public Optional<Entry> get(long sequence) {
        return Optional.ofNullable(entries.get(sequence));
    }

    /** @return queued deltas, oldest first */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }

    /** @return bytes of entries on flash */
    public long usedBytes() {
        return usedBytes;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /**
     * @return files found damaged when the queue was opened, set aside and skipped: damaged counter
     *         slots, and entries whose every copy was damaged (named by the first copy; lost)
     */
    public List<Corruption> corrupted() {
        return List.copyOf(corrupted);
    }

    /** @return entry copies found damaged when the queue was opened and rewritten from the other copy */
    public List<Corruption> repaired() {
        return List.copyOf(repaired);
    }

    /** @return the next sequence {@link #reserveSequence()} will hand out */
    public long nextSequence() {
        return nextSequence;
    }

    @Override
    public String toString() {
        return "DeltaQueue[" + dir + ", " + entries.size() + " entries, " + usedBytes + "/" + capacityBytes + " bytes, "
                + Arrays.toString(entries.keySet().toArray()) + "]";
    }
}

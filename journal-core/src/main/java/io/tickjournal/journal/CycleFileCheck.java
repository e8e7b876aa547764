package io.tickjournal.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.tickjournal.journal.ChronicleStoreLayout.*;
import static io.tickjournal.journal.CycleFileLayout.*;
import static io.tickjournal.journal.JournalRecordDecoder.MAX_RECORD_LENGTH;

/**
 * Checks one cycle file's structure against what Chronicle wrote ({@link ChronicleStoreLayout}),
 * with bounds-checked reads only ({@link FileBytes}): the header byte for byte, the documents'
 * framing to the written end, that every byte after that end is zero, the header's write position
 * against the last document walked, and every index entry against the offset of the record it
 * names. A document not complete is a live tail (a warning) only when it is the last thing in the
 * newest cycle file and after the header's write position; anywhere else it is damage.
 *
 * <p>Not thread-safe; one instance per check.
 */
final class CycleFileCheck {
    /** Bytes a writer that stopped mid-document may have left after a not-complete header word. */
    static final int MAX_TAIL = HEADER_WORD_LENGTH + MAX_RECORD_LENGTH;

    /** What one check found: damages, warnings and the data documents walked. */
    record Result(List<JournalDamage> damages, List<JournalDamage> warnings, long records) {
    }

    /** Documents a killed writer's header may lag behind the last one (one in practice; a margin). */
    private static final int MAX_WRITE_LAG = 16;

    private final Path file;
    private final FileBytes f;
    private final long firstIndex;
    private final boolean newest;
    private final List<JournalDamage> damages = new ArrayList<>();
    private final List<JournalDamage> warnings = new ArrayList<>();
    /** Offsets of data documents 0, 256, 512, ... (the ones Chronicle indexes). */
    private long[] sampled = new long[16];
    /** Metadata documents after the index-to-index one: offset to records walked before it. */
    private final Map<Long, Long> metadata = new HashMap<>();
    private long records;
    private long lastData = -1;
    /** Whether the file's last record lacks its index entry or its used count. */
    private boolean tailUnindexed;

    private CycleFileCheck(Path file, FileBytes f, long firstIndex, boolean newest) {
        this.file = file;
        this.f = f;
        this.firstIndex = firstIndex;
        this.newest = newest;
    }

    /**
     * Checks {@code file}, whose first record has journal index {@code firstIndex}; {@code newest}
     * when no later cycle file exists (only there may a writer still be writing).
     */
    static Result check(Path file, long firstIndex, boolean newest) {
        try (FileBytes f = FileBytes.open(file)) {
            CycleFileCheck c = new CycleFileCheck(file, f, firstIndex, newest);
            c.run();
            return new Result(List.copyOf(c.damages), List.copyOf(c.warnings), c.records);
        }
    }

    /**
     * Whether a reader that stopped at {@code position} of {@code file} read everything written
     * there (a quick test; false sends the caller to the full {@link #check}): the cycle header is
     * Chronicle's, the position is the end of the document at the header's write position, the
     * header word there is zero or the end-of-cycle marker (or, in the newest file, a not-complete
     * document) and nothing but zeros follows.
     */
    static boolean cleanStop(Path file, long position, boolean newest) {
        try (FileBytes f = FileBytes.open(file)) {
            if (!f.holds(position, HEADER_WORD_LENGTH) || (position & 3) != 0
                    || headerMismatch(f) != -1) {
                return false;
            }
            // The stop must be where the last complete document (the header's write position) ends:
            // a damaged length earlier in the file can carry a reader past data into the zero tail.
            long lastEnd = writtenEnd(f);
            if (lastEnd < 0) {
                return false;
            }
            int h = f.intAt(position);
            if (h == NOTHING_WRITTEN) {
                return position == lastEnd && (f.lastNonZero(position) < 0
                        || newest && f.lastNonZero(tailEnd(position, h)) < 0);
            }
            if (h == END_OF_CYCLE) {
                return position >= lastEnd && f.lastNonZero(endOfCycleEnd(f, position)) < 0;
            }
            return newest && (h & NOT_COMPLETE) != 0 && position == lastEnd && f.lastNonZero(tailEnd(position, h)) < 0;
        }
    }

    /**
     * The first byte of the cycle header that is not Chronicle's (its variable fields aside), or
     * -1; -2 when the file is shorter than the header.
     */
    static long headerMismatch(FileBytes f) {
        if (!f.holds(0, CYCLE_HEADER.length)) {
            return -2;
        }
        return f.mismatch(0, CYCLE_HEADER, WRITE_POSITION_OFFSET, WRITE_SEQUENCE_OFFSET + 8,
                LAST_INDEX_OFFSET, LAST_INDEX_OFFSET + 8);
    }

    private void run() {
        long size = f.size();
        if (size < INDEX2INDEX_POSITION + INDEX2INDEX_HEADER.length) {
            damage(0, -1, size, "the file is " + size + " bytes, shorter than Chronicle's cycle header (truncated)");
            return;
        }
        long diff = headerMismatch(f);
        if (diff >= 0) {
            damage(diff, -1, bytesAfter(diff), String.format("the cycle header differs from Chronicle's at this byte "
                    + "(0x%02X, expected 0x%02X)", f.byteAt(diff), CYCLE_HEADER[(int) diff] & 0xFF));
            return;
        }
        long end = walk();
        if (!damages.isEmpty()) {
            return;
        }
        checkWritePosition(end);
        checkIndex();
    }

    /** Walks the documents from the start; returns where the walk stopped. */
    private long walk() {
        long size = f.size();
        long p = 0;
        while (true) {
            if (!f.holds(p, HEADER_WORD_LENGTH)) {
                damage(Math.min(p, size), lastGood(), 0, "the file (" + size + " bytes) ends inside what is written, "
                        + "with no end after the last document (truncated)");
                return p;
            }
            int h = f.intAt(p);
            if (h == NOTHING_WRITTEN) {
                // A writer stores a document's header word after its content: one killed (or still
                // writing) leaves up to one document's bytes behind a zero word at the newest end.
                boolean writerTail = newest && p == writtenEnd(f) && f.lastNonZero(tailEnd(p, h)) < 0
                        && f.lastNonZero(p) >= 0;
                if (writerTail) {
                    warning(p, lastGood(), bytesAfter(p), "bytes after the end of what is "
                            + "written, within one document: a writer is writing it or was killed while writing it "
                            + "(the live tail; the next appender writes over it)");
                } else {
                    tail(p, p, "a zero header word (the end of what is written)");
                }
                return p;
            }
            if (h == END_OF_CYCLE) {
                tail(p, endOfCycleEnd(f, p), "the end-of-cycle marker");
                return p;
            }
            if ((h & NOT_COMPLETE) != 0) {
                notComplete(p, h);
                return p;
            }
            int length = h & LENGTH_MASK;
            if (!f.holds(p + HEADER_WORD_LENGTH, length)) {
                damage(p, lastGood(), size - p, String.format("the document here (header word 0x%08X, %,d bytes) "
                        + "runs past the end of the file (%,d bytes): truncated, or a damaged header word",
                        h, length, size));
                return p;
            }
            if ((h & META_DATA) != 0) {
                if (p != 0 && p != INDEX2INDEX_POSITION) {
                    metadata.put(p, records);
                }
            } else {
                if (records % INDEX_SPACING == 0) {
                    sample(p);
                }
                lastData = p;
                records++;
            }
            p = nextDocument(p, length);
        }
    }

    private void sample(long p) {
        int i = (int) (records / INDEX_SPACING);
        if (i == sampled.length) {
            sampled = Arrays.copyOf(sampled, i * 2);
        }
        sampled[i] = p;
    }

    /** The end of the document at the header's write position (where a writer goes on), or -1. */
    private static long writtenEnd(FileBytes f) {
        long writePosition = f.longAt(WRITE_POSITION_OFFSET);
        if (writePosition <= 0 || (writePosition & 3) != 0 || !f.holds(writePosition, HEADER_WORD_LENGTH)) {
            return -1;
        }
        return nextDocument(writePosition, f.intAt(writePosition) & LENGTH_MASK);
    }

    /** Reading stops at {@code p}; every byte from {@code zerosFrom} on must be zero. */
    private void tail(long p, long zerosFrom, String what) {
        long last = f.lastNonZero(zerosFrom);
        if (last >= 0) {
            damage(p, lastGood(), last + 1 - p, String.format("reading stops here at %s, but %,d bytes up to byte %,d "
                    + "follow that are not zero (records or documents a reader never sees)", what, last + 1 - p, last));
        }
    }

    private void notComplete(long p, int h) {
        long last = f.lastNonZero(Math.min(tailEnd(p, h), f.size()));
        long writePosition = f.longAt(WRITE_POSITION_OFFSET);
        String head = String.format("the document here (header word 0x%08X) has the not-complete bit set", h);
        if (last >= 0) {
            damage(p, lastGood(), last + 1 - p, head + String.format(", yet %,d bytes up to byte %,d follow it: "
                    + "damage, not a writer's tail; a reader stops here", last + 1 - p, last));
        } else if (!newest) {
            damage(p, lastGood(), bytesAfter(p), head + " in a cycle file that is not the newest: no writer can "
                    + "finish it; a reader stops here");
        } else if (p <= writePosition) {
            damage(p, lastGood(), bytesAfter(p), head + ", but the cycle header's write position (" + writePosition
                    + ") says it was complete: damage; a reader stops here");
        } else {
            warning(p, lastGood(), bytesAfter(p), head + ": a writer is writing it "
                    + "or stopped while writing it (the live tail; the next appender writes over it)");
        }
    }

    /** Where the zeros after the end-of-cycle marker at {@code p} start: after its "EOF" content if that is there. */
    private static long endOfCycleEnd(FileBytes f, long p) {
        long content = p + HEADER_WORD_LENGTH;
        boolean eof = f.holds(content, END_OF_CYCLE_CONTENT.length) && f.mismatch(content, END_OF_CYCLE_CONTENT) < 0;
        return eof ? content + END_OF_CYCLE_CONTENT.length : content;
    }

    private static long tailEnd(long p, int h) {
        return nextDocument(p, Math.max(h & LENGTH_MASK, MAX_TAIL));
    }

    private void checkWritePosition(long end) {
        long writePosition = f.longAt(WRITE_POSITION_OFFSET);
        long writeSequence = f.longAt(WRITE_SEQUENCE_OFFSET);
        boolean atEnd = f.intAt(end) == END_OF_CYCLE && writePosition == end;
        if (newest && !atEnd && records > 0 && lagsBehind(writePosition)) {
            warning(WRITE_POSITION_OFFSET, lastGood(), 0, String.format("the cycle "
                    + "header's write position (byte %,d) is behind the last complete document (byte %,d): a writer "
                    + "was killed after writing a document and before moving the header on (its next appender "
                    + "does); every record is readable", writePosition, lastData));
            return;
        }
        if (newest && !atEnd && records > 1 && writePosition == lastData && sequenceLags(writeSequence)) {
            warning(WRITE_SEQUENCE_OFFSET, lastGood(), 0, String.format("the cycle "
                    + "header's write sequence (0x%016X) still names an earlier document than its write position "
                    + "(byte %,d): a writer was killed between updating the two (Chronicle finds the sequence by "
                    + "scanning when they disagree); every record is readable", writeSequence, writePosition));
            return;
        }
        if (records == 0 ? writePosition != 0 && !atEnd : !atEnd && (writePosition != lastData
                || writeSequence != ((lastData << 32) | (records - 1)))) {
            damage(WRITE_POSITION_OFFSET, lastGood(), 0, String.format("the cycle header's write position says the "
                    + "last document is at byte %,d (0x%016X), the documents end with %,d records, "
                    + "the last at byte %,d",
                    writePosition, writeSequence, records, lastData));
        }
    }

    /**
     * Whether the header's second word ({@code position << 32 | record number}) names a document
     * before the last one, within {@link #MAX_WRITE_LAG} records of it: Chronicle updates the write
     * position and then this word, so a writer killed between the two leaves it one document behind.
     */
    private boolean sequenceLags(long writeSequence) {
        long position = writeSequence >>> 32;
        long number = writeSequence & 0xFFFF_FFFFL;
        return position > 0 && position < lastData && (position & 3) == 0 && number < records - 1
                && number >= records - 1 - MAX_WRITE_LAG;
    }

    /**
     * Whether {@code writePosition} is the start of a complete document before the last one, from
     * which complete documents lead to the last one within {@link #MAX_WRITE_LAG} steps: what a
     * writer killed between its document and the header's update leaves (Chronicle moves the
     * header on after each append, so the lag of a killed writer is one document).
     */
    private boolean lagsBehind(long writePosition) {
        if (writePosition <= 0 || (writePosition & 3) != 0 || writePosition >= lastData) {
            return false;
        }
        long p = writePosition;
        for (int step = 0; step < MAX_WRITE_LAG; step++) {
            if (!f.holds(p, HEADER_WORD_LENGTH)) {
                return false;
            }
            int h = f.intAt(p);
            if (h == NOTHING_WRITTEN || h == END_OF_CYCLE || (h & NOT_COMPLETE) != 0) {
                return false;
            }
            p = nextDocument(p, h & LENGTH_MASK);
            if (p >= lastData) {
                return p == lastData;
            }
        }
        return false;
    }

    /** Every index entry against the offsets walked; the entry count against the records. */
    private void checkIndex() {
        long base = INDEX2INDEX_POSITION;
        long diff = f.mismatch(base, INDEX2INDEX_HEADER, INDEX2INDEX_USED_OFFSET, INDEX2INDEX_USED_OFFSET + 8);
        long used = f.longAt(base + INDEX2INDEX_USED_OFFSET);
        if (diff >= 0 || used < 0 || used > INDEX_COUNT) {
            damage(diff >= 0 ? diff : base + INDEX2INDEX_USED_OFFSET, -1, 0,
                    "Chronicle's index-to-index document differs from its layout here");
            return;
        }
        long entries = 0;
        for (int k = 0; k < INDEX_COUNT && damages.isEmpty(); k++) {
            long at = base + INDEX2INDEX_ENTRIES_OFFSET + 8L * k;
            long index = f.longAt(at);
            if (k >= used) {
                boolean tailArray = k == used && tailSample() >= 0 && tailSample() == (long) k * INDEX_COUNT
                        && metadata.containsKey(index) && emptyIndexArray(index);
                if (index != 0 && !tailArray) {
                    damage(at, -1, 0, "an index-to-index entry past the used ones (" + used + ") is not zero");
                }
                continue;
            }
            entries += checkIndexArray(k, index, at);
        }
        if (!damages.isEmpty()) {
            return;
        }
        long expected = (records + INDEX_SPACING - 1) / INDEX_SPACING;
        long lastIndex = f.longAt(LAST_INDEX_OFFSET);
        if (tailSample() >= 0 && (entries == expected || entries == expected - 1)
                && (lastIndex == expected * INDEX_SPACING || lastIndex == (expected - 1) * INDEX_SPACING)) {
            if (entries != expected || lastIndex != expected * INDEX_SPACING || tailUnindexed) {
                warning(LAST_INDEX_OFFSET, lastGood(), 0, String.format("the last "
                        + "record (%,d) is not yet indexed (%,d index entries, lastIndex %,d): a writer was killed "
                        + "after writing it and before indexing it (Chronicle reads on from the entry before); every "
                        + "record is readable", records - 1, entries, lastIndex));
            }
        } else if (entries != expected || lastIndex != entries * INDEX_SPACING) {
            damage(entries != expected ? base : LAST_INDEX_OFFSET, lastGood(), 0, String.format(
                    "Chronicle's index holds %,d entries (lastIndex %,d), the %,d records walked need %,d (%,d)",
                    entries, lastIndex, records, expected, expected * INDEX_SPACING));
        }
        if (damages.isEmpty()) {
            checkStrayMetadata(base, used);
        }
    }

    /**
     * Metadata documents no index-to-index entry names. An empty index array is what a writer
     * killed between writing a new array and naming it leaves (Chronicle writes another on
     * restart): a warning. Anything else suggests a data document's header word was damaged.
     */
    private void checkStrayMetadata(long base, long used) {
        Set<Long> named = new HashSet<>();
        for (int k = 0; k < used; k++) {
            named.add(f.longAt(base + INDEX2INDEX_ENTRIES_OFFSET + 8L * k));
        }
        for (Map.Entry<Long, Long> m : new TreeMap<>(metadata).entrySet()) {
            long at = m.getKey();
            if (named.contains(at)) {
                continue;
            }
            if (f.holds(at, INDEX_ENTRIES_OFFSET + 8L * INDEX_COUNT)
                    && f.mismatch(at, INDEX_HEADER, INDEX_USED_OFFSET, INDEX_USED_OFFSET + 8) < 0
                    && emptyIndexArray(at)) {
                warning(at, lastGoodBefore(m.getValue()), 0, "an empty index array "
                        + "that the index-to-index does not name: a writer was killed while adding it");
                continue;
            }
            damage(at, lastGoodBefore(m.getValue()), 0, "a metadata document that no index entry names ("
                    + metadata.size() + " metadata documents, " + used + " index arrays): a data document's header "
                    + "word may be damaged");
            return;
        }
    }

    private boolean emptyIndexArray(long at) {
        for (long p = at + INDEX_USED_OFFSET; p < at + INDEX_ENTRIES_OFFSET + 8L * INDEX_COUNT; p += 8) {
            if (f.longAt(p) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Checks index array {@code k} at {@code index} (named at {@code at}); returns its used entries. */
    private long checkIndexArray(int k, long index, long at) {
        Long before = metadata.get(index);
        if (before == null || !f.holds(index, INDEX_ENTRIES_OFFSET + 8L * INDEX_COUNT)) {
            damage(at, -1, 0, "index-to-index entry " + k + " (" + index + ") names no index document");
            return 0;
        }
        long diff = f.mismatch(index, INDEX_HEADER, INDEX_USED_OFFSET, INDEX_USED_OFFSET + 8);
        long used = f.longAt(index + INDEX_USED_OFFSET);
        if (diff >= 0 || used < 0 || used > INDEX_COUNT) {
            damage(diff >= 0 ? diff : index + INDEX_USED_OFFSET, lastGoodBefore(before), 0,
                    "Chronicle's index document differs from its layout here");
            return 0;
        }
        for (int j = 0; j < INDEX_COUNT; j++) {
            long entryAt = index + INDEX_ENTRIES_OFFSET + 8L * j;
            long position = f.longAt(entryAt);
            long sample = (long) k * INDEX_COUNT + j;
            long want = j >= used ? 0 : sample * INDEX_SPACING < records ? sampled[(int) sample] : -1;
            if (sample == tailSample() && (position == 0 || position == sampled[(int) sample])) {
                // The newest file's last record, on an index boundary: a killed writer may have
                // written its entry, its used count, both or neither (Chronicle's order).
                tailUnindexed = position == 0 || j >= used;
                continue;
            }
            if (position == 0 && want > 0) {
                // What a restarted writer leaves of a killed writer's missing entry: Chronicle
                // indexes on from the next boundary and its readers scan from the entry before.
                warning(entryAt, lastGoodBefore(before), 0, String.format("index entry "
                        + "for record %,d is missing (zero): a writer was killed before indexing it; Chronicle scans "
                        + "from the entry before, so every record is readable", sample * INDEX_SPACING));
                continue;
            }
            if (position != want) {
                damage(entryAt, lastGoodBefore(before), 0, String.format("index entry for record %,d says byte %,d, "
                        + "%s", sample * INDEX_SPACING, position, want < 0 ? "but the documents end with " + records
                        + " records" : "the documents put it at byte " + want));
                return 0;
            }
        }
        return used;
    }

    /**
     * The index sample of the file's last record when that record is the first of an index
     * spacing (the only one a killed writer can have left unindexed; a restart may since have
     * rolled to a new cycle file), else -1.
     */
    private long tailSample() {
        return records > 0 && (records - 1) % INDEX_SPACING == 0 ? (records - 1) / INDEX_SPACING : -1;
    }

    private long recordsBefore(long offset) {
        Long n = metadata.get(offset);
        return n == null ? -1 : lastGoodBefore(n);
    }

    /** The index of the last record when {@code walked} records precede a place, or -1 when none. */
    private long lastGoodBefore(long walked) {
        return walked == 0 ? -1 : firstIndex + walked - 1;
    }

    private long lastGood() {
        return lastGoodBefore(records);
    }

    private long bytesAfter(long p) {
        long last = f.lastNonZero(p);
        return last < 0 ? 0 : last + 1 - p;
    }

    private void damage(long offset, long lastGoodIndex, long bytesAfter, String why) {
        damages.add(new JournalDamage(file, offset, lastGoodIndex, bytesAfter, why));
    }

    private void warning(long offset, long lastGoodIndex, long bytesAfter, String why) {
        warnings.add(new JournalDamage(file, offset, lastGoodIndex, bytesAfter, why));
    }
}

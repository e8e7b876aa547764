package io.tickjournal.journal;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.posix.PosixAPI;
import net.openhft.chronicle.core.OS;
import net.openhft.chronicle.queue.RollCycle;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickjournal.journal.CycleFileLayout.*;
import static io.tickjournal.journal.JournalRecordDecoder.MAX_RECORD_LENGTH;
import static net.openhft.chronicle.core.UnsafeMemory.MEMORY;

/**
 * Reads a journal by walking its cycle files directly with Chronicle's framing
 * ({@link CycleFileLayout}, {@code docs/journal-format.md} "Reading a cycle file"), instead of one
 * {@code ExcerptTailer.readingDocument()} per record. Same contract, callbacks, counters, checksum
 * check and record validation as {@link JournalReader} (both use one {@link JournalRecordDecoder}),
 * and the same record indexes: {@code rollCycle.toIndex(cycle, n)} for the n-th data document of
 * the cycle, the cycle parsed from the file name as Chronicle parses it.
 *
 * <p>Cycle files are mapped read-only in chunks ({@code chunkSize}, so files over 2 GB work) that
 * overlap by more than the largest record: every record is read in place, contiguous, from the
 * mapping. The payload handed to {@link JournalRecordHandler#onMessage} points into the mapping.
 *
 * <p>Live journals: {@link #poll} stops at the end of what is written (a zero header word or a
 * document still being written) and returns 0; a later poll continues from there. At an
 * end-of-cycle marker it moves to the next cycle file; at the end of what is written it moves on
 * only when a newer cycle file exists (Chronicle writes the end-of-cycle marker before it creates
 * the next file, so a cycle without one was abandoned, e.g. by a writer that stopped). The
 * directory is listed again at most every {@link #DIRECTORY_CHECK_INTERVAL_NS} while idle.
 *
 * <p>Limits: cycle numbers assume the queue's default epoch (0, cycles rolling at midnight UTC), as
 * {@link Journal} builds it. A header left not-complete by a writer that died holds the reader at
 * that document (Chronicle's tailer has recovery timeouts for this; this reader does not), and so
 * does a cycle file truncated in the middle of a document.
 *
 * <p>Thread-confined. Allocation-free per record, except a session start's description.
 */
public final class CycleFileReader extends AbstractRecordReader {
    /**
     * Default size of one mapped chunk of a cycle file. A reader made with it maps a cycle file of up
     * to {@link #WHOLE_FILE_LIMIT} in one chunk instead (see {@link #chunkFor}).
     */
    public static final long DEFAULT_CHUNK_SIZE = 64L << 20;
    /**
     * Largest cycle file a default reader maps whole: 1 GiB of address space, no memory (pages are
     * the page cache's). A 10M-message day's cycle file (656 MiB) is then one mapping instead of 11:
     * each remap makes a dozen Chronicle objects on the reader's thread (about 5 KB a day, what was
     * left of the replay thread's allocation after warm-up). Longer files map 1 GiB at a time.
     */
    static final long WHOLE_FILE_LIMIT = 1L << 30;
    /** Idle reader: the least time between two listings of the journal directory. */
    public static final long DIRECTORY_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Chunks overlap by at least one whole data document, so any record is contiguous in one chunk. */
    static final long OVERLAP_SIZE = OS.mapAlign(HEADER_WORD_LENGTH + MAX_RECORD_LENGTH);

    private final RollCycle rollCycle;
    private final long chunkSize;
    private final CycleFiles cycleFiles;

    /** The current cycle file, or null before the first one exists. */
    private MappedBytes bytes;
    /** The current cycle file is on a memory file system: never prefault it (see {@link #memoryBacked}). */
    private boolean memoryBacked;
    private int fileIndex = -1;
    private long fileSize;
    /** Position of the next document's header word in the current cycle file. */
    private long position;
    /** Index of the current cycle's first record, and how many data documents precede {@link #position}. */
    private long cycleBase;
    private long sequence;
    /** The mapped chunk last used: file offsets [windowStart, windowEnd) at windowAddress. */
    private long windowStart;
    private long windowEnd;
    private long windowAddress;
    private long remaps;
    private long lastDirectoryCheckNs;
    /** Where the sequential read left each earlier cycle file. */
    private final List<ReadStop> stops = new ArrayList<>();

    /** Reads the journal in {@code dir} (roll cycle {@link Journal#DEFAULT_ROLL_CYCLE}) from its start. */
    public CycleFileReader(Path dir, boolean verifyChecksums) {
        this(dir, Journal.DEFAULT_ROLL_CYCLE, verifyChecksums, DEFAULT_CHUNK_SIZE);
    }

    /**
     * Reads the queue in {@code dir}, written with {@code rollCycle}, from its start. The directory
     * must exist; it may hold no cycle file yet.
     *
     * @param chunkSize bytes mapped at a time, at least {@link #OVERLAP_SIZE}
     */
    public CycleFileReader(Path dir, RollCycle rollCycle, boolean verifyChecksums, long chunkSize) {
        super(verifyChecksums);
        if (OS.mapAlign(chunkSize) < OVERLAP_SIZE) {
            throw new TickjournalException("chunk size " + chunkSize + " is below the minimum " + OVERLAP_SIZE);
        }
        this.rollCycle = rollCycle;
        this.chunkSize = chunkSize;
        this.cycleFiles = new CycleFiles(dir, rollCycle);
        cycleFiles.refresh();
        lastDirectoryCheckNs = System.nanoTime();
        if (cycleFiles.count() > 0) {
            open(0);
        }
    }

    /** Reads at most one record; see {@link #poll(JournalRecordHandler, int)}. */
    public int poll(JournalRecordHandler handler) {
        return poll(handler, 1);
    }

    /**
     * Reads up to {@code maxRecords} records (good or bad) and hands the good ones to {@code handler}.
     *
     * @return the records consumed; 0 at the end of what is written so far
     */
    @Override
    public int poll(JournalRecordHandler handler, int maxRecords) {
        int done = 0;
        while (done < maxRecords) {
            if (bytes == null && !openNextCycle()) {
                break;
            }
            long p = position;
            int header = headerAt(p);
            if (header == END_OF_CYCLE) {
                if (!openNextCycle()) {
                    break;
                }
                continue;
            }
            if (header == NOTHING_WRITTEN || (header & NOT_COMPLETE) != 0) {
                if (!leaveAbandonedCycle(header)) {
                    break;
                }
                continue;
            }
            int length = header & LENGTH_MASK;
            if ((header & META_DATA) == 0) {
                // A longer document is malformed; the decoder rejects it from its header alone.
                int mapped = Math.min(length, MAX_RECORD_LENGTH);
                long content = p + HEADER_WORD_LENGTH;
                if (content + mapped > fileSize && !fileHolds(content + mapped)) {
                    break; // a truncated file: never read past its end
                }
                long index = cycleBase + sequence++;
                position = nextDocument(p, length);
                decoder.decode(address(content, mapped), length, index, handler);
                done++;
            } else {
                position = nextDocument(p, length);
            }
        }
        return done;
    }

    /**
     * Positions the reader so that the next record read is the one at {@code index}, scanning its
     * cycle file from the start.
     *
     * @return false, leaving the position unchanged, when no record at {@code index} is written
     */
    @Override
    public boolean moveToIndex(long index) {
        int targetCycle = rollCycle.toCycle(index);
        long targetSequence = rollCycle.toSequenceNumber(index);
        String savedName = bytes == null ? null : cycleFiles.name(fileIndex);
        long savedPosition = position;
        long savedSequence = sequence;
        cycleFiles.refresh();
        int target = cycleFiles.indexOfCycle(targetCycle);
        if (target >= 0) {
            open(target);
            if (scanTo(targetSequence)) {
                return true;
            }
        }
        restore(savedName, savedPosition, savedSequence);
        return false;
    }

    private boolean scanTo(long targetSequence) {
        while (true) {
            int header = headerAt(position);
            if (header == END_OF_CYCLE || header == NOTHING_WRITTEN || (header & NOT_COMPLETE) != 0) {
                return false;
            }
            if ((header & META_DATA) == 0) {
                if (sequence == targetSequence) {
                    return true;
                }
                sequence++;
            }
            position = nextDocument(position, header & LENGTH_MASK);
        }
    }

    private void restore(String name, long savedPosition, long savedSequence) {
        cycleFiles.refresh();
        int i = name == null ? -1 : cycleFiles.indexOfName(name);
        if (i < 0) {
            closeCycle();
            fileIndex = -1;
            return;
        }
        open(i);
        position = savedPosition;
        sequence = savedSequence;
    }

    /** The header word at {@code p}, or {@link CycleFileLayout#NOTHING_WRITTEN} where the file ends. */
    private int headerAt(long p) {
        if (p + HEADER_WORD_LENGTH > fileSize && !fileHolds(p + HEADER_WORD_LENGTH)) {
            return NOTHING_WRITTEN;
        }
        // Ordered with the writer's ordered store of the header, which follows the content.
        return MEMORY.readVolatileInt(address(p, HEADER_WORD_LENGTH));
    }

    /**
     * At the end of what is written: moves to the next cycle file if one exists (listing the
     * directory if due) and the current cycle was abandoned.
     *
     * @return true when the caller should read on
     */
    private boolean leaveAbandonedCycle(int header) {
        if (header != NOTHING_WRITTEN) {
            return false; // a document being written: its writer is still in this cycle
        }
        if (fileIndex + 1 >= cycleFiles.count() && !(directoryCheckDue() && relist())) {
            return false;
        }
        // The writer marks the end of a cycle before it creates the next file: look once more
        // so that a record or marker written just before the newer file appeared is not missed.
        if (headerAt(position) != NOTHING_WRITTEN) {
            return true;
        }
        leaveCycle();
        open(fileIndex + 1);
        return true;
    }

    /** Opens the cycle file after the current one (listing the directory if due); false when none exists yet. */
    private boolean openNextCycle() {
        if (fileIndex + 1 >= cycleFiles.count() && !(directoryCheckDue() && relist())) {
            return false;
        }
        leaveCycle();
        open(fileIndex + 1);
        return true;
    }

    /** Remembers where the sequential read left the current cycle file (at a cycle end, not per record). */
    private void leaveCycle() {
        if (bytes != null) {
            stops.add(new ReadStop(cycleFiles.file(fileIndex).toPath(), position));
        }
    }

    /**
     * Where this reader left each cycle file it read to its end, in order, the current file and
     * position last: what {@link JournalCheck#checkStops} checks once a read to the end is done.
     */
    public List<ReadStop> stops() {
        List<ReadStop> all = new ArrayList<>(stops);
        if (bytes != null) {
            all.add(new ReadStop(cycleFiles.file(fileIndex).toPath(), position));
        }
        return all;
    }

    /** Lists the directory again; true when a cycle file after the current one exists. */
    private boolean relist() {
        String current = bytes == null ? null : cycleFiles.name(fileIndex);
        cycleFiles.refresh();
        if (current != null) {
            fileIndex = cycleFiles.indexOfName(current);
            if (fileIndex < 0) {
                throw new TickjournalException(current + ": cycle file deleted while it was being read");
            }
        }
        return fileIndex + 1 < cycleFiles.count();
    }

    private boolean directoryCheckDue() {
        long now = System.nanoTime();
        if (now - lastDirectoryCheckNs < DIRECTORY_CHECK_INTERVAL_NS) {
            return false;
        }
        lastDirectoryCheckNs = now;
        return true;
    }

    private void open(int i) {
        closeCycle();
        try {
            bytes = MappedBytes.mappedBytes(cycleFiles.file(i), chunkFor(cycleFiles.file(i).length()), OVERLAP_SIZE,
                    true);
        } catch (FileNotFoundException e) {
            throw TickjournalException.io(cycleFiles.file(i).toString(), e);
        }
        // Thread-confined by contract, like the reader.
        bytes.singleThreadedCheckDisabled(true);
        fileIndex = i;
        memoryBacked = memoryBacked(cycleFiles.file(i).toPath());
        fileSize = bytes.mappedFile().actualSize();
        position = 0;
        sequence = 0;
        cycleBase = rollCycle.toIndex(cycleFiles.cycle(i), 0);
        windowStart = windowEnd = windowAddress = 0;
    }

    /**
     * The chunk to map a cycle file of {@code fileLength} bytes with: the reader's chunk size, or for
     * a default reader the whole file (as long as it is now) up to {@link #WHOLE_FILE_LIMIT}.
     */
    private long chunkFor(long fileLength) {
        if (chunkSize != DEFAULT_CHUNK_SIZE) {
            return chunkSize; // a chosen chunk size (tests of chunk edges) is kept
        }
        return Math.max(chunkSize, Math.min(WHOLE_FILE_LIMIT, OS.mapAlign(fileLength)));
    }

    private void closeCycle() {
        if (bytes != null) {
            bytes.releaseLast();
            bytes = null;
        }
    }

    /** True when the file is at least {@code end} bytes long (it grows as the writer maps new chunks). */
    private boolean fileHolds(long end) {
        fileSize = bytes.mappedFile().actualSize();
        return end <= fileSize;
    }

    /** Address of {@code length} contiguous mapped bytes at file offset {@code offset}. */
    private long address(long offset, int length) {
        if (offset >= windowStart && offset + length <= windowEnd) {
            return windowAddress + (offset - windowStart);
        }
        return remap(offset, length);
    }

    private long remap(long offset, int length) {
        remaps++;
        long address = bytes.addressForRead(offset, length);
        // Remember the whole chunk (its start plus chunk and overlap) so the next records skip
        // Chronicle's checks; fall back to just this range if the store is not laid out so.
        MappedBytesStore store = (MappedBytesStore) bytes.bytesStore();
        long start = store.start();
        long end = start + bytes.mappedFile().chunkSize() + bytes.mappedFile().overlapSize();
        if (offset >= start && offset + length <= end && store.inside(start, end - start)) {
            windowStart = start;
            windowEnd = end;
            windowAddress = address - (offset - start);
            if (!memoryBacked) {
                populate(windowAddress, Math.min(end, fileSize) - start);
            }
        } else {
            windowStart = offset;
            windowEnd = offset + length;
            windowAddress = address;
        }
        return address;
    }

    /**
     * Maps the page-cache pages of a newly mapped chunk into the page table in one call
     * (madvise MADV_POPULATE_READ, Linux 5.14+) instead of one page fault per 16 pages as the
     * reader first touches them: faults are costly on virtual machines, and every shard of a
     * sharded replay maps the journal for itself. Best effort: a call that throws (no native
     * access, another OS) turns it off for the process, and so do 17 failed calls (an older
     * kernel; a chunk of a file still being written may fail once); the reader works the same
     * without it. {@code -Dtickjournal.populate=false} turns it off.
     */
    private static void populate(long address, long length) {
        if (!populate || length <= 0 || (address & (OS.pageSize() - 1)) != 0) {
            return;
        }
        try {
            if (PosixAPI.posix().madvise(address, length, MADV_POPULATE_READ) != 0 && length >= OS.pageSize()) {
                populateFailures++;
                if (populateFailures > 16) {
                    populate = false;
                }
            }
        } catch (Throwable t) {
            populate = false;
        }
    }

    /**
     * True for a file on tmpfs or ramfs, where a read fault on a hole allocates a page: prefaulting a
     * chunk there would take its 64 MB of memory (16 MB -> 65 MB used in a trial) and, on a full
     * file system, crash the reader with SIGBUS. Elsewhere a hole reads as the zero page.
     */
    private static boolean memoryBacked(java.nio.file.Path file) {
        try {
            String type = java.nio.file.Files.getFileStore(file).type();
            return "tmpfs".equals(type) || "ramfs".equals(type);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** madvise advice: populate (prefault) page tables, readable (Linux 5.14). */
    private static final int MADV_POPULATE_READ = 22;
    private static volatile boolean populate = !"false".equals(System.getProperty("tickjournal.populate"));
    private static volatile int populateFailures;

    /** Chunk mappings made so far (for tests: far fewer than records). */
    long remaps() {
        return remaps;
    }






    @Override
    public void close() {
        leaveCycle();
        closeCycle();
    }
}

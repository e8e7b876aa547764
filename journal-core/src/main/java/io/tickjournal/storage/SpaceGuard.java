package io.tickjournal.storage;

import io.tickjournal.TickjournalException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before appending, that the file system of a directory has room for what comes next, so
 * that a full disk stops a writer with a clear line instead of a SIGBUS in a memory-mapped page
 * (Chronicle writes through mmap: a page the file system cannot back faults the JVM, and the record
 * being written is left torn).
 *
 * <p>The free space is asked for (one {@code statvfs}) once per {@link #CHECK_INTERVAL_BYTES} of
 * appended bytes, and must cover that interval plus {@link #HEADROOM_BYTES}: Chronicle's index
 * arrays (32 KB each, one per 262,144 records), the header and index of a new cycle file, the
 * 128 KB metadata file, and the session records that close an import. Once short, every call
 * checks again, so a writer resumes as soon as space is freed.
 *
 * <p>Thread: one writer thread per guard; {@link #free()} and {@link #needed()} may be read by others.
 */
public final class SpaceGuard {
    /** Bytes appended between two free-space checks. */
    public static final long CHECK_INTERVAL_BYTES = 1L << 20;
    /** Room kept free beyond the next interval: Chronicle's own writes around the records. */
    public static final long HEADROOM_BYTES = 4L << 20;

    private final Path dir;
    /**
     * Asked through {@link File#getUsableSpace()}: one native statvfs with no Java object per check,
     * where {@code FileStore.getUsableSpace()} allocates an attributes object each time (a replay
     * thread's bars guard checks 34 times a 10M-message day, about 2 KB).
     */
    private final File dirFile;
    private final long needed;
    private long untilCheck;
    private volatile long free = -1;

    /** A guard for appends to files in {@code dir} (which must exist). */
    public SpaceGuard(Path dir) {
        this(dir, CHECK_INTERVAL_BYTES + HEADROOM_BYTES);
    }

    /** A guard asking for {@code needed} free bytes at each check. */
    public SpaceGuard(Path dir, long needed) {
        this.dir = dir;
        this.needed = needed;
        this.dirFile = dir.toFile();
        try {
            Files.getFileStore(dir); // a missing or unreadable directory is refused here, not at the first check
        } catch (IOException e) {
            throw TickjournalException.io(dir.toString(), e);
        }
    }

    /**
     * Accounts for {@code bytes} about to be appended; false when the file system has less than
     * {@link #needed()} bytes free (nothing may be appended then).
     */
    public boolean reserve(long bytes) {
        untilCheck -= bytes;
        return untilCheck > 0 || check();
    }

    /** Asks the file system now; true when it has at least {@link #needed()} bytes free. */
    public boolean check() {
        long f = dirFile.getUsableSpace(); // 0 when it cannot be asked: no room, as an I/O error was before
        free = f;
        if (f < needed) {
            untilCheck = 0;
            return false;
        }
        untilCheck = CHECK_INTERVAL_BYTES;
        return true;
    }

    /** Free bytes at the last check, -1 before the first. */
    public long free() {
        return free;
    }

    /** Free bytes each check asks for. */
    public long needed() {
        return needed;
    }

    /** The guarded directory. */
    public Path dir() {
        return dir;
    }

    /**
     * The one line a writer stops with: {@code no space left on DIR: N bytes free, M needed; K
     * messages journaled, last feed sequence S}.
     */
    public String noSpace(long messages, long lastSequence) {
        return String.format("no space left on %s: %d bytes free, %d needed; %d messages journaled, "
                        + "last feed sequence %d",
                dir, free, needed, messages, lastSequence);
    }
}

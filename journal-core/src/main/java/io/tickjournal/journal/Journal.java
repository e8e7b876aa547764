package io.tickjournal.journal;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Opens journal directories: Chronicle Queues of binary excerpts laid out as in
 * {@link JournalRecordLayout}. One place decides the roll cycle and the queue settings.
 */
public final class Journal {
    /** Default roll cycle: one cycle file per UTC day, up to 2^32 excerpts per cycle. */
    public static final RollCycles DEFAULT_ROLL_CYCLE = RollCycles.FAST_DAILY;

    private Journal() {
    }

    /** Opens (creating if needed) a journal for writing with the default roll cycle. */
    public static SingleChronicleQueue openForWrite(Path dir) {
        return openForWrite(dir, DEFAULT_ROLL_CYCLE);
    }

    /** Opens (creating if needed) a journal for writing; an existing journal keeps its roll cycle. */
    public static SingleChronicleQueue openForWrite(Path dir, RollCycles rollCycle) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw TickjournalException.io(dir.toString(), e);
        }
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(rollCycle).build();
    }

    /**
     * Opens an existing journal for reading. Fails with a clear reason when the directory does
     * not exist or holds no cycle files, instead of silently creating an empty queue.
     */
    public static SingleChronicleQueue openForRead(Path dir) {
        return openForRead(dir, HEADER_TIMEOUT_MS);
    }

    /** Chronicle's own default: how long a tailer waits for a cycle file header that is not ready. */
    static final long HEADER_TIMEOUT_MS = 10_000;

    /** As {@link #openForRead(Path)}, waiting at most {@code timeoutMs} for a header (the fuzz harness: 100 ms). */
    static SingleChronicleQueue openForRead(Path dir, long timeoutMs) {
        requireJournal(dir);
        try {
            return SingleChronicleQueueBuilder.binary(dir).rollCycle(DEFAULT_ROLL_CYCLE).timeoutMS(timeoutMs).build();
        } catch (Exception e) {
            // A damaged metadata.cq4t or cycle file: Chronicle's own exception, some thrown sneakily.
            throw new TickjournalException(dir + ": journal unreadable (damaged queue files?): " + e, e);
        }
    }

    /** Throws unless {@code dir} is a directory holding at least one Chronicle cycle file. */
    public static void requireJournal(Path dir) {
        if (!Files.exists(dir)) {
            throw new TickjournalException(dir + ": no such journal directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new TickjournalException(dir + ": not a directory (a journal is a directory of .cq4 cycle files)");
        }
        if (!hasCycleFiles(dir)) {
            throw new TickjournalException(dir + ": not a journal (no .cq4 cycle files)");
        }
    }

    /** True when {@code dir} holds at least one Chronicle cycle file. */
    public static boolean hasCycleFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(CycleFileLayout.CYCLE_FILE_SUFFIX));
        } catch (IOException e) {
            throw TickjournalException.io(dir.toString(), e);
        }
    }

    /**
     * The lengths of {@code dir}'s cycle files added up (what they take on disk, pre-allocated tail included;
     * 0 for a directory without any), from the directory listing alone: no file is opened.
     */
    public static long cycleFileBytes(Path dir) {
        File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(CycleFileLayout.CYCLE_FILE_SUFFIX));
        long bytes = 0;
        for (File f : files == null ? new File[0] : files) {
            bytes += f.length();
        }
        return bytes;
    }
}

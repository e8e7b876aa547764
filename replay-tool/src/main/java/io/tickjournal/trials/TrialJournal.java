package io.tickjournal.trials;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The journal the trials damage: its one cycle file and table store as written (kept in memory:
 * the written part of the cycle file, its size, the table store), the offsets of its documents,
 * and {@link #restore} to put the clean bytes back after each trial.
 *
 * <p>Not thread-safe.
 */
final class TrialJournal {
    final Path dir;
    final Path cycleFile;
    final Path tableStore;
    /** The cycle file's size and its bytes up to the last written byte. */
    final long cycleSize;
    final byte[] written;
    final byte[] table;
    /** Offsets of the data documents' header words, and of the metadata documents'. */
    final List<Long> data = new ArrayList<>();
    final List<Long> metadata = new ArrayList<>();
    /** Where the walk of the clean file ends (the first zero header word). */
    final long end;

    TrialJournal(Path dir) throws IOException {
        this.dir = dir;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cycles = files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
            if (cycles.size() != 1) {
                throw new TickjournalException(dir + ": the trials need a journal of exactly one cycle file");
            }
            cycleFile = cycles.get(0);
        }
        tableStore = dir.resolve("metadata.cq4t");
        table = Files.readAllBytes(tableStore);
        cycleSize = Files.size(cycleFile);
        long p = 0;
        ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try (RandomAccessFile f = new RandomAccessFile(cycleFile.toFile(), "r")) {
            while (true) {
                f.seek(p);
                head.clear();
                f.readFully(head.array());
                int h = head.getInt(0);
                if (h == 0) {
                    break;
                }
                (((h & 0x4000_0000) != 0) ? metadata : data).add(p);
                p = (p + 4 + (h & 0x3FFF_FFFF) + 3) & ~3L;
            }
            end = p;
            written = new byte[(int) p];
            f.seek(0);
            f.readFully(written);
        }
    }

    /** Length of the data document whose header word is at {@code p}. */
    int length(long p) {
        return ByteBuffer.wrap(written, (int) p, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0x3FFF_FFFF;
    }

    /** Puts the clean cycle file and table store back (sparse zeros after the written part). */
    void restore() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(cycleFile.toFile(), "rw")) {
            f.setLength(0);
            f.write(written);
            f.setLength(cycleSize);
        }
        Files.write(tableStore, table);
    }
}

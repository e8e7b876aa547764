package io.tickjournal.verify;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks the cycle files of a journal by {@code docs/journal-format.md} ("Reading a cycle file")
 * alone, as a reader in another language would: plain positional file reads, the six framing
 * steps, record indexes {@code (days since 1970-01-01 << 32) | n} for the n-th data document of
 * the {@code yyyyMMdd'F'.cq4} file. It shares no code with {@link io.tickjournal.journal.CycleFileReader},
 * so verify can hold the production reader against it.
 *
 * <p>Stops a cycle file at its end-of-file marker, at the end of what is written (a zero header
 * word) or at a document that is not complete: the header of a writer that died mid-write, or a
 * document that runs past the end of the file. The last two are reported to
 * {@link Visitor#onIncomplete} with their position; the walk goes on with the next cycle file.
 */
final class JournalWalker {
    static final int NOT_COMPLETE = 0x8000_0000;
    static final int META_DATA = 0x4000_0000;
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    static final int END_OF_FILE = 0xC000_0000;
    /** Longest data document read in full: the 28-byte header plus a 16-bit payload length. */
    static final int MAX_RECORD = 28 + 0xFFFF;
    private static final int BUFFER = 1 << 22;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** Receives what the walk finds, in journal order. */
    interface Visitor {
        /**
         * One complete data document.
         *
         * @param offset   position of its header word in {@code file}
         * @param length   its length from the header word
         * @param document its content, at most {@link #MAX_RECORD} bytes, little-endian, position 0
         */
        void onRecord(Path file, long offset, long index, int length, ByteBuffer document);

        /** A document at {@code offset} that is not complete; {@code why} says how. */
        void onIncomplete(Path file, long offset, String why);
    }

    private JournalWalker() {
    }

    /** The cycle files of {@code dir} in cycle order (lexical order of their names). */
    static List<Path> cycleFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        } catch (IOException e) {
            throw TickjournalException.io(dir.toString(), e);
        }
    }

    /** The cycle of a {@code yyyyMMdd'F'.cq4} file: days since 1970-01-01. */
    static long cycleOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.matches("\\d{8}F\\.cq4")) {
            throw new TickjournalException(file
                    + ": not a cycle file name of the FAST_DAILY roll cycle (yyyyMMdd'F'.cq4)");
        }
        try {
            return LocalDate.parse(name.substring(0, 8), DAY).toEpochDay();
        } catch (DateTimeParseException e) {
            throw new TickjournalException(file + ": not a cycle file name (bad date)", e);
        }
    }

    /** Walks every cycle file of {@code dir}; returns how many. */
    static int walk(Path dir, Visitor visitor) {
        List<Path> files = cycleFiles(dir);
        for (Path file : files) {
            walkFile(file, cycleOf(file) << 32, visitor);
        }
        return files.size();
    }

    private static void walkFile(Path file, long firstIndex, Visitor visitor) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Window w = new Window(ch);
            long p = 0;
            long n = 0;
            while (true) {
                if (!w.holds(p, 4)) {
                    return; // the end of the file: nothing more written
                }
                int h = w.intAt(p);
                if (h == 0 || h == END_OF_FILE) {
                    return;
                }
                if ((h & NOT_COMPLETE) != 0) {
                    visitor.onIncomplete(file, p, String.format(
                            "header word 0x%08X has the not-complete bit: a writer stopped while writing it", h));
                    return;
                }
                int length = h & LENGTH_MASK;
                if ((h & META_DATA) == 0) {
                    int read = Math.min(length, MAX_RECORD);
                    if (!w.holds(p + 4, read)) {
                        visitor.onIncomplete(file, p,
                                "a document of " + length + " bytes runs past the end of the file ("
                                + w.size + " bytes)");
                        return;
                    }
                    visitor.onRecord(file, p, firstIndex + n++, length, w.slice(p + 4, read));
                } else if (p + 4 + length > w.size) {
                    visitor.onIncomplete(file, p,
                            "a metadata document of " + length + " bytes runs past the end of the file ("
                            + w.size + " bytes)");
                    return;
                }
                p = (p + 4 + length + 3) & ~3L;
            }
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /** A window of the file read into memory, moved forward as the walk goes on. */
    private static final class Window {
        final FileChannel ch;
        final long size;
        final ByteBuffer buf = ByteBuffer.allocate(BUFFER + MAX_RECORD + 4).order(ByteOrder.LITTLE_ENDIAN);
        long start;
        long end;

        Window(FileChannel ch) throws IOException {
            this.ch = ch;
            this.size = ch.size();
        }

        /** Reads [at, at + length) into the window if needed; false when the file is shorter. */
        boolean holds(long at, int length) throws IOException {
            if (at + length > size) {
                return false;
            }
            if (at >= start && at + length <= end) {
                return true;
            }
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), size - at));
            while (buf.hasRemaining()) {
                if (ch.read(buf, at + buf.position()) < 0) {
                    break;
                }
            }
            start = at;
            end = at + buf.position();
            return at + length <= end;
        }

        int intAt(long at) {
            return buf.getInt((int) (at - start));
        }

        ByteBuffer slice(long at, int length) {
            return buf.slice((int) (at - start), length).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}

package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordLayout;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor a journal cannot beat: a plain Chronicle Queue loop that appends the same excerpt
 * bytes as the journal (a 28-byte header, left zero, plus the verbatim message) with no
 * checksum, validation or clock, then reads them back touching only their first byte.
 */
public final class FloorBenchmark {
    private FloorBenchmark() {
    }

    /** Appends every message of the BinaryFILE {@code itch} to a new queue in {@code dir}; returns the count. */
    public static long append(Path itch, Path dir) {
        byte[] excerpt = new byte[JournalRecordLayout.HEADER_LENGTH + 0xFFFF];
        byte[] prefix = new byte[2];
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(itch), 1 << 20);
             SingleChronicleQueue queue = Journal.openForWrite(dir);
             ExcerptAppender appender = queue.createAppender()) {
            while (in.readNBytes(prefix, 0, 2) == 2) {
                int length = ((prefix[0] & 0xFF) << 8) | (prefix[1] & 0xFF);
                if (in.readNBytes(excerpt, JournalRecordLayout.HEADER_LENGTH, length) != length) {
                    break;
                }
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().write(excerpt, 0, JournalRecordLayout.HEADER_LENGTH + length);
                }
                n++;
            }
        } catch (IOException e) {
            throw TickjournalException.io(itch.toString(), e);
        }
        return n;
    }

    /** Reads every excerpt of the queue in {@code dir}; returns the count (and uses the bytes read). */
    public static long read(Path dir, long[] checksum) {
        long n = 0;
        long sum = 0;
        try (SingleChronicleQueue queue = Journal.openForRead(dir);
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    sum += dc.wire().bytes().readByte(dc.wire().bytes().readPosition() + JournalRecordLayout.HEADER_LENGTH);
                    n++;
                }
            }
        }
        checksum[0] = sum;
        return n;
    }
}

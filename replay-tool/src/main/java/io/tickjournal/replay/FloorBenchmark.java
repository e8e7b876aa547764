package io.tickjournal.replay;

import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordLayout;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * The floor a journal cannot beat: a plain Chronicle Queue loop that appends the same excerpt
 * bytes as the journal (a 28-byte header, left zero, plus the verbatim message) with no
 * checksum, validation or clock, then reads them back touching only their first byte.
 */
public final class FloorBenchmark {
    private FloorBenchmark() {
    }

    /**
     * Appends every message of the BinaryFILE {@code itch} to a new queue in {@code dir}, framed
     * by the same code as the import; returns the count.
     */
    public static long append(Path itch, Path dir) {
        byte[] excerpt = new byte[JournalRecordLayout.HEADER_LENGTH + JournalRecordLayout.MAX_PAYLOAD_LENGTH];
        try (SingleChronicleQueue queue = Journal.openForWrite(dir);
             ExcerptAppender appender = queue.createAppender()) {
            appender.singleThreadedCheckDisabled(true);
            return new BinaryFileIngestor().frameFile(itch, (buffer, offset, length, sequence) -> {
                System.arraycopy(buffer, offset, excerpt, JournalRecordLayout.HEADER_LENGTH, length);
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().write(excerpt, 0, JournalRecordLayout.HEADER_LENGTH + length);
                }
            }).messages();
        }
    }

    /** Reads every excerpt of the queue in {@code dir}; returns the count (and uses the bytes read). */
    public static long read(Path dir, long[] checksum) {
        long n = 0;
        long sum = 0;
        try (SingleChronicleQueue queue = Journal.openForRead(dir);
             ExcerptTailer tailer = queue.createTailer()) {
            tailer.singleThreadedCheckDisabled(true);
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    sum += dc.wire().bytes().readByte(dc.wire().bytes().readPosition()
                            + JournalRecordLayout.HEADER_LENGTH);
                    n++;
                }
            }
        }
        checksum[0] = sum;
        return n;
    }
}

package io.tickjournal.journal;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import static io.tickjournal.journal.JournalRecordLayout.HEADER_LENGTH;

/**
 * Reads journal records in order, verifies each one's CRC32C and hands it to a
 * {@link JournalRecordHandler}. Poll-style: {@link #poll} returns the work done (0 or 1) so an
 * idle strategy can back off. Records that fail their checksum, are too short or carry an
 * unknown kind or version are counted and skipped, never fatal. Costs one Chronicle
 * {@code readingDocument()} per record; {@link CycleFileReader} reads the same journal faster.
 *
 * <p>Thread-confined. Allocation-free per message record.
 */
public final class JournalReader extends AbstractRecordReader {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    /** A second tailer, for looking records up by index without moving {@link #tailer}; made on first use. */
    private ExcerptTailer lookup;

    /** Reads {@code queue} from its start. */
    public JournalReader(SingleChronicleQueue queue, boolean verifyChecksums) {
        super(verifyChecksums);
        this.queue = queue;
        try {
            this.tailer = queue.createTailer();
        } catch (Exception e) {
            throw unreadable(queue, e); // Chronicle reads the first cycle file's header here
        }
        // Thread-confined by contract; Chronicle's per-access owner check costs more than the decode.
        this.tailer.singleThreadedCheckDisabled(true);
        tailer.direction(TailerDirection.FORWARD).toStart();
    }

    /**
     * A damaged cycle file makes Chronicle throw what it meets (its own exceptions, some of them
     * checked and thrown sneakily, such as {@code StreamCorruptedException} for a bad file header):
     * reported as the project's error naming the journal, as a reader's bad input must be.
     */
    private static TickjournalException unreadable(SingleChronicleQueue queue, Exception e) {
        return new TickjournalException(queue.fileAbsolutePath() + ": journal unreadable (damaged cycle file?): " + e,
                e);
    }

    /** Positions the reader so that the next record read is the one at {@code index}. */
    @Override
    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    /**
     * Reads at most one record.
     *
     * @return 1 when a record (good or bad) was consumed, 0 when nothing is written yet
     */
    @Override
    public int poll(JournalRecordHandler handler, int maxRecords) {
        int n = 0;
        while (n < maxRecords && poll(handler) > 0) {
            n++;
        }
        return n;
    }

    /**
     * Hands the next record, if one has been written, to {@code handler}.
     * @return 1 when a record was read, 0 when there is none yet
     */
    public int poll(JournalRecordHandler handler) {
        try (DocumentContext dc = readingDocument()) {
            if (!dc.isPresent()) {
                return 0;
            }
            Bytes<?> bytes = dc.wire().bytes();
            long start = bytes.readPosition();
            int available = (int) bytes.readRemaining();
            // One bounds check for the whole excerpt, then plain reads at its native address.
            long address = available < HEADER_LENGTH ? 0 : bytes.addressForRead(start, available);
            decoder.decode(address, available, dc.index(), handler);
            return 1;
        }
    }

    private DocumentContext readingDocument() {
        try {
            return tailer.readingDocument();
        } catch (Exception e) {
            throw unreadable(queue, e);
        }
    }

    /**
     * The CRC32C field (the first 4 bytes as stored, checked or not) of the record at {@code index}:
     * with the index, what identifies a record in a checkpoint. Looked up by index, without moving
     * this reader.
     *
     * @return the field as an unsigned value, or -1 when the journal holds no record at {@code index}
     */
    public long recordCrc(long index) {
        if (lookup == null) {
            lookup = queue.createTailer();
            lookup.singleThreadedCheckDisabled(true);
        }
        return crcAt(lookup, index);
    }

    /**
     * Positions the reader just after the record at {@code index}, if that record is there and
     * its CRC32C field is {@code crc} (a checkpoint's last record); {@code index} -1 means the start.
     * The record itself is not handed to anyone, nor counted.
     *
     * @return false, leaving the position undefined, when the journal does not hold that record
     */
    public boolean resumeAfter(long index, int crc) {
        if (index < 0) {
            tailer.toStart();
            return true;
        }
        return crcAt(tailer, index) == Integer.toUnsignedLong(crc);
    }

    /** Reads the record at {@code index} with {@code t} (which then stands after it); its CRC field, or -1. */
    private static long crcAt(ExcerptTailer t, long index) {
        if (index < 0 || !t.moveToIndex(index)) {
            return -1;
        }
        try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                return -1;
            }
            Bytes<?> bytes = dc.wire().bytes();
            return bytes.readRemaining() < 4 ? -1 : Integer.toUnsignedLong(bytes.readInt(bytes.readPosition()));
        }
    }

    @Override
    public void close() {
        if (lookup != null) {
            lookup.close();
        }
        tailer.close();
    }
}

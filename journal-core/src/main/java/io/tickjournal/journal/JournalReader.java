package io.tickjournal.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static io.tickjournal.journal.JournalRecordLayout.*;

/**
 * Reads journal records in order, verifies each one's CRC32C and hands it to a
 * {@link JournalRecordHandler}. Poll-style: {@link #poll} returns the work done (0 or 1) so an
 * idle strategy can back off. Records that fail their checksum, are too short or carry an
 * unknown kind or version are counted and skipped, never fatal.
 *
 * <p>Thread-confined. Allocation-free per message record.
 */
public final class JournalReader implements AutoCloseable {
    private final ExcerptTailer tailer;
    private final boolean verifyChecksums;
    private final byte[] scratch = new byte[HEADER_LENGTH + MAX_PAYLOAD_LENGTH];
    private final CRC32C crc = new CRC32C();

    private long records;
    private long checksumFailures;
    private long malformedRecords;
    private long firstChecksumFailureIndex = -1;
    private long lastIndex = -1;

    /** Reads {@code queue} from its start. */
    public JournalReader(SingleChronicleQueue queue, boolean verifyChecksums) {
        this.tailer = queue.createTailer();
        this.verifyChecksums = verifyChecksums;
        tailer.direction(TailerDirection.FORWARD).toStart();
    }

    /** Positions the reader so that the next record read is the one at {@code index}. */
    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    /**
     * Reads at most one record.
     *
     * @return 1 when a record (good or bad) was consumed, 0 when nothing is written yet
     */
    public int poll(JournalRecordHandler handler) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return 0;
            }
            long index = dc.index();
            lastIndex = index;
            records++;
            Bytes<?> bytes = dc.wire().bytes();
            long start = bytes.readPosition();
            int available = (int) bytes.readRemaining();
            if (available < HEADER_LENGTH) {
                malformedRecords++;
                return 1;
            }
            byte kind = bytes.readByte(start + KIND_OFFSET);
            int payloadLength = bytes.readUnsignedShort(start + PAYLOAD_LENGTH_OFFSET);
            if (bytes.readByte(start + VERSION_OFFSET) != VERSION || !isKnownKind(kind)
                    || HEADER_LENGTH + payloadLength != available) {
                malformedRecords++;
                return 1;
            }
            if (verifyChecksums && !checksumHolds(bytes, start, payloadLength)) {
                if (checksumFailures++ == 0) {
                    firstChecksumFailureIndex = index;
                }
                return 1;
            }
            long sequence = bytes.readLong(start + SEQUENCE_OFFSET);
            long payload = start + HEADER_LENGTH;
            switch (kind) {
                case KIND_MESSAGE:
                    handler.onMessage(bytes, payload, payloadLength, index,
                            bytes.readLong(start + RECEIVE_TIME_OFFSET), sequence);
                    break;
                case KIND_GAP:
                    handler.onGap(sequence, payloadLength >= GAP_PAYLOAD_LENGTH ? bytes.readLong(payload) : 0, index);
                    break;
                case KIND_SESSION_START:
                    bytes.read(payload, scratch, 0, payloadLength);
                    handler.onSessionStart(new String(scratch, 0, payloadLength, StandardCharsets.US_ASCII), sequence, index);
                    break;
                default:
                    handler.onSessionEnd(sequence, index);
                    break;
            }
            return 1;
        }
    }

    private boolean checksumHolds(Bytes<?> bytes, long start, int payloadLength) {
        int total = HEADER_LENGTH + payloadLength;
        bytes.read(start, scratch, 0, total);
        int stored = bytes.readInt(start + CRC_OFFSET);
        return JournalWriter.checksum(crc, scratch, payloadLength) == stored;
    }

    /** Records consumed so far (all kinds, good or bad). */
    public long records() {
        return records;
    }

    /** Records whose CRC32C did not match: corruption at rest. They are skipped. */
    public long checksumFailures() {
        return checksumFailures;
    }

    /** Queue index of the first record whose checksum failed, or -1. */
    public long firstChecksumFailureIndex() {
        return firstChecksumFailureIndex;
    }

    /** Records too short for a header, of an unknown kind or version, or whose length disagrees. */
    public long malformedRecords() {
        return malformedRecords;
    }

    /** Queue index of the last record consumed, or -1. */
    public long lastIndex() {
        return lastIndex;
    }

    @Override
    public void close() {
        tailer.close();
    }
}

package io.tickjournal.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static io.tickjournal.journal.JournalRecordLayout.*;
import static net.openhft.chronicle.core.UnsafeMemory.MEMORY;

/**
 * Reads journal records in order, verifies each one's CRC32C and hands it to a
 * {@link JournalRecordHandler}. Poll-style: {@link #poll} returns the work done (0 or 1) so an
 * idle strategy can back off. Records that fail their checksum, are too short or carry an
 * unknown kind or version are counted and skipped, never fatal.
 *
 * <p>Thread-confined. Allocation-free per message record.
 */
public final class JournalReader implements AutoCloseable {
    private static final long BYTE_ARRAY_BASE = MEMORY.arrayBaseOffset(byte[].class);

    private final ExcerptTailer tailer;
    private final boolean verifyChecksums;
    private final byte[] scratch = new byte[HEADER_LENGTH + MAX_PAYLOAD_LENGTH];
    private final CRC32C crc = new CRC32C();
    /** Points at the payload of the current excerpt in the mapped file: decoding happens in place. */
    private final PointerBytesStore payload = new PointerBytesStore();

    private long records;
    private long checksumFailures;
    private long malformedRecords;
    private long firstChecksumFailureIndex = -1;
    private long lastIndex = -1;

    /** Reads {@code queue} from its start. */
    public JournalReader(SingleChronicleQueue queue, boolean verifyChecksums) {
        this.tailer = queue.createTailer();
        // Thread-confined by contract; Chronicle's per-access owner check costs more than the decode.
        this.tailer.singleThreadedCheckDisabled(true);
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
            // One bounds check for the whole excerpt, then plain reads at its native address.
            long address = bytes.addressForRead(start, available);
            byte kind = MEMORY.readByte(address + KIND_OFFSET);
            int payloadLength = MEMORY.readShort(address + PAYLOAD_LENGTH_OFFSET) & 0xFFFF;
            if (MEMORY.readByte(address + VERSION_OFFSET) != VERSION || !isKnownKind(kind)
                    || HEADER_LENGTH + payloadLength != available) {
                malformedRecords++;
                return 1;
            }
            if (verifyChecksums && !checksumHolds(address, payloadLength)) {
                if (checksumFailures++ == 0) {
                    firstChecksumFailureIndex = index;
                }
                return 1;
            }
            long sequence = MEMORY.readLong(address + SEQUENCE_OFFSET);
            switch (kind) {
                case KIND_MESSAGE:
                    payload.set(address + HEADER_LENGTH, payloadLength);
                    handler.onMessage(payload, 0, payloadLength, index, MEMORY.readLong(address + RECEIVE_TIME_OFFSET),
                            sequence);
                    break;
                case KIND_GAP:
                    handler.onGap(sequence,
                            payloadLength >= GAP_PAYLOAD_LENGTH ? MEMORY.readLong(address + HEADER_LENGTH) : 0, index);
                    break;
                case KIND_SESSION_START:
                    MEMORY.copyMemory(address + HEADER_LENGTH, scratch, BYTE_ARRAY_BASE, payloadLength);
                    handler.onSessionStart(new String(scratch, 0, payloadLength, StandardCharsets.US_ASCII), sequence, index);
                    break;
                default:
                    handler.onSessionEnd(sequence, index);
                    break;
            }
            return 1;
        }
    }

    private boolean checksumHolds(long address, int payloadLength) {
        // CRC32C's intrinsic wants a byte[] or ByteBuffer: copy the (small) record once.
        MEMORY.copyMemory(address, scratch, BYTE_ARRAY_BASE, HEADER_LENGTH + payloadLength);
        return JournalWriter.checksum(crc, scratch, payloadLength) == MEMORY.readInt(address + CRC_OFFSET);
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

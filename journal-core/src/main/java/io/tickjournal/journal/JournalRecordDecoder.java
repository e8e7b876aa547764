package io.tickjournal.journal;

import net.openhft.chronicle.bytes.PointerBytesStore;

import java.nio.charset.StandardCharsets;
import org.agrona.checksum.Crc32c;

import static io.tickjournal.journal.JournalRecordLayout.*;
import static net.openhft.chronicle.core.UnsafeMemory.MEMORY;

/**
 * Validates one journal record in place and dispatches it to a {@link JournalRecordHandler}; the
 * one place that parses records for every reader ({@link JournalReader}, {@link CycleFileReader}).
 * Keeps the per-reader counters. Records that fail their checksum, are too short or carry an
 * unknown kind or version are counted and skipped, never fatal.
 *
 * <p>Thread-confined. Allocation-free per message record.
 */
final class JournalRecordDecoder {
    /** Largest well-formed record: header plus the largest payload. Longer documents are malformed. */
    static final int MAX_RECORD_LENGTH = HEADER_LENGTH + MAX_PAYLOAD_LENGTH;

    private static final long BYTE_ARRAY_BASE = MEMORY.arrayBaseOffset(byte[].class);

    private final boolean verifyChecksums;
    private final byte[] scratch = new byte[MAX_RECORD_LENGTH];
    /** Points at the payload of the current record in the mapped file: decoding happens in place. */
    private final PointerBytesStore payload = new PointerBytesStore();

    private long records;
    private long checksumFailures;
    private long malformedRecords;
    private long firstChecksumFailureIndex = -1;
    private long lastIndex = -1;

    JournalRecordDecoder(boolean verifyChecksums) {
        this.verifyChecksums = verifyChecksums;
    }

    /**
     * Consumes the record of {@code length} bytes at {@code address}, whose queue index is {@code index}.
     * Reads at most {@code min(length, MAX_RECORD_LENGTH)} bytes: a longer record is rejected from
     * its header alone, so callers need map no more than that.
     */
    void decode(long address, int length, long index, JournalRecordHandler handler) {
        lastIndex = index;
        records++;
        if (length < HEADER_LENGTH) {
            malformedRecords++;
            return;
        }
        byte kind = MEMORY.readByte(address + KIND_OFFSET);
        int payloadLength = MEMORY.readShort(address + PAYLOAD_LENGTH_OFFSET) & 0xFFFF;
        if (MEMORY.readByte(address + VERSION_OFFSET) != VERSION || !isKnownKind(kind)
                || HEADER_LENGTH + payloadLength != length) {
            malformedRecords++;
            return;
        }
        if (verifyChecksums && !checksumHolds(address, payloadLength)) {
            if (checksumFailures++ == 0) {
                firstChecksumFailureIndex = index;
            }
            return;
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
                handler.onSessionStart(new String(scratch, 0, payloadLength, StandardCharsets.US_ASCII), sequence,
                        index);
                break;
            default:
                handler.onSessionEnd(sequence, index);
                break;
        }
    }

    static boolean checksumHolds(long address, int payloadLength) {
        // Hashed in place: Agrona drives the JDK's CRC32C intrinsic over native memory.
        return Crc32c.INSTANCE.compute(address, CHECKED_OFFSET, HEADER_LENGTH - CHECKED_OFFSET + payloadLength)
                == MEMORY.readInt(address + CRC_OFFSET);
    }

    long records() {
        return records;
    }

    long checksumFailures() {
        return checksumFailures;
    }

    long firstChecksumFailureIndex() {
        return firstChecksumFailureIndex;
    }

    long malformedRecords() {
        return malformedRecords;
    }

    long lastIndex() {
        return lastIndex;
    }
}

package io.tickjournal.journal;

/**
 * Byte layout of one journal excerpt: a fixed 28-byte capture header followed by the payload.
 * The authoritative description for readers in other languages is {@code docs/journal-format.md}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        CRC32C over bytes [4, 28 + payload length)             |  0
 *  +---------------+---------------+-------------------------------+
 *  |     kind      |    version    |        payload length         |  4
 *  +---------------+---------------+-------------------------------+
 *  |                 receive time (epoch nanoseconds)              |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       feed sequence number                    | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          source id                            | 24
 *  +---------------------------------------------------------------+
 *  |   payload: for MESSAGE the verbatim ITCH 5.0 message          | 28
 *  |   (big-endian, as on the wire)                                |
 * </pre>
 *
 * Header fields are little-endian (Chronicle's native order); the ITCH payload keeps the
 * feed's big-endian order untouched. The checksum comes first so that it covers one contiguous
 * range: the rest of the header and the payload, hashed in place in a single pass.
 */
public final class JournalRecordLayout {
    public static final int CRC_OFFSET = 0;
    /** The CRC32C covers [CHECKED_OFFSET, HEADER_LENGTH + payload length). */
    public static final int CHECKED_OFFSET = 4;
    public static final int KIND_OFFSET = 4;
    public static final int VERSION_OFFSET = 5;
    public static final int PAYLOAD_LENGTH_OFFSET = 6;
    public static final int RECEIVE_TIME_OFFSET = 8;
    public static final int SEQUENCE_OFFSET = 16;
    public static final int SOURCE_ID_OFFSET = 24;
    public static final int HEADER_LENGTH = 28;

    /** Largest payload: a BinaryFILE / MoldUDP64 length prefix is an unsigned 16-bit value. */
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFF;

    public static final byte VERSION = 1;

    /** One ITCH 5.0 message, verbatim. */
    public static final byte KIND_MESSAGE = 'M';
    /** Feed sequences that could not be recovered: sequence = first missing, payload = u64 LE count. */
    public static final byte KIND_GAP = 'G';
    /** A feed session begins: payload = ASCII description ("file:NAME", "mold:SESSION", ...). */
    public static final byte KIND_SESSION_START = 'S';
    /** A feed session ended cleanly: sequence = last sequence of the session, empty payload. */
    public static final byte KIND_SESSION_END = 'E';

    public static final int GAP_PAYLOAD_LENGTH = 8;

    private JournalRecordLayout() {
    }

    /** True for the record kinds this version defines. */
    public static boolean isKnownKind(byte kind) {
        return kind == KIND_MESSAGE || kind == KIND_GAP || kind == KIND_SESSION_START || kind == KIND_SESSION_END;
    }

    /**
     * Checks the CRC32C of the record whose ITCH payload of {@code length} bytes a reader handed
     * to {@link JournalRecordHandler#onMessage} at {@code offset} of {@code payload} (the record
     * header lies just before it in the mapped file). For readers opened without checksum
     * verification whose handler checks only some records itself.
     */
    public static boolean checksumHolds(net.openhft.chronicle.bytes.RandomDataInput payload, long offset, int length) {
        return JournalRecordDecoder.checksumHolds(payload.addressForRead(offset) - HEADER_LENGTH, length);
    }
}

package io.tickjournal.kafka;

import io.tickjournal.itch.ItchLayout;
import io.tickjournal.journal.JournalRecordLayout;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka record of one journal record ({@code docs/kafka.md} "Record format").
 *
 * <pre>
 *   key    2 bytes  ITCH stock locate, big-endian; 0 for records without one
 *   value  N bytes  the journal record as journaled: 28-byte capture header + payload
 *                   ({@link JournalRecordLayout}), unchanged
 *   header tj-index 8 bytes  the record's journal index, big-endian
 * </pre>
 *
 * Stateless; all methods are safe from any thread.
 */
public final class KafkaRecordFormat {
    /** Name of the header carrying the journal index. */
    public static final String INDEX_HEADER = "tj-index";
    /** Length of the {@link #INDEX_HEADER} value. */
    public static final int INDEX_LENGTH = 8;
    /** Length of the key. */
    public static final int KEY_LENGTH = 2;
    /** Offset of the stock locate in the value of a message record: after the capture header and the ITCH type byte. */
    public static final int LOCATE_OFFSET = JournalRecordLayout.HEADER_LENGTH + ItchLayout.STOCK_LOCATE_OFFSET;

    private KafkaRecordFormat() {
    }

    /** The stock locate of the journal record in {@code value}: 0 unless it is an ITCH message that has one. */
    public static int locateOf(byte[] value) {
        if (value.length < LOCATE_OFFSET + 2
                || value[JournalRecordLayout.KIND_OFFSET] != JournalRecordLayout.KIND_MESSAGE) {
            return 0;
        }
        return ((value[LOCATE_OFFSET] & 0xFF) << 8) | (value[LOCATE_OFFSET + 1] & 0xFF);
    }

    /** Writes {@code locate} as a key into {@code key} (2 bytes). */
    public static void putKey(byte[] key, int locate) {
        key[0] = (byte) (locate >>> 8);
        key[1] = (byte) locate;
    }

    /** Writes {@code index} big-endian into {@code dst} (8 bytes). */
    public static void putIndex(byte[] dst, long index) {
        for (int i = 0; i < INDEX_LENGTH; i++) {
            dst[i] = (byte) (index >>> (56 - 8 * i));
        }
    }

    /** The journal index in {@code headers}, or -1 when there is no well-formed {@value #INDEX_HEADER} header. */
    public static long index(Headers headers) {
        Header h = headers.lastHeader(INDEX_HEADER);
        if (h == null || h.value() == null || h.value().length != INDEX_LENGTH) {
            return -1;
        }
        byte[] v = h.value();
        long index = 0;
        for (int i = 0; i < INDEX_LENGTH; i++) {
            index = (index << 8) | (v[i] & 0xFF);
        }
        return index;
    }

    /**
     * Why {@code value} is not a journal record, or null when it is one: long enough for the header,
     * the format version, a known kind and a payload length that matches. The CRC32C is not checked
     * here: a record corrupt at the source is still carried (and counted by whoever replays it).
     */
    public static String problem(byte[] value) {
        if (value == null) {
            return "no value";
        }
        if (value.length < JournalRecordLayout.HEADER_LENGTH) {
            return "value of " + value.length + " bytes is shorter than the 28-byte record header";
        }
        if (value[JournalRecordLayout.VERSION_OFFSET] != JournalRecordLayout.VERSION) {
            return "record format version " + value[JournalRecordLayout.VERSION_OFFSET] + " (expected "
                    + JournalRecordLayout.VERSION + ")";
        }
        if (!JournalRecordLayout.isKnownKind(value[JournalRecordLayout.KIND_OFFSET])) {
            return "unknown record kind " + (value[JournalRecordLayout.KIND_OFFSET] & 0xFF);
        }
        int payload = (value[JournalRecordLayout.PAYLOAD_LENGTH_OFFSET] & 0xFF)
                | (value[JournalRecordLayout.PAYLOAD_LENGTH_OFFSET + 1] & 0xFF) << 8;
        if (JournalRecordLayout.HEADER_LENGTH + payload != value.length) {
            return "payload length field " + payload + " disagrees with a value of " + value.length + " bytes";
        }
        return null;
    }
}

package io.tickjournal.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static io.tickjournal.journal.JournalRecordLayout.*;

/**
 * Appends journal records (see {@link JournalRecordLayout}) to a Chronicle Queue.
 *
 * <p>Single-threaded: one writer per appending thread. Allocation-free per message: the header
 * is assembled in a reused scratch array; the CRC32C is computed over that header and the payload
 * where it is (an ITCH message: the caller's bytes, not copied first), and both are written into the
 * excerpt once. Other records' payloads are put in the scratch array after the header.
 */
public final class JournalWriter implements AutoCloseable {
    private final ExcerptAppender appender;
    private final int sourceId;
    private final byte[] scratch = new byte[HEADER_LENGTH + MAX_PAYLOAD_LENGTH];
    private final CRC32C crc = new CRC32C();

    /** Appends through a new appender of {@code queue}; records carry {@code sourceId}. */
    public JournalWriter(SingleChronicleQueue queue, int sourceId) {
        this.appender = queue.createAppender();
        // Thread-confined by contract; Chronicle's per-access owner check costs more than the copy.
        this.appender.singleThreadedCheckDisabled(true);
        this.sourceId = sourceId;
    }

    /**
     * Journals one ITCH message verbatim.
     *
     * @param src            the message bytes (type byte first)
     * @param length         message length, 1..65535
     * @param receiveTimeNs  receive time, epoch nanoseconds
     * @param sequence       feed sequence number (MoldUDP64/SoupBinTCP sequence; message ordinal for files)
     */
    public void appendMessage(byte[] src, int offset, int length, long receiveTimeNs, long sequence) {
        append(KIND_MESSAGE, src, offset, length, receiveTimeNs, sequence);
    }

    /** Records that feed sequences [firstMissing, firstMissing + count) could not be recovered. */
    public void appendGap(long firstMissing, long count, long receiveTimeNs) {
        putLong(scratch, HEADER_LENGTH, count);
        append(KIND_GAP, GAP_PAYLOAD_LENGTH, receiveTimeNs, firstMissing);
    }

    /** Records the start of a feed session; {@code description} is ASCII, e.g. "file:day.itch". */
    public void appendSessionStart(String description, long receiveTimeNs, long firstSequence) {
        int length = putText(description);
        append(KIND_SESSION_START, length, receiveTimeNs, firstSequence);
    }

    /** Puts {@code text} (ASCII, cut at 255 bytes) as the payload; returns its length. */
    private int putText(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        int length = Math.min(ascii.length, 255);
        System.arraycopy(ascii, 0, scratch, HEADER_LENGTH, length);
        return length;
    }

    /** Records the clean end of a feed session whose last sequence was {@code lastSequence}. */
    public void appendSessionEnd(long receiveTimeNs, long lastSequence) {
        append(KIND_SESSION_END, 0, receiveTimeNs, lastSequence);
    }

    /**
     * Records the end of a session that stopped before the end of its input, {@code why} (ASCII,
     * at most 255 bytes) as the payload: e.g. an import whose gzip stream turned out damaged, so
     * that its messages are unverified. {@code verify} reports such a session as a problem. A null
     * {@code why} is a clean end, as {@link #appendSessionEnd(long, long)}.
     */
    public void appendSessionEnd(long receiveTimeNs, long lastSequence, String why) {
        int length = why == null ? 0 : putText(why);
        append(KIND_SESSION_END, length, receiveTimeNs, lastSequence);
    }

    /** Queue index of the last record this writer appended (not for the hot path: it may scan). */
    public long lastIndex() {
        return appender.lastIndexAppended();
    }

    /** A record whose payload the caller put in the scratch array after the header. */
    private void append(byte kind, int payloadLength, long receiveTimeNs, long sequence) {
        append(kind, scratch, HEADER_LENGTH, payloadLength, receiveTimeNs, sequence);
    }

    /**
     * A record of payload {@code src[offset, offset + payloadLength)}: the header assembled in the scratch array,
     * the CRC32C computed over it and the payload where it is, both written into the excerpt once.
     */
    private void append(byte kind, byte[] src, int offset, int payloadLength, long receiveTimeNs, long sequence) {
        byte[] s = scratch;
        s[KIND_OFFSET] = kind;
        s[VERSION_OFFSET] = VERSION;
        SHORT_LE.set(s, PAYLOAD_LENGTH_OFFSET, (short) payloadLength);
        putInt(s, SOURCE_ID_OFFSET, sourceId);
        putLong(s, RECEIVE_TIME_OFFSET, receiveTimeNs);
        putLong(s, SEQUENCE_OFFSET, sequence);
        CRC32C c = crc;
        c.reset();
        c.update(s, CHECKED_OFFSET, HEADER_LENGTH - CHECKED_OFFSET);
        c.update(src, offset, payloadLength);
        putInt(s, CRC_OFFSET, (int) c.getValue());
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.write(s, 0, HEADER_LENGTH);
            bytes.write(src, offset, payloadLength);
        }
    }

    /** CRC32C over bytes [4, 28 + payloadLength) of {@code record}: the header after the CRC, and the payload. */
    static int checksum(CRC32C crc, byte[] record, int payloadLength) {
        crc.reset();
        crc.update(record, CHECKED_OFFSET, HEADER_LENGTH - CHECKED_OFFSET + payloadLength);
        return (int) crc.getValue();
    }

    /**
     * Little-endian views of a byte array: one store per header field where byte-by-byte stores were two, four
     * or eight (HotSpot 17 does not merge them); with them the import's bench figure went from 0.87-0.92 to
     * 0.93-0.98 of the floor append (docs/benchmarks.md).
     */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    static void putInt(byte[] b, int off, int v) {
        INT_LE.set(b, off, v);
    }

    static void putLong(byte[] b, int off, long v) {
        LONG_LE.set(b, off, v);
    }

    static {
        // Header fields are documented as little-endian; Chronicle Bytes uses native order.
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("tickjournal needs a little-endian platform");
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}

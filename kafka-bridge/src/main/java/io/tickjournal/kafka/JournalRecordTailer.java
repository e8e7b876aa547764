package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.JournalRecordLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads journal records as journaled bytes, unparsed, with their indexes: what is published. Each
 * record is copied into an array of exactly its length, reused for the next record of that length
 * (ITCH messages come in some 20 lengths), so reading allocates nothing per record once warm.
 *
 * <p>Thread-confined. The array {@link #next} returns is valid until the next call.
 */
final class JournalRecordTailer implements AutoCloseable {
    private static final int MAX_RECORD = JournalRecordLayout.HEADER_LENGTH + JournalRecordLayout.MAX_PAYLOAD_LENGTH;

    private final ExcerptTailer tailer;
    private final byte[][] byLength = new byte[MAX_RECORD + 1][];
    private long index = -1;

    JournalRecordTailer(SingleChronicleQueue queue) {
        this.tailer = queue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
        tailer.direction(TailerDirection.FORWARD).toStart();
    }

    /** Positions the tailer after the record at {@code last} (-1: at the start). */
    void startAfter(long last) {
        if (last < 0) {
            tailer.toStart();
            return;
        }
        if (!tailer.moveToIndex(last)) {
            throw new TickjournalException("the topic holds journal index " + Long.toHexString(last)
                    + " but the journal has no such record: is this the topic of another journal?");
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != last) {
                throw new TickjournalException("the journal has no record at index " + Long.toHexString(last));
            }
        }
    }

    /** The next record's bytes, or null when none is written yet. Records over 64 KiB + 28 are cut. */
    byte[] next() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            Bytes<?> bytes = dc.wire().bytes();
            int length = (int) Math.min(bytes.readRemaining(), MAX_RECORD);
            byte[] dst = byLength[length];
            if (dst == null) {
                dst = new byte[length];
                byLength[length] = dst;
            }
            bytes.read(dst, 0, length);
            index = dc.index();
            return dst;
        }
    }

    /** Index of the record {@link #next} returned last, or -1. */
    long index() {
        return index;
    }

    @Override
    public void close() {
        tailer.close();
    }
}

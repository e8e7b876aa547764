package io.tickjournal.state;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.Objects;
import java.util.function.Consumer;

import static io.tickjournal.state.BarRecordLayout.*;

/**
 * Reads the bars queue from its start, in stream order: excerpts of format version 2 (a block of
 * bars per window, {@link BarBlockLayout}) and of version 1 (one bare 80-byte bar), so a state
 * written by an older build reads the same. Any other excerpt is refused with a
 * {@link TickjournalException} naming the queue, the excerpt's index and its length.
 */
public final class BarReader {
    private BarReader() {
    }

    /** The number of complete bars written so far (as {@link #readAll} would hand out). */
    public static long count(SingleChronicleQueue barsQueue) {
        return scan(barsQueue, null);
    }

    /** Calls {@code sink} for every complete bar written so far; returns how many. */
    public static long readAll(SingleChronicleQueue barsQueue, Consumer<BarRecord> sink) {
        return scan(barsQueue, Objects.requireNonNull(sink));
    }

    /** Counts the complete bars, handing each to {@code sink} unless it is null. */
    private static long scan(SingleChronicleQueue barsQueue, Consumer<BarRecord> sink) {
        long n = 0;
        try (ExcerptTailer tailer = barsQueue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long p = b.readPosition();
                    long length = b.readRemaining();
                    int bars = barsIn(b, p, length);
                    if (bars < 0) {
                        throw new TickjournalException(barsQueue.file() + ": bars excerpt at index "
                                + Long.toHexString(dc.index()) + " (" + length + " bytes) is not a bar block of "
                                + "format version " + BarBlockLayout.VERSION + " or a version-1 bar"
                                + " (written by a newer tickjournal, or damaged)");
                    }
                    long first = length == LENGTH ? p : p + BarBlockLayout.HEADER_LENGTH;
                    if (sink != null) {
                        for (int i = 0; i < bars; i++) {
                            sink.accept(record(b, first + (long) i * LENGTH));
                        }
                    }
                    n += bars;
                }
            }
        }
    }

    /** The bars in the excerpt of {@code length} bytes at {@code p}, or -1 when it is no known format. */
    private static int barsIn(Bytes<?> b, long p, long length) {
        if (length == LENGTH) {
            return 1; // version 1: one bare bar record
        }
        if (length < BarBlockLayout.HEADER_LENGTH
                || b.readInt(p + BarBlockLayout.MAGIC_OFFSET) != BarBlockLayout.MAGIC
                || b.readShort(p + BarBlockLayout.VERSION_OFFSET) != BarBlockLayout.VERSION
                || b.readShort(p + BarBlockLayout.RECORD_LENGTH_OFFSET) != LENGTH) {
            return -1;
        }
        int count = b.readInt(p + BarBlockLayout.COUNT_OFFSET);
        return count > 0 && count <= BarBlockLayout.MAX_BARS && length == BarBlockLayout.length(count) ? count : -1;
    }

    private static BarRecord record(Bytes<?> b, long p) {
        return new BarRecord(b.readLong(p + WINDOW_START_OFFSET), b.readInt(p + LOCATE_OFFSET),
                Long.reverseBytes(b.readLong(p + STOCK_OFFSET)), b.readLong(p + TRADES_OFFSET),
                b.readLong(p + VOLUME_OFFSET), b.readLong(p + NOTIONAL_OFFSET), b.readLong(p + OPEN_OFFSET),
                b.readLong(p + HIGH_OFFSET), b.readLong(p + LOW_OFFSET), b.readLong(p + CLOSE_OFFSET));
    }
}

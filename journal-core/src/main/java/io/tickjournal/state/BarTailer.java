package io.tickjournal.state;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.function.Consumer;

import static io.tickjournal.state.BarRecordLayout.*;

/**
 * A following read of the bars queue, in stream order from its start: each {@link #poll} hands out the bars of the
 * excerpts written since the last call, so a reader keeps up with a replay or capture still closing windows.
 * Reads excerpts of format version 2 (a block of bars per window, {@link BarBlockLayout}) and of version 1 (one
 * bare 80-byte bar); any other excerpt is refused with a {@link TickjournalException} naming the queue, the
 * excerpt's index and its length. A window's excerpt becomes visible only once its writer completes it, so a bar
 * is never handed out half-written. Thread-confined; {@link BarReader} is its one-shot form.
 */
public final class BarTailer implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private long bars;

    /** A tailer at the start of {@code barsQueue}; the caller keeps the queue open while using it. */
    public BarTailer(SingleChronicleQueue barsQueue) {
        this.queue = barsQueue;
        this.tailer = barsQueue.createTailer();
    }

    /**
     * Hands the bars of at most {@code maxExcerpts} newly written excerpts (windows) to {@code sink} (null: only
     * counts them).
     *
     * @return the bars read by this call; 0 when nothing new is written
     */
    public int poll(Consumer<BarRecord> sink, int maxExcerpts) {
        int n = 0;
        for (int e = 0; e < maxExcerpts; e++) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                Bytes<?> b = dc.wire().bytes();
                long p = b.readPosition();
                long length = b.readRemaining();
                int count = barsIn(b, p, length);
                if (count < 0) {
                    throw new TickjournalException(queue.file() + ": bars excerpt at index "
                            + Long.toHexString(dc.index()) + " (" + length + " bytes) is not a bar block of "
                            + "format version " + BarBlockLayout.VERSION + " or a version-1 bar"
                            + " (written by a newer tickjournal, or damaged)");
                }
                long first = length == LENGTH ? p : p + BarBlockLayout.HEADER_LENGTH;
                if (sink != null) {
                    for (int i = 0; i < count; i++) {
                        sink.accept(record(b, first + (long) i * LENGTH));
                    }
                }
                n += count;
            }
        }
        bars += n;
        return n;
    }

    /** Bars handed out (or counted) so far: the stream position of the next bar. */
    public long bars() {
        return bars;
    }

    @Override
    public void close() {
        tailer.close();
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

package io.tickjournal.state;

import io.tickjournal.storage.NoSpaceException;
import io.tickjournal.storage.SpaceGuard;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import static io.tickjournal.state.BarRecordLayout.*;

/** Appends closed bars to the bars queue, one 80-byte excerpt each. Thread-confined, allocation-free. */
public final class BarWriter implements AutoCloseable {
    private final ExcerptAppender appender;
    private final SpaceGuard space;
    private long written;

    /** A writer appending bar records to {@code barsQueue}; one thread. */
    public BarWriter(SingleChronicleQueue barsQueue) {
        this(barsQueue, null);
    }

    /**
     * A writer that asks {@code space} for room before each bar and throws a {@link NoSpaceException}
     * naming the bars directory when there is none (no bar is then half written).
     */
    public BarWriter(SingleChronicleQueue barsQueue, SpaceGuard space) {
        this.space = space;
        this.appender = barsQueue.createAppender();
        // Thread-confined by contract: skip Chronicle's per-access owner check.
        this.appender.singleThreadedCheckDisabled(true);
    }

    /** Appends one bar; {@code stock} is the packed 8-byte symbol. */
    public void append(long windowStartNs, int locate, long stock, long trades, long volume, long notional,
                       long open, long high, long low, long close) {
        if (space != null && !space.reserve(LENGTH + 4)) {
            throw new NoSpaceException(space.dir() + ": no space left on device (" + space.free() + " bytes free, "
                    + space.needed() + " needed); " + written + " bars written");
        }
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long p = b.writePosition();
            b.writeSkip(LENGTH);
            b.writeLong(p + WINDOW_START_OFFSET, windowStartNs);
            b.writeInt(p + LOCATE_OFFSET, locate);
            b.writeInt(p + LOCATE_OFFSET + 4, 0);
            b.writeLong(p + STOCK_OFFSET, Long.reverseBytes(stock));
            b.writeLong(p + TRADES_OFFSET, trades);
            b.writeLong(p + VOLUME_OFFSET, volume);
            b.writeLong(p + NOTIONAL_OFFSET, notional);
            b.writeLong(p + OPEN_OFFSET, open);
            b.writeLong(p + HIGH_OFFSET, high);
            b.writeLong(p + LOW_OFFSET, low);
            b.writeLong(p + CLOSE_OFFSET, close);
        }
        written++;
    }

    /** Bars appended by this writer. */
    public long written() {
        return written;
    }

    @Override
    public void close() {
        appender.close();
    }
}

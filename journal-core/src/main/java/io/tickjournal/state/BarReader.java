package io.tickjournal.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.Objects;
import java.util.function.Consumer;

import static io.tickjournal.state.BarRecordLayout.*;

/** Reads the bars queue from its start, in stream order. */
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
                    if (b.readRemaining() < LENGTH) {
                        continue;
                    }
                    long p = b.readPosition();
                    if (sink != null) {
                        sink.accept(new BarRecord(b.readLong(p + WINDOW_START_OFFSET), b.readInt(p + LOCATE_OFFSET),
                                Long.reverseBytes(b.readLong(p + STOCK_OFFSET)), b.readLong(p + TRADES_OFFSET),
                                b.readLong(p + VOLUME_OFFSET), b.readLong(p + NOTIONAL_OFFSET),
                                        b.readLong(p + OPEN_OFFSET),
                                b.readLong(p + HIGH_OFFSET), b.readLong(p + LOW_OFFSET), b.readLong(p + CLOSE_OFFSET)));
                    }
                    n++;
                }
            }
        }
    }
}

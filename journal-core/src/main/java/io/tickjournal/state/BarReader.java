package io.tickjournal.state;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the bars queue from its start to what is written now, in stream order (a {@link BarTailer} run to its
 * end): excerpts of format version 2 (a block of bars per window, {@link BarBlockLayout}) and of version 1 (one
 * bare 80-byte bar), so a state written by an older build reads the same. Any other excerpt is refused with a
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
        try (BarTailer tailer = new BarTailer(barsQueue)) {
            while (tailer.poll(sink, Integer.MAX_VALUE) > 0) {
                // a poll reads to what is written; a window closed meanwhile is read by the next
            }
            return tailer.bars();
        }
    }
}

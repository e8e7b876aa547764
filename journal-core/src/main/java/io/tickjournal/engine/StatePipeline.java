package io.tickjournal.engine;

import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateSink;
import io.tickjournal.state.SymbolStateRecord;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.util.function.LongConsumer;

/**
 * Apply and flush, written once for capture's tailer and replay's workers: reads journal records,
 * applies each ITCH message to a {@link MarketEngine}, and writes the symbols whose state changed
 * to the {@link StateStore} whenever it catches up with the journal and, while it is behind, as
 * its {@link FlushPolicy} says.
 *
 * <p>What differs between its users wraps around it rather than living inside it: a front
 * handler ({@link #front}) sees each record first and calls {@link #apply} (replay's range,
 * pacing and stage timing; capture's receive-time sampling), a {@link FlushListener} hears each
 * flush end (end-to-end and receive-to-map latency), and the engine's bar listener (whoever
 * built the engine) decides where closed bars go.
 *
 * <p>Poll-style: {@link #doWork} returns the records consumed, as an Agrona {@code Agent}'s
 * {@code doWork} does. Thread-confined; allocation-free per message after warm-up.
 */
public final class StatePipeline implements JournalRecordHandler {
    /** Records read per poll; between two polls the flush policy is asked whether a flush is due. */
    public static final int SLICE = 4096;

    /** Hears each flush of the state map; called on the pipeline's thread. */
    @FunctionalInterface
    public interface FlushListener {
        /** A flush ended at {@code endNs} ({@link System#nanoTime()}): every message applied so far is in the map. */
        void onFlushed(long endNs);
    }

    private final RecordReader reader;
    private final MarketEngine engine;
    private final SymbolStateSink store;
    private final FlushPolicy policy;
    private final SymbolStateRecord record = new SymbolStateRecord();
    private JournalRecordHandler front = this;
    private FlushListener listener;
    private LongConsumer writeTimer;
    private int sinceFlush;
    private long gaps;

    /**
     * A pipeline from {@code reader} through {@code engine} (built by the caller, who is its bar
     * listener) into {@code store} (a {@link StateStore}, or what forwards to one), flushing by
     * {@code policy}.
     */
    public StatePipeline(RecordReader reader, MarketEngine engine, SymbolStateSink store, FlushPolicy policy) {
        this.reader = reader;
        this.engine = engine;
        this.store = store;
        this.policy = policy;
    }

    /**
     * Records go to {@code handler} first, which calls {@link #apply} for those to apply (and
     * {@link #onGap} for gaps). Default: this pipeline itself.
     */
    public StatePipeline front(JournalRecordHandler handler) {
        this.front = handler;
        return this;
    }

    /** {@code l} hears the end of every flush (null: nobody). */
    public StatePipeline onFlush(FlushListener l) {
        this.listener = l;
        return this;
    }

    /** {@code nanos} receives the duration of each symbol's write to the map, in ns (null: not timed). */
    public StatePipeline timeSymbolWrites(LongConsumer nanos) {
        this.writeTimer = nanos;
        return this;
    }

    /**
     * Consumes up to {@code limit} records, in polls of at most {@link #SLICE}, flushing between
     * them when the policy says so; stops early when a poll comes back short (the end of what is
     * written). When nothing was read, flushes: the pipeline has caught up.
     *
     * @return records consumed; 0 means at the end of what is written, and flushed
     */
    public int doWork(int limit) {
        int n = 0;
        int want;
        int read;
        do {
            want = Math.min(limit - n, SLICE);
            read = reader.poll(front, want);
            n += read;
            if (read > 0 && policy.due(System.nanoTime(), sinceFlush)) {
                flush();
            }
        } while (read == want && n < limit);
        if (n == 0) {
            flush();
        }
        return n;
    }

    /** Applies one ITCH message (journal record {@code index}) to the engine. */
    public void apply(RandomDataInput buffer, long offset, int length, long index) {
        engine.onMessage(buffer, offset, length, index);
        sinceFlush++;
    }

    @Override
    public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
                          long sequence) {
        apply(buffer, offset, length, index);
    }

    @Override
    public void onGap(long firstMissing, long count, long index) {
        gaps++;
    }

    /** Writes every symbol whose state changed to the map, then tells the flush listener. */
    public void flush() {
        long started = System.nanoTime();
        MarketEngine e = engine;
        LongConsumer timer = writeTimer;
        for (int i = 0, n = e.dirtyCount(); i < n; i++) {
            if (timer == null) {
                store.put(e.fill(e.dirtyLocate(i), record));
            } else {
                long t0 = System.nanoTime();
                store.put(e.fill(e.dirtyLocate(i), record));
                timer.accept(System.nanoTime() - t0);
            }
        }
        e.clearDirty();
        sinceFlush = 0;
        long ended = System.nanoTime();
        policy.flushed(started, ended);
        if (listener != null) {
            listener.onFlushed(ended);
        }
    }

    /** The engine records are applied to (pipeline thread only). */
    public MarketEngine engine() {
        return engine;
    }

    /** The reader records come from. */
    public RecordReader reader() {
        return reader;
    }

    /** Messages applied since the last flush. */
    public int sinceFlush() {
        return sinceFlush;
    }

    /** Gap records seen (feed sequences the capture could not recover). */
    public long gaps() {
        return gaps;
    }
}

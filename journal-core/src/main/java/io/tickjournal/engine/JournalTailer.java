package io.tickjournal.engine;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.vwap.Bar;
import io.tickjournal.vwap.BarListener;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Tails a journal into the derived state: each message is decoded in place and applied to a
 * {@link MarketEngine}; closed bars go to the bars queue as they close; symbols whose state
 * changed are written to the state map whenever the tailer catches up with the journal, and
 * while it is behind every {@link #FLUSH_INTERVAL_NS} (or {@link #FLUSH_INTERVAL} messages),
 * so live readers of the map lag by about 10 ms at most.
 *
 * <p>Poll-style ({@link #doWork} returns the records consumed), thread-confined,
 * allocation-free per message after warm-up.
 */
public final class JournalTailer implements JournalRecordHandler, BarListener {
    /** At most this many messages between two flushes of the state map. */
    public static final int FLUSH_INTERVAL = 1 << 16;
    /** At most this long between two flushes of the state map while the tailer is behind. */
    public static final long FLUSH_INTERVAL_NS = 10_000_000L;
    private static final int SLICE = 4096;

    private final RecordReader reader;
    private final MarketEngine engine;
    private final StateStore store;
    private final BarWriter bars;
    private final SymbolStateRecord record = new SymbolStateRecord();

    private int sinceFlush;

    /** Receive-to-map latency probe (see {@link #measureReceiveToMap}); null when off. */
    private LongSupplier epochNow;
    private LongConsumer latencySink;
    private int sampleMask;
    private long sampleCounter;
    private final long[] pendingReceive = new long[FLUSH_INTERVAL];
    private int pendingReceiveCount;
    private long lastFlushNs = System.nanoTime();
    private long gaps;
    /** Bars the engine re-creates after a resume that the bars queue holds already: not written again. */
    private long barsToSkip;

    /**
     * A tailer reading {@code reader}, writing symbols to {@code store} and closed bars to {@code bars}, with bars of
     * {@code windowNanos} ns and default table sizes.
     */
    public JournalTailer(RecordReader reader, StateStore store, BarWriter bars, long windowNanos) {
        this(reader, store, bars, windowNanos, MarketEngine.DEFAULT_EXPECTED_ORDERS,
                MarketEngine.DEFAULT_EXPECTED_TRADES);
    }

    /** With capacity hints for the engine (see {@link MarketEngine}). */
    public JournalTailer(RecordReader reader, StateStore store, BarWriter bars, long windowNanos,
                         int expectedOrders, int expectedTrades) {
        this.reader = reader;
        this.store = store;
        this.bars = bars;
        this.engine = new MarketEngine(windowNanos, this, expectedOrders, expectedTrades);
    }

    /**
     * Consumes up to {@code limit} journal records.
     *
     * @return records consumed; 0 means the tailer is at the end of what is written (and has flushed)
     */
    public int doWork(int limit) {
        int n = 0;
        int read;
        // In slices, checking between them whether the state map is due a flush.
        while (n < limit && (read = reader.poll(this, Math.min(limit - n, SLICE))) > 0) {
            n += read;
            if (sinceFlush >= FLUSH_INTERVAL || System.nanoTime() - lastFlushNs >= FLUSH_INTERVAL_NS) {
                flush();
            }
        }
        if (n == 0) {
            flush();
        }
        return n;
    }

    @Override
    public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
            long sequence) {
        engine.onMessage(buffer, offset, length, index);
        sinceFlush++;
        if (latencySink != null && (++sampleCounter & sampleMask) == 0 && pendingReceiveCount < pendingReceive.length) {
            pendingReceive[pendingReceiveCount++] = receiveTimeNs;
        }
    }

    /**
     * From now on, measures for one message in {@code sampleEvery} (a power of 2) the time from its
     * receive time (the journal record's, epoch ns) until its effect is in the state map, and hands
     * it to {@code sink} (nanoseconds) at each flush. {@code epochNow} must be the clock the
     * receive times were stamped with. Allocation-free.
     */
    public void measureReceiveToMap(LongSupplier epochNow, LongConsumer sink,
                                    int sampleEvery) {
        if (Integer.bitCount(sampleEvery) != 1) {
            throw new IllegalArgumentException("sample interval must be a power of 2: " + sampleEvery);
        }
        this.sampleMask = sampleEvery - 1;
        this.epochNow = epochNow;
        this.latencySink = sink;
    }

    @Override
    public void onGap(long firstMissing, long count, long index) {
        gaps++;
    }

    /**
     * Continues from {@code checkpoint}: restores its engine state (into this tailer's new engine)
     * and, since the engine is deterministic, does not write again the bars it re-creates that the
     * bars queue already holds ({@code barsInQueue} minus the bars the checkpoint had emitted: those
     * a previous process wrote after its checkpoint). The caller positions the reader after the
     * checkpoint's last record.
     *
     * @throws io.tickjournal.TickjournalException if the checkpoint is inconsistent, or the bars
     *                                             queue holds fewer bars than it had emitted
     */
    public void resumeFrom(Checkpoint checkpoint, long barsInQueue) {
        checkpoint.restoreInto(engine);
        engine.touchAll();
        long emitted = engine.vwap().barsEmitted();
        if (barsInQueue < emitted) {
            throw new TickjournalException(checkpoint.file() + ": the checkpoint had written " + emitted
                    + " bars, the bars queue holds " + barsInQueue);
        }
        barsToSkip = barsInQueue - emitted;
    }

    /** Bars still to be re-created before this tailer writes new ones (see {@link #resumeFrom}). */
    public long barsToSkip() {
        return barsToSkip;
    }

    /**
     * Writes the changed symbols to the map, then a checkpoint of the engine after the journal
     * record at {@code lastIndex} into {@code stateDir} (see {@link Checkpoint}).
     *
     * @return the checkpoint's size, bytes
     */
    public long checkpoint(Path stateDir, long lastIndex, int lastCrc, long records) {
        flush();
        return Checkpoint.write(stateDir, lastIndex, lastCrc, records, engine);
    }

    @Override
    public void onBar(Bar bar) {
        if (barsToSkip > 0) {
            barsToSkip--;
            return;
        }
        bars.append(bar.windowStartNs(), bar.locate(), engine.stock(bar.locate()), bar.trades(), bar.volume(),
                bar.notional(), bar.open(), bar.high(), bar.low(), bar.close());
    }

    /** Writes the closed window's bars to the bars queue as one excerpt. */
    @Override
    public void onWindowClosed(long windowStartNs) {
        bars.endWindow();
    }

    /** Writes every symbol whose state changed to the state map. */
    public void flush() {
        MarketEngine e = engine;
        for (int i = 0, n = e.dirtyCount(); i < n; i++) {
            store.put(e.fill(e.dirtyLocate(i), record));
        }
        e.clearDirty();
        sinceFlush = 0;
        if (pendingReceiveCount > 0) {
            long now = epochNow.getAsLong();
            for (int i = 0; i < pendingReceiveCount; i++) {
                latencySink.accept(now - pendingReceive[i]);
            }
            pendingReceiveCount = 0;
        }
        lastFlushNs = System.nanoTime();
    }

    /** The engine it applies records to (tailer thread only). */
    public MarketEngine engine() {
        return engine;
    }

    /** Gap records seen (feed sequences the capture could not recover). */
    public long gaps() {
        return gaps;
    }
}

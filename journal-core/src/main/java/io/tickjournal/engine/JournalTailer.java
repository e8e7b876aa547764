package io.tickjournal.engine;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateStore;
import io.tickjournal.vwap.Bar;
import io.tickjournal.vwap.BarListener;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Tails a journal into the derived state: a {@link StatePipeline} applies each message to a
 * {@link MarketEngine} and writes the symbols whose state changed to the state map whenever the
 * tailer catches up with the journal, and while it is behind as {@link FlushPolicy#standard} says
 * (so live readers of the map lag by about 10 ms at most); closed bars go to the bars queue as they
 * close. Around the pipeline it adds what capture needs: receive-to-map latency sampling, resuming
 * from a {@link Checkpoint} (bars already written are not written twice) and writing checkpoints.
 *
 * <p>Poll-style ({@link #doWork} returns the records consumed), thread-confined,
 * allocation-free per message after warm-up.
 */
public final class JournalTailer implements JournalRecordHandler, BarListener, StatePipeline.FlushListener {
    private final MarketEngine engine;
    private final StatePipeline pipeline;
    private final BarWriter bars;

    /** Receive-to-map latency probe (see {@link #measureReceiveToMap}); null when off. */
    private LongSupplier epochNow;
    private LongConsumer latencySink;
    private int sampleMask;
    private long sampleCounter;
    private final long[] pendingReceive = new long[FlushPolicy.MAX_MESSAGES];
    private int pendingReceiveCount;
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
        this.bars = bars;
        this.engine = new MarketEngine(windowNanos, this, expectedOrders, expectedTrades);
        this.pipeline = new StatePipeline(reader, engine, store, FlushPolicy.standard(System.nanoTime()))
                .front(this).onFlush(this);
    }

    /**
     * Consumes up to {@code limit} journal records.
     *
     * @return records consumed; 0 means the tailer is at the end of what is written (and has flushed)
     */
    public int doWork(int limit) {
        return pipeline.doWork(limit);
    }

    @Override
    public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
            long sequence) {
        pipeline.apply(buffer, offset, length, index);
        if (latencySink != null && (++sampleCounter & sampleMask) == 0) {
            if (pendingReceiveCount == pendingReceive.length) {
                // A tailer far behind, whose flushes the policy defers, would drop samples here: every
                // sampled message is counted instead, this one's effect going to the map now.
                flush();
            }
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
        pipeline.onGap(firstMissing, count, index);
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
        pipeline.flush();
    }

    /** Ends the sampled messages' receive-to-map latency: their effect is in the map now. */
    @Override
    public void onFlushed(long endNs) {
        if (pendingReceiveCount > 0) {
            long now = epochNow.getAsLong();
            for (int i = 0; i < pendingReceiveCount; i++) {
                latencySink.accept(now - pendingReceive[i]);
            }
            pendingReceiveCount = 0;
        }
    }

    /** The engine it applies records to (tailer thread only). */
    public MarketEngine engine() {
        return engine;
    }

    /** Gap records seen (feed sequences the capture could not recover). */
    public long gaps() {
        return pipeline.gaps();
    }
}

package io.tickjournal.replay;

import io.tickjournal.engine.FlushPolicy;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.engine.StatePipeline;
import io.tickjournal.itch.BigEndian;
import io.tickjournal.itch.ItchLayout;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalRecordLayout;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.SymbolStateSink;
import io.tickjournal.vwap.Bar;
import io.tickjournal.vwap.BarListener;
import net.openhft.chronicle.bytes.RandomDataInput;
import org.agrona.concurrent.AgentTerminationException;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One replay thread's work: a {@link StatePipeline} reads the journal from its start, applies each
 * message to its {@link MarketEngine} (all symbols, or a shard's) and writes changed symbols to the
 * state map; closed bars go to its {@link BarSink}. Around the pipeline it adds a range, pacing,
 * stage latency sampling, progress and follow mode as {@link Replayer.Options} say: as the
 * pipeline's front handler (each record passes here first) and flush listener. Thread-confined;
 * allocation-free per message after warm-up. {@link #doWork} is its agent's duty cycle.
 *
 * <p>Map writes: whenever the worker catches up with the journal, and while behind as
 * {@link FlushPolicy#standard} says (every {@value FlushPolicy#MAX_MESSAGES} messages or 10 ms, but
 * never so often that map writes take more than a tenth of its time); in paced replays also
 * whenever the next message is not due yet (the replay is on schedule), so that a message's
 * end-to-end latency ends when its effect is in the map, and a replay that has fallen behind writes
 * in batches.
 */
final class ReplayWorker implements JournalRecordHandler, BarListener, StatePipeline.FlushListener {
    private static final long SPIN_NS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Paced replays: applied messages whose map write is still to come, at most this many. */
    private static final int PENDING = 1 << 12;
    /** Records per duty cycle: paced replays check their schedule and cancellation more often. */
    private static final int PACED_SLICE = 64;

    private final StatePipeline pipeline;
    private final RecordReader reader;
    private final MarketEngine engine;
    private final BarSink sink;
    private final ReplayRange range;
    private final Pace pace;
    private final StageLatency.Recorders latency;
    private final long sampleMask;
    private final boolean follow;
    private final BooleanSupplier cancelled;
    private final long[] pendingIntended;
    private final int slice;

    private long currentIndex;
    private boolean stopped;
    private long eventOrigin = Long.MIN_VALUE;
    private long wallOrigin;
    private int pendingCount;
    private long sampled;
    private long lastEndNs = System.nanoTime();
    private volatile long progress;
    private final int shards;
    private final int shard;
    private final boolean lazyChecksums;
    private long checksumFailures;
    private static final long WARM_UP_MESSAGES = 1_000_000;
    private long warmBytes = -1;
    private long warmMessages;
    /** The thread's allocation and messages after the last slice that applied messages (once warm). */
    private long lastBytes = -1;
    private long lastMessages;
    /** The same after the slice before that one: where the measure ends (see {@link #doWork}). */
    private long endBytes = -1;
    private long endMessages;
    private double allocatedPerMessage = -1;
    /** The thread's CPU time when the worker was made (on its thread), and from then to its end. */
    private final long cpuStartNs = threadCpuNanos();
    private double cpuSeconds = -1;

    /**
     * A worker for shard {@code shard} of {@code shards} (1 and 0 for an unsharded replay).
     *
     * @param latency       recorders, or null for no latency measurement
     * @param sampleEvery   measure the stages of one message in this many (a power of 2)
     * @param lazyChecksums the reader does not check checksums; this worker checks those of the
     *                      records that can change its state: its own locates' (and locate 0's),
     *                      and any whose timestamp moves the bar window or ends the range. Another
     *                      shard's record that does neither changes nothing here, so a corrupt one is
     *                      skipped by its owner alone, and every shard still closes the same windows.
     */
    ReplayWorker(RecordReader reader, long windowNanos, int expectedOrders, int expectedTrades, SymbolStateSink store,
                 BarSink sink, ReplayRange range, Pace pace, StageLatency.Recorders latency, int sampleEvery,
                 boolean follow, BooleanSupplier cancelled, int shards, int shard, boolean lazyChecksums) {
        if (Integer.bitCount(sampleEvery) != 1) {
            throw new IllegalArgumentException("sample interval must be a power of 2: " + sampleEvery);
        }
        this.reader = reader;
        this.engine = new MarketEngine(windowNanos, this, expectedOrders, expectedTrades);
        this.pipeline = new StatePipeline(reader, engine, store, FlushPolicy.standard(System.nanoTime()))
                .front(this).onFlush(this);
        if (latency != null) {
            pipeline.timeSymbolWrites(nanos -> latency.record(StageLatency.Stage.MAP, nanos));
        }
        this.slice = pace.paced() ? PACED_SLICE : StatePipeline.SLICE;
        this.sink = sink;
        this.range = range;
        this.pace = pace;
        this.latency = latency;
        this.sampleMask = sampleEvery - 1;
        this.follow = follow;
        this.cancelled = cancelled;
        this.pendingIntended = new long[pace.paced() ? PENDING : 0];
        if (lazyChecksums && pace.paced()) {
            throw new IllegalArgumentException("lazy checksums are for unpaced replays");
        }
        this.shards = shards;
        this.shard = shard;
        this.lazyChecksums = lazyChecksums;
        // Links the measure's native method now: its first call allocates (128 bytes, the JNI lookup),
        // which at the warm-up mark counted as the replay's own.
        threadAllocatedBytes();
    }

    /**
     * Reads a slice of records (flushing by the policy), and reports progress.
     *
     * @return records read
     * @throws AgentTerminationException when the replay is over: at the end of the journal (not
     *                                   following), at the end of its range, or cancelled; the map
     *                                   is flushed first
     */
    int doWork() {
        if (stopped || cancelled.getAsBoolean()) {
            throw finish();
        }
        int n = pipeline.doWork(slice);
        long messages = engine.messages();
        progress = messages;
        if (warmBytes < 0 && messages >= WARM_UP_MESSAGES) {
            warmBytes = threadAllocatedBytes();
            warmMessages = messages;
        } else if (warmBytes >= 0 && n > 0) {
            // The measure ends where the last slice that applied messages began: the poll that reads the
            // journal's last records also finds its end, and a reader at the end of a cycle lists the
            // directory (432 bytes on the 10M-message day; what an idle reader does every 10 ms), which is
            // not per-message work. The ending after it is not either. At most one slice's messages
            // (4,096) are left out of the count.
            endBytes = lastBytes;
            endMessages = lastMessages;
            lastBytes = threadAllocatedBytes();
            lastMessages = messages;
        }
        if (n == 0 && !follow) {
            throw finish();
        }
        return n;
    }

    private AgentTerminationException finish() {
        pipeline.flush();
        progress = engine.messages();
        long cpu = threadCpuNanos();
        if (cpuStartNs >= 0 && cpu >= 0) {
            cpuSeconds = (cpu - cpuStartNs) / 1e9;
        }
        long end = endBytes >= 0 ? endBytes : threadAllocatedBytes();
        long upTo = endBytes >= 0 ? endMessages : engine.messages();
        if (warmBytes >= 0 && end >= 0 && upTo > warmMessages) {
            allocatedPerMessage = (double) (end - warmBytes) / (upTo - warmMessages);
        }
        return new AgentTerminationException();
    }

    /** Tells the sink this worker is done (whether it finished, was cancelled or failed). */
    void finished() {
        sink.finished();
    }

    /** Bytes this worker's thread allocated per message from warm-up to its last message; -1 when unmeasured. */
    double allocatedBytesPerMessage() {
        return allocatedPerMessage;
    }

    /**
     * The thread bean, looked up once: {@code ManagementFactory.getThreadMXBean()} runs a stream over the
     * platform's beans at every call, 1,248 bytes that the reading at the end of the run counted as the
     * replay's own; null when per-thread allocation is not measurable.
     */
    private static final com.sun.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean()
            instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported() ? sun : null;

    /** CPU time this worker's thread took from its making to its end, in seconds; -1 when unmeasured. */
    double cpuSeconds() {
        return cpuSeconds;
    }

    private static long threadCpuNanos() {
        return THREADS != null && THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static long threadAllocatedBytes() {
        return THREADS != null ? THREADS.getCurrentThreadAllocatedBytes() : -1;
    }

    @Override
    public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
            long sequence) {
        if (stopped) {
            return;
        }
        long t = length > ItchLayout.TIMESTAMP_OFFSET + 6 ? BigEndian.u48(buffer,
                offset + ItchLayout.TIMESTAMP_OFFSET) : -1;
        if (lazyChecksums) {
            int locate = length > ItchLayout.STOCK_LOCATE_OFFSET + 2
                    ? BigEndian.u16(buffer, offset + ItchLayout.STOCK_LOCATE_OFFSET) : 0;
            boolean owned = locate == 0 || locate % shards == shard;
            if ((owned || t < 0 || t >= engine.vwap().openWindowEndNs() || range.ends(index, t))
                    && !JournalRecordLayout.checksumHolds(buffer, offset, length)) {
                if (owned) {
                    checksumFailures++; // counted once, by the shard the record names
                }
                return;
            }
        }
        if (range.ends(index, t)) {
            if (t >= range.toTimeNs()) {
                engine.advanceTo(range.toTimeNs());
            }
            stopped = true;
            return;
        }
        currentIndex = index;
        // The read stage of a sampled message ends here, before any pacing wait.
        long readNs = latency != null && (sampled & sampleMask) == 0 ? System.nanoTime() - lastEndNs : 0;
        boolean paced = pendingIntended.length > 0 && t >= 0 && t >= range.fromTimeNs() && index >= range.fromIndex();
        long intended = 0;
        if (paced) {
            intended = awaitIntendedTime(t);
        }
        long skippedBefore = engine.skippedMessages();
        if (latency == null) {
            pipeline.apply(buffer, offset, length, index);
        } else {
            applyMeasured(buffer, offset, length, index, readNs);
        }
        // End to end is measured for the messages this worker applied (not another shard's).
        if (paced && engine.skippedMessages() == skippedBefore) {
            pendingIntended[pendingCount++] = intended;
            if (pendingCount == PENDING) {
                pipeline.flush();
            }
        }
    }

    private void applyMeasured(RandomDataInput buffer, long offset, int length, long index, long readNs) {
        long n = sampled++;
        if ((n & sampleMask) == 0) {
            latency.record(StageLatency.Stage.READ, readNs);
            engine.timeNextMessage();
            pipeline.apply(buffer, offset, length, index);
            latency.record(StageLatency.Stage.BOOK, engine.lastBookNanos());
            latency.record(StageLatency.Stage.VWAP, engine.lastVwapNanos());
        } else {
            pipeline.apply(buffer, offset, length, index);
        }
        if (((n + 1) & sampleMask) == 0) {
            lastEndNs = System.nanoTime(); // the next message is sampled: its read stage starts now
        }
    }

    /** Waits until the wall time the pace gives event time {@code t}; returns that intended time. */
    private long awaitIntendedTime(long t) {
        if (eventOrigin == Long.MIN_VALUE) {
            eventOrigin = t;
            wallOrigin = System.nanoTime();
        }
        long intended = wallOrigin + pace.wallOffset(t - eventOrigin);
        if (pendingCount > 0 && intended - System.nanoTime() > 0) {
            // On schedule: the replay is idle until this message is due, so the messages applied
            // before it go to the map now (a live tailer flushes whenever it catches up).
            pipeline.flush();
        }
        long wait;
        while ((wait = intended - System.nanoTime()) > 0 && !cancelled.getAsBoolean()) {
            if (wait > SPIN_NS) {
                LockSupport.parkNanos(Math.min(wait - SPIN_NS, TimeUnit.MILLISECONDS.toNanos(100)));
            } else {
                Thread.onSpinWait();
            }
        }
        return intended;
    }

    @Override
    public void onGap(long firstMissing, long count, long index) {
        pipeline.onGap(firstMissing, count, index);
    }

    @Override
    public void onBar(Bar bar) {
        if (bar.windowStartNs() >= range.fromTimeNs() && range.writesBarsAt(currentIndex)) {
            sink.bar(bar.windowStartNs(), bar.locate(), engine.stock(bar.locate()), bar.trades(), bar.volume(),
                    bar.notional(), bar.open(), bar.high(), bar.low(), bar.close());
        }
    }

    @Override
    public void onWindowClosed(long windowStartNs) {
        sink.windowClosed(windowStartNs);
    }

    /** Ends the pending messages' end-to-end latency: their effect is in the map now. */
    @Override
    public void onFlushed(long endNs) {
        StageLatency.Recorders l = latency;
        if (l != null) {
            for (int i = 0; i < pendingCount; i++) {
                l.record(StageLatency.Stage.E2E, endNs - pendingIntended[i]);
            }
        }
        pendingCount = 0;
    }

    MarketEngine engine() {
        return engine;
    }

    RecordReader reader() {
        return reader;
    }

    /** Messages read so far (for progress, from another thread). */
    long progress() {
        return progress;
    }

    long gaps() {
        return pipeline.gaps();
    }

    /** Checksum failures this worker found itself (lazy checksums), on records of its own locates. */
    long checksumFailures() {
        return checksumFailures;
    }

    /** True when the worker stopped at the end of the range (not at the end of the journal). */
    boolean reachedRangeEnd() {
        return stopped;
    }
}

package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import io.tickjournal.agent.AgentThreads;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.itch.Symbols;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.JournalCheck;
import io.tickjournal.journal.JournalDamage;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateDigest;
import io.tickjournal.state.IncompleteState;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.storage.NoSpaceException;
import io.tickjournal.storage.OwnerLock;
import io.tickjournal.storage.SpaceGuard;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Rebuilds a state directory from the start of a journal, then computes the determinism digest
 * from what was persisted.
 *
 * <p>With one shard, one worker thread (pinned when a core is free) reads the journal and applies
 * every message. With N shards, N workers each read the whole journal and apply the messages of
 * their own stock locates ({@code locate % N}), all advancing the bar window on every message.
 * The workers write neither the bars queue nor the state map themselves: closed bars go through a
 * ring to a {@link BarResequencer} on one more thread, which appends them in the order of a single
 * engine, and each flush's changed symbols through a ring to a {@link StateWriter}, which writes
 * the map (paced and latency-measured replays write the map themselves). The worker's thread then
 * runs the engine and the rings only: the bars queue's and Chronicle Map's code, and the bars
 * file's first-touch page faults, go to the other core; the replay thread's allocation after
 * warm-up fell tenfold, to about 0.0001 bytes a message (those writers' code was still being
 * compiled on it), and its CPU a message by 10-15 % (docs/benchmarks.md).
 * {@link Options#inlineWrites} keeps both on a one-shard worker, for that comparison. The map is
 * shared (Chronicle Map is
 * safe for concurrent writers of different keys). The calling thread reports progress, collects
 * latency intervals and honours cancellation.
 */
public final class Replayer {
    /**
     * Replay settings.
     *
     * @param windowMs          bar window in milliseconds of ITCH time
     * @param symbols           symbols to replay (empty: all)
     * @param latency           measure stage latencies
     * @param latencySample     measure the stages of one message in this many (power of 2)
     * @param histogramFile     HistogramLog of interval histograms, or null
     * @param inlineWrites      with one shard, append bars and write the map on the replay thread
     *                          instead of the bars and state threads (to measure the difference;
     *                          see the class comment)
     */
    public record Options(Path journal, Path state, long windowMs, CorePinning.Mode pin, boolean verifyChecksums,
                          int expectedOrders, int expectedTrades, ReplayRange range, Set<String> symbols, Pace pace,
                          boolean follow, int shards, boolean latency, int latencySample, Path histogramFile,
                          boolean inlineWrites) {
        public Options {
            if (windowMs <= 0) {
                throw new TickjournalException("--window-ms must be positive, got " + windowMs);
            }
            if (expectedOrders <= 0 || expectedTrades <= 0) {
                throw new TickjournalException("--expected-orders and --expected-trades must be positive");
            }
            if (shards < 1 || shards > 64) {
                throw new TickjournalException("--shards must be 1..64, got " + shards);
            }
            if (latencySample < 1 || Integer.bitCount(latencySample) != 1) {
                throw new TickjournalException("--latency-sample must be a power of 2, got " + latencySample);
            }
            symbols = Set.copyOf(symbols);
            for (String s : symbols) {
                if (s.isEmpty() || s.length() > Symbols.STOCK_LENGTH) {
                    throw new TickjournalException("--symbols: '" + s + "' is not a stock symbol of 1 to 8 characters");
                }
            }
        }

        /** Whole journal, flat out, one shard, no latency measurement. */
        public Options(Path journal, Path state, long windowMs, CorePinning.Mode pin, boolean verifyChecksums,
                       int expectedOrders, int expectedTrades) {
            this(journal, state, windowMs, pin, verifyChecksums, expectedOrders, expectedTrades, ReplayRange.ALL,
                    Set.of(), Pace.MAX, false, 1, false, 64, null, false);
        }

        /** Default capacities. */
        public Options(Path journal, Path state, long windowMs, CorePinning.Mode pin, boolean verifyChecksums) {
            this(journal, state, windowMs, pin, verifyChecksums, MarketEngine.DEFAULT_EXPECTED_ORDERS,
                    MarketEngine.DEFAULT_EXPECTED_TRADES);
        }
    }

    /** Room the symbol map takes at creation: 7,540,736 bytes for its maximum of locates, rounded up. */
    static final long MAP_BYTES = 8L << 20;

    /**
     * Where replay workers read records from: the journal's cycle files unless a caller (a scale-out
     * member reading Kafka partitions) gives another source. Called once per worker, on its thread.
     */
    @FunctionalInterface
    public interface RecordSource {
        /** A new reader, positioned at the first record, checking checksums when {@code verifyChecksums}. */
        RecordReader open(boolean verifyChecksums);
    }

    private Replayer() {
    }

    /** Runs the replay to its end; see {@link #run(Options, Consumer, Cancellation, Progress)}. */
    public static ReplaySummary run(Options o, Consumer<String> say) {
        return run(o, say, new Cancellation(), Progress.lines(say));
    }

    /**
     * Runs the replay.
     *
     * @param say      receives status lines (stderr in the CLI)
     * @param cancel   stops the replay early; an interrupt of the calling thread does too
     * @param progress reports how far the replay is
     */
    public static ReplaySummary run(Options o, Consumer<String> say, Cancellation cancel, Progress progress) {
        return run(o, null, say, cancel, progress);
    }

    /** Runs the replay reading from {@code source} (null: the journal's cycle files). */
    public static ReplaySummary run(Options o, RecordSource source, Consumer<String> say, Cancellation cancel,
                                    Progress progress) {
        try {
            return replay(o, source, say, cancel, progress);
        } finally {
            cancel.markStopped();
        }
    }

    private static ReplaySummary replay(Options o, RecordSource source, Consumer<String> say, Cancellation cancel,
                                        Progress progress) {
        if (source == null) {
            Journal.requireJournal(o.journal());
            JournalSymbols.requireListed(o.journal(), o.symbols());
        }
        // One owner per state directory, before anything in it is deleted (a second replay is refused, exit 2).
        try (OwnerLock owner = OwnerLock.acquire(o.state(), "state directory")) {
            return replayOwned(o, source, say, cancel, progress);
        }
    }

    private static ReplaySummary replayOwned(Options o, RecordSource source, Consumer<String> say,
                                             Cancellation cancel, Progress progress) {
        SpaceGuard space = new SpaceGuard(o.state(),
                MAP_BYTES + SpaceGuard.CHECK_INTERVAL_BYTES + SpaceGuard.HEADROOM_BYTES);
        if (!space.check()) {
            throw new NoSpaceException(o.state() + ": no space left on device for a state: " + space.free()
                    + " bytes free, " + space.needed() + " needed (the symbol map alone is " + MAP_BYTES + ")");
        }
        StateDirectory state = StateDirectory.prepareFresh(o.state());
        state.writeMeta(IncompleteState.started(o.journal(), o.windowMs()));
        StageLatency latency = o.latency() ? new StageLatency(o.histogramFile()) : null;
        Set<Long> stocks = null;
        if (!o.symbols().isEmpty()) {
            stocks = new LinkedHashSet<>();
            for (String s : o.symbols()) {
                stocks.add(Symbols.pack(s));
            }
        }
        int shards = o.shards();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (shards > 1 && shards >= cpus) {
            say.accept("note: " + shards + " shards on " + cpus + " CPUs share them with the JIT compiler, which works"
                    + " through the first seconds of a run; a short journal replayed once may go no faster than with"
                    + " one shard (docs/replay.md, \"Shards and the resequencer\")");
        }
        boolean resequenced = shards > 1 || !o.inlineWrites();
        ReplayAgent[] agents = new ReplayAgent[shards];
        ReplayWorker[] workers = new ReplayWorker[shards];
        long started;
        double seconds;
        long resequencerWaits = 0;
        long barsWritten;
        String digest;
        boolean cancelled;
        List<JournalDamage> unread;
        try (StateStore store = state.openStore();
             SingleChronicleQueue barsQueue = state.openBarsQueue();
             BarWriter bars = new BarWriter(barsQueue, new SpaceGuard(state.barsDir()));
             AgentThreads threads = new AgentThreads((role, t) -> { })) {
            BooleanSupplier stop = () -> cancel.isCancelled() || threads.failure() != null;
            BarResequencer resequencer = resequenced ? new BarResequencer(shards, bars, stop) : null;
            // Map writes on a thread of their own, except where a figure ends when an effect is in the map.
            StateWriter stateWriter = o.pace().paced() || o.latency() || shards == 1 && o.inlineWrites() ? null
                    : new StateWriter(shards, store, () -> allClosed(agents));
            ReplayAgent.Shared shared = new ReplayAgent.Shared(o, source, stocks, store, stateWriter,
                    resequencer != null ? resequencer::sink : shard -> new DirectBarSink(bars), latency, stop, say);
            started = System.nanoTime();
            for (int i = 0; i < shards; i++) {
                agents[i] = new ReplayAgent(shared, i);
                // Following, a worker at the end of the journal spins briefly, then parks up to 1 ms.
                threads.start(agents[i], new BackoffIdleStrategy(1, 10, TimeUnit.MICROSECONDS.toNanos(1),
                        TimeUnit.MILLISECONDS.toNanos(1)), false);
            }
            if (resequencer != null) {
                threads.start(resequencer, new BackoffIdleStrategy(), false);
            }
            if (stateWriter != null) {
                threads.start(stateWriter, new BackoffIdleStrategy(), false);
            }
            cancelled = waitFor(threads, agents, cancel, latency, progress);
            seconds = (System.nanoTime() - started) / 1e9;
            progress.done();
            for (int i = 0; i < shards; i++) {
                workers[i] = agents[i].worker();
            }
            if (threads.failure() != null) {
                Throwable t = threads.failure();
                IncompleteState.stopped(state, o.journal(), o.windowMs(), workers[0] == null ? -1
                        : workers[0].reader().lastIndex());
                if (t instanceof NoSpaceException ns) {
                    throw new NoSpaceException(ns.getMessage() + "; the state is incomplete (complete=false)");
                }
                if (t instanceof TickjournalException te) {
                    throw te;
                }
                throw new TickjournalException("replay of " + o.journal() + " failed: " + t, t);
            }
            if (resequencer != null) {
                resequencerWaits = resequencer.waits();
            }
            barsWritten = bars.written();
            unread = cancelled ? List.of() : unreadTail(o, workers[0]);
            // Everything is in the map file and the bars queue now; the digest reads it back from there.
            digest = StateDigest.compute(state);
        } finally {
            if (latency != null) {
                latency.collect();
                latency.close();
            }
        }
        ReplaySummary s = summarise(o, workers, seconds, agents[0].pinning(), workers[0].allocatedBytesPerMessage(),
                digest, cancelled, latency == null ? Map.of() : latency.summary(), resequencerWaits, barsWritten,
                unread);
        state.writeMeta(meta(s, workers[0].reader().lastIndex()));
        return s;
    }

    /** True when every worker agent has been made and has closed. */
    private static boolean allClosed(ReplayAgent[] agents) {
        for (ReplayAgent a : agents) {
            if (a == null || !a.closed()) {
                return false;
            }
        }
        return true;
    }

    /** Waits for the agents to end, reporting progress; true when the replay was cancelled. */
    private static boolean waitFor(AgentThreads threads, ReplayAgent[] agents, Cancellation cancel,
                                   StageLatency latency, Progress progress) {
        long lastCollect = System.nanoTime();
        while (!threads.allClosed()) {
            try {
                threads.awaitAllClosed(Progress.TICK_MS);
            } catch (InterruptedException e) {
                cancel.cancel();
                Thread.currentThread().interrupt();
                awaitQuietly(threads);
                return true;
            }
            ReplayWorker w = agents[0].worker();
            progress.update(w == null ? 0 : w.progress());
            if (latency != null && System.nanoTime() - lastCollect >= 1_000_000_000L) {
                latency.collect();
                lastCollect = System.nanoTime();
            }
            if (threads.failure() != null) {
                cancel.cancel();
            }
        }
        return cancel.isCancelled() && threads.failure() == null;
    }

    /** After an interrupt: the cancelled agents end by themselves; waits for them with the interrupt held back. */
    private static void awaitQuietly(AgentThreads threads) {
        boolean interrupted = Thread.interrupted();
        while (!threads.allClosed()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After a replay to the end of the journal: where the reader left each cycle file must be its
     * written end (checked at cycle ends and at the end, never per message); otherwise the damage
     * that stopped it, with the bytes left unread. Not for a replay that stopped at its --to.
     */
    private static List<JournalDamage> unreadTail(Options o, ReplayWorker first) {
        if (first == null || first.reachedRangeEnd() || !(first.reader() instanceof CycleFileReader reader)) {
            return List.of();
        }
        return JournalCheck.checkStops(o.journal(), reader.stops());
    }

    private static ReplaySummary summarise(Options o, ReplayWorker[] workers, double seconds, String pinning,
                                           double allocatedPerMessage, String digest, boolean cancelled,
                                           Map<String, StageLatency.Percentiles> latency, long resequencerWaits,
                                           long bars, List<JournalDamage> unread) {
        ReplayWorker first = workers[0];
        MarketEngine e0 = first.engine();
        int symbols = 0;
        long counted = 0;
        long broken = 0;
        long unknownBroken = 0;
        long unknownRefs = 0;
        long checksumFailures = first.reader().checksumFailures();
        long duplicateRefs = 0;
        for (ReplayWorker w : workers) {
            MarketEngine e = w.engine();
            symbols += e.symbols();
            counted += e.vwap().countedTrades();
            broken += e.vwap().brokenTrades();
            unknownBroken += e.vwap().unknownBrokenTrades();
            unknownRefs += e.unknownOrderRefs();
            checksumFailures += w.checksumFailures();
            duplicateRefs += e.duplicateOrderRefs();
        }
        return new ReplaySummary(o.journal(), o.state(), o.windowMs(), pinning, first.reader().records(), e0.messages(),
                seconds, symbols, counted, broken, unknownBroken, bars, checksumFailures,
                first.reader().malformedRecords(), e0.unknownTypes(), e0.badLengths(), unknownRefs, duplicateRefs,
                first.gaps(), digest, allocatedPerMessage, first.cpuSeconds(), o.shards(), o.range().toString(),
                o.pace().toString(), cancelled, latency, resequencerWaits, unread);
    }

    private static Map<String, String> meta(ReplaySummary s, long lastIndex) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("journal", s.journal().toAbsolutePath().toString());
        m.put("window_ms", Long.toString(s.windowMs()));
        m.put("messages", Long.toString(s.messages()));
        m.put("bars", Long.toString(s.bars()));
        m.put("counted_trades", Long.toString(s.countedTrades()));
        m.put("shards", Integer.toString(s.shards()));
        m.put("range", s.range());
        m.put("complete", Boolean.toString(!s.cancelled()));
        if (s.cancelled()) {
            m.put(IncompleteState.STOPPED_AT, Long.toString(lastIndex));
        }
        m.put("digest", s.digest());
        return m;
    }
}

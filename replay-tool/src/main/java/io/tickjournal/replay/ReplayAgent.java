package io.tickjournal.replay;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateSink;
import net.openhft.affinity.AffinityLock;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The agent of one replay shard: on its thread, {@link #onStart} pins it (as the options say),
 * opens its reader and builds its {@link ReplayWorker} (its flushes into the {@link StateWriter}'s
 * ring when the replay has one, else into the map); {@link #doWork} is the worker's duty cycle;
 * {@link #onClose} tells the bar sink it is done and closes the reader.
 */
final class ReplayAgent implements Agent {
    /** What a shard shares with the replay that starts it. */
    record Shared(Replayer.Options options, Replayer.RecordSource source, Set<Long> stocks, StateStore store,
                  StateWriter stateWriter, ReplayAgent.Sinks sinks, StageLatency latency, BooleanSupplier cancelled,
                  Consumer<String> say) {
    }

    /** Where shard {@code i}'s bars go: straight to the bars queue, or to the resequencer. */
    @FunctionalInterface
    interface Sinks {
        /** The sink of shard {@code shard}; called on that shard's thread. */
        BarSink sink(int shard);
    }

    private final Shared shared;
    private final int shard;
    private AffinityLock lock;
    private RecordReader reader;
    private volatile ReplayWorker worker;
    private volatile String pinning = "unpinned";
    private volatile boolean closed;

    ReplayAgent(Shared shared, int shard) {
        this.shared = shared;
        this.shard = shard;
    }

    @Override
    public void onStart() {
        Replayer.Options o = shared.options();
        lock = CorePinning.pinCurrentThread(roleName(), o.pin(), line -> {
            if (shard == 0) {
                pinning = line.substring(line.indexOf(':') + 1).trim();
                shared.say().accept(line);
            }
        });
        int shards = o.shards();
        // Shards check the checksums of the records that matter to them (see ReplayWorker): the
        // others' records cost them a read, not a CRC32C.
        boolean lazyChecksums = shards > 1 && o.verifyChecksums() && !o.pace().paced();
        boolean verify = o.verifyChecksums() && !lazyChecksums;
        reader = shared.source() == null ? new CycleFileReader(o.journal(), verify) : shared.source().open(verify);
        // A shard logs the trades of its own symbols only: its share of the expected trades. (The
        // order index keeps the whole size: it is direct-mapped by reference number, and every
        // shard's references are spread over the whole day's range.)
        StageLatency latency = shared.latency();
        // The trade log and the order table are sized from the journal's length (at least
        // --expected-trades and --expected-orders), so that they never grow on this thread after warm-up.
        boolean files = shared.source() == null;
        int trades = files ? JournalSizing.expectedTrades(o.journal(), o.expectedTrades()) : o.expectedTrades();
        int orders = files ? JournalSizing.expectedOrders(o.journal(), o.expectedOrders(), shards) : o.expectedOrders();
        // Flushes go to the state writer's ring when there is one, else straight to the map.
        SymbolStateSink states = shared.stateWriter() != null
                ? shared.stateWriter().sink(shard, shared.cancelled()) : shared.store();
        ReplayWorker w = new ReplayWorker(reader, o.windowMs() * 1_000_000L, orders,
                (trades + shards - 1) / shards, states, shared.sinks().sink(shard), o.range(),
                o.pace(), latency == null ? null : latency.newWorker(), o.latencySample(), o.follow(),
                shared.cancelled(), shards, shard, lazyChecksums);
        if (shards > 1 || shared.stocks() != null) {
            w.engine().restrictTo(locate -> locate % shards == shard, shared.stocks());
        }
        worker = w;
    }

    @Override
    public int doWork() {
        try {
            return worker.doWork();
        } catch (ReplayCancelledException e) {
            throw new AgentTerminationException(); // stopped while waiting on a full ring: the state stays as flushed
        }
    }

    @Override
    public void onClose() {
        try {
            if (worker != null) {
                worker.finished();
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
            if (lock != null) {
                lock.release();
            }
            closed = true;
        }
    }

    /** True once the agent has closed (its worker finished, failed or was cancelled): it writes nothing more. */
    boolean closed() {
        return closed;
    }

    @Override
    public String roleName() {
        return shared.options().shards() == 1 ? "tailer" : "tailer-" + shard;
    }

    /** Its worker once started, else null (read from the replay's thread). */
    ReplayWorker worker() {
        return worker;
    }

    /** Shard 0's pinning, as the summary reports it. */
    String pinning() {
        return pinning;
    }
}

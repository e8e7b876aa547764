package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import io.tickjournal.engine.Checkpoint;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.engine.JournalTailer;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.JournalReader;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import net.openhft.affinity.AffinityLock;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Capture's tailer thread as an agent: keeps the state directory current from the live journal
 * with a {@link JournalTailer}, counts its position into {@link CaptureCounters}, writes a
 * checkpoint every {@code checkpointIntervalMs}, and once the ingestor has stopped drains the
 * journal, writes the last checkpoint and {@code STATE/state.properties}, and ends itself.
 *
 * <p>{@link #onStart} (on its thread) pins it, opens the reader, the map and the bars queue and
 * resumes from the checkpoint; {@link #onClose} closes them whatever happened.
 */
final class TailerAgent implements Agent {
    /** Records per duty cycle. */
    private static final int LIMIT = 1 << 14;

    private final CaptureDaemon.Settings settings;
    private final SingleChronicleQueue queue;
    private final StateDirectory state;
    private final Checkpoint checkpoint;
    private final long barsInQueue;
    private final CaptureCounters counters;
    private final BooleanSupplier ingestorStopped;
    private final LongConsumer receiveToMap;
    private final Consumer<String> say;
    private final Runnable closed;

    private AffinityLock lock;
    private JournalReader reader;
    private StateStore store;
    private SingleChronicleQueue barsQueue;
    private BarWriter bars;
    private JournalTailer tailer;
    private TailerPosition position;
    private long intervalNs;
    private long lastCheckpointNs;
    private long checkpointedRecords;
    private boolean measuring;
    private int drainedPolls;
    private long lastDrainPollNs;

    /**
     * A tailer of {@code queue} into {@code state}, resuming from {@code checkpoint} (null: from the
     * start) with {@code barsInQueue} bars already written; {@code receiveToMap} receives latency
     * samples (ns), {@code closed} runs when it has closed.
     */
    TailerAgent(CaptureDaemon.Settings settings, SingleChronicleQueue queue, StateDirectory state,
                Checkpoint checkpoint, long barsInQueue, CaptureCounters counters, BooleanSupplier ingestorStopped,
                LongConsumer receiveToMap, Consumer<String> say, Runnable closed) {
        this.settings = settings;
        this.queue = queue;
        this.state = state;
        this.checkpoint = checkpoint;
        this.barsInQueue = barsInQueue;
        this.counters = counters;
        this.ingestorStopped = ingestorStopped;
        this.receiveToMap = receiveToMap;
        this.say = say;
        this.closed = closed;
    }

    @Override
    public void onStart() {
        lock = CorePinning.pinCurrentThread(roleName(), settings.pin(), say);
        // Chronicle's own tailer follows the live journal (the cycle file reader is for bulk reads of
        // a journal at rest: it does not follow a cycle file created after it started polling).
        reader = new JournalReader(queue, true);
        store = state.openStore();
        barsQueue = state.openBarsQueue();
        bars = new BarWriter(barsQueue);
        tailer = new JournalTailer(reader, store, bars, settings.windowMs() * 1_000_000L);
        position = new TailerPosition(reader, checkpoint);
        if (checkpoint != null) {
            resume();
        }
        intervalNs = TimeUnit.MILLISECONDS.toNanos(settings.ops().checkpointIntervalMs());
        lastCheckpointNs = System.nanoTime();
        checkpointedRecords = position.records();
    }

    private void resume() {
        long t0 = System.nanoTime();
        tailer.resumeFrom(checkpoint, barsInQueue);
        if (!reader.resumeAfter(checkpoint.lastIndex(), checkpoint.lastCrc())) {
            throw new TickjournalException("the journal no longer holds the checkpoint's last record, index "
                    + checkpoint.lastIndex());
        }
        tailer.flush(); // the whole map, from the restored engine
        counters.checkpointIndex.set(checkpoint.lastIndex());
        counters.tailerRecords.set(position.records());
        counters.tailerIndex.set(position.lastIndex());
        say.accept(String.format("capture: tailer resumes from its checkpoint after journal index %d "
                        + "(%,d records, %,d messages applied; %,d bars to re-create that the bars queue holds) "
                        + "in %.0f ms", checkpoint.lastIndex(), checkpoint.records(), tailer.engine().messages(),
                tailer.barsToSkip(), (System.nanoTime() - t0) / 1e6));
    }

    /**
     * Applies up to {@value #LIMIT} records and counts where it is; writes a checkpoint when due.
     *
     * @return records applied
     * @throws AgentTerminationException once the ingestor has stopped and the journal is drained
     */
    @Override
    public int doWork() {
        int n = tailer.doWork(LIMIT);
        counters.tailerRecords.lazySet(position.records());
        counters.tailerIndex.lazySet(position.lastIndex());
        counters.tailerEventTimeNs.lazySet(tailer.engine().messages() == 0 ? -1 : tailer.engine().lastTimestamp());
        if (System.nanoTime() - lastCheckpointNs >= intervalNs) {
            if (position.records() != checkpointedRecords) {
                checkpoint();
                checkpointedRecords = position.records();
            }
            lastCheckpointNs = System.nanoTime();
        }
        if (n > 0) {
            counters.tailerLagTime.record(counters.tailerLagEventNs());
            drainedPolls = 0;
            return n;
        }
        if (!measuring) {
            // Caught up with the history: from here on every message is live, so its receive
            // time means something. One message in 64 is timed (a clock read costs tens of ns).
            measuring = true;
            tailer.measureReceiveToMap(EpochClock.PROCESS::nowNs, receiveToMap, 64);
        }
        if (ingestorStopped.getAsBoolean()) {
            drain();
        }
        return 0;
    }

    /**
     * Ingestion is over and its last append is visible: three empty polls, with pauses longer than
     * the reader's directory check between them so a just-rolled cycle file is seen too, end it.
     */
    private void drain() {
        long now = System.nanoTime();
        long pauseNs = 2 * CycleFileReader.DIRECTORY_CHECK_INTERVAL_NS + TimeUnit.MILLISECONDS.toNanos(1);
        if (drainedPolls > 0 && now - lastDrainPollNs < pauseNs) {
            return;
        }
        lastDrainPollNs = now;
        if (++drainedPolls < 3) {
            return;
        }
        if (checkpoint()) {
            say.accept(String.format("capture: checkpoint after journal index %d (%,d bytes, %.1f ms)",
                    position.lastIndex(), counters.checkpointBytes.get(), counters.checkpointNanos.get() / 1e6));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("journal", settings.journal().toAbsolutePath().toString());
        meta.put("window_ms", Long.toString(settings.windowMs()));
        meta.put("messages", Long.toString(tailer.engine().messages()));
        meta.put("records", Long.toString(position.records()));
        meta.put("checkpoint_index", Long.toString(position.lastIndex()));
        meta.put("clean_shutdown", "true");
        state.writeMeta(meta);
        throw new AgentTerminationException();
    }

    /**
     * Writes a checkpoint (the map flushed first) and counts it. A checkpoint that cannot be
     * written (a full disk, say) is logged and counted, and capture goes on: the previous
     * checkpoint stays, so a restart resumes from there (or rebuilds), and nothing journaled is lost.
     *
     * @return true when written
     */
    private boolean checkpoint() {
        long t0 = System.nanoTime();
        long bytes;
        try {
            bytes = tailer.checkpoint(state.root(), position.lastIndex(), position.lastCrc(), position.records());
        } catch (TickjournalException e) {
            if (counters.checkpointFailures.get() == 0) {
                say.accept("capture: checkpoint failed (capture goes on; a restart resumes from the previous one; "
                        + "further failures are counted, not logged): " + e.getMessage());
            }
            CaptureCounters.add(counters.checkpointFailures, 1);
            return false;
        }
        counters.checkpointNanos.lazySet(System.nanoTime() - t0);
        counters.checkpointBytes.lazySet(bytes);
        counters.checkpointIndex.lazySet(position.lastIndex());
        CaptureCounters.add(counters.checkpoints, 1);
        return true;
    }

    @Override
    public void onClose() {
        Exception first = null;
        for (AutoCloseable c : new AutoCloseable[]{bars, barsQueue, store, reader}) { // the reverse of opening
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (lock != null) {
            lock.release();
        }
        closed.run();
        if (first != null) {
            throw new TickjournalException("closing the tailer's state " + state.root() + ": " + first, first);
        }
    }

    @Override
    public String roleName() {
        return "tailer";
    }

    /**
     * Where the tailer is in the journal, counting from the checkpoint it resumed from: records
     * consumed, and the index and CRC32C field of the last one.
     */
    private record TailerPosition(JournalReader reader, long baseRecords, long baseIndex, int baseCrc) {
        TailerPosition(JournalReader reader, Checkpoint from) {
            this(reader, from == null ? 0 : from.records(), from == null ? -1 : from.lastIndex(),
                    from == null ? 0 : from.lastCrc());
        }

        long records() {
            return baseRecords + reader.records();
        }

        long lastIndex() {
            return reader.records() > 0 ? reader.lastIndex() : baseIndex;
        }

        int lastCrc() {
            // looked up when a checkpoint is written, not kept per message
            return reader.records() > 0 ? (int) reader.recordCrc(reader.lastIndex()) : baseCrc;
        }
    }
}

package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import io.tickjournal.agent.AgentThreads;
import io.tickjournal.agent.PeriodicAgent;
import io.tickjournal.engine.Checkpoint;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalReader;
import io.tickjournal.journal.JournalRetention;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.metrics.MetricsServer;
import io.tickjournal.state.BarReader;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.storage.OwnerLock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The capture host: one ingestor thread journals a live feed (MoldUDP64 or SoupBinTCP) while a
 * tailer thread keeps the state (books, VWAP, the Chronicle Map, bars) current from the journal.
 *
 * <p>Start-up: the journal is read to its end to find the session and the next feed sequence
 * ({@link JournalResume}); the ingestor asks the feed for everything after it. The tailer
 * resumes from its {@link Checkpoint} (the whole engine state after a journal record, written every
 * {@code checkpointIntervalMs} and at shutdown): the engine is restored, the map written again
 * whole from it, and the journal read on from the record after the checkpoint's; the bars the
 * engine re-creates up to where the previous process stopped are in the bars queue already and
 * are not written twice (the engine is deterministic). Without a usable checkpoint (none yet, a
 * different bar window, a checksum failure, a journal that does not hold the checkpoint's record)
 * the state is rebuilt from the start of the journal, and the log says why. Either way the state
 * is exactly "the journal, replayed", whatever moment a previous process was killed at.
 *
 * <p>{@link #stop()}: the ingestor stops and closes the journal appender, the tailer drains the
 * journal to its end, flushes the map, writes a checkpoint and {@code STATE/state.properties}
 * (journal index and messages applied, clean shutdown) and closes.
 */
public final class CaptureDaemon implements AutoCloseable {
    /** Which feed: exactly one of {@code mold} and {@code soup}. */
    public record Settings(Path journal, Path state, MoldUdp64Ingestor.Options mold, SoupBinTcpIngestor.Options soup,
                           int sourceId, long windowMs, CorePinning.Mode pin, long statusIntervalMs, Operations ops) {
        /** Without metrics or retention. */
        public Settings(Path journal, Path state, MoldUdp64Ingestor.Options mold, SoupBinTcpIngestor.Options soup,
                        int sourceId, long windowMs, CorePinning.Mode pin, long statusIntervalMs) {
            this(journal, state, mold, soup, sourceId, windowMs, pin, statusIntervalMs, Operations.NONE);
        }

        /** Checks the settings; a bad one is refused naming its setting ({@link CaptureSettings}). */
        public Settings {
            if (journal == null || state == null) {
                throw (journal == null ? CaptureSettings.JOURNAL : CaptureSettings.STATE).invalid("is required");
            }
            if ((mold == null) == (soup == null)) {
                throw oneFeed();
            }
            CaptureSettings.requirePositive(CaptureSettings.WINDOW_MS, windowMs);
        }

        /** The error for no feed or two: exactly one of the settings {@code mold} and {@code soup} is needed. */
        static TickjournalException oneFeed() {
            return new TickjournalException("capture settings: give exactly one feed, 'mold' (HOST:PORT) or 'soup' "
                    + "(HOST:PORT)");
        }
    }

    /**
     * The operator's side: metrics and health over HTTP, and retention of old cycle files.
     *
     * @param metricsPort         loopback port of /metrics and /healthz; -1 for none, 0 for any free port
     * @param stallMs             /healthz fails when an open session journals nothing for this long
     * @param maxLagRecords       /healthz fails when the tailer lags the journal by more records than this
     * @param retention           which old cycle files to delete or archive
     * @param retentionIntervalMs how often retention runs
     * @param checkpointIntervalMs how often the tailer writes a checkpoint (when it has applied
     *                            something since the last one)
     * @param idle                what the ingestor and tailer threads do when there is no work
     */
    public record Operations(int metricsPort, long stallMs, long maxLagRecords, JournalRetention.Policy retention,
                             long retentionIntervalMs, long checkpointIntervalMs, Idle idle) {
        public static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;
        /** No metrics and no retention; every other setting at its default ({@link CaptureSettings}). */
        public static final Operations NONE = new Operations(CaptureSettings.METRICS_PORT.defaultValue().intValue(),
                CaptureSettings.STALL_MS.defaultValue(), CaptureSettings.MAX_LAG.defaultValue(),
                new JournalRetention.Policy(0, 0, null), CaptureSettings.RETENTION_INTERVAL_MS.defaultValue());

        /** With checkpoints at the default interval. */
        public Operations(int metricsPort, long stallMs, long maxLagRecords, JournalRetention.Policy retention,
                          long retentionIntervalMs) {
            this(metricsPort, stallMs, maxLagRecords, retention, retentionIntervalMs, DEFAULT_CHECKPOINT_INTERVAL_MS);
        }

        /** Idling with {@link Idle#BACKOFF}. */
        public Operations(int metricsPort, long stallMs, long maxLagRecords, JournalRetention.Policy retention,
                          long retentionIntervalMs, long checkpointIntervalMs) {
            this(metricsPort, stallMs, maxLagRecords, retention, retentionIntervalMs, checkpointIntervalMs,
                    Idle.BACKOFF);
        }

        /** Checks the settings; a bad one is refused naming its setting ({@link CaptureSettings}). */
        public Operations {
            if (metricsPort < -1 || metricsPort > 65535) {
                throw CaptureSettings.METRICS_PORT.invalid("must be 0..65535 (-1: off), got " + metricsPort);
            }
            if (idle == null) {
                throw CaptureSettings.IDLE.invalid("is required: backoff, yield or spin");
            }
            CaptureSettings.requirePositive(CaptureSettings.STALL_MS, stallMs);
            CaptureSettings.requirePositive(CaptureSettings.RETENTION_INTERVAL_MS, retentionIntervalMs);
            CaptureSettings.requirePositive(CaptureSettings.CHECKPOINT_INTERVAL_MS, checkpointIntervalMs);
            if (maxLagRecords < 0) {
                throw CaptureSettings.MAX_LAG.invalid("must not be negative, got " + maxLagRecords);
            }
        }
    }

    /**
     * What the ingestor and tailer threads do when there is nothing to receive or apply: the trade
     * between latency and CPU (Agrona idle strategies).
     */
    public enum Idle {
        /**
         * Spin, then (with a core to spare) yield, then park (50 us ingestor, 100 us tailer; without a core to
         * spare growing to 1 ms after 20 ms of silence, {@link QuietBackoffIdleStrategy}): a message arriving
         * while a thread is parked waits for it to wake up. The default.
         */
        BACKOFF,
        /**
         * Yield the CPU and try again: a third to a half of BACKOFF's median latency, but both
         * threads are always runnable (two CPUs busy even when the feed is quiet).
         */
        YIELD,
        /**
         * Busy-spin: the lowest latency, for threads pinned to cores of their own; on a machine
         * without spare cores it starves everything else.
         */
        SPIN;

        IdleStrategy strategy(long parkNs) {
            return switch (this) {
                // Without a core to spare (fewer than CorePinning.MIN_CPUS_FOR_AUTO CPUs) a yield hands the
                // CPU to the feed, the other thread or a neighbour and costs a context switch: at 5,000 msg/s
                // on 2 vCPUs (load 5-8) the ingestor used 6.3-6.9 s of CPU in 10 s with 100 yields per idle
                // spell, 2.3-2.8 s with none, and the median receive-to-map fell from 298-434 to 143-178 us.
                case BACKOFF -> Runtime.getRuntime().availableProcessors() < CorePinning.MIN_CPUS_FOR_AUTO
                        ? new QuietBackoffIdleStrategy(10, parkNs)
                        : new BackoffIdleStrategy(100, 100, parkNs, parkNs);
                case YIELD -> new YieldingIdleStrategy();
                case SPIN -> new BusySpinIdleStrategy();
            };
        }

        /** From a flag or config value: backoff, yield or spin (the setting {@link CaptureSettings#IDLE}). */
        public static Idle parse(String value) {
            return CaptureSettings.IDLE.parse(value);
        }
    }

    private static final long INGESTOR_PARK_NS = 50_000;
    private static final long TAILER_PARK_NS = 100_000;
    private static final long DRAIN_TIMEOUT_MS = 60_000;

    private final Settings settings;
    private final Consumer<String> say;
    private final CaptureCounters counters = new CaptureCounters();
    private final CountDownLatch ingestorDone = new CountDownLatch(1);
    private final CountDownLatch tailerDone = new CountDownLatch(1);
    private volatile boolean ingesting = true;
    private OwnerLock journalOwner;
    private OwnerLock stateOwner;
    private volatile IngestSpace space;
    private volatile boolean ingestorStopped;

    private SingleChronicleQueue queue;
    private FeedIngestor ingestor;
    private JournalResume resume;
    /** The ingestor and the tailer; a failure of either stops ingestion (and so, after its drain, the tailer). */
    private final AgentThreads threads;
    /** The status-line and retention agents, or null when not run. */
    private AgentRunner status;
    private AgentRunner retention;
    private MetricsServer metrics;
    private static final long HIGHEST_LATENCY_NS = 60_000_000_000L;
    private final SingleWriterRecorder receiveToMap = new SingleWriterRecorder(HIGHEST_LATENCY_NS, 3);
    private final Histogram receiveToMapTotal = new Histogram(HIGHEST_LATENCY_NS, 3);
    /** Since the last status line: what the status line reports (the total mixes in start-up). */
    private final Histogram receiveToMapRecent = new Histogram(HIGHEST_LATENCY_NS, 3);
    private Histogram receiveToMapInterval;
    private final AtomicLong cyclesRemoved = new AtomicLong();
    private final AtomicLong bytesRemoved = new AtomicLong();

    /** A daemon for {@code settings}, reporting status and problems as lines to {@code say}; {@link #run} starts it. */
    public CaptureDaemon(Settings settings, Consumer<String> say) {
        this.settings = settings;
        this.say = say;
        this.threads = new AgentThreads((role, t) -> {
            say.accept("capture: " + role + " failed: " + t);
            ingesting = false;
        });
    }

    /**
     * Takes ownership of the journal and the state directory (a second capture, import or replay on
     * either is refused before anything is touched), opens the journal, the state and the feed
     * sockets, and starts the threads.
     */
    public CaptureDaemon start() {
        journalOwner = OwnerLock.acquire(settings.journal(), "journal");
        try {
            stateOwner = OwnerLock.acquire(settings.state(), "state directory");
            return startOwned();
        } catch (RuntimeException e) {
            releaseOwnership();
            throw e;
        }
    }

    private void releaseOwnership() {
        if (stateOwner != null) {
            stateOwner.close();
            stateOwner = null;
        }
        if (journalOwner != null) {
            journalOwner.close();
            journalOwner = null;
        }
    }

    /** The no-space line while ingestion is paused for lack of space, else null. */
    public String diskFull() {
        IngestSpace s = space;
        return s == null ? null : s.full();
    }

    private CaptureDaemon startOwned() {
        resume = JournalResume.scan(settings.journal());
        counters.startRecords.set(resume.records());
        queue = Journal.openForWrite(settings.journal());
        JournalWriter writer = null;
        Checkpoint checkpoint;
        StateDirectory state;
        long barsInQueue = 0;
        try {
            checkpoint = usableCheckpoint();
            if (checkpoint != null) {
                state = StateDirectory.forResume(settings.state());
                try (SingleChronicleQueue bars = state.openBarsQueue()) {
                    barsInQueue = BarReader.count(bars);
                }
            } else {
                state = StateDirectory.prepareFresh(settings.state());
            }
            writer = new JournalWriter(queue, settings.sourceId());
            ingestor = settings.mold() != null
                    ? new MoldUdp64Ingestor(settings.mold(), writer, counters, resume, say)
                    : new SoupBinTcpIngestor(settings.soup(), writer, counters, resume, say);
            ingestor.open();
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            queue.close();
            throw e;
        }
        say.accept("capture: journal " + settings.journal() + " holds " + resume.records() + " records"
                + (resume.session() == null ? "" : "; session " + resume.session() + " resumes at sequence "
                + resume.next() + (resume.ended() ? " (ended)" : "")));
        final Checkpoint from = checkpoint;
        final long bars = barsInQueue;
        final JournalWriter appender = writer;
        space = new IngestSpace(settings.journal(), counters, () -> ingestor.sequencer().next() - 1, say);
        Idle idle = settings.ops().idle();
        threads.start(new TailerAgent(settings, queue, state, from, bars, counters, () -> ingestorStopped,
                this::recordReceiveToMap, say, tailerDone::countDown), idle.strategy(TAILER_PARK_NS), false);
        threads.start(new IngestorAgent(ingestor, appender, space, () -> ingesting, settings.pin(), say, () -> {
            ingestorStopped = true;
            ingestorDone.countDown();
        }), idle.strategy(INGESTOR_PARK_NS), false);
        if (settings.statusIntervalMs() > 0) {
            status = threads.start(new PeriodicAgent("status", settings.statusIntervalMs(), false, this::running,
                    new StatusJob(this, say)), PeriodicAgent.idle(), true);
        }
        Operations ops = settings.ops();
        if (ops.metricsPort() >= 0) {
            metrics = CaptureMetrics.serve(this, ops);
            say.accept("capture: metrics on http://127.0.0.1:" + metrics.port() + "/metrics, health on /healthz");
        }
        if (ops.retention().isActive()) {
            JournalRetention retention = new JournalRetention(settings.journal(), Journal.DEFAULT_ROLL_CYCLE,
                    ops.retention());
            say.accept("capture: retention: " + ops.retention());
            this.retention = threads.start(new PeriodicAgent("retention", ops.retentionIntervalMs(), true,
                    () -> ingestorDone.getCount() > 0,
                    new RetentionJob(retention, queue, counters, cyclesRemoved, bytesRemoved, say)),
                    PeriodicAgent.idle(), true);
        }
        return this;
    }

    /**
     * The state directory's checkpoint if the tailer can resume from it; null (saying why) when the
     * state is to be rebuilt from the journal instead.
     */
    private Checkpoint usableCheckpoint() {
        Path dir = settings.state();
        if (!Files.isDirectory(dir.resolve(StateDirectory.BARS_DIR))) {
            return null; // a new state directory: nothing to resume
        }
        String rebuild = "; the tailer rebuilds the state from the start of the journal";
        Checkpoint c;
        try {
            c = Checkpoint.read(dir);
        } catch (TickjournalException e) {
            say.accept("capture: checkpoint not usable: " + e.getMessage() + rebuild);
            return null;
        }
        if (c == null) {
            say.accept("capture: no checkpoint in " + dir + rebuild);
            return null;
        }
        long windowNs = settings.windowMs() * 1_000_000L;
        if (c.windowNanos() != windowNs) {
            say.accept("capture: checkpoint has " + c.windowNanos() / 1e6 + " ms bars, this capture "
                    + settings.windowMs()
                    + " ms" + rebuild);
            return null;
        }
        try (JournalReader reader = new JournalReader(queue, false)) {
            if (!reader.resumeAfter(c.lastIndex(), c.lastCrc())) {
                say.accept("capture: the journal does not hold the checkpoint's last record (index " + c.lastIndex()
                        + ", another journal?)" + rebuild);
                return null;
            }
        }
        return c;
    }

    private void recordReceiveToMap(long nanos) {
        receiveToMap.recordValue(Math.max(0, Math.min(nanos, HIGHEST_LATENCY_NS)));
    }

    /**
     * Receive-to-map latency of the live messages so far (one in 64 sampled), in ns: from the
     * packet's receive time to the symbol's record written in the state map.
     */
    public synchronized Histogram receiveToMap() {
        collectReceiveToMap();
        return receiveToMapTotal.copy();
    }

    /**
     * Receive-to-map latency since the previous call (for the status line), in ns; the first call
     * covers everything since the start.
     */
    public synchronized Histogram receiveToMapSinceLastCall() {
        collectReceiveToMap();
        Histogram recent = receiveToMapRecent.copy();
        receiveToMapRecent.reset();
        return recent;
    }

    private void collectReceiveToMap() {
        receiveToMapInterval = receiveToMap.getIntervalHistogram(receiveToMapInterval);
        receiveToMapTotal.add(receiveToMapInterval);
        receiveToMapRecent.add(receiveToMapInterval);
    }

    /** Cycle files removed by retention so far. */
    public long cyclesRemoved() {
        return cyclesRemoved.get();
    }

    /** Bytes of cycle files removed by retention so far. */
    public long bytesRemoved() {
        return bytesRemoved.get();
    }

    /** True while ingestion runs and the feed has not ended its session. */
    public boolean sessionOpen() {
        return ingesting && ingestorDone.getCount() > 0 && counters.endsOfSession.get() == 0
                && counters.messagesJournaled.get() + counters.startRecords.get() > 0;
    }

    /** The settings it runs with. */
    public Settings settings() {
        return settings;
    }

    /** The metrics server's port, or -1 when not serving. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Its live counters, readable from any thread. */
    public CaptureCounters counters() {
        return counters;
    }

    /** Where capture resumed. */
    public JournalResume resume() {
        return resume;
    }

    /** The MoldUDP64 port bound (tests bind port 0), or -1. */
    public int moldPort() {
        return ingestor instanceof MoldUdp64Ingestor m ? m.localPort() : -1;
    }

    /** The first failure of a capture thread, or null. */
    public Throwable failure() {
        return threads.failure();
    }

    /** True while both threads run. */
    public boolean running() {
        return ingestorDone.getCount() > 0 && tailerDone.getCount() > 0;
    }

    /** Waits until a thread fails or {@link #stop()} is called elsewhere. */
    public void awaitFailureOrStop() throws InterruptedException {
        while (running()) {
            ingestorDone.await(100, TimeUnit.MILLISECONDS);
        }
    }

    /** The one-line status: rate, totals, next sequence, gaps, duplicates, malformed, tailer lag. */
    public String statusLine(double messagesPerSecond) {
        CaptureCounters c = counters;
        return String.format(
                "capture: %,.0f msg/s, %,d journaled, %,d packets, gaps %d detected / %d recovered / %d lost"
                        + " (%,d seqs), %,d re-requests, %,d duplicates, %,d malformed, tailer lag %,d records / "
                        + "%.3f ms",
                messagesPerSecond, c.messagesJournaled.get(), c.packets.get(), c.gapsDetected.get(),
                c.gapsRecovered.get(), c.gapsUnrecovered.get(), c.sequencesLost.get(), c.reRequests.get(),
                c.duplicates.get(), c.malformed(), c.tailerLag(), c.tailerLagEventNs() / 1e6);
    }

    /**
     * Stops ingestion, lets the tailer drain the journal and checkpoint, and closes everything.
     *
     * @return true when both threads finished within the drain timeout
     */
    public boolean stop() {
        ingesting = false;
        boolean done;
        try {
            done = ingestorDone.await(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    && tailerDone.await(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        // The status line and retention end with the ingestor; closing them waits for a line or a pass
        // under way, so that no status line follows stop() and retention is done with the queue before it closes.
        closeAgent(status);
        closeAgent(retention);
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (done && queue != null) {
            queue.close();
            queue = null;
        }
        if (done) {
            releaseOwnership();
        }
        return done;
    }

    private static void closeAgent(AgentRunner runner) {
        if (runner != null) {
            runner.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}

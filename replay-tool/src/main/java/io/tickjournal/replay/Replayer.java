package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.engine.JournalTailer;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.RecordReader;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateDigest;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import net.openhft.affinity.AffinityLock;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Rebuilds a state directory from the start of a journal: one tailer thread (pinned when a
 * core is free) reads to the end of what is written, then the determinism digest is computed
 * from what was persisted. The calling thread reports progress while it waits.
 */
public final class Replayer {
    /** Replay settings; {@code windowMs} is the bar window in milliseconds of ITCH time. */
    public record Options(Path journal, Path state, long windowMs, CorePinning.Mode pin, boolean verifyChecksums,
                          int expectedOrders, int expectedTrades) {
        public Options {
            if (windowMs <= 0) {
                throw new TickjournalException("--window-ms must be positive, got " + windowMs);
            }
            if (expectedOrders <= 0 || expectedTrades <= 0) {
                throw new TickjournalException("--expected-orders and --expected-trades must be positive");
            }
        }

        /** Default capacities. */
        public Options(Path journal, Path state, long windowMs, CorePinning.Mode pin, boolean verifyChecksums) {
            this(journal, state, windowMs, pin, verifyChecksums, MarketEngine.DEFAULT_EXPECTED_ORDERS,
                    MarketEngine.DEFAULT_EXPECTED_TRADES);
        }
    }

    private static final long WARM_UP_MESSAGES = 1_000_000;
    private static final long PROGRESS_INTERVAL_MS = 2_000;

    private Replayer() {
    }

    /**
     * Runs the replay.
     *
     * @param say receives human-readable progress and status lines (stderr in the CLI)
     */
    public static ReplaySummary run(Options o, Consumer<String> say) {
        Journal.requireJournal(o.journal());
        StateDirectory state = StateDirectory.prepareFresh(o.state());
        AtomicLong progress = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> pinning = new AtomicReference<>("unpinned");
        AtomicReference<ReplaySummary> result = new AtomicReference<>();

        Thread thread = new Thread(() -> {
            AffinityLock lock = CorePinning.pinCurrentThread("tailer", o.pin(), line -> {
                pinning.set(line.substring(line.indexOf(':') + 1).trim());
                say.accept(line);
            });
            try (CycleFileReader reader = new CycleFileReader(o.journal(), o.verifyChecksums());
                 StateStore store = state.openStore();
                 SingleChronicleQueue barsQueue = state.openBarsQueue();
                 BarWriter bars = new BarWriter(barsQueue)) {
                JournalTailer tailer = new JournalTailer(reader, store, bars, o.windowMs() * 1_000_000L,
                        o.expectedOrders(), o.expectedTrades());
                AllocationProbe allocation = new AllocationProbe();
                long start = System.nanoTime();
                while (tailer.doWork(1 << 14) > 0 && !Thread.currentThread().isInterrupted()) {
                    long messages = tailer.engine().messages();
                    progress.set(messages);
                    allocation.onProgress(messages);
                }
                double perMessage = allocation.bytesPerMessage(tailer.engine().messages());
                tailer.flush();
                double seconds = (System.nanoTime() - start) / 1e9;
                // Everything is in the map file and the bars queue now; the digest reads it back from there.
                result.set(summarise(o, tailer, reader, bars, seconds, pinning.get(), perMessage,
                        StateDigest.compute(state)));
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                if (lock != null) {
                    lock.release();
                }
            }
        }, "tailer");
        thread.start();
        waitWithProgress(thread, progress, say);
        if (failure.get() != null) {
            Throwable t = failure.get();
            if (t instanceof TickjournalException te) {
                throw te;
            }
            throw new TickjournalException("replay of " + o.journal() + " failed: " + t, t);
        }
        ReplaySummary s = result.get();
        state.writeMeta(meta(s));
        return s;
    }

    private static void waitWithProgress(Thread thread, AtomicLong progress, Consumer<String> say) {
        long started = System.nanoTime();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(PROGRESS_INTERVAL_MS);
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
            if (thread.isAlive()) {
                double s = (System.nanoTime() - started) / 1e9;
                long m = progress.get();
                say.accept(m == 0 ? String.format("replay: opening the journal and the state map (%.1f s)", s)
                        : String.format("replay: %,d messages, %.1f s, %,.0f msg/s", m, s, m / s));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes the calling thread allocates per message from warm-up to the end of the run. */
    private static final class AllocationProbe {
        private long startBytes = -1;
        private long startMessages;

        void onProgress(long messages) {
            if (startBytes < 0 && messages >= WARM_UP_MESSAGES) {
                startBytes = threadAllocatedBytes();
                startMessages = messages;
            }
        }

        /** -1 when the run was too short to pass warm-up, or the JVM cannot count allocation. */
        double bytesPerMessage(long messages) {
            long end = threadAllocatedBytes();
            if (startBytes < 0 || end < 0 || messages <= startMessages) {
                return -1;
            }
            return (double) (end - startBytes) / (messages - startMessages);
        }

        private static long threadAllocatedBytes() {
            java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
                return sun.getCurrentThreadAllocatedBytes();
            }
            return -1;
        }
    }

    private static ReplaySummary summarise(Options o, JournalTailer tailer, RecordReader reader, BarWriter bars,
                                           double seconds, String pinning, double allocatedPerMessage, String digest) {
        MarketEngine e = tailer.engine();
        return new ReplaySummary(o.journal(), o.state(), o.windowMs(), pinning, reader.records(), e.messages(), seconds,
                e.symbols(), e.vwap().countedTrades(), e.vwap().brokenTrades(), e.vwap().unknownBrokenTrades(),
                bars.written(), reader.checksumFailures(), reader.malformedRecords(), e.unknownTypes(), e.badLengths(),
                e.unknownOrderRefs(), e.duplicateOrderRefs(), tailer.gaps(), digest, allocatedPerMessage);
    }

    private static Map<String, String> meta(ReplaySummary s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("journal", s.journal().toAbsolutePath().toString());
        m.put("window_ms", Long.toString(s.windowMs()));
        m.put("messages", Long.toString(s.messages()));
        m.put("bars", Long.toString(s.bars()));
        m.put("counted_trades", Long.toString(s.countedTrades()));
        m.put("digest", s.digest());
        return m;
    }
}

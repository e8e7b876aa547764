package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.EpochClock;
import io.tickjournal.engine.JournalTailer;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalReader;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Latency of the live path, appender -> journal -> tailer -> state map, at a paced rate: one
 * thread appends the messages of an ITCH file to a fresh journal at {@code rate} messages/s,
 * each stamped with its intended append time; a tailer on another thread follows the journal
 * (Chronicle's tailer) and, at each map flush, records for every message applied since the
 * last one the time from its intended append time to the flush. Measured from the intended
 * time, so an appender or tailer that falls behind counts the wait of every message behind it
 * (coordinated omission corrected). Every message is recorded.
 *
 * <p>As JLBH does, the first {@code warmUp} messages are a warm-up reported apart: they include the JIT
 * compiling the appender, the tailer and the map code, and the first touch of the journal's and the map's
 * pages (on this machine the first second at 100k msg/s holds stalls of tens of ms that the steady state
 * never shows). The steady-state distribution is of the messages after them.
 */
public final class LiveLatency {
    private static final long HIGHEST = 60_000_000_000L;

    private LiveLatency() {
    }

    /** A run of messages each later than this is a stall ({@link Stalls}): ten messages' time at 1M msg/s. */
    public static final long STALL_NS = 100_000;
    private static final String TAILER_THREAD = "live-tailer";

    /**
     * One run: the latency distributions in ns of the warm-up's messages and of the steady state's after
     * them, and what the steady state's tail is made of.
     *
     * @param stalls          runs of messages later than {@link #STALL_NS} in the steady state, in journal order
     * @param appenderStalls  the same measured when each message's append ended: the appender's own lateness
     *                        (late to append, or slow in the append itself), which the tailer can only add to
     * @param measuredSeconds the steady state's length at the paced rate
     * @param appender        the appending thread's time on a CPU and runnable but waiting, over the steady
     *                        state (null where the OS does not say)
     * @param tailer          the same for the tailer thread
     * @param gcPauseMs       the collectors' pauses over the steady state
     * @param others          the CPU the process's other threads (by name), other processes and the hypervisor
     *                        took over the steady state, ms ({@link CpuSnapshot#since}); null where unknown
     */
    public record Result(StageLatency.Percentiles warmUp, StageLatency.Percentiles steady, Stalls stalls,
                         Stalls appenderStalls,
                         double measuredSeconds, SchedulerTime appender, SchedulerTime tailer, long gcPauseMs,
                         Map<String, Long> others) {
        /** The stalls' lengths added up, ms a second of the steady state: against the p99's budget. */
        public double stallMsPerSecond() {
            return msPerSecond(stalls);
        }

        /** The same for the appender's own lateness. */
        public double appenderStallMsPerSecond() {
            return msPerSecond(appenderStalls);
        }

        private double msPerSecond(Stalls s) {
            return measuredSeconds > 0 ? s.sumNs() / 1e6 / measuredSeconds : 0.0;
        }
    }

    /**
     * @param warmUp messages counted as the warm-up (the first ones appended), 0 or more
     * @param count  messages measured after the warm-up (the next ones of {@code itch})
     * @return the two latency distributions
     */
    public static Result run(Path itch, Path workDir, long rate, int warmUp, int count) {
        return run(itch, workDir, rate, warmUp, count, new BusySpinIdleStrategy());
    }

    /**
     * As {@link #run(Path, Path, long, int, int)}, the tailer idling by {@code idle} when it has caught up
     * ({@link BusySpinIdleStrategy} there: it spins; a {@link org.agrona.concurrent.BackoffIdleStrategy} spins,
     * yields, then parks, leaving the CPU to the appender and the JIT).
     */
    public static Result run(Path itch, Path workDir, long rate, int warmUp, int count, IdleStrategy idle) {
        if (rate <= 0 || count <= 0 || warmUp < 0) {
            throw new TickjournalException("rate and count must be positive, the warm-up not negative");
        }
        int total = warmUp + count;
        // The messages, packed, so that the appender does nothing but wait and append.
        byte[][] chunk = {new byte[1 << 20]};
        int[] offsets = new int[total + 1];
        int[] n = {0};
        new BinaryFileIngestor().frameFile(itch, (buffer, offset, length, sequence) -> {
            if (n[0] == total) {
                return;
            }
            int at = offsets[n[0]];
            if (at + length > chunk[0].length) {
                chunk[0] = Arrays.copyOf(chunk[0], chunk[0].length * 2);
            }
            System.arraycopy(buffer, offset, chunk[0], at, length);
            offsets[++n[0]] = at + length;
        });
        int messages = n[0];
        byte[] bytes = chunk[0];

        Path journalDir = workDir.resolve("live-journal");
        StateDirectory state = StateDirectory.prepareFresh(workDir.resolve("live-state"));
        deleteJournal(journalDir);
        LongSupplier epochNow = EpochClock.PROCESS::nowNs;
        SchedulerTime appenderStart = null;
        SchedulerTime appenderTimes = null;
        long gcStartMs = 0;
        long gcMs = 0;
        // The snapshot of every thread's CPU takes a few ms: taken 10 ms of messages before the steady state.
        int snapshotAt = (int) Math.max(0, warmUp - rate / 100);
        CpuSnapshot cpuStart = null;
        CpuSnapshot cpuEnd = null;
        String appenderId = CpuSnapshot.currentThreadId();
        Histogram warmLatency = new Histogram(HIGHEST, 3);
        Histogram latency = new Histogram(HIGHEST, 3);
        AtomicLong appended = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Written by the tailer thread, read after it has been joined.
        Stalls stalls = new Stalls(STALL_NS);
        Stalls appenderStalls = new Stalls(STALL_NS);
        SchedulerTime[] tailerTimes = new SchedulerTime[2];
        try (SingleChronicleQueue queue = Journal.openForWrite(journalDir);
             JournalWriter writer = new JournalWriter(queue, 0);
             StateStore store = state.openStore();
             SingleChronicleQueue barsQueue = state.openBarsQueue();
             BarWriter bars = new BarWriter(barsQueue)) {
            writer.appendSessionStart("bench:live", epochNow.getAsLong(), 1);
            Thread tailerThread = new Thread(() -> {
                try (SingleChronicleQueue readQueue = Journal.openForRead(journalDir);
                     JournalReader reader = new JournalReader(readQueue, true)) {
                    JournalTailer tailer = new JournalTailer(reader, store, bars,
                            TimeUnit.MILLISECONDS.toNanos(VwapEngine.DEFAULT_WINDOW_MS));
                    // one value per message, in journal order: the first warmUp values are the warm-up's
                    long[] recorded = {0};
                    tailer.measureReceiveToMap(epochNow, v -> {
                        long clamped = Math.max(0, Math.min(v, HIGHEST));
                        long k = recorded[0]++;
                        if (k < warmUp) {
                            warmLatency.recordValue(clamped);
                            return;
                        }
                        if (k == warmUp) {
                            tailerTimes[0] = SchedulerTime.ofCurrentThread(); // once, as the steady state starts
                        }
                        latency.recordValue(clamped);
                        stalls.record(clamped);
                    }, 1);
                    while (true) {
                        int done = tailer.doWork(256);
                        if (done == 0 && appended.get() == messages && tailer.engine().messages() == messages) {
                            break;
                        }
                        idle.idle(done);
                    }
                    stalls.end();
                    tailerTimes[1] = SchedulerTime.ofCurrentThread();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, TAILER_THREAD);
            tailerThread.start();
            long start = epochNow.getAsLong() + 50_000_000L;
            double interval = 1e9 / rate;
            for (int i = 0; i < messages; i++) {
                if (i == snapshotAt) {
                    cpuStart = CpuSnapshot.take();
                }
                if (i == warmUp) {
                    appenderStart = SchedulerTime.ofCurrentThread();
                    gcStartMs = gcMillis();
                }
                long intended = start + (long) (i * interval);
                while (epochNow.getAsLong() < intended) {
                    Thread.onSpinWait();
                }
                writer.appendMessage(bytes, offsets[i], offsets[i + 1] - offsets[i], intended, i + 1);
                appended.lazySet(i + 1);
                if (i >= warmUp) {
                    appenderStalls.record(epochNow.getAsLong() - intended);
                }
                if (failure.get() != null) {
                    break;
                }
            }
            appended.set(messages);
            appenderStalls.end();
            appenderTimes = SchedulerTime.ofCurrentThread();
            gcMs = gcMillis() - gcStartMs;
            try {
                tailerThread.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (tailerThread.isAlive()) {
                throw new TickjournalException("live latency: the tailer did not catch up within 120 s");
            }
            cpuEnd = CpuSnapshot.take();
        }
        if (failure.get() != null) {
            throw new TickjournalException("live latency run failed: " + failure.get(), failure.get());
        }
        SchedulerTime appenderSpan = appenderTimes == null ? null : appenderTimes.since(appenderStart);
        SchedulerTime tailerSpan = tailerTimes[1] == null ? null : tailerTimes[1].since(tailerTimes[0]);
        double measured = (double) Math.max(0, messages - warmUp) / rate;
        Map<String, Long> others = cpuStart == null || cpuEnd == null ? null
                : cpuEnd.since(cpuStart, Set.of(appenderId)); // the tailer has ended: only the others are left
        return new Result(percentiles(warmLatency), percentiles(latency), stalls, appenderStalls, measured,
                appenderSpan, tailerSpan, gcMs, others);
    }

    /** The collectors' accumulated pause time, ms (G1's young and mixed collections, and full ones). */
    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static StageLatency.Percentiles percentiles(Histogram h) {
        return new StageLatency.Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99),
                h.getMaxValue());
    }

    private static void deleteJournal(Path dir) {
        if (java.nio.file.Files.exists(dir)) {
            org.agrona.IoUtil.delete(dir.toFile(), false);
        }
    }
}

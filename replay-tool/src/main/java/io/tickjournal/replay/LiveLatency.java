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

import java.nio.file.Path;
import java.util.Arrays;
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

    /** The latency distributions of one run, in ns: the warm-up's messages and the steady state's after them. */
    public record Result(StageLatency.Percentiles warmUp, StageLatency.Percentiles steady) {
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
        Histogram warmLatency = new Histogram(HIGHEST, 3);
        Histogram latency = new Histogram(HIGHEST, 3);
        AtomicLong appended = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
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
                        (recorded[0]++ < warmUp ? warmLatency : latency).recordValue(clamped);
                    }, 1);
                    while (true) {
                        int done = tailer.doWork(256);
                        if (done == 0 && appended.get() == messages && tailer.engine().messages() == messages) {
                            break;
                        }
                        idle.idle(done);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "live-tailer");
            tailerThread.start();
            long start = epochNow.getAsLong() + 50_000_000L;
            double interval = 1e9 / rate;
            for (int i = 0; i < messages; i++) {
                long intended = start + (long) (i * interval);
                while (epochNow.getAsLong() < intended) {
                    Thread.onSpinWait();
                }
                writer.appendMessage(bytes, offsets[i], offsets[i + 1] - offsets[i], intended, i + 1);
                appended.lazySet(i + 1);
                if (failure.get() != null) {
                    break;
                }
            }
            appended.set(messages);
            try {
                tailerThread.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (tailerThread.isAlive()) {
                throw new TickjournalException("live latency: the tailer did not catch up within 120 s");
            }
        }
        if (failure.get() != null) {
            throw new TickjournalException("live latency run failed: " + failure.get(), failure.get());
        }
        return new Result(percentiles(warmLatency), percentiles(latency));
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

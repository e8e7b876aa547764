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
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Arrays;
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
 */
public final class LiveLatency {
    private static final long HIGHEST = 60_000_000_000L;

    private LiveLatency() {
    }

    /**
     * @param count messages to append (the first {@code count} of {@code itch})
     * @return the latency distribution in ns
     */
    public static StageLatency.Percentiles run(Path itch, Path workDir, long rate, int count) {
        if (rate <= 0 || count <= 0) {
            throw new TickjournalException("rate and count must be positive");
        }
        // The messages, packed, so that the appender does nothing but wait and append.
        byte[][] chunk = {new byte[1 << 20]};
        int[] offsets = new int[count + 1];
        int[] n = {0};
        new BinaryFileIngestor().frameFile(itch, (buffer, offset, length, sequence) -> {
            if (n[0] == count) {
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
                    JournalTailer tailer = new JournalTailer(reader, store, bars, 100_000_000L);
                    tailer.measureReceiveToMap(epochNow, v -> latency.recordValue(Math.max(0, Math.min(v, HIGHEST))),
                            1);
                    while (true) {
                        int done = tailer.doWork(256);
                        if (done == 0) {
                            if (appended.get() == messages && tailer.engine().messages() == messages) {
                                break;
                            }
                            Thread.onSpinWait();
                        }
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
        return new StageLatency.Percentiles(latency.getTotalCount(), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
                latency.getValueAtPercentile(99.99), latency.getMaxValue());
    }

    private static void deleteJournal(Path dir) {
        if (java.nio.file.Files.exists(dir)) {
            org.agrona.IoUtil.delete(dir.toFile(), false);
        }
    }
}

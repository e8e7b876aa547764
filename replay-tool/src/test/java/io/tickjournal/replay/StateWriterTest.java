package io.tickjournal.replay;

import io.tickjournal.agent.AgentThreads;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.state.SymbolStateSink;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** The replay's state writer: workers' flushes through rings into the map, on its own thread. */
class StateWriterTest {
    /** More records per worker than its ring holds (about 37,000), so the workers wait for room. */
    private static final int RECORDS = 120_000;
    private static final int LOCATES = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void everyRecordOfTwoWorkersReachesTheMapTheLastOfEachLocateWinning() throws Exception {
        AtomicBoolean workersDone = new AtomicBoolean();
        try (StateStore store = StateStore.open(dir.resolve("state.cq4m"));
             AgentThreads threads = new AgentThreads((role, t) -> { })) {
            StateWriter writer = new StateWriter(2, store, workersDone::get);
            Thread[] workers = new Thread[2];
            for (int w = 0; w < 2; w++) {
                SymbolStateSink sink = writer.sink(w, () -> false);
                final int shard = w;
                workers[w] = new Thread(() -> {
                    SymbolStateRecord r = new SymbolStateRecord();
                    for (int i = 0; i < RECORDS; i++) {
                        // Shard w owns the locates with locate % 2 == w, as a replay's shards do.
                        r.locate = 1 + shard + 2 * (i % LOCATES);
                        fill(r, i);
                        sink.put(r);
                    }
                });
                workers[w].start();
            }
            threads.start(writer, new BackoffIdleStrategy(), true);
            for (Thread t : workers) {
                t.join();
            }
            assertFalse(threads.awaitAllClosed(20), "the writer waits for the workers, not for empty rings");
            workersDone.set(true);
            assertTrue(threads.awaitAllClosed(60_000));
            assertNull(threads.failure());
            assertEquals(2L * RECORDS, writer.written());
            SymbolStateRecord got = new SymbolStateRecord();
            SymbolStateRecord want = new SymbolStateRecord();
            for (int shard = 0; shard < 2; shard++) {
                for (int k = 0; k < LOCATES; k++) {
                    int locate = 1 + shard + 2 * k;
                    int last = RECORDS - LOCATES + k; // the last i with i % LOCATES == k
                    assertTrue(store.get(locate, got), "locate " + locate);
                    want.locate = locate;
                    fill(want, last);
                    assertRecordEquals(want, got);
                }
            }
            assertEquals(2 * LOCATES, store.locates().length);
        }
    }

    @Test
    @Timeout(60)
    void aCancelledWorkerStopsWaitingOnAFullRing() throws Exception {
        try (StateStore store = StateStore.open(dir.resolve("state.cq4m"))) {
            // No writer thread drains this ring: the worker fills it, then waits until cancelled.
            StateWriter writer = new StateWriter(1, store, () -> true);
            AtomicBoolean cancelled = new AtomicBoolean();
            SymbolStateSink sink = writer.sink(0, cancelled::get);
            SymbolStateRecord r = new SymbolStateRecord();
            r.locate = 1;
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancelled.set(true);
            });
            canceller.start();
            assertThrows(ReplayCancelledException.class, () -> {
                for (int i = 0; i < 10 * RECORDS; i++) {
                    sink.put(r);
                }
            });
            canceller.join();
        }
    }

    private static void fill(SymbolStateRecord r, int i) {
        r.lastSize = i;
        r.stock = 0x4141_4141_2020_2020L + r.locate;
        r.trades = i + 1;
        r.volume = 100L * i;
        r.notional = 12_345L * i;
        r.lastPrice = 1_000_000 + i;
        r.bidPrice = 999_900 + i;
        r.bidSize = 7 * i;
        r.askPrice = 1_000_100 + i;
        r.askSize = 9 * i;
        r.eventTimeNs = 34_200_000_000_000L + i;
        r.journalIndex = i;
    }

    private static void assertRecordEquals(SymbolStateRecord want, SymbolStateRecord got) {
        long[] w = {want.locate, want.lastSize, want.stock, want.trades, want.volume, want.notional, want.lastPrice,
            want.bidPrice, want.bidSize, want.askPrice, want.askSize, want.eventTimeNs, want.journalIndex};
        long[] g = {got.locate, got.lastSize, got.stock, got.trades, got.volume, got.notional, got.lastPrice,
            got.bidPrice, got.bidSize, got.askPrice, got.askSize, got.eventTimeNs, got.journalIndex};
        assertArrayEquals(w, g, "locate " + want.locate);
    }
}

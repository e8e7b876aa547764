package io.tickjournal.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader with its own handle on the map file (as another process would have) reads records
 * while the writer rewrites them: every record it sees is whole. Each written record keeps
 * invariants across all its fields (derived from one generation number), so a torn read, half
 * old and half new, breaks them.
 */
class StateStoreConcurrencyTest {
    private static final int SYMBOLS = 64;
    private static final long GENERATIONS = 3_000;

    @TempDir
    Path dir;

    static void fillGeneration(SymbolStateRecord r, int locate, long g) {
        r.locate = locate;
        r.stock = 0x4142434420202020L + locate;
        r.trades = g;
        r.volume = g * 100;
        r.notional = g * 100 * (1_000_000 + g);
        r.lastPrice = 1_000_000 + g;
        r.bidPrice = 999_900 + g;
        r.bidSize = g * 3;
        r.askPrice = 1_000_100 + g;
        r.askSize = g * 5;
        r.eventTimeNs = g * 1_000;
        r.journalIndex = g;
    }

    static String violation(SymbolStateRecord r, int locate) {
        long g = r.trades;
        SymbolStateRecord expected = new SymbolStateRecord();
        fillGeneration(expected, locate, g);
        boolean ok = r.locate == locate && r.stock == expected.stock && r.volume == expected.volume
                && r.notional == expected.notional && r.lastPrice == expected.lastPrice && r.bidPrice == expected.bidPrice
                && r.bidSize == expected.bidSize && r.askPrice == expected.askPrice && r.askSize == expected.askSize
                && r.eventTimeNs == expected.eventTimeNs && r.journalIndex == expected.journalIndex;
        return ok ? null : "torn record for locate " + locate + ": " + r;
    }

    @Test
    @Timeout(120)
    void aConcurrentReaderNeverSeesATornRecord() throws InterruptedException {
        Path file = dir.resolve(StateDirectory.MAP_FILE);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> firstViolation = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        try (StateStore writer = StateStore.open(file)) {
            SymbolStateRecord w = new SymbolStateRecord();
            for (int locate = 1; locate <= SYMBOLS; locate++) {
                fillGeneration(w, locate, 0);
                writer.put(w);
            }
            Thread reader = new Thread(() -> {
                try (StateStore store = StateStore.open(file)) {
                    SymbolStateRecord r = new SymbolStateRecord();
                    while (!done.get()) {
                        for (int locate = 1; locate <= SYMBOLS; locate++) {
                            String v = store.get(locate, r) ? violation(r, locate) : "missing record for " + locate;
                            if (v != null) {
                                firstViolation.compareAndSet(null, v);
                            }
                            reads.incrementAndGet();
                        }
                    }
                }
            }, "map-reader");
            reader.start();
            for (long g = 1; g <= GENERATIONS; g++) {
                for (int locate = 1; locate <= SYMBOLS; locate++) {
                    fillGeneration(w, locate, g);
                    writer.put(w);
                }
                if (g == GENERATIONS / 2) {
                    // make sure the reader is really overlapping with the writes
                    while (reads.get() < SYMBOLS * 10L && reader.isAlive()) {
                        Thread.onSpinWait();
                    }
                }
            }
            done.set(true);
            reader.join();
        }
        assertNull(firstViolation.get());
        assertTrue(reads.get() >= SYMBOLS * 10L, "reader overlapped with the writer");
        try (StateStore store = StateStore.open(file)) {
            SymbolStateRecord r = new SymbolStateRecord();
            assertTrue(store.get(SYMBOLS, r));
            assertEquals(GENERATIONS, r.trades);
            assertEquals(SYMBOLS, store.size());
        }
    }
}

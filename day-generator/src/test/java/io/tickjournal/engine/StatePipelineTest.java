package io.tickjournal.engine;

import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shared apply-and-flush component on a real journal and a real state map: records in,
 * flushes out by policy. Behind the journal it flushes as its policy says between polls; caught
 * up (a poll finds nothing) it flushes whatever is due or not; a front handler sees every record
 * first; and the map then holds exactly what an engine fed the same messages holds.
 */
class StatePipelineTest {
    private static final long WINDOW_NS = 100_000_000L;
    /** Ten full polls and a short one: 10 x 4,096 + 500 messages. */
    private static final int MESSAGES = 10 * StatePipeline.SLICE + 500;
    private static final long NEVER = Long.MAX_VALUE / 4;

    @TempDir
    static Path dir;

    @BeforeAll
    static void journalADay() {
        CheckpointTest.Day day = new CheckpointTest.Day(30, MESSAGES, 5);
        assertEquals(MESSAGES, day.size());
        byte[] file = day.bytes().underlyingObject();
        try (SingleChronicleQueue q = Journal.openForWrite(dir.resolve("journal"));
             JournalWriter w = new JournalWriter(q, 1)) {
            for (int i = 0; i < day.size(); i++) {
                w.appendMessage(file, day.offsets()[i], day.lengths()[i], 1_000L + i, i + 1);
            }
        }
    }

    @Test
    @DisplayName("behind: a flush after each poll once 1,000 messages are due; caught up: one more, whatever is due")
    void flushesByPolicyWhileBehindAndWhenCaughtUp() {
        List<String> events = new ArrayList<>();
        int[] seen = {0};
        try (CycleFileReader reader = new CycleFileReader(dir.resolve("journal"), true);
             StateStore store = StateStore.open(dir.resolve("symbols-" + System.nanoTime() + ".cmap"))) {
            MarketEngine engine = engine();
            StatePipeline pipeline = new StatePipeline(reader, engine, store, new FlushPolicy(NEVER, 1_000, 0, 0));
            pipeline.front(new JournalRecordHandler() {
                @Override
                public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rx, long seq) {
                    seen[0]++;
                    pipeline.apply(buffer, offset, length, index);
                }
            }).onFlush(endNs -> events.add("flush after " + engine.messages() + ", map " + store.size()));

            assertEquals(100, pipeline.doWork(100), "at most the limit");
            assertEquals(List.of(), events, "100 messages: no flush is due yet");
            assertEquals(MESSAGES - 100, pipeline.doWork(Integer.MAX_VALUE), "the rest, in polls of 4,096");
            // The first poll of the second call reads 4,096 (4,196 since the last flush): due. Then
            // nine more polls of 4,096 and a short one of 400, which is not due.
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                expected.add("flush after " + (100 + i * StatePipeline.SLICE) + ", map " + engine.symbols());
            }
            assertEquals(expected, events);
            assertEquals(400, pipeline.sinceFlush());

            assertEquals(0, pipeline.doWork(Integer.MAX_VALUE), "caught up");
            expected.add("flush after " + MESSAGES + ", map " + engine.symbols());
            assertEquals(expected, events, "a poll that finds nothing flushes");
            assertEquals(0, pipeline.sinceFlush());
            assertEquals(MESSAGES, seen[0], "the front handler saw every record");
            assertEquals(mapOf(plainEngine(), store.locates()), mapOf(store), "the map holds the engine's state");
        }
    }

    @Test
    @DisplayName("a policy that is never due while behind: the map is written once, when the pipeline catches up")
    void caughtUpOnlyFlushesOnce() {
        List<Long> flushes = new ArrayList<>();
        try (CycleFileReader reader = new CycleFileReader(dir.resolve("journal"), true);
             StateStore store = StateStore.open(dir.resolve("symbols-" + System.nanoTime() + ".cmap"))) {
            MarketEngine engine = engine();
            StatePipeline pipeline = new StatePipeline(reader, engine, store,
                    new FlushPolicy(NEVER, Integer.MAX_VALUE, 0, 0)).onFlush(endNs -> flushes.add(store.size()));
            assertEquals(MESSAGES, pipeline.doWork(Integer.MAX_VALUE));
            assertEquals(List.of(), flushes, "behind all along: nothing written yet");
            assertEquals(0, store.size());
            assertEquals(0, pipeline.doWork(Integer.MAX_VALUE));
            assertEquals(List.of((long) engine.symbols()), flushes, "caught up: every symbol written at once");
            assertEquals(mapOf(plainEngine(), store.locates()), mapOf(store));
        }
    }

    /** An engine sized for the day (the default sizes are a full day's: hundreds of MB to zero). */
    private static MarketEngine engine() {
        return new MarketEngine(WINDOW_NS, bar -> { }, 1 << 17, 1 << 15);
    }

    /** An engine fed the journal's messages directly, without the pipeline. */
    private static MarketEngine plainEngine() {
        MarketEngine e = engine();
        try (CycleFileReader reader = new CycleFileReader(dir.resolve("journal"), true)) {
            reader.poll((buffer, offset, length, index, rx, seq) -> e.onMessage(buffer, offset, length, index),
                    Integer.MAX_VALUE);
        }
        return e;
    }

    private static TreeMap<Integer, String> mapOf(MarketEngine e, int[] locates) {
        TreeMap<Integer, String> m = new TreeMap<>();
        for (int locate : locates) {
            m.put(locate, e.fill(locate, new SymbolStateRecord()).toString());
        }
        return m;
    }

    private static TreeMap<Integer, String> mapOf(StateStore store) {
        TreeMap<Integer, String> m = new TreeMap<>();
        for (int locate : store.locates()) {
            SymbolStateRecord r = new SymbolStateRecord();
            store.get(locate, r);
            m.put(locate, r.toString());
        }
        return m;
    }
}

package io.tickjournal.engine;

import io.tickjournal.TickjournalException;
import io.tickjournal.book.OrderBooks;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.vwap.Bar;
import io.tickjournal.vwap.BarListener;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An engine restored from a checkpoint taken after message k and fed the rest of the day ends
 * exactly where an engine fed the whole day does: same bar stream, per-symbol state, full book
 * depth and counters.
 */
class CheckpointTest {
    private static final long WINDOW_NS = 100_000_000L;
    private static final Day DAY = new Day(40, 60_000, 17);

    @TempDir
    Path dir;

    /** A generated day in memory: the BinaryFILE and each message's offset and length. */
    record Day(Bytes<byte[]> bytes, int[] offsets, int[] lengths) {
        Day(int symbols, int messages, long seed) {
            this(frames(symbols, messages, seed));
        }

        private Day(Object[] parts) {
            this((Bytes<byte[]>) parts[0], (int[]) parts[1], (int[]) parts[2]);
        }

        private static Object[] frames(int symbols, int messages, long seed) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(out);
            byte[] file = out.toByteArray();
            ByteBuffer b = ByteBuffer.wrap(file);
            List<int[]> frames = new ArrayList<>();
            while (b.hasRemaining()) {
                int length = b.getShort() & 0xFFFF;
                frames.add(new int[] {b.position(), length});
                b.position(b.position() + length);
            }
            return new Object[] {Bytes.wrapForRead(file), frames.stream().mapToInt(f -> f[0]).toArray(),
                    frames.stream().mapToInt(f -> f[1]).toArray()};
        }

        int size() {
            return offsets.length;
        }

        void feed(MarketEngine engine, int from, int to) {
            for (int i = from; i < to; i++) {
                engine.onMessage(bytes, offsets[i], lengths[i], 1000 + i);
            }
        }
    }

    /** Collects the bar stream as text lines. */
    static final class Bars implements BarListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onBar(Bar bar) {
            lines.add(bar.windowStartNs() + " " + bar.locate() + " " + bar.trades() + " " + bar.volume() + " "
                    + bar.notional() + " " + bar.open() + " " + bar.high() + " " + bar.low() + " " + bar.close());
        }
    }

    @ParameterizedTest(name = "checkpoint after message {0}")
    @ValueSource(ints = {0, 1, 700, 9_999, 30_001, 59_000})
    void restoredEngineEndsWhereTheUninterruptedOneDoes(int k) {
        Bars wholeBars = new Bars();
        MarketEngine whole = new MarketEngine(WINDOW_NS, wholeBars, 1 << 10, 1 << 10);
        DAY.feed(whole, 0, DAY.size());

        Bars firstBars = new Bars();
        MarketEngine first = new MarketEngine(WINDOW_NS, firstBars, 1 << 10, 1 << 10);
        DAY.feed(first, 0, k);
        first.clearDirty(); // as the tailer does: the map is written before the checkpoint
        long size = Checkpoint.write(dir, 999 + k, 0x5EED + k, k, first);
        assertEquals(size, dir.resolve(Checkpoint.FILE).toFile().length());
        assertFalse(Files.exists(dir.resolve(Checkpoint.TEMP_FILE)));

        Checkpoint c = Checkpoint.read(dir);
        assertEquals(999 + k, c.lastIndex());
        assertEquals(0x5EED + k, c.lastCrc());
        assertEquals(k, c.records());
        Bars restBars = new Bars();
        // small capacities: the restore has to grow the order table and the trade log
        MarketEngine rest = new MarketEngine(WINDOW_NS, restBars, 16, 16);
        c.restoreInto(rest);
        assertEquals(k, rest.messages());
        DAY.feed(rest, k, DAY.size());

        List<String> bars = new ArrayList<>(firstBars.lines);
        bars.addAll(restBars.lines);
        assertFalse(wholeBars.lines.isEmpty());
        assertEquals(wholeBars.lines, bars, "the bar stream");
        assertSameState(whole, rest);
    }

    static void assertSameState(MarketEngine expected, MarketEngine actual) {
        assertEquals(expected.messages(), actual.messages());
        assertEquals(expected.symbols(), actual.symbols());
        assertEquals(expected.lastTimestamp(), actual.lastTimestamp());
        assertEquals(expected.unknownOrderRefs(), actual.unknownOrderRefs());
        assertEquals(expected.duplicateOrderRefs(), actual.duplicateOrderRefs());
        assertEquals(expected.zeroShareCrosses(), actual.zeroShareCrosses());
        VwapEngine ev = expected.vwap();
        VwapEngine av = actual.vwap();
        assertEquals(ev.countedTrades(), av.countedTrades());
        assertTrue(ev.brokenTrades() > 0, "the day breaks trades");
        assertEquals(ev.brokenTrades(), av.brokenTrades());
        assertEquals(ev.unknownBrokenTrades(), av.unknownBrokenTrades());
        assertEquals(ev.barsEmitted(), av.barsEmitted());
        assertEquals(ev.openWindowStartNs(), av.openWindowStartNs());
        OrderBooks eb = expected.books();
        OrderBooks ab = actual.books();
        assertEquals(eb.liveOrders(), ab.liveOrders());
        assertEquals(eb.overExecutions(), ab.overExecutions());
        assertEquals(eb.overCancels(), ab.overCancels());
        SymbolStateRecord er = new SymbolStateRecord();
        SymbolStateRecord ar = new SymbolStateRecord();
        for (int locate = 1; locate <= 100; locate++) {
            expected.fill(locate, er);
            actual.fill(locate, ar);
            assertEquals(fields(er), fields(ar), "symbol state of locate " + locate);
            for (byte side : new byte[] {'B', 'S'}) {
                int depth = eb.depth(locate, side);
                assertEquals(depth, ab.depth(locate, side), "depth of locate " + locate + " side " + (char) side);
                for (int level = 0; level < depth; level++) {
                    String where = "locate " + locate + " side " + (char) side + " level " + level;
                    assertEquals(eb.levelPrice(locate, side, level), ab.levelPrice(locate, side, level), where);
                    assertEquals(eb.levelShares(locate, side, level), ab.levelShares(locate, side, level), where);
                    assertEquals(eb.levelOrderCount(locate, side, level), ab.levelOrderCount(locate, side, level), where);
                }
            }
        }
    }

    private static String fields(SymbolStateRecord r) {
        return r.locate + " " + r.stock + " " + r.trades + " " + r.volume + " " + r.notional + " " + r.lastPrice + " "
                + r.bidPrice + " " + r.bidSize + " " + r.askPrice + " " + r.askSize + " " + r.eventTimeNs + " " + r.journalIndex;
    }

    @Test
    void touchAllMarksEverySymbolWithState() {
        MarketEngine e = new MarketEngine(WINDOW_NS, new Bars(), 1 << 10, 1 << 10);
        DAY.feed(e, 0, 5_000);
        int changed = e.dirtyCount();
        e.clearDirty();
        e.touchAll();
        assertEquals(changed, e.dirtyCount());
        assertEquals(e.symbols(), e.dirtyCount(), "every symbol of the directory, no other locate");
    }

    @Test
    void aCorruptCheckpointIsRefusedWithTheReason() throws IOException {
        MarketEngine e = new MarketEngine(WINDOW_NS, new Bars(), 1 << 10, 1 << 10);
        DAY.feed(e, 0, 20_000);
        e.clearDirty();
        Checkpoint.write(dir, 1, 2, 3, e);
        Path file = dir.resolve(Checkpoint.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);
        TickjournalException x = assertThrows(TickjournalException.class, () -> Checkpoint.read(dir));
        assertTrue(x.getMessage().contains("checksum fails") && x.getMessage().contains(file.toString()), x.getMessage());

        Files.write(file, new byte[] {1, 2, 3});
        x = assertThrows(TickjournalException.class, () -> Checkpoint.read(dir));
        assertTrue(x.getMessage().contains("too short"), x.getMessage());

        Files.delete(file);
        assertNull(Checkpoint.read(dir), "no checkpoint file: nothing to resume");
    }

    @Test
    void anotherWindowOrAnEngineThatHasRunIsRefused() {
        MarketEngine e = new MarketEngine(WINDOW_NS, new Bars(), 1 << 10, 1 << 10);
        DAY.feed(e, 0, 1_000);
        e.clearDirty();
        Checkpoint.write(dir, 1, 2, 3, e);
        Checkpoint c = Checkpoint.read(dir);
        TickjournalException x = assertThrows(TickjournalException.class,
                () -> c.restoreInto(new MarketEngine(2 * WINDOW_NS, new Bars(), 16, 16)));
        assertTrue(x.getMessage().contains("bar window"), x.getMessage());
        MarketEngine used = new MarketEngine(WINDOW_NS, new Bars(), 16, 16);
        DAY.feed(used, 0, 10);
        assertThrows(IllegalStateException.class, () -> c.restoreInto(used));
        MarketEngine dirty = new MarketEngine(WINDOW_NS, new Bars(), 16, 16);
        DAY.feed(dirty, 0, 10);
        assertThrows(IllegalStateException.class, () -> Checkpoint.write(dir, 1, 2, 3, dirty),
                "changed symbols not yet in the map");
    }
}

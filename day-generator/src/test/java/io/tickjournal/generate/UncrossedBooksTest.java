package io.tickjournal.generate;

import io.tickjournal.book.OrderBooks;
import io.tickjournal.engine.MarketEngine;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated days replayed through the fast engine's books: after every message of the day (pre-market,
 * the crosses and continuous trading alike) no symbol's book is crossed or locked (best bid below best
 * ask whenever both sides rest), the engine meets no order it does not know and no over-execution, and
 * at the end most books are two-sided and a few levels deep. The ReferenceEngine cross-check of one day
 * is {@code io.tickjournal.verify.GeneratedDayBooksCrossCheckTest} (replay-tool).
 */
class UncrossedBooksTest {
    @ParameterizedTest(name = "{0} symbols, {1} messages, seed {2}")
    @CsvSource({"40, 100000, 20261122", "500, 200000, 7", "3, 30000, -5", "12, 60000, 99"})
    void noBookIsEverCrossedOrLocked(int symbols, long messages, long seed) {
        GeneratedDay day = new GeneratedDay(symbols, messages, seed);
        MarketEngine engine = new MarketEngine(100_000_000L, bar -> { }, 1 << 16, 1 << 16);
        OrderBooks books = engine.books();
        Bytes<byte[]> bytes = Bytes.wrapForRead(day.file);
        long checked = 0;
        for (int i = 0; i < day.frames.size(); i++) {
            int[] f = day.frames.get(i);
            engine.onMessage(bytes, f[0], f[1], i);
            int locate = ((day.file[f[0] + 1] & 0xFF) << 8) | (day.file[f[0] + 2] & 0xFF);
            if (locate == 0) {
                continue;
            }
            long bid = books.bestBidPrice(locate);
            long ask = books.bestAskPrice(locate);
            if (bid != 0 && ask != 0 && bid >= ask) {
                fail("seed " + seed + ", message " + i + " (" + (char) day.type(i) + ", locate " + locate
                    + "): bid " + bid + " >= ask " + ask);
            }
            checked++;
        }
        assertTrue(checked > messages * 9 / 10, checked + " messages checked");
        assertEquals(0, books.overExecutions() + books.overCancels() + books.duplicateAdds() + books.invalidOrders(),
            "every E/C/X/D/U names a live order and takes no more than it has");
        int twoSided = 0;
        int deep = 0;
        for (int locate = 1; locate <= symbols; locate++) {
            if (books.bestBidPrice(locate) != 0 && books.bestAskPrice(locate) != 0) {
                twoSided++;
            }
            if (books.depth(locate, (byte) 'B') >= 3 && books.depth(locate, (byte) 'S') >= 3) {
                deep++;
            }
        }
        assertTrue(twoSided >= symbols * 9 / 10, twoSided + " of " + symbols + " books two-sided at the end");
        assertTrue(deep >= symbols / 3, deep + " of " + symbols + " books at least 3 levels deep on both sides");
    }
}

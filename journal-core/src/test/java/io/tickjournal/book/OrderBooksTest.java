package io.tickjournal.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tickjournal.book.OrderBooks.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBooksTest {
    private static final byte BUY = 'B';
    private static final byte SELL = 'S';
    private static final int AAPL = 13;
    private static final int MSFT = 7;

    record Level(long price, long shares, int orders) {
    }

    record Top(long bidPrice, long bidSize, long askPrice, long askSize) {
    }

    /** Everything observable about one book and the counters, for one assertEquals. */
    record Snapshot(List<Level> bids, List<Level> asks, int liveOrders, int lastLocate, byte lastSide,
                    long overExecutions, long overCancels, long duplicateAdds, long invalidOrders) {
    }

    private final OrderBooks books = new OrderBooks(64);

    static List<Level> depthOf(OrderBooks books, int locate, byte side) {
        final List<Level> levels = new ArrayList<>();
        for (int i = 0; i < books.depth(locate, side); i++) {
            levels.add(new Level(books.levelPrice(locate, side, i), books.levelShares(locate, side, i),
                books.levelOrderCount(locate, side, i)));
        }
        return levels;
    }

    private Snapshot snapshot(int locate) {
        return new Snapshot(depthOf(books, locate, BUY), depthOf(books, locate, SELL), books.liveOrders(),
            books.lastLocate(), books.lastSide(), books.overExecutions(), books.overCancels(),
            books.duplicateAdds(), books.invalidOrders());
    }

    private Top top(int locate) {
        return new Top(books.bestBidPrice(locate), books.bestBidSize(locate), books.bestAskPrice(locate),
            books.bestAskSize(locate));
    }

    @Test
    void addShouldRestOrdersOnBothSidesSortedBestFirst() {
        assertTrue(books.add(1, AAPL, BUY, 1_500_000, 100));
        assertTrue(books.add(2, AAPL, BUY, 1_510_000, 200));
        assertTrue(books.add(3, AAPL, SELL, 1_530_000, 300));
        assertTrue(books.add(4, AAPL, SELL, 1_520_000, 400));
        assertTrue(books.add(5, AAPL, BUY, 1_510_000, 50));

        assertEquals(new Snapshot(
            List.of(new Level(1_510_000, 250, 2), new Level(1_500_000, 100, 1)),
            List.of(new Level(1_520_000, 400, 1), new Level(1_530_000, 300, 1)),
            5, AAPL, BUY, 0, 0, 0, 0), snapshot(AAPL));
        assertEquals(new Top(1_510_000, 250, 1_520_000, 400), top(AAPL));
        assertEquals(new Top(0, 0, 0, 0), top(MSFT));
    }

    @Test
    void addShouldRejectDuplicateRefAndInvalidInputChangingNothing() {
        books.add(1, AAPL, BUY, 1_500_000, 100);
        final Snapshot before = snapshot(AAPL);

        assertFalse(books.add(1, MSFT, SELL, 2_000_000, 5));
        assertFalse(books.add(2, AAPL, (byte)'X', 1_500_000, 100));
        assertFalse(books.add(3, 0, BUY, 1_500_000, 100));
        assertFalse(books.add(4, 65536, BUY, 1_500_000, 100));
        assertFalse(books.add(5, AAPL, BUY, 1L << 32, 100));
        assertFalse(books.add(6, AAPL, BUY, 1_500_000, -1));

        assertEquals(new Snapshot(before.bids(), before.asks(), 1, AAPL, BUY, 0, 0, 1, 5), snapshot(AAPL));
        assertEquals(0, books.depth(MSFT, SELL));
        assertEquals(1_500_000, books.orderPrice(1));
    }

    @Test
    void addShouldAcceptTheHighestUnsignedPrice() {
        assertTrue(books.add(1, AAPL, SELL, 0xFFFF_FFFFL, 1));
        assertTrue(books.add(2, AAPL, BUY, 0xFFFF_FFFFL, 1));
        assertEquals(new Top(0xFFFF_FFFFL, 1, 0xFFFF_FFFFL, 1), top(AAPL));
    }

    @Test
    void executeShouldReduceSharesAndReturnTheRestingPrice() {
        books.add(1, AAPL, SELL, 1_520_000, 300);
        books.add(9, MSFT, BUY, 4_000_000, 10);

        assertEquals(1_520_000, books.execute(1, 100));
        assertEquals(AAPL, books.lastLocate());
        assertEquals(SELL, books.lastSide());
        assertEquals(200, books.orderShares(1));
        assertEquals(List.of(new Level(1_520_000, 200, 1)), depthOf(books, AAPL, SELL));
        assertEquals(2, books.liveOrders());
    }

    @Test
    void executeOfAllSharesShouldRemoveTheOrderAndItsLevel() {
        books.add(1, AAPL, SELL, 1_520_000, 300);
        books.add(2, AAPL, SELL, 1_530_000, 100);

        assertEquals(1_520_000, books.execute(1, 300));
        assertEquals(UNKNOWN, books.orderShares(1));
        assertEquals(List.of(new Level(1_530_000, 100, 1)), depthOf(books, AAPL, SELL));
        assertEquals(1, books.liveOrders());
        assertEquals(0, books.overExecutions());
        assertEquals(UNKNOWN, books.execute(1, 1));
    }

    @Test
    void overExecutionShouldClampToRestingSharesAndBeCounted() {
        books.add(1, AAPL, BUY, 1_500_000, 100);
        books.add(2, AAPL, BUY, 1_500_000, 40);

        assertEquals(1_500_000, books.execute(1, 150));
        assertEquals(List.of(new Level(1_500_000, 40, 1)), depthOf(books, AAPL, BUY));
        assertEquals(1, books.overExecutions());
        assertEquals(1, books.liveOrders());
    }

    @Test
    void cancelShouldReturnRemainingSharesAndRemoveTheOrderAtZero() {
        books.add(1, AAPL, BUY, 1_500_000, 100);

        assertEquals(60, books.cancel(1, 40));
        assertEquals(List.of(new Level(1_500_000, 60, 1)), depthOf(books, AAPL, BUY));
        assertEquals(0, books.cancel(1, 60));
        assertEquals(List.of(), depthOf(books, AAPL, BUY));
        assertEquals(0, books.liveOrders());
        assertEquals(UNKNOWN, books.cancel(1, 1));
    }

    @Test
    void overCancelShouldClampAndBeCounted() {
        books.add(1, AAPL, BUY, 1_500_000, 100);

        assertEquals(0, books.cancel(1, 1_000));
        assertEquals(1, books.overCancels());
        assertEquals(0, books.liveOrders());
    }

    @Test
    void deleteShouldRemoveTheWholeOrder() {
        books.add(1, AAPL, SELL, 1_520_000, 300);
        books.add(2, AAPL, SELL, 1_520_000, 100);

        assertTrue(books.delete(1));
        assertEquals(AAPL, books.lastLocate());
        assertEquals(SELL, books.lastSide());
        assertEquals(List.of(new Level(1_520_000, 100, 1)), depthOf(books, AAPL, SELL));
        assertFalse(books.delete(1));
    }

    @Test
    void replaceShouldKeepSideAndLocateAndMovePriceAndShares() {
        books.add(1, MSFT, SELL, 4_000_000, 500);
        books.add(2, MSFT, SELL, 4_010_000, 100);

        assertTrue(books.replace(1, 77, 250, 4_020_000));

        assertEquals(UNKNOWN, books.orderPrice(1));
        assertEquals(4_020_000, books.orderPrice(77));
        assertEquals(250, books.orderShares(77));
        assertEquals(new Snapshot(List.of(),
            List.of(new Level(4_010_000, 100, 1), new Level(4_020_000, 250, 1)),
            2, MSFT, SELL, 0, 0, 0, 0), snapshot(MSFT));
        assertEquals(MSFT, books.lastLocate());
    }

    @Test
    void replaceOntoALiveReferenceShouldRetireTheOldOrderAndKeepTheLiveOne() {
        books.add(1, AAPL, BUY, 1_500_000, 100);
        books.add(2, AAPL, BUY, 1_490_000, 20);

        assertFalse(books.replace(1, 2, 999, 1_510_000));

        assertEquals(new Snapshot(List.of(new Level(1_490_000, 20, 1)), List.of(),
            1, AAPL, BUY, 0, 0, 1, 0), snapshot(AAPL));
        assertEquals(UNKNOWN, books.orderShares(1));
    }

    @Test
    void replaceOfAnUnknownOrWithInvalidValuesShouldChangeNothing() {
        books.add(1, AAPL, BUY, 1_500_000, 100);
        books.add(2, AAPL, BUY, 1_490_000, 20);
        final Snapshot before = snapshot(AAPL);

        assertFalse(books.replace(5, 6, 10, 1_500_000));
        assertFalse(books.replace(1, 6, -1, 1_500_000));
        assertFalse(books.replace(1, 6, 10, 1L << 32));

        assertEquals(new Snapshot(before.bids(), before.asks(), 2, AAPL, BUY, 0, 0, 0, 2), snapshot(AAPL));
        assertEquals(UNKNOWN, books.orderPrice(6));
    }

    @Test
    void unknownReferencesShouldChangeNothing() {
        books.add(1, AAPL, BUY, 1_500_000, 100);
        books.add(2, MSFT, SELL, 4_000_000, 100);
        final Snapshot before = snapshot(AAPL);

        assertEquals(UNKNOWN, books.execute(3, 10));
        assertEquals(UNKNOWN, books.cancel(3, 10));
        assertFalse(books.delete(3));
        assertFalse(books.replace(3, 4, 10, 1_500_000));

        assertEquals(before, snapshot(AAPL));
        assertEquals(MSFT, books.lastLocate());
        assertEquals(2, books.liveOrders());
    }

    @Test
    void topOfBookShouldSumTheBestLevelAndFallBackWhenItEmpties() {
        books.add(1, AAPL, BUY, 1_510_000, 100);
        books.add(2, AAPL, BUY, 1_510_000, 200);
        books.add(3, AAPL, BUY, 1_500_000, 50);
        books.add(4, AAPL, SELL, 1_520_000, 10);
        books.add(5, AAPL, SELL, 1_520_000, 20);
        books.add(6, AAPL, SELL, 1_530_000, 70);
        final List<Top> tops = new ArrayList<>();

        tops.add(top(AAPL));
        books.execute(1, 100);
        tops.add(top(AAPL));
        books.delete(2);
        books.cancel(4, 10);
        tops.add(top(AAPL));
        books.execute(5, 20);
        tops.add(top(AAPL));
        books.delete(3);
        books.delete(6);
        tops.add(top(AAPL));

        assertEquals(List.of(
            new Top(1_510_000, 300, 1_520_000, 30),
            new Top(1_510_000, 200, 1_520_000, 30),
            new Top(1_500_000, 50, 1_520_000, 20),
            new Top(1_500_000, 50, 1_530_000, 70),
            new Top(0, 0, 0, 0)), tops);
    }

    @Test
    void depthQueriesOutOfRangeShouldReturnZero() {
        books.add(1, AAPL, BUY, 1_510_000, 100);

        assertEquals(0, books.levelPrice(AAPL, BUY, 1));
        assertEquals(0, books.levelShares(AAPL, BUY, -1));
        assertEquals(0, books.levelOrderCount(AAPL, (byte)'X', 0));
        assertEquals(0, books.depth(-1, BUY));
        assertEquals(0, books.bestBidPrice(70_000));
    }

    @Test
    void clearShouldEmptyEveryBookAndKeepWorking() {
        books.add(1, AAPL, BUY, 1_510_000, 100);
        books.add(2, MSFT, SELL, 4_000_000, 100);
        books.add(2, MSFT, SELL, 4_000_000, 100);

        books.clear();

        assertEquals(new Snapshot(List.of(), List.of(), 0, 0, (byte)0, 0, 0, 0, 0), snapshot(AAPL));
        assertEquals(0, books.depth(MSFT, SELL));
        assertTrue(books.add(1, AAPL, SELL, 1_520_000, 5));
        assertEquals(new Top(0, 0, 1_520_000, 5), top(AAPL));
    }

    @Test
    void slotsAndMapShouldGrowBeyondTheExpectedOrders() {
        final OrderBooks small = new OrderBooks(1);
        for (int ref = 1; ref <= 1_000; ref++) {
            assertTrue(small.add(ref, 1 + ref % 3, ref % 2 == 0 ? BUY : SELL, 1_000_000 + ref, ref));
        }
        for (int ref = 1; ref <= 1_000; ref += 2) {
            assertTrue(small.delete(ref));
        }
        assertEquals(500, small.liveOrders());
        assertEquals(1_000 * 2, small.orderShares(1_000) + small.orderShares(1_000));
        assertEquals(UNKNOWN, small.orderShares(999));
    }
}

package io.tickjournal.vwap;

import io.tickjournal.TickjournalException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VwapEngineTest {
    private static final long W = 100_000_000L; // 100 ms, the default window
    private static final int AAPL = 13;
    private static final int MSFT = 7;

    record B(int locate, long windowStartNs, long trades, long volume, long notional,
             long open, long high, long low, long close) {
    }

    record Totals(long trades, long volume, long notional, long lastPrice) {
    }

    /** Copies every bar it is handed. */
    static final class RecordingListener implements BarListener {
        final List<B> bars = new ArrayList<>();

        @Override
        public void onBar(Bar bar) {
            bars.add(new B(bar.locate(), bar.windowStartNs(), bar.trades(), bar.volume(), bar.notional(),
                bar.open(), bar.high(), bar.low(), bar.close()));
        }
    }

    private final RecordingListener listener = new RecordingListener();
    private final VwapEngine engine = new VwapEngine(W, listener);
    private long nextMatch = 1;

    /** One trade message: timestamp first, as the caller does. Returns its match number. */
    private long trade(long t, int locate, long price, long shares) {
        engine.onTimestamp(t);
        final long match = nextMatch++;
        engine.onTrade(locate, match, price, shares);
        return match;
    }

    private Totals totals(int locate) {
        return new Totals(engine.trades(locate), engine.volume(locate), engine.notional(locate),
            engine.lastPrice(locate));
    }

    @Test
    void sessionTotalsShouldSumExactlyEvenBeyondIntRanges() {
        final long bigPrice = 3_000_000_000L;  // > 2^31
        final long bigShares = 5_000_000_000L; // > 2^32, as a Q cross can carry
        trade(10, AAPL, bigPrice, 2_000_000_000L);
        trade(20, AAPL, 1_000_000, bigShares);
        trade(30, AAPL, 1_500_000, 100);
        trade(40, MSFT, 4_000_000, 10);

        final BigInteger exact = BigInteger.valueOf(bigPrice).multiply(BigInteger.valueOf(2_000_000_000L))
            .add(BigInteger.valueOf(1_000_000).multiply(BigInteger.valueOf(bigShares)))
            .add(BigInteger.valueOf(1_500_000 * 100));
        assertEquals(new Totals(3, 2_000_000_000L + bigShares + 100, exact.longValueExact(), 1_500_000),
            totals(AAPL));
        assertEquals(6_005_000_000_150_000_000L, engine.notional(AAPL));
        assertEquals(new Totals(1, 10, 40_000_000, 4_000_000), totals(MSFT));
        assertEquals(4, engine.countedTrades());
    }

    @Test
    void lastPriceShouldBeTheMostRecentTradeAndZeroBeforeTheFirst() {
        assertEquals(0, engine.lastPrice(AAPL));
        trade(10, AAPL, 1_500_000, 1);
        trade(20, AAPL, 1_490_000, 1);
        trade(30, MSFT, 4_000_000, 1);

        assertEquals(1_490_000, engine.lastPrice(AAPL));
        assertEquals(4_000_000, engine.lastPrice(MSFT));
        assertEquals(0, engine.lastPrice(1));
    }

    @Test
    void brokenTradeShouldLeaveTheSessionTotalsButNotLastPriceNorBars() {
        final long first = trade(10, AAPL, 1_500_000, 100);
        trade(20, AAPL, 1_600_000, 50);
        engine.onTimestamp(W);                        // closes window 0: bar emitted
        final long inOpenWindow = trade(W + 1, AAPL, 1_700_000, 10);

        assertTrue(engine.onBrokenTrade(first));
        assertTrue(engine.onBrokenTrade(inOpenWindow));
        engine.onEndOfMessages();

        assertEquals(new Totals(1, 50, 80_000_000, 1_700_000), totals(AAPL));
        assertEquals(List.of(
            new B(AAPL, 0, 2, 150, 230_000_000, 1_500_000, 1_600_000, 1_500_000, 1_600_000),
            new B(AAPL, W, 1, 10, 17_000_000, 1_700_000, 1_700_000, 1_700_000, 1_700_000)), listener.bars);
        assertEquals(2, engine.brokenTrades());
        assertEquals(0, engine.unknownBrokenTrades());
    }

    @Test
    void brokenTradeWithAnUnknownMatchNumberShouldBeIgnoredAndCounted() {
        trade(10, AAPL, 1_500_000, 100);

        assertFalse(engine.onBrokenTrade(999));

        assertEquals(new Totals(1, 100, 150_000_000, 1_500_000), totals(AAPL));
        assertEquals(1, engine.unknownBrokenTrades());
        assertEquals(0, engine.brokenTrades());
    }

    @Test
    void brokenTradeTwiceShouldCountTheSecondAsUnknown() {
        final long match = trade(10, AAPL, 1_500_000, 100);
        trade(20, AAPL, 1_400_000, 10);

        assertTrue(engine.onBrokenTrade(match));
        assertFalse(engine.onBrokenTrade(match));

        assertEquals(new Totals(1, 10, 14_000_000, 1_400_000), totals(AAPL));
        assertEquals(1, engine.unknownBrokenTrades());
    }

    @Test
    void timestampExactlyOnABoundaryShouldBelongToTheNewWindow() {
        trade(W - 1, AAPL, 100, 1);      // window 0
        trade(W, AAPL, 200, 1);          // window 1, closes window 0
        trade(2 * W - 1, AAPL, 300, 1);  // window 1
        trade(2 * W, AAPL, 400, 1);      // window 2, closes window 1

        assertEquals(List.of(
            new B(AAPL, 0, 1, 1, 100, 100, 100, 100, 100),
            new B(AAPL, W, 2, 2, 500, 200, 300, 200, 300)), listener.bars);
        assertEquals(2 * W, engine.openWindowStartNs());
    }

    @Test
    void windowsWithoutTradesShouldEmitNothing() {
        trade(10, AAPL, 100, 1);
        engine.onTimestamp(3 * W + 5);   // closes window 0, opens window 3
        engine.onTimestamp(6 * W);       // closes the empty window 3
        trade(6 * W + 1, AAPL, 200, 1);
        engine.onEndOfMessages();

        assertEquals(List.of(
            new B(AAPL, 0, 1, 1, 100, 100, 100, 100, 100),
            new B(AAPL, 6 * W, 1, 1, 200, 200, 200, 200, 200)), listener.bars);
        assertEquals(2, engine.barsEmitted());
    }

    @Test
    void barsShouldStreamByWindowStartThenLocate() {
        final int[] window0 = {300, 5, 65_535, 64, 4_096, 63, 5, 1, 4_095, 128, 127};
        for (int i = 0; i < window0.length; i++) {
            trade(i, window0[i], 100, 1);
        }
        trade(W + 1, 9, 100, 1);
        trade(W + 2, 2, 100, 1);
        trade(W + 3, 9, 100, 1);
        engine.onEndOfMessages();

        final List<Long> keys = new ArrayList<>();
        for (B bar : listener.bars) {
            keys.add(bar.windowStartNs() * 100_000 + bar.locate());
        }
        assertEquals(List.of(1L, 5L, 63L, 64L, 127L, 128L, 300L, 4_095L, 4_096L, 65_535L,
            W * 100_000 + 2, W * 100_000 + 9), keys);
        assertEquals(2, listener.bars.get(1).trades());
        assertEquals(65_535, engine.maxLocate());
    }

    @Test
    void barShouldCarryOpenHighLowCloseInProcessingOrder() {
        trade(1, AAPL, 1_000_000, 10);
        trade(2, AAPL, 1_200_000, 20);
        trade(3, AAPL, 900_000, 30);
        trade(4, AAPL, 1_100_000, 40);
        engine.onEndOfMessages();

        assertEquals(List.of(new B(AAPL, 0, 4, 100, 10_000_000 + 24_000_000 + 27_000_000 + 44_000_000,
            1_000_000, 1_200_000, 900_000, 1_100_000)), listener.bars);
    }

    @Test
    void endOfMessagesShouldCloseTheWindowAndTheNextMessageOpenANewOne() {
        trade(5 * W + 1, AAPL, 100, 1);
        engine.onTimestamp(5 * W + 2);   // the S 'C' message itself
        engine.onEndOfMessages();
        assertEquals(-1, engine.openWindowStartNs());
        engine.onEndOfMessages();        // nothing open: no effect
        trade(5 * W + 3, AAPL, 200, 1);  // a later session on the same journal, same window number
        trade(7 * W, AAPL, 300, 1);

        assertEquals(List.of(
            new B(AAPL, 5 * W, 1, 1, 100, 100, 100, 100, 100),
            new B(AAPL, 6 * W, 1, 1, 200, 200, 200, 200, 200)), listener.bars);
        assertEquals(7 * W, engine.openWindowStartNs());
        assertEquals(1, engine.lateMessages());
    }

    @Test
    void openWindowAtTheEndOfInputShouldNotBeEmitted() {
        trade(10, AAPL, 100, 1);
        trade(W + 10, MSFT, 200, 1);

        assertEquals(List.of(new B(AAPL, 0, 1, 1, 100, 100, 100, 100, 100)), listener.bars);
        assertEquals(W, engine.openWindowStartNs());
        assertEquals(new Totals(1, 1, 200, 200), totals(MSFT));
    }

    @Test
    void nonTradeTimestampShouldCloseTheWindow() {
        trade(10, AAPL, 100, 1);
        assertEquals(List.of(), listener.bars);

        engine.onTimestamp(W + 10);

        assertEquals(List.of(new B(AAPL, 0, 1, 1, 100, 100, 100, 100, 100)), listener.bars);
    }

    @Test
    void lateMessageShouldCountInTheOpenWindowWithoutMovingIt() {
        trade(2 * W + 10, AAPL, 100, 1);
        trade(W + 5, AAPL, 50, 1);       // late: before the open window's start
        engine.onTimestamp(2 * W + 20);
        assertEquals(2 * W, engine.openWindowStartNs());
        engine.onTimestamp(3 * W);

        assertEquals(List.of(new B(AAPL, 2 * W, 2, 2, 150, 100, 100, 50, 50)), listener.bars);
        assertEquals(1, engine.lateMessages());
        assertEquals(50, engine.lastPrice(AAPL));
    }

    @Test
    void windowLengthOtherThan100msShouldBeHonoured() {
        final long minute = 60_000_000_000L;
        final VwapEngine byMinute = new VwapEngine(minute, listener);
        byMinute.onTimestamp(34_200_000_000_000L - 1); // 09:29:59.999999999
        byMinute.onTrade(AAPL, 1, 100, 1);
        byMinute.onTimestamp(34_200_000_000_000L);     // 09:30:00
        byMinute.onTrade(AAPL, 2, 200, 1);
        byMinute.onTimestamp(34_200_000_000_000L + minute - 1);
        byMinute.onTrade(AAPL, 3, 300, 1);
        byMinute.onTimestamp(34_200_000_000_000L + minute);

        assertEquals(List.of(
            new B(AAPL, 34_200_000_000_000L - minute, 1, 1, 100, 100, 100, 100, 100),
            new B(AAPL, 34_200_000_000_000L, 2, 2, 500, 200, 300, 200, 300)), listener.bars);
    }

    @Test
    void invalidTradesAndTradesWithoutAWindowShouldBeCounted() {
        engine.onTrade(AAPL, 1, 100, 1);          // before any timestamp: session only
        engine.onTimestamp(10);
        engine.onTrade(0, 2, 100, 1);
        engine.onTrade(65_536, 3, 100, 1);
        engine.onTrade(AAPL, 4, 1L << 32, 1);
        engine.onTrade(AAPL, 5, 100, -1);
        engine.onEndOfMessages();

        assertEquals(1, engine.tradesWithoutWindow());
        assertEquals(4, engine.invalidTrades());
        assertEquals(new Totals(1, 1, 100, 100), totals(AAPL));
        assertEquals(List.of(), listener.bars);
        assertEquals(0, engine.trades(-1));
        assertEquals(0, engine.trades(65_536));
    }

    @Test
    void repeatedMatchNumberShouldCountBothTradesAndBreakOnlyTheFirst() {
        engine.onTimestamp(10);
        engine.onTrade(AAPL, 42, 100, 1);
        engine.onTrade(MSFT, 42, 300, 2);

        assertTrue(engine.onBrokenTrade(42));
        assertFalse(engine.onBrokenTrade(42));

        assertEquals(new Totals(0, 0, 0, 100), totals(AAPL));
        assertEquals(new Totals(1, 2, 600, 300), totals(MSFT));
        assertEquals(1, engine.duplicateMatchNumbers());
    }

    @Test
    void throwingListenerShouldNotLeakBarsIntoTheNextWindow() {
        final VwapEngine throwing = new VwapEngine(W, bar -> {
            if (bar.locate() == 2) {
                throw new IllegalStateException("listener failed");
            }
            listener.onBar(bar);
        });
        throwing.onTimestamp(1);
        throwing.onTrade(1, 1, 100, 1);
        throwing.onTrade(2, 2, 100, 1);
        throwing.onTrade(3, 3, 100, 1);
        assertThrows(IllegalStateException.class, () -> throwing.onTimestamp(W));
        throwing.onTrade(3, 4, 500, 1);
        throwing.onEndOfMessages();

        assertEquals(List.of(
            new B(1, 0, 1, 1, 100, 100, 100, 100, 100),
            new B(3, W, 1, 1, 500, 500, 500, 500, 500)), listener.bars);
    }

    @Test
    void constructorShouldRejectABadWindowOrListener() {
        assertThrows(TickjournalException.class, () -> new VwapEngine(0, listener));
        assertThrows(TickjournalException.class, () -> new VwapEngine(W, null));
    }

    @Test
    void manyTradesShouldGrowTheTradeRecordAndStayBreakable() {
        final VwapEngine small = new VwapEngine(W, listener, 1);
        small.onTimestamp(0);
        for (int match = 1; match <= 1_000; match++) {
            small.onTrade(1 + match % 10, match, 100, 1);
        }
        for (int match = 1; match <= 1_000; match += 2) {
            assertTrue(small.onBrokenTrade(match));
        }
        long trades = 0;
        for (int locate = 1; locate <= small.maxLocate(); locate++) {
            trades += small.trades(locate);
        }
        assertEquals(500, trades);
        assertEquals(0, small.unknownBrokenTrades());
    }
}

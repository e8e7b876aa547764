package io.tickjournal.engine;

import io.tickjournal.itch.ItchEncoder;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.vwap.Bar;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The VWAP rules of docs/architecture.md, one test per rule, through real ITCH 5.0 messages
 * (encoded, then decoded in place by the engine).
 */
class MarketEngineTest {
    static final long W = 100_000_000L; // 100 ms
    static final long T0 = 34_200_000_000_000L; // 09:30:00, a multiple of W

    record BarRow(int locate, long windowStartNs, long trades, long volume, long notional,
                  long open, long high, long low, long close) {
    }

    record Totals(long trades, long volume, long notional, long lastPrice) {
    }

    final List<BarRow> bars = new ArrayList<>();
    final MarketEngine engine = new MarketEngine(W, (Bar b) -> bars.add(new BarRow(b.locate(), b.windowStartNs(),
            b.trades(), b.volume(), b.notional(), b.open(), b.high(), b.low(), b.close())));
    final ByteBuffer buf = ByteBuffer.allocate(64);
    long index;

    private void send(int length) {
        byte[] msg = Arrays.copyOf(buf.array(), length);
        buf.clear();
        engine.onMessage(Bytes.wrapForRead(msg), 0, length, ++index);
    }

    void add(long t, int locate, long ref, char side, long shares, long price) {
        send(ItchEncoder.addOrder(buf, locate, 0, t, ref, (byte) side, shares, "S" + locate, price));
    }

    void execute(long t, int locate, long ref, long shares, long match) {
        send(ItchEncoder.orderExecuted(buf, locate, 0, t, ref, shares, match));
    }

    void executeWithPrice(long t, int locate, long ref, long shares, long match, char printable, long price) {
        send(ItchEncoder.orderExecutedWithPrice(buf, locate, 0, t, ref, shares, match, (byte) printable, price));
    }

    void trade(long t, int locate, long shares, long price, long match) {
        send(ItchEncoder.trade(buf, locate, 0, t, 0, (byte) 'B', shares, "S" + locate, price, match));
    }

    void cross(long t, int locate, long shares, long price, long match) {
        send(ItchEncoder.crossTrade(buf, locate, 0, t, shares, "S" + locate, price, match, (byte) 'O'));
    }

    void broken(long t, int locate, long match) {
        send(ItchEncoder.brokenTrade(buf, locate, 0, t, match));
    }

    void systemEvent(long t, char code) {
        send(ItchEncoder.systemEvent(buf, 0, 0, t, (byte) code));
    }

    Totals totals(int locate) {
        SymbolStateRecord r = engine.fill(locate, new SymbolStateRecord());
        return new Totals(r.trades, r.volume, r.notional, r.lastPrice);
    }

    @Test
    @DisplayName("E counts at the resting order's price")
    void executionCountsAtRestingPrice() {
        add(T0, 1, 10, 'S', 500, 1_234_500);
        execute(T0 + 1, 1, 10, 200, 77);
        assertEquals(new Totals(1, 200, 200 * 1_234_500L, 1_234_500), totals(1));
        assertEquals(300, engine.books().bestAskSize(1));
    }

    @Test
    @DisplayName("C counts at its execution price only when printable = 'Y'; the book is reduced either way")
    void executionWithPriceCountsOnlyWhenPrintable() {
        add(T0, 1, 10, 'B', 1000, 1_000_000);
        executeWithPrice(T0 + 1, 1, 10, 100, 1, 'Y', 1_000_500);
        executeWithPrice(T0 + 2, 1, 10, 300, 2, 'N', 1_000_700);
        assertEquals(new Totals(1, 100, 100 * 1_000_500L, 1_000_500), totals(1));
        assertEquals(600, engine.books().bestBidSize(1));
    }

    @Test
    @DisplayName("P (non-cross trade) counts")
    void hiddenTradeCounts() {
        trade(T0, 2, 50, 2_000_000, 9);
        trade(T0 + 5, 2, 25, 2_000_100, 10);
        assertEquals(new Totals(2, 75, 50 * 2_000_000L + 25 * 2_000_100L, 2_000_100), totals(2));
    }

    @Test
    @DisplayName("Q counts only when shares > 0, with 8-byte shares")
    void crossCountsOnlyWithShares() {
        cross(T0, 3, 0, 1_500_000, 20);
        assertEquals(new Totals(0, 0, 0, 0), totals(3));
        long big = 5_000_000_000L; // over 2^32: Q shares are 8 bytes
        cross(T0 + 1, 3, big, 1_500_000, 21);
        assertEquals(new Totals(1, big, big * 1_500_000L, 1_500_000), totals(3));
        assertEquals(1, engine.zeroShareCrosses());
    }

    @Test
    @DisplayName("B takes a counted trade back out of the session totals; last price and emitted bars stay")
    void brokenTradeMatched() {
        trade(T0, 1, 100, 1_000_000, 1);
        trade(T0 + 1, 1, 200, 1_100_000, 2);
        systemEvent(T0 + W, 'M'); // closes the first window
        broken(T0 + W + 1, 1, 1);
        assertEquals(new Totals(1, 200, 200 * 1_100_000L, 1_100_000), totals(1));
        assertEquals(List.of(new BarRow(1, T0, 2, 300, 100 * 1_000_000L + 200 * 1_100_000L,
                1_000_000, 1_100_000, 1_000_000, 1_100_000)), bars);
    }

    @Test
    @DisplayName("B for an unknown match number is ignored and counted")
    void brokenTradeUnmatched() {
        trade(T0, 1, 100, 1_000_000, 1);
        broken(T0 + 1, 1, 999);
        broken(T0 + 2, 1, 1);
        broken(T0 + 3, 1, 1); // already broken: unknown now
        assertEquals(new Totals(0, 0, 0, 1_000_000), totals(1));
        assertEquals(2, engine.vwap().unknownBrokenTrades());
    }

    @Test
    @DisplayName("bars: t = k*W belongs to window k and closes window k-1; t = k*W - 1 stays in window k-1")
    void barsOnWindowBoundaries() {
        trade(T0, 1, 10, 1_000_000, 1);
        trade(T0 + W - 1, 1, 20, 1_000_100, 2); // last ns of window 0
        assertEquals(List.of(), bars);
        trade(T0 + W, 1, 30, 1_000_200, 3);     // first ns of window 1: closes window 0
        assertEquals(List.of(new BarRow(1, T0, 2, 30, 10 * 1_000_000L + 20 * 1_000_100L,
                1_000_000, 1_000_100, 1_000_000, 1_000_100)), bars);
        systemEvent(T0 + 2 * W + 5, 'M');       // any message past the end closes window 1
        assertEquals(new BarRow(1, T0 + W, 1, 30, 30 * 1_000_200L, 1_000_200, 1_000_200, 1_000_200, 1_000_200),
                bars.get(1));
    }

    @Test
    @DisplayName("bar stream order: by window start, then by locate; end of messages closes the last window")
    void barOrderAndEndOfMessages() {
        trade(T0 + 1, 7, 1, 700, 1);
        trade(T0 + 2, 3, 1, 300, 2);
        trade(T0 + 3, 5, 1, 500, 3);
        trade(T0 + W + 1, 2, 1, 200, 4);
        systemEvent(T0 + W + 2, 'C');
        assertEquals(List.of(3, 5, 7, 2), bars.stream().map(BarRow::locate).toList());
        assertEquals(List.of(T0, T0, T0, T0 + W), bars.stream().map(BarRow::windowStartNs).toList());
    }

    @Test
    @DisplayName("an open window at the end of the input is not emitted")
    void openWindowIsNotEmitted() {
        trade(T0, 1, 10, 1_000_000, 1);
        systemEvent(T0 + 10, 'M');
        assertEquals(List.of(), bars);
        assertEquals(T0, engine.vwap().openWindowStartNs());
    }

    @Test
    @DisplayName("executions, cancels, deletes and replaces of unknown orders are counted, not applied")
    void unknownOrderReferences() {
        execute(T0, 1, 404, 10, 1);
        send(ItchEncoder.orderCancel(buf, 1, 0, T0, 405, 10));
        send(ItchEncoder.orderDelete(buf, 1, 0, T0, 406));
        send(ItchEncoder.orderReplace(buf, 1, 0, T0, 407, 408, 10, 100));
        assertEquals(4, engine.unknownOrderRefs());
        assertEquals(new Totals(0, 0, 0, 0), totals(1));
    }

    @Test
    @DisplayName("replace keeps side and stock; executions of the new reference count at the new price")
    void replaceThenExecute() {
        add(T0, 4, 1, 'S', 100, 5_000_000);
        send(ItchEncoder.orderReplace(buf, 4, 0, T0 + 1, 1, 2, 300, 5_100_000));
        execute(T0 + 2, 4, 2, 50, 9);
        assertEquals(new Totals(1, 50, 50 * 5_100_000L, 5_100_000), totals(4));
        assertEquals(5_100_000, engine.books().bestAskPrice(4));
        assertEquals(250, engine.books().bestAskSize(4));
        assertEquals(0, engine.books().bestBidSize(4));
    }

    @Test
    @DisplayName("unknown types and wrong lengths are counted and skipped")
    void badMessagesAreCounted() {
        engine.onMessage(Bytes.wrapForRead(new byte[]{'@', 0, 0}), 0, 3, 1);
        engine.onMessage(Bytes.wrapForRead(new byte[20]), 0, 20, 2); // type 0
        byte[] shortTrade = new byte[30];
        shortTrade[0] = 'P';
        engine.onMessage(Bytes.wrapForRead(shortTrade), 0, 30, 3);
        assertEquals(2, engine.unknownTypes());
        assertEquals(1, engine.badLengths());
        assertEquals(3, engine.messages());
    }
}

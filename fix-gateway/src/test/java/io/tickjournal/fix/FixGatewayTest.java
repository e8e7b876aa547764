package io.tickjournal.fix;

import io.tickjournal.itch.Symbols;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.MDReqRejReason;
import quickfix.field.MsgType;
import quickfix.field.PossDupFlag;
import quickfix.field.RefTagID;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publisher against real QuickFIX/J initiators, over a state map written by hand. */
@Timeout(60)
class FixGatewayTest {
    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private StateStore store;
    private Path state;

    @BeforeEach
    void state() {
        state = tmp.resolve("state");
        store = StateDirectory.prepareFresh(state).openStore();
        store.put(record(1, "AAPL", 3, 300, 30_000_000, 100_500, 100_400, 200, 100_600, 50, 7));
        store.put(record(2, "MSFT", 0, 0, 0, 0, 0, 0, 2_000_000, 10, 8));
        open.add(store);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void snapshotHasEveryEntryAndOmitsEmptyOnes() throws Exception {
        FixGateway gw = gateway(Set.of(), 0);
        SubscriberView model = new SubscriberView();
        client(gw, "DESK1", null, model);
        assertTrue(clientOf(model).request("r1", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL,
                "AAPL", "MSFT"));
        await(() -> model.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).size() == 2);
        assertEquals(Map.of('0', "10.0400/200", '1', "10.0600/50", '2', "10.0500/100", '9', "10.000000/", 'B', "/300"),
                model.quotes("AAPL"));
        // MSFT: no bid, no trade, no VWAP while the volume is 0
        assertEquals(Map.of('1', "200.0000/10", 'B', "/0"), model.quotes("MSFT"));
    }

    @Test
    void unknownSymbolIsRejectedWithReasonZeroAndTheSymbol() throws Exception {
        FixGateway gw = gateway(Set.of(), 0);
        SubscriberView model = new SubscriberView();
        client(gw, "DESK1", null, model);
        clientOf(model).request("r2", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL, "NOPE");
        await(() -> !model.ofType(MsgType.MARKET_DATA_REQUEST_REJECT).isEmpty());
        Message y = model.ofType(MsgType.MARKET_DATA_REQUEST_REJECT).get(0);
        assertEquals(MDReqRejReason.UNKNOWN_SYMBOL, y.getChar(MDReqRejReason.FIELD));
        assertEquals("unknown symbol: NOPE", y.getString(Text.FIELD));
        assertEquals("r2", y.getString(quickfix.field.MDReqID.FIELD));
        assertTrue(clientOf(model).session().isLoggedOn());
    }

    @Test
    void malformedRequestGetsASessionRejectAndTheSessionStays() throws Exception {
        FixGateway gw = gateway(Set.of(), 0);
        SubscriberView model = new SubscriberView();
        MarketDataClient c = client(gw, "DESK1", null, model);
        // 263=7 is not a SubscriptionRequestType: QuickFIX/J's validation rejects it (35=3), the session stays
        Message bad = new quickfix.fix44.MarketDataRequest(new quickfix.field.MDReqID("r3"),
                new SubscriptionRequestType('7'), new quickfix.field.MarketDepth(1));
        quickfix.fix44.MarketDataRequest.NoMDEntryTypes type = new quickfix.fix44.MarketDataRequest.NoMDEntryTypes();
        type.set(new quickfix.field.MDEntryType('0'));
        bad.addGroup(type);
        quickfix.fix44.MarketDataRequest.NoRelatedSym sym = new quickfix.fix44.MarketDataRequest.NoRelatedSym();
        sym.set(new quickfix.field.Symbol("AAPL"));
        bad.addGroup(sym);
        c.session().send(bad);
        c.request("r4", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.BID, "AAPL");
        await(() -> !model.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).isEmpty());
        assertTrue(c.session().isLoggedOn());
        assertEquals(1, c.sessionRejects().size());
        assertEquals(SubscriptionRequestType.FIELD, c.sessionRejects().get(0).getInt(RefTagID.FIELD));
    }

    @Test
    void logonFromASenderCompIdNotAllowedGetsALogoutSayingWhy() throws Exception {
        FixGateway gw = gateway(Set.of("DESK1"), 0);
        SubscriberView model = new SubscriberView();
        MarketDataClient intruder = client(gw, "INTRUDER", null, model, false);
        await(() -> !intruder.logoutTexts().isEmpty());
        assertEquals("SenderCompID INTRUDER is not allowed on this publisher", intruder.logoutTexts().get(0));
        assertFalse(intruder.session().isLoggedOn());
        MarketDataClient desk = client(gw, "DESK1", null, new SubscriberView());
        assertTrue(desk.session().isLoggedOn());
    }

    @Test
    void subscriberEndsAtTheFinalStateAndNeverGoesBack() throws Exception {
        FixGateway gw = gateway(Set.of(), 0);
        SubscriberView model = new SubscriberView();
        MarketDataClient c = client(gw, "DESK1", null, model);
        c.request("s1", SubscriptionRequestType.SNAPSHOT_UPDATES, MarketDataMessages.ALL, "AAPL", "MSFT");
        await(() -> model.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).size() == 2);
        SymbolStateRecord aapl = record(1, "AAPL", 3, 300, 30_000_000, 100_500, 100_400, 200, 100_600, 50, 7);
        for (int i = 1; i <= 2000; i++) {
            aapl.trades++;
            aapl.volume += 10;
            aapl.notional += 10L * (100_000 + i);
            aapl.lastPrice = 100_000 + i;
            aapl.lastSize = 10;
            aapl.bidSize = i % 7 == 0 ? 0 : i;  // the bid side empties now and then: delete, then new
            aapl.journalIndex++;
            store.put(aapl);
        }
        SymbolStateRecord msft = record(2, "MSFT", 1, 5, 10_000_000, 2_000_000, 1_990_000, 3, 0, 0, 9000);
        store.put(msft);
        await(() -> expected(aapl).equals(model.quotes("AAPL"))
                && expected(msft).equals(model.quotes("MSFT")));
        // an older record (lower journal index) is never sent
        int xs = model.ofType(MsgType.MARKET_DATA_INCREMENTAL_REFRESH).size();
        store.put(record(2, "MSFT", 0, 0, 0, 0, 0, 0, 0, 0, 5));
        Thread.sleep(300);
        assertEquals(xs, model.ofType(MsgType.MARKET_DATA_INCREMENTAL_REFRESH).size());
        assertEquals(expected(msft), model.quotes("MSFT"));
        // unsubscribed: no more refreshes
        c.request("s1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST, MarketDataMessages.ALL,
                "AAPL");
        Thread.sleep(200);
        aapl.journalIndex++;
        aapl.lastPrice = 1;
        store.put(aapl);
        Thread.sleep(300);
        assertEquals(xs, model.ofType(MsgType.MARKET_DATA_INCREMENTAL_REFRESH).size());
    }

    @Test
    void minIntervalCoalescesButTheLastStateArrives() throws Exception {
        FixGateway gw = gateway(Set.of(), 200);
        SubscriberView model = new SubscriberView();
        client(gw, "DESK1", null, model).request("s2", SubscriptionRequestType.SNAPSHOT_UPDATES,
                MarketDataMessages.TRADE | MarketDataMessages.VOLUME, "AAPL");
        SymbolStateRecord aapl = record(1, "AAPL", 3, 300, 30_000_000, 100_500, 100_400, 200, 100_600, 50, 7);
        long start = System.nanoTime();
        for (int i = 1; i <= 50; i++) {  // 50 changes over about 500 ms
            aapl.trades++;
            aapl.volume++;
            aapl.lastPrice++;
            aapl.lastSize = i;  // the size alone changes too: it is part of the trade entry
            aapl.journalIndex++;
            store.put(aapl);
            Thread.sleep(10);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Map<Character, String> last = Map.of('2', MarketDataMessages.price(aapl.lastPrice) + "/" + aapl.lastSize,
                'B', "/" + aapl.volume);
        await(() -> last.equals(model.quotes("AAPL")));
        int xs = model.ofType(MsgType.MARKET_DATA_INCREMENTAL_REFRESH).size();
        assertTrue(xs <= ms / 200 + 2, xs + " refreshes in " + ms + " ms at one per 200 ms");
    }

    @Test
    void aPortInUseIsOneClearError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            FixGateway gw = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", taken.getLocalPort(),
                    "TICKJOURNAL", Set.of(), 0), line -> { });
            io.tickjournal.TickjournalException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.tickjournal.TickjournalException.class, gw::start);
            assertTrue(e.getMessage().startsWith("fix: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
        }
    }

    @Test
    void aSecondPublisherOnTheSameStateIsRefusedAndTheFirstKeepsServing() throws Exception {
        FixGateway first = gateway(Set.of(), 0);
        FixGateway second = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", 0, "TICKJOURNAL", Set.of(), 0),
                line -> { });
        io.tickjournal.TickjournalException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.tickjournal.TickjournalException.class, second::start);
        assertTrue(e.getMessage().contains("the FIX session store is in use by pid " + ProcessHandle.current().pid()),
                e.getMessage());
        SubscriberView model = new SubscriberView();
        MarketDataClient c = client(first, "DESK1", null, model);
        c.request("a", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL, "AAPL");
        await(() -> model.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).size() == 1);
        first.close();
        FixGateway third = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", 0, "TICKJOURNAL", Set.of(), 0),
                line -> { }).start();
        open.add(third);
        assertTrue(third.port() > 0, "the store is free again once the first publisher closed");
    }

    @Test
    void restartedPublisherAnswersAResendRequestFromItsFileStore() throws Exception {
        FixGateway gw = gateway(Set.of(), 0);
        int port = gw.port();
        SubscriberView model = new SubscriberView();
        Path clientStore = tmp.resolve("client-store");
        MarketDataClient c = client(gw, "DESK1", clientStore, model);
        c.request("a", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL, "AAPL");
        c.request("b", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL, "MSFT");
        await(() -> model.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).size() == 2);
        int next = c.session().getStore().getNextTargetMsgSeqNum();
        c.close();
        gw.close();
        // the client "lost" the two snapshots: it expects them again after reconnecting
        FixGateway again = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", port, "TICKJOURNAL", Set.of(), 0),
                line -> { }).start();
        open.add(again);
        SubscriberView after = new SubscriberView();
        MarketDataClient c2 = new MarketDataClient("127.0.0.1", port, "DESK1", "TICKJOURNAL", clientStore, after,
                line -> { });
        open.add(c2);
        c2.start();
        await(() -> c2.session() != null);
        c2.session().setNextTargetMsgSeqNum(next - 2);
        await(() -> after.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).size() == 2);
        for (Message w : after.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH)) {
            assertTrue(w.getHeader().getBoolean(PossDupFlag.FIELD), "a resent message is marked PossDupFlag=Y");
        }
        assertEquals(model.quotes(), after.quotes());
        assertTrue(c2.session().isLoggedOn());
    }

    private FixGateway gateway(Set<String> allow, long minIntervalMs) {
        FixGateway gw = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", 0, "TICKJOURNAL", allow,
                minIntervalMs), line -> { }).start();
        open.add(gw);
        return gw;
    }

    private final Map<SubscriberView, MarketDataClient> clients = new java.util.HashMap<>();

    private MarketDataClient clientOf(SubscriberView model) {
        return clients.get(model);
    }

    private MarketDataClient client(FixGateway gw, String sender, Path storeDir, SubscriberView model)
            throws Exception {
        return client(gw, sender, storeDir, model, true);
    }

    private MarketDataClient client(FixGateway gw, String sender, Path storeDir, SubscriberView model, boolean logon)
            throws Exception {
        MarketDataClient c = new MarketDataClient("127.0.0.1", gw.port(), sender, "TICKJOURNAL", storeDir, model,
                line -> { });
        open.add(c);
        clients.put(model, c);
        c.start();
        if (logon) {
            assertTrue(c.awaitLoggedOn(10_000), sender + " logged on");
        }
        return c;
    }

    /** The entries a subscriber should hold for the state {@code r}, in the same form. */
    static Map<Character, String> expected(SymbolStateRecord r) {
        Map<Character, String> q = new java.util.HashMap<>();
        if (r.bidSize != 0) {
            q.put('0', MarketDataMessages.price(r.bidPrice) + "/" + r.bidSize);
        }
        if (r.askSize != 0) {
            q.put('1', MarketDataMessages.price(r.askPrice) + "/" + r.askSize);
        }
        if (r.trades != 0) {
            q.put('2', MarketDataMessages.price(r.lastPrice) + "/" + r.lastSize);
        }
        if (r.volume != 0) {
            q.put('9', MarketDataMessages.vwap(r.notional, r.volume) + "/");
        }
        q.put('B', "/" + r.volume);
        return q;
    }

    static SymbolStateRecord record(int locate, String symbol, long trades, long volume, long notional, long last,
                                    long bid, long bidSize, long ask, long askSize, long journalIndex) {
        SymbolStateRecord r = new SymbolStateRecord();
        r.locate = locate;
        r.stock = Symbols.pack(symbol);
        r.trades = trades;
        r.volume = volume;
        r.notional = notional;
        r.lastPrice = last;
        r.lastSize = trades == 0 ? 0 : 100;  // the last trade: 100 shares
        r.bidPrice = bid;
        r.bidSize = bidSize;
        r.askPrice = ask;
        r.askSize = askSize;
        r.eventTimeNs = 34_200_000_000_000L + journalIndex;
        r.journalIndex = journalIndex;
        return r;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(5);
        }
    }
}

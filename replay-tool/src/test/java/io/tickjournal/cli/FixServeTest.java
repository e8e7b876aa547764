package io.tickjournal.cli;

import io.tickjournal.fix.FixGateway;
import io.tickjournal.fix.FixGatewayOptions;
import io.tickjournal.fix.MarketDataClient;
import io.tickjournal.fix.MarketDataMessages;
import io.tickjournal.fix.SubscriberView;
import io.tickjournal.itch.Symbols;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.verify.ReferenceEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.MsgType;
import quickfix.field.SubscriptionRequestType;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FIX publisher over the bundled sample, with QuickFIX/J initiators as clients: snapshots equal
 * {@code tickjournal vwap} (data/golden/vwap.csv), and a subscription during a paced {@code replay --fix-port}
 * ends at the final state.
 */
@Timeout(120)
class FixServeTest {
    @TempDir
    static Path tmp;

    static Path journal;
    /** data/golden/vwap.csv: symbol -> its columns. */
    static final Map<String, String[]> GOLDEN = new HashMap<>();
    /** The last counted trade's shares per symbol, by the reference engine (the CSV has no such column). */
    static final Map<String, Long> LAST_SIZE = new HashMap<>();

    @BeforeAll
    static void importSample() throws IOException {
        journal = tmp.resolve("journal");
        assertEquals(0, TickjournalCommand.execute("import", "--itch", "../data/sample/sample.itch.gz", "--journal",
                journal.toString()));
        List<String> lines = Files.readAllLines(Path.of("../data/golden/vwap.csv"));
        assertEquals(VwapCommand.CSV_HEADER, lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            GOLDEN.put(c[0], c);
        }
        ReferenceEngine reference = new ReferenceEngine(100_000_000L, bar -> { });
        byte[] file;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("../data/sample/sample.itch.gz")))) {
            file = in.readAllBytes();
        }
        for (int p = 0; p + 2 <= file.length; p += 2 + (((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF))) {
            reference.apply(ByteBuffer.wrap(file, p + 2, ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF)).slice());
        }
        for (int locate : reference.locates()) {
            LAST_SIZE.put(reference.row(locate).symbol(), reference.lastSize(locate));
        }
    }

    @Test
    void snapshotOfEverySymbolEqualsTheVwapCommand() throws Exception {
        Path state = tmp.resolve("state-max");
        assertEquals(0, TickjournalCommand.execute("replay", "--journal", journal.toString(), "--state",
                state.toString(), "--pin", "off"));
        try (FixGateway gw = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", 0, "TICKJOURNAL", Set.of(), 0),
                line -> { }).start()) {
            SubscriberView view = new SubscriberView();
            try (MarketDataClient c = client(gw.port(), view)) {
                assertTrue(c.request("all", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL,
                        GOLDEN.keySet().toArray(new String[0])));
                await(() -> view.ofType(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH).size() == GOLDEN.size());
            }
            assertEquals(40, GOLDEN.size());
            for (String[] row : GOLDEN.values()) {
                assertEquals(fromCsv(row), view.quotes(row[0]), row[0]);
            }
        }
    }

    @Test
    void subscriptionDuringAPacedReplayEndsAtTheFinalState() throws Exception {
        Path state = tmp.resolve("state-paced");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        AtomicInteger exit = new AtomicInteger(-1);
        // x10000: the sample's 12 hours of ITCH time in about 4.3 s
        Thread replay = new Thread(() -> exit.set(TickjournalCommand.execute("replay", "--journal",
                journal.toString(), "--state", state.toString(), "--pace", "x10000", "--pin", "off",
                "--fix-port", Integer.toString(port))), "paced-replay");
        replay.start();
        SubscriberView view = new SubscriberView();
        try (MarketDataClient c = client(port, view)) {
            // subscribe once every symbol is in the map, while the replay still runs
            await(() -> symbolsIn(state) == GOLDEN.size());
            assertTrue(replay.isAlive(), "the replay is still running when the subscription starts");
            assertTrue(c.request("sub", SubscriptionRequestType.SNAPSHOT_UPDATES, MarketDataMessages.ALL,
                    GOLDEN.keySet().toArray(new String[0])));
            replay.join(60_000);
            assertEquals(0, exit.get());
            await(() -> !c.logoutTexts().isEmpty() || !c.session().isLoggedOn());
        }
        assertTrue(view.ofType(MsgType.MARKET_DATA_INCREMENTAL_REFRESH).size() > 100,
                view.ofType(MsgType.MARKET_DATA_INCREMENTAL_REFRESH).size() + " incremental refreshes");
        for (String[] row : GOLDEN.values()) {
            assertEquals(fromCsv(row), view.quotes(row[0]), row[0]);
        }
    }

    /** The entries a subscriber must hold for one vwap.csv row, numbers converted without the publisher's code. */
    private static Map<Character, String> fromCsv(String[] c) {
        long trades = Long.parseLong(c[2]);
        Map<Character, String> q = new HashMap<>();
        if (!"0".equals(c[8])) {
            q.put('0', dollars(c[7]) + "/" + c[8]);
        }
        if (!"0".equals(c[10])) {
            q.put('1', dollars(c[9]) + "/" + c[10]);
        }
        if (trades != 0) {
            q.put('2', dollars(c[6]) + "/" + LAST_SIZE.get(c[0]));
        }
        if (!c[5].isEmpty()) {
            q.put('9', c[5] + "/");
        }
        q.put('B', "/" + c[3]);
        return q;
    }

    private static String dollars(String itchPrice) {
        return new BigDecimal(itchPrice).movePointLeft(4).setScale(4).toPlainString();
    }

    private static int symbolsIn(Path state) {
        if (!Files.exists(state.resolve(StateDirectory.MAP_FILE))) {
            return 0;
        }
        try (StateStore store = StateStore.open(state.resolve(StateDirectory.MAP_FILE))) {
            List<String> names = new ArrayList<>();
            SymbolStateRecord r = new SymbolStateRecord();
            for (int locate : store.locates()) {
                if (store.get(locate, r)) {
                    names.add(Symbols.toString(r.stock));
                }
            }
            return (int) names.stream().filter(GOLDEN::containsKey).count();
        } catch (RuntimeException e) {
            return 0; // between the replay's delete and create of the map
        }
    }

    private static MarketDataClient client(int port, SubscriberView view) throws InterruptedException {
        MarketDataClient c = new MarketDataClient("127.0.0.1", port, "DESK1", "TICKJOURNAL", null, view, line -> { })
                .start();
        assertTrue(c.awaitLoggedOn(20_000), "logged on");
        return c;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}

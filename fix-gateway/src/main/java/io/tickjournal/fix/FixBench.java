package io.tickjournal.fix;

import io.tickjournal.itch.Symbols;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import org.HdrHistogram.Histogram;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryTime;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.SubscriptionRequestType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The FIX publisher's numbers (docs/fix.md, "Performance"), with a real QuickFIX/J initiator as the client over
 * loopback TCP, both in this JVM:
 *
 * <ol>
 *   <li>snapshot round trip: one MarketDataRequest (263=0, one symbol, every entry type) at a time, from
 *       sending it to the MarketDataSnapshotFullRefresh in the client's hands;</li>
 *   <li>state change to FIX message: {@code --symbols} symbols subscribed (263=1) while a writer thread puts
 *       records into the state map at {@code --rate} writes/s, round robin over the symbols, as a paced replay's
 *       tailer does. Each write's latency runs from just before its map put to the client's receipt of the first
 *       incremental refresh carrying that state or a newer one (writes coalesced into a later refresh count
 *       with the wait, so none is left out). A second histogram measures from each write's scheduled time
 *       instead, so a writer that fell behind its schedule still counts (coordinated omission);</li>
 *   <li>sustained rate: the same subscription with the writer flat out; incremental refreshes per second
 *       received by the one session.</li>
 * </ol>
 *
 * <p>Run (after {@code bin/tickjournal --version} has built the jars):
 * <pre>
 * java @replay-tool/target/jvm.options -cp 'replay-tool/target/tickjournal.jar:replay-tool/target/lib/*' \
 *     io.tickjournal.fix.FixBench [symbols 100] [rate 100000] [seconds 10] [snapshots 20000]
 * </pre>
 * The state map lives in a temporary directory, deleted at the end. Arguments are name value pairs.
 */
public final class FixBench {
    private static final long DAY_NS = 86_400_000_000_000L;

    private final int symbols;
    private final long rate;
    private final int seconds;
    private final int snapshots;
    private final StateStore store;
    private final SymbolStateRecord[] records;
    /** Client side: per received refresh, the symbol index, the state's write time and the receipt time. */
    private final int[] gotSymbol;
    private final long[] gotWrite;
    private final long[] gotAt;
    private final AtomicLong got = new AtomicLong();
    private final AtomicLong snapshotsGot = new AtomicLong();
    private volatile boolean recording;
    /** System.nanoTime() at the ITCH-time origin of the records: eventTimeNs = write time - origin. */
    private final long origin = System.nanoTime() - 3_600_000_000_000L;

    private FixBench(int symbols, long rate, int seconds, int snapshots, StateStore store) {
        this.symbols = symbols;
        this.rate = rate;
        this.seconds = seconds;
        this.snapshots = snapshots;
        this.store = store;
        this.records = new SymbolStateRecord[symbols];
        int capacity = (int) Math.min(rate * seconds * 2L, 20_000_000L);
        gotSymbol = new int[capacity];
        gotWrite = new long[capacity];
        gotAt = new long[capacity];
    }

    /** Runs the three measurements and prints them; arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        int symbols = (int) arg(args, "symbols", 100);
        long rate = arg(args, "rate", 100_000);
        int seconds = (int) arg(args, "seconds", 10);
        int snapshots = (int) arg(args, "snapshots", 20_000);
        Path dir = Files.createTempDirectory("fixbench");
        try (StateStore store = StateDirectory.prepareFresh(dir.resolve("state")).openStore()) {
            new FixBench(symbols, rate, seconds, snapshots, store).run(dir.resolve("state"));
        } finally {
            org.agrona.IoUtil.delete(dir.toFile(), true);
        }
        System.exit(0); // QuickFIX/J's timer threads would keep the JVM up a while
    }

    private static long arg(String[] args, String name, long defaultValue) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals(name) || args[i].equals("--" + name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return defaultValue;
    }

    private static String name(int i) {
        return String.format("S%03d", i);
    }

    private void run(Path state) throws Exception {
        String[] names = new String[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = name(i);
            SymbolStateRecord r = new SymbolStateRecord();
            r.locate = i + 1;
            r.stock = Symbols.pack(names[i]);
            r.bidPrice = 1_000_000;
            r.bidSize = 100;
            r.askPrice = 1_001_000;
            r.askSize = 100;
            r.eventTimeNs = System.nanoTime() - origin;
            records[i] = r;
            store.put(r);
        }
        System.out.printf("fixbench: %d symbols, %,d writes/s for %d s, %,d snapshots; %d CPUs (shared machine:"
                + " alternate runs and compare ratios)%n", symbols, rate, seconds, snapshots,
                Runtime.getRuntime().availableProcessors());
        try (FixGateway gw = new FixGateway(new FixGatewayOptions(state, "127.0.0.1", 0, "TICKJOURNAL",
                java.util.Set.of(), 0), line -> { }).start();
             MarketDataClient client = new MarketDataClient("127.0.0.1", gw.port(), "BENCH", "TICKJOURNAL", null,
                     this::onMessage, line -> { }).start()) {
            if (!client.awaitLoggedOn(20_000)) {
                throw new IllegalStateException("the bench client did not log on within 20 s");
            }
            snapshotRoundTrip(client);
            client.request("sub", SubscriptionRequestType.SNAPSHOT_UPDATES, MarketDataMessages.ALL, names);
            long until = System.nanoTime() + 20_000_000_000L;
            while (snapshotsGot.get() < snapshots + 5_000L + symbols && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            changeToWire(rate, "paced");
            sustainedRate(gw);
        }
    }

    private void snapshotRoundTrip(MarketDataClient client) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        int warmup = 5_000;
        for (int i = 0; i < warmup + snapshots; i++) {
            long before = snapshotsGot.get();
            long t0 = System.nanoTime();
            client.request("snap", SubscriptionRequestType.SNAPSHOT, MarketDataMessages.ALL, "S000");
            long until = t0 + 10_000_000_000L;
            while (snapshotsGot.get() == before) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("no snapshot within 10 s");
                }
                Thread.onSpinWait();
            }
            if (i >= warmup) {
                h.recordValue(System.nanoTime() - t0);
            }
        }
        print("snapshot round trip (one symbol, 263=0, after " + warmup + " warm-up requests)", h);
    }

    /** Writes at {@code writesPerSecond} (0: flat out) for the configured seconds; returns the writes made. */
    private long write(long writesPerSecond, long[] writeAt, long[] scheduledAt) {
        long n = writesPerSecond == 0 ? Long.MAX_VALUE : writesPerSecond * seconds;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long i = 0;
        for (; i < n; i++) {
            long scheduled = writesPerSecond == 0 ? 0 : start + i * 1_000_000_000L / writesPerSecond;
            long now = System.nanoTime();
            while (writesPerSecond != 0 && now < scheduled) {
                if (scheduled - now > 20_000) {
                    LockSupport.parkNanos(scheduled - now - 10_000);
                }
                now = System.nanoTime();
            }
            if (writesPerSecond == 0 && (i & 1023) == 0 && now > end) {
                break;
            }
            SymbolStateRecord r = records[(int) (i % symbols)];
            r.trades++;
            r.volume += 100;
            r.lastPrice = 1_000_000 + (i & 1023);
            r.notional += 100 * r.lastPrice;
            r.bidSize = 100 + (i & 63);
            r.journalIndex++;
            r.eventTimeNs = (System.nanoTime() - origin) % DAY_NS;
            store.put(r);
            if (writeAt != null && i < writeAt.length) {
                writeAt[(int) i] = r.eventTimeNs;
                scheduledAt[(int) i] = scheduled;
            }
        }
        return i;
    }

    private void changeToWire(long writesPerSecond, String label) throws InterruptedException {
        int n = (int) (writesPerSecond * seconds);
        long[] writeAt = new long[n];
        long[] scheduledAt = new long[n];
        got.set(0);
        recording = true;
        long made = write(writesPerSecond, writeAt, scheduledAt);
        Thread.sleep(1000); // the last refreshes arrive
        recording = false;
        int received = (int) Math.min(got.get(), gotAt.length);
        // per symbol, the refreshes in arrival order (their write times only grow: never an older state)
        int[][] bySymbol = new int[symbols][];
        int[] counts = new int[symbols];
        for (int k = 0; k < received; k++) {
            counts[gotSymbol[k]]++;
        }
        for (int s = 0; s < symbols; s++) {
            bySymbol[s] = new int[counts[s]];
            counts[s] = 0;
        }
        for (int k = 0; k < received; k++) {
            bySymbol[gotSymbol[k]][counts[gotSymbol[k]]++] = k;
        }
        Histogram fromWrite = new Histogram(60_000_000_000L, 3);
        Histogram fromSchedule = new Histogram(60_000_000_000L, 3);
        int[] cursor = new int[symbols];
        long lost = 0;
        for (int i = 0; i < made; i++) {
            int s = i % symbols;
            int[] list = bySymbol[s];
            while (cursor[s] < list.length && gotWrite[list[cursor[s]]] < writeAt[i]) {
                cursor[s]++;
            }
            if (cursor[s] == list.length) {
                lost++;
                continue;
            }
            long at = gotAt[list[cursor[s]]];
            fromWrite.recordValue(Math.max(0, at - (origin + writeAt[i])));
            fromSchedule.recordValue(Math.max(0, at - scheduledAt[i]));
        }
        System.out.printf("%s: %,d writes in %d s to %d symbols, %,d incremental refreshes received (%.1f writes"
                + " per refresh), %,d writes never delivered%n", label, made, seconds, symbols, received,
                received == 0 ? 0.0 : (double) made / received, lost);
        print("map write -> 35=X received, every write (coalesced ones wait for the next refresh)", fromWrite);
        print("scheduled write time -> 35=X received (coordinated omission corrected)", fromSchedule);
    }

    private void sustainedRate(FixGateway gw) throws InterruptedException {
        got.set(0);
        recording = true;
        long sentBefore = gw.incrementalsSent();
        long t0 = System.nanoTime();
        long made = write(0, null, null);
        double s = (System.nanoTime() - t0) / 1e9;
        long received = got.get();
        recording = false;
        System.out.printf("sustained: writer flat out %,d writes in %.1f s; the session received %,.0f incremental"
                + " refreshes/s (%,d sent by the publisher, 5 entries each)%n", made, s, received / s,
                gw.incrementalsSent() - sentBefore);
    }

    private void onMessage(Message m, long receivedNs) throws FieldNotFound {
        String type = m.getHeader().getString(MsgType.FIELD);
        if (MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH.equals(type)) {
            snapshotsGot.incrementAndGet();
        } else if (recording && MsgType.MARKET_DATA_INCREMENTAL_REFRESH.equals(type)) {
            Group g = m.getGroups(NoMDEntries.FIELD).get(0);
            long k = got.getAndIncrement();
            if (k < gotAt.length) {
                String symbol = g.getString(quickfix.field.Symbol.FIELD);
                gotSymbol[(int) k] = Integer.parseInt(symbol, 1, symbol.length(), 10);
                gotWrite[(int) k] = g.getUtcTimeOnly(MDEntryTime.FIELD).toNanoOfDay();
                gotAt[(int) k] = receivedNs;
            }
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%s%n  us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (%,d samples)%n", what,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
    }

    @Override
    public String toString() {
        return "FixBench" + Arrays.asList(symbols, rate, seconds);
    }
}

package io.tickjournal.generate;

import io.tickjournal.itch.ItchEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One generation of an {@link ItchDayGenerator} day: the timeline (preamble, pre-market, opening
 * cross, regular hours, closing cross, post-market, epilogue) and the order-level simulation of the
 * bulk, framed as BinaryFILE (2-byte big-endian length, then the message) into one reused buffer.
 * All state is primitive arrays sized up front; nothing grows with the number of messages.
 */
final class DayRun {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;
    private static final long MIN = 60 * SEC;
    private static final long HOUR = 60 * MIN;

    static final long START_OF_MESSAGES = 3 * HOUR + 55 * MIN;
    static final long ADMINISTRATIVE = 3 * HOUR + 59 * MIN;
    static final long START_OF_SYSTEM_HOURS = 4 * HOUR;
    static final long OPENING_NOII = 9 * HOUR + 29 * MIN;
    static final long START_OF_MARKET_HOURS = 9 * HOUR + 30 * MIN;
    static final long CLOSING_NOII = 15 * HOUR + 59 * MIN;
    static final long CLOSING_CROSS = 16 * HOUR;
    static final long END_OF_MARKET_HOURS = 16 * HOUR + 100 * MS;
    static final long POST_MARKET = 16 * HOUR + SEC;
    static final long POST_MARKET_END = 19 * HOUR + 59 * MIN;
    static final long END_OF_SYSTEM_HOURS = 20 * HOUR;
    static final long END_OF_MESSAGES = 20 * HOUR + 5 * MIN;

    /** S O, S S, S Q, S M, S E, S C. */
    static final int SYSTEM_EVENTS = 6;
    /** V W H Y L K J h h N O. */
    static final int ADMINISTRATIVE_MESSAGES = 11;
    static final int MAX_CROSS_SYMBOLS = 8;

    private static final long CENT = 100;
    private static final long MAX_PRICE = 0xFFFF_FFFFL;
    private static final long FOUR_BILLION_SHARES = 1L << 32;
    private static final byte BUY = 'B';
    private static final byte SELL = 'S';
    private static final String[] MPIDS = {"GSCO", "MSCO", "VIRT", "CDRG", "JPMS", "UBSS", "NITE", "SUSQ"};
    private static final int FRAME_MAX = 2 + 64;

    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(128 * 1024);
    private final SplitMix64 rng;
    private final SymbolUniverse symbols;
    private final LiveOrders orders;
    /** Matches of counted trades (E, C printable, P, Q with shares): what a B normally breaks. */
    private final MatchBag counted = new MatchBag(4096);
    /** Matches that are not counted trades (C non-printable, Q without shares): a rare B's target. */
    private final MatchBag uncounted = new MatchBag(256);
    /** The deletes of fleeting orders, due later in the day. */
    private final PendingCancels pending = new PendingCancels(1 << 16);
    private final long messages;
    private final int crossSymbols;
    private final boolean extras;
    /** Live orders per symbol above which a new order makes room by deleting one (half the capacity). */
    private final int targetDepth;

    private long emitted;
    private long lastTimestamp;
    private long nextRef = 1;
    private long nextMatch = 1;
    private long brokenTrades;
    private int framePos;

    DayRun(int symbolCount, long messages, long seed, OutputStream out) {
        this.out = out;
        this.messages = messages;
        this.rng = new SplitMix64(seed);
        this.symbols = new SymbolUniverse(symbolCount, rng);
        int capacity = Math.max(16, Math.min(512, 1_000_000 / symbolCount));
        this.orders = new LiveOrders(symbolCount, capacity);
        this.targetDepth = capacity / 2;
        this.crossSymbols = Math.min(symbolCount, MAX_CROSS_SYMBOLS);
        long optional = messages - ItchDayGenerator.minimumMessages(symbolCount);
        this.extras = optional >= 4L * extraMessages(crossSymbols);
    }

    /** Administrative messages, NOIIs and crosses, emitted only when the day is long enough. */
    static int extraMessages(int crossSymbols) {
        return ADMINISTRATIVE_MESSAGES + 4 * crossSymbols;
    }

    void run() throws IOException {
        long bulk = messages - ItchDayGenerator.minimumMessages(symbols.count)
            - (extras ? extraMessages(crossSymbols) : 0);
        long pre = bulk * 4 / 100; // extended hours: 4% before the open, 3% after the close
        long post = bulk * 3 / 100;
        systemEvent(START_OF_MESSAGES, 'O');
        for (int s = 0; s < symbols.count; s++) {
            stockDirectory(s, START_OF_MESSAGES + (s + 1) * US);
        }
        if (extras) {
            administrative(ADMINISTRATIVE);
        }
        systemEvent(START_OF_SYSTEM_HOURS, 'S');
        bulk(pre, START_OF_SYSTEM_HOURS, OPENING_NOII, false);
        if (extras) {
            imbalances(OPENING_NOII, (byte) 'O');
        }
        systemEvent(START_OF_MARKET_HOURS, 'Q');
        if (extras) {
            crosses(START_OF_MARKET_HOURS, (byte) 'O');
        }
        bulk(bulk - pre - post, START_OF_MARKET_HOURS + MS, CLOSING_NOII, true);
        if (extras) {
            imbalances(CLOSING_NOII, (byte) 'C');
            crosses(CLOSING_CROSS, (byte) 'C');
        }
        systemEvent(END_OF_MARKET_HOURS, 'M');
        bulk(post, POST_MARKET, POST_MARKET_END, false);
        systemEvent(END_OF_SYSTEM_HOURS, 'E');
        systemEvent(END_OF_MESSAGES, 'C');
        flush();
        if (emitted != messages) {
            throw new IllegalStateException("generated " + emitted + " messages instead of " + messages);
        }
    }

    // ---- framing

    private ByteBuffer begin() throws IOException {
        if (buf.remaining() < FRAME_MAX) {
            flush();
        }
        framePos = buf.position();
        buf.position(framePos + 2);
        return buf;
    }

    private void end(int length) {
        buf.putShort(framePos, (short) length);
        emitted++;
    }

    private void flush() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private int tracking() {
        return (int) (emitted & 0xFFFF);
    }

    /** Timestamps never go backwards, whatever rounding did. */
    private long at(long t) {
        lastTimestamp = Math.max(lastTimestamp, t);
        return lastTimestamp;
    }

    // ---- fixed parts of the day

    private void systemEvent(long t, char code) throws IOException {
        end(ItchEncoder.systemEvent(begin(), 0, tracking(), at(t), (byte) code));
    }

    private void stockDirectory(int s, long t) throws IOException {
        byte category = s < 100 ? (byte) 'Q' : s % 3 == 0 ? (byte) 'G' : (byte) 'S';
        long roundLot = s == symbols.highPriced ? 1 : 100;
        end(ItchEncoder.stockDirectory(begin(), s + 1, tracking(), at(t), symbols.names[s], category, (byte) 'N',
            roundLot, (byte) 'N', (byte) 'C', "Z", (byte) 'P', (byte) 'N', (byte) 'N',
            s < 1000 ? (byte) '1' : (byte) '2', (byte) 'N', 0, (byte) 'N'));
    }

    private void administrative(long t) throws IOException {
        int first = 0;
        int last = symbols.count - 1;
        String firstName = symbols.names[first];
        String lastName = symbols.names[last];
        long px = symbols.mid[first];
        long lastPx = symbols.mid[last];
        // MWCB levels are Price(8)
        end(ItchEncoder.mwcbDeclineLevel(begin(), 0, tracking(), at(t), 386_115_000_000L, 361_109_000_000L,
            330_000_000_000L));
        end(ItchEncoder.mwcbStatus(begin(), 0, tracking(), at(t + MS), (byte) '1'));
        end(ItchEncoder.stockTradingAction(begin(), first + 1, tracking(), at(t + 2 * MS), firstName, (byte) 'T',
            (byte) ' ', ""));
        end(ItchEncoder.regShoRestriction(begin(), last + 1, tracking(), at(t + 3 * MS), lastName, (byte) '0'));
        end(ItchEncoder.marketParticipantPosition(begin(), first + 1, tracking(), at(t + 4 * MS), "GSCO", firstName,
            (byte) 'Y', (byte) 'N', (byte) 'A'));
        end(ItchEncoder.ipoQuotingPeriodUpdate(begin(), last + 1, tracking(), at(t + 5 * MS), lastName, 11 * 3600,
            (byte) 'A', lastPx));
        end(ItchEncoder.luldAuctionCollar(begin(), first + 1, tracking(), at(t + 6 * MS), firstName, px,
            Math.min(MAX_PRICE, px + px / 20), px - px / 20, 0));
        end(ItchEncoder.operationalHalt(begin(), first + 1, tracking(), at(t + 7 * MS), firstName, (byte) 'Q',
            (byte) 'H'));
        end(ItchEncoder.operationalHalt(begin(), first + 1, tracking(), at(t + 8 * MS), firstName, (byte) 'Q',
            (byte) 'T'));
        end(ItchEncoder.rpii(begin(), first + 1, tracking(), at(t + 9 * MS), firstName, (byte) 'B'));
        end(ItchEncoder.dlcrPriceDiscovery(begin(), last + 1, tracking(), at(t + 10 * MS), lastName, (byte) 'Y',
            lastPx - lastPx / 5, Math.min(MAX_PRICE, lastPx + lastPx / 5), lastPx, START_OF_MARKET_HOURS,
            lastPx - lastPx / 10, Math.min(MAX_PRICE, lastPx + lastPx / 10)));
    }

    private void imbalances(long t, byte crossType) throws IOException {
        for (int s = 0; s < crossSymbols; s++) {
            long px = bookMid(s);
            int d = rng.nextInt(3);
            byte direction = d == 0 ? BUY : d == 1 ? SELL : (byte) 'N';
            end(ItchEncoder.noii(begin(), s + 1, tracking(), at(t + s * 100 * MS), 10_000 + rng.nextLong(1_000_000),
                direction == 'N' ? 0 : 100 + rng.nextLong(100_000), direction, symbols.names[s], px, px, px,
                crossType, (byte) 'L'));
        }
    }

    /**
     * Opening cross: the last cross symbol does not cross (0 shares). Closing: the cheapest one crosses over 2^32
     * shares.
     */
    private void crosses(long t, byte crossType) throws IOException {
        int cheapest = 0;
        for (int s = 1; s < crossSymbols; s++) {
            if (symbols.mid[s] < symbols.mid[cheapest]) {
                cheapest = s;
            }
        }
        for (int s = 0; s < crossSymbols; s++) {
            long shares;
            if (crossType == 'O') {
                shares = s == crossSymbols - 1 ? 0 : 10_000 + rng.nextLong(2_000_000);
            } else {
                shares = s == cheapest
                        ? FOUR_BILLION_SHARES + rng.nextLong(1_000_000) : 50_000 + rng.nextLong(5_000_000);
            }
            long match = nextMatch++;
            end(ItchEncoder.crossTrade(begin(), s + 1, tracking(), at(t + (s + 1) * US), shares, symbols.names[s],
                bookMid(s), match, crossType));
            (shares > 0 ? counted : uncounted).add(match, s + 1, rng);
        }
    }

    // ---- the bulk: order-level simulation with matching, so that no book is ever crossed or locked

    /**
     * {@code count} messages spread over [t0, t1); with {@code busyEdges} more of them near both ends
     * (a U-shaped intraday intensity, 2.5x at the open and close vs 0.77x at midday). The messages of one
     * event (a marketable order's executions and its resting remainder) share one timestamp, as on NASDAQ.
     */
    private void bulk(long count, long t0, long t1, boolean busyEdges) throws IOException {
        long first = emitted;
        long end = emitted + count;
        double span = t1 - t0;
        while (emitted < end) {
            double x = (emitted - first + 0.5) / count;
            if (busyEdges) {
                double c = x - 0.5;
                x = 1.3 * x - 1.2 * c * c * c - 0.15; // monotone, f(0) = 0, f(1) = 1, f' from 0.4 to 1.3
            }
            long t = t0 + (long) (span * x);
            while (emitted < end && pending.dueBy(t)) {
                fleetingCancel();
            }
            if (emitted < end) {
                event(at(t), end - emitted);
            }
        }
    }

    /** The earliest promised delete, if its order is still live (not executed, replaced or deleted since). */
    private void fleetingCancel() throws IOException {
        long time = pending.firstDue();
        long ref = pending.firstRef();
        int s = pending.firstSymbol();
        pending.removeFirst();
        int slot = orders.find(s, ref);
        if (slot >= 0) {
            delete(s, slot, at(time));
        }
    }

    /**
     * One order-flow event of a symbol, at most {@code budget} messages. The shares of the events are the
     * mix the generator aims for (class javadoc of {@link ItchDayGenerator}, per 10,000 events).
     */
    private void event(long t, long budget) throws IOException {
        int s = symbols.pick(rng);
        int r = rng.nextInt(10_000);
        if ((r & 7) == 0) {
            symbols.walk(s, rng);
        }
        int live = orders.count(s);
        if (live < 2) {
            passive(s, t, live == 0 ? rng.nextBoolean() ? BUY : SELL : opposite(orders.side(orders.slot(s, 0))));
        } else if (live >= orders.capacity || r >= 6_350 && r < 8_190 || (r < 6_350 || r >= 9_997)
                && live >= targetDepth) {
            delete(s, youngOrder(s), t);
        } else if (r < 6_350 || r >= 9_997) {
            passive(s, t, rng.nextBoolean() ? BUY : SELL);
        } else if (r < 9_240) {
            replace(s, youngOrder(s), t);
        } else if (r < 9_420) {
            cancel(s, youngOrder(s), t);
        } else if (r < 9_840) {
            marketable(s, t, budget);
        } else if (r < 9_985) {
            hidden(s, t);
        } else {
            broken(s, t);
        }
    }

    /** The mid of the displayed quote rounded down to a cent, or the fair price while a side is empty. */
    private long bookMid(int s) {
        long bid = orders.bestBid(s);
        long ask = orders.bestAsk(s);
        return bid == LiveOrders.NONE || ask == LiveOrders.NONE ? symbols.mid[s] : (bid + ask) / 2 / CENT * CENT;
    }

    private static byte opposite(byte side) {
        return side == BUY ? SELL : BUY;
    }

    /**
     * A live order of symbol s, biased to the young: the newer of two drawn at random. Real order flow
     * cancels most orders within a second of adding them while a few rest for hours.
     */
    private int youngOrder(int s) {
        int a = orders.slot(s, rng.nextInt(orders.count(s)));
        int b = orders.slot(s, rng.nextInt(orders.count(s)));
        return orders.ref(a) > orders.ref(b) ? a : b;
    }

    /** The highest price a buy may rest at (one tick under the best ask), or the lowest for a sell. */
    private long restingLimit(int s, byte side, long price) {
        if (side == BUY) {
            long ask = orders.bestAsk(s);
            return ask == LiveOrders.NONE ? price : Math.min(price, ask - CENT);
        }
        long bid = orders.bestBid(s);
        return Math.max(price, bid + CENT);
    }

    /** A limit order that does not cross: near the fair price, at most one tick inside the other side. */
    private void passive(int s, long t, byte side) throws IOException {
        long price = restingLimit(s, side, symbols.quote(s, side, rng));
        if (price < CENT || price > MAX_PRICE) {
            side = opposite(side); // a buy under one cent cannot rest; the sell side always can
            price = restingLimit(s, side, symbols.quote(s, side, rng));
        }
        long ref = rest(s, t, side, symbols.shares(s, rng), price, rng.nextInt(30) == 0);
        if (rng.nextInt(5) < 3) {
            // fleeting (3 passive orders in 5): deleted after 100 us to 2 s, log-uniform (median 14 ms)
            pending.add(t + (long) (100 * US * StrictMath.pow(20_000, rng.nextDouble())), ref, s);
        }
    }

    /** Adds a resting order (A, or F with an MPID) and returns its reference. */
    private long rest(int s, long t, byte side, long shares, long price, boolean withMpid) throws IOException {
        long ref = nextRef++;
        orders.add(s, ref, side, shares, price);
        if (withMpid) {
            end(ItchEncoder.addOrderMpid(begin(), s + 1, tracking(), t, ref, side, shares, symbols.names[s], price,
                MPIDS[rng.nextInt(MPIDS.length)]));
        } else {
            end(ItchEncoder.addOrder(begin(), s + 1, tracking(), t, ref, side, shares, symbols.names[s], price));
        }
        return ref;
    }

    /**
     * An incoming order priced through the other side: it executes against the resting orders in price
     * then time priority (one E, or now and then a C, per resting order met, with that order's reference
     * and a fresh match number; the last one may be a partial fill), then its remainder rests at its limit
     * (a day order, 70%) or is cancelled unseen (immediate-or-cancel). The side leans toward the fair price.
     */
    private void marketable(int s, long t, long budget) throws IOException {
        long bid = orders.bestBid(s);
        long ask = orders.bestAsk(s);
        long mid = bookMid(s);
        byte side = rng.nextInt(100) < (symbols.mid[s] > mid ? 65 : symbols.mid[s] < mid ? 35 : 50) ? BUY : SELL;
        long through = rng.nextInt(3) * CENT;
        long limit = side == BUY ? ask == LiveOrders.NONE ? symbols.mid[s] : ask + through
            : bid == LiveOrders.NONE ? symbols.mid[s] : Math.max(CENT, bid - through);
        long wanted = symbols.shares(s, rng);
        long used = 0;
        byte restingSide = opposite(side);
        for (int slot = orders.first(s, restingSide); wanted > 0 && used < budget && slot >= 0
                && (side == BUY ? orders.price(slot) <= limit : orders.price(slot) >= limit);
                slot = orders.first(s, restingSide)) {
            long qty = Math.min(wanted, orders.shares(slot));
            fill(s, slot, qty, t);
            wanted -= qty;
            used++;
        }
        boolean crosses = side == BUY ? orders.bestAsk(s) != LiveOrders.NONE && limit >= orders.bestAsk(s)
            : limit <= orders.bestBid(s);
        if (wanted > 0 && !crosses && used < budget && rng.nextInt(10) < 7) {
            rest(s, t, side, wanted, limit, false);
        }
    }

    private void fill(int s, int slot, long qty, long t) throws IOException {
        long match = nextMatch++;
        if (rng.nextInt(40) == 0) {
            boolean printable = rng.nextInt(4) != 0;
            end(ItchEncoder.orderExecutedWithPrice(begin(), s + 1, tracking(), t, orders.ref(slot), qty, match,
                printable ? (byte) 'Y' : (byte) 'N', orders.price(slot)));
            (printable ? counted : uncounted).add(match, s + 1, rng);
        } else {
            end(ItchEncoder.orderExecuted(begin(), s + 1, tracking(), t, orders.ref(slot), qty, match));
            counted.add(match, s + 1, rng);
        }
        if (qty == orders.shares(slot)) {
            orders.remove(s, slot);
        } else {
            orders.reduce(slot, qty);
        }
    }

    private void delete(int s, int slot, long t) throws IOException {
        end(ItchEncoder.orderDelete(begin(), s + 1, tracking(), t, orders.ref(slot)));
        orders.remove(s, slot);
    }

    private void cancel(int s, int slot, long t) throws IOException {
        long remaining = orders.shares(slot);
        if (remaining < 2) {
            delete(s, slot, t);
            return;
        }
        long qty = 1 + rng.nextLong(remaining - 1);
        end(ItchEncoder.orderCancel(begin(), s + 1, tracking(), t, orders.ref(slot), qty));
        orders.reduce(slot, qty);
    }

    /** A new price on the same side that does not cross (a quote moved), new size, new reference. */
    private void replace(int s, int slot, long t) throws IOException {
        byte side = orders.side(slot);
        long price = restingLimit(s, side, symbols.quote(s, side, rng));
        if (price < CENT || price > MAX_PRICE) {
            delete(s, slot, t);
            return;
        }
        long ref = nextRef++;
        long shares = symbols.shares(s, rng);
        end(ItchEncoder.orderReplace(begin(), s + 1, tracking(), t, orders.ref(slot), ref, shares, price));
        orders.replace(s, slot, ref, shares, price);
    }

    /**
     * A hidden (non-displayed) order executes; it has its own fresh reference and trades inside the
     * spread (at the mid of the displayed quote, rounded down to a cent), so it never prints through it.
     */
    private void hidden(int s, long t) throws IOException {
        long price = bookMid(s);
        long match = nextMatch++;
        end(ItchEncoder.trade(begin(), s + 1, tracking(), t, nextRef++, rng.nextBoolean() ? BUY : SELL,
            symbols.shares(s, rng), symbols.names[s], price, match));
        counted.add(match, s + 1, rng);
    }

    /** Breaks an earlier counted trade; every 8th break names an earlier non-counted match instead. */
    private void broken(int s, long t) throws IOException {
        MatchBag bag = (brokenTrades + 1) % 8 == 0 && !uncounted.isEmpty() ? uncounted : counted;
        if (bag.isEmpty()) {
            hidden(s, t);
            return;
        }
        brokenTrades++;
        bag.take(rng);
        end(ItchEncoder.brokenTrade(begin(), bag.takenLocate(), tracking(), t, bag.takenMatch()));
    }
}

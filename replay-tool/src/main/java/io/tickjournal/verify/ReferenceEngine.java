package io.tickjournal.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The correctness oracle of {@code tickjournal verify}: a deliberately simple, independent model
 * of the ITCH 5.0 order books and the VWAP rules of docs/architecture.md. It parses each message
 * itself at the spec's byte offsets (big-endian {@link ByteBuffer} reads, no project decoder),
 * keeps its state in plain {@code java.util} collections (orders and trades in {@link HashMap}s,
 * each book side a {@link TreeMap} from price to shares) and shares no code with the fast engine
 * ({@code io.tickjournal.book}, {@code vwap}, {@code engine}). Slow and obviously right is the
 * point: when the two disagree, one of them is wrong, and this one is short enough to read.
 *
 * <p>Rules, as docs/architecture.md states them: E counts at the resting order's price; C counts only
 * when printable is 'Y', at its own price (the book is reduced either way); P counts; Q counts
 * when its 8-byte shares are above 0; B takes the first counted trade with its match number out
 * of the session totals (never out of a bar nor the last price). Bars: tumbling windows of W ns
 * on the ITCH timestamp, closed by the first message at or past the window's end or by the
 * end-of-messages event (S 'C'); one bar per symbol that traded, in locate order.
 *
 * <p>Where the feed contradicts itself (a reference to an order that is not live, an add for a
 * live reference, more shares executed or cancelled than rest), the message changes nothing it
 * cannot: unknown orders are ignored, duplicate adds are ignored (first add wins), reductions
 * stop at what rests. The caller passes only messages of a known type and the spec's length
 * ({@link #specLength}).
 *
 * <p>Not thread-safe. Allocates freely.
 */
public final class ReferenceEngine {
    /** ITCH 5.0 message lengths by type, from the spec's table (docs/journal-format.md). */
    private static final Map<Character, Integer> LENGTHS = Map.ofEntries(
            Map.entry('S', 12), Map.entry('R', 39), Map.entry('H', 25), Map.entry('Y', 20), Map.entry('L', 26),
            Map.entry('V', 35), Map.entry('W', 12), Map.entry('K', 28), Map.entry('J', 35), Map.entry('h', 21),
            Map.entry('A', 36), Map.entry('F', 40), Map.entry('E', 31), Map.entry('C', 36), Map.entry('X', 23),
            Map.entry('D', 19), Map.entry('U', 35), Map.entry('P', 44), Map.entry('Q', 40), Map.entry('B', 19),
            Map.entry('I', 50), Map.entry('N', 20), Map.entry('O', 48));

    private record Order(int locate, byte side, long price, long shares) {
    }

    private record Trade(int locate, long price, long shares) {
    }

    private static final class Totals {
        long trades;
        long volume;
        long notional;
        long last;
        long lastShares;
    }

    private static final class OpenBar {
        long trades;
        long volume;
        long notional;
        long open;
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long close;
    }

    private final long windowNs;
    private final Consumer<BarRow> bars;
    /** Raw 8-byte stock field of each locate's stock directory message. */
    private final Map<Integer, byte[]> stocks = new HashMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    private final Map<Long, Trade> trades = new HashMap<>();
    private final Map<Integer, Totals> totals = new HashMap<>();
    private final Map<Integer, NavigableMap<Long, Long>> bids = new HashMap<>();
    private final Map<Integer, NavigableMap<Long, Long>> asks = new HashMap<>();
    private final TreeMap<Integer, OpenBar> window = new TreeMap<>();
    private long windowStart = -1;
    private int orderLocate = -1;
    private long messages;

    /**
     * @param windowNs bar window in nanoseconds of ITCH time
     * @param bars     receives each bar as its window closes, in bar stream order
     */
    public ReferenceEngine(long windowNs, Consumer<BarRow> bars) {
        if (windowNs <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowNs);
        }
        this.windowNs = windowNs;
        this.bars = bars;
    }

    /** The spec's length of messages of {@code type}, or -1 for a type ITCH 5.0 does not define. */
    public static int specLength(byte type) {
        return LENGTHS.getOrDefault((char) (type & 0xFF), -1);
    }

    /**
     * Applies one ITCH message: {@code m} holds exactly its bytes from index 0, of a known type
     * and the spec's length.
     */
    public void apply(ByteBuffer m) {
        m = m.duplicate().order(ByteOrder.BIG_ENDIAN);
        messages++;
        orderLocate = -1;
        char type = (char) m.get(0);
        int locate = m.getShort(1) & 0xFFFF;
        long t = ((m.getShort(5) & 0xFFFFL) << 32) | (m.getInt(7) & 0xFFFFFFFFL);
        if (windowStart >= 0 && t >= windowStart + windowNs) {
            closeWindow();
        }
        if (windowStart < 0) {
            windowStart = t - t % windowNs;
        }
        switch (type) {
            case 'S' -> {
                if (m.get(11) == 'C') {
                    closeWindow();
                }
            }
            case 'R' -> {
                byte[] stock = new byte[8];
                m.get(11, stock);
                stocks.put(locate, stock);
            }
            case 'A', 'F' -> addOrder(m.getLong(11), locate, m.get(19), u32(m, 32), u32(m, 20));
            case 'E' -> {
                Order o = orders.get(m.getLong(11));
                if (o != null) {
                    long shares = u32(m, 19);
                    reduce(m.getLong(11), shares);
                    count(o.locate(), m.getLong(23), o.price(), shares);
                }
            }
            case 'C' -> {
                Order o = orders.get(m.getLong(11));
                long shares = u32(m, 19);
                if (o != null) {
                    reduce(m.getLong(11), shares);
                }
                if (m.get(31) == 'Y') {
                    count(o == null ? locate : o.locate(), m.getLong(23), u32(m, 32), shares);
                }
            }
            case 'X' -> reduce(m.getLong(11), u32(m, 19));
            case 'D' -> reduce(m.getLong(11), Long.MAX_VALUE);
            case 'U' -> {
                Order old = orders.get(m.getLong(11));
                if (old != null) {
                    reduce(m.getLong(11), Long.MAX_VALUE);
                    addOrder(m.getLong(19), old.locate(), old.side(), u32(m, 31), u32(m, 27));
                    orderLocate = old.locate();
                }
            }
            case 'P' -> count(locate, m.getLong(36), u32(m, 32), u32(m, 20));
            case 'Q' -> {
                long shares = m.getLong(11); // 8 bytes (spec 1.3.3), unlike juncture 1.0.0's 4
                if (shares > 0) {
                    count(locate, m.getLong(31), u32(m, 27), shares);
                }
            }
            case 'B' -> {
                Trade tr = trades.remove(m.getLong(11));
                if (tr != null) {
                    Totals s = totals.get(tr.locate());
                    s.trades--;
                    s.volume -= tr.shares();
                    s.notional -= tr.price() * tr.shares();
                }
            }
            default -> {
            }
        }
    }

    private void addOrder(long ref, int locate, byte side, long price, long shares) {
        if (orders.containsKey(ref)) {
            return; // first add wins
        }
        orders.put(ref, new Order(locate, side, price, shares));
        book(locate, side).merge(price, shares, Long::sum);
    }

    /** Takes up to {@code shares} out of a live order and its level; nothing for an unknown order. */
    private void reduce(long ref, long shares) {
        Order o = orders.get(ref);
        if (o == null) {
            return;
        }
        orderLocate = o.locate();
        long taken = Math.min(shares, o.shares());
        NavigableMap<Long, Long> book = book(o.locate(), o.side());
        long left = book.get(o.price()) - taken;
        if (left <= 0) {
            book.remove(o.price());
        } else {
            book.put(o.price(), left);
        }
        if (taken == o.shares()) {
            orders.remove(ref);
        } else {
            orders.put(ref, new Order(o.locate(), o.side(), o.price(), o.shares() - taken));
        }
    }

    private NavigableMap<Long, Long> book(int locate, byte side) {
        return (side == 'B' ? bids : asks).computeIfAbsent(locate, k -> new TreeMap<>());
    }

    private void count(int locate, long match, long price, long shares) {
        trades.putIfAbsent(match, new Trade(locate, price, shares)); // a repeated match number: the first is breakable
        Totals s = totals.computeIfAbsent(locate, k -> new Totals());
        s.trades++;
        s.volume += shares;
        s.notional += price * shares;
        s.last = price;
        s.lastShares = shares;
        OpenBar bar = window.computeIfAbsent(locate, k -> new OpenBar());
        if (bar.trades == 0) {
            bar.open = price;
        }
        bar.trades++;
        bar.volume += shares;
        bar.notional += price * shares;
        bar.high = Math.max(bar.high, price);
        bar.low = Math.min(bar.low, price);
        bar.close = price;
    }

    private void closeWindow() {
        for (Map.Entry<Integer, OpenBar> e : window.entrySet()) {
            OpenBar b = e.getValue();
            bars.accept(new BarRow(symbol(e.getKey()), e.getKey(), windowStart, b.trades, b.volume, b.notional,
                    b.open, b.high, b.low, b.close));
        }
        window.clear();
        windowStart = -1;
    }

    /** Locate of the resting order the last message (E, C, X, D, U) referred to, or -1. */
    public int lastOrderLocate() {
        return orderLocate;
    }

    /** Messages applied. */
    public long messages() {
        return messages;
    }

    /** Shares of the latest counted trade of {@code locate} (the state map's last_size); 0 before. */
    public long lastSize(int locate) {
        Totals s = totals.get(locate);
        return s == null ? 0 : s.lastShares;
    }

    /** The state of {@code locate}: zeros and "" for a symbol never seen. */
    public SymbolRow row(int locate) {
        Totals s = totals.getOrDefault(locate, new Totals());
        NavigableMap<Long, Long> bid = bids.getOrDefault(locate, new TreeMap<>());
        NavigableMap<Long, Long> ask = asks.getOrDefault(locate, new TreeMap<>());
        return new SymbolRow(symbol(locate), locate, s.trades, s.volume, s.notional, s.last,
                bid.isEmpty() ? 0 : bid.lastKey(), bid.isEmpty() ? 0 : bid.lastEntry().getValue(),
                ask.isEmpty() ? 0 : ask.firstKey(), ask.isEmpty() ? 0 : ask.firstEntry().getValue());
    }

    /** Every locate the journal named: in the stock directory, in a counted trade or in an order. */
    public SortedSet<Integer> locates() {
        SortedSet<Integer> all = new TreeSet<>(stocks.keySet());
        all.addAll(totals.keySet());
        all.addAll(bids.keySet());
        all.addAll(asks.keySet());
        return all;
    }

    /** Every level of one side ('B' or 'S'), best first, as "price x shares". */
    public java.util.List<String> depth(int locate, byte side) {
        java.util.List<String> levels = new java.util.ArrayList<>();
        NavigableMap<Long, Long> book = (side == 'B' ? bids : asks).getOrDefault(locate, new TreeMap<>());
        for (Map.Entry<Long, Long> e : (side == 'B' ? book.descendingMap() : book).entrySet()) {
            levels.add(e.getKey() + "x" + e.getValue());
        }
        return levels;
    }

    /** The stock directory's 8 raw symbol bytes of {@code locate} (space padded), zeros when none. */
    public byte[] stockBytes(int locate) {
        return stocks.getOrDefault(locate, new byte[8]).clone();
    }

    /** The symbol of {@code locate}, trailing spaces and NULs removed; "" when none. */
    public String symbol(int locate) {
        byte[] s = stocks.get(locate);
        if (s == null) {
            return "";
        }
        int end = s.length;
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == 0)) {
            end--;
        }
        return new String(s, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static long u32(ByteBuffer m, int offset) {
        return m.getInt(offset) & 0xFFFFFFFFL;
    }
}

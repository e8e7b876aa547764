package io.tickjournal.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A deliberately simple, independent model of the VWAP rules and order books, for tests only:
 * its own big-endian parsing at the spec's offsets (no project decoder), java.util maps, no
 * code shared with the fast engine. Slow and obviously right is the point.
 */
final class ReferenceModel {
    record BarRow(String symbol, long windowStartNs, long trades, long volume, long notional,
                  long open, long high, long low, long close) {
    }

    record Row(String symbol, int locate, long trades, long volume, long notional, long lastPrice,
               long bidPrice, long bidSize, long askPrice, long askSize) {
    }

    private record Order(int locate, byte side, long price, long shares) {
    }

    private record Trade(int locate, long price, long shares) {
    }

    private static final class Totals {
        long trades;
        long volume;
        long notional;
        long last;
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
    private final Map<Integer, String> symbols = new TreeMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    private final Map<Long, Trade> trades = new HashMap<>();
    private final Map<Integer, Totals> totals = new TreeMap<>();
    private final Map<Integer, NavigableMap<Long, Long>> bids = new HashMap<>();
    private final Map<Integer, NavigableMap<Long, Long>> asks = new HashMap<>();
    private final TreeMap<Integer, OpenBar> window = new TreeMap<>();
    private long windowStart = -1;
    final List<BarRow> bars = new ArrayList<>();

    ReferenceModel(long windowNs) {
        this.windowNs = windowNs;
    }

    /** Applies every message of a BinaryFILE held in {@code file}. */
    void applyBinaryFile(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        while (b.remaining() >= 2) {
            int len = b.getShort() & 0xFFFF;
            ByteBuffer m = b.slice(b.position(), len);
            b.position(b.position() + len);
            apply(m);
        }
    }

    void apply(ByteBuffer m) {
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
            case 'R' -> symbols.put(locate, text(m, 11, 8));
            case 'A', 'F' -> addOrder(m.getLong(11), locate, m.get(19), u32(m, 32), u32(m, 20));
            case 'E' -> {
                Order o = orders.get(m.getLong(11));
                long shares = u32(m, 19);
                reduce(m.getLong(11), shares);
                count(o.locate(), m.getLong(23), o.price(), shares);
            }
            case 'C' -> {
                Order o = orders.get(m.getLong(11));
                long shares = u32(m, 19);
                reduce(m.getLong(11), shares);
                if (m.get(31) == 'Y') {
                    count(o.locate(), m.getLong(23), u32(m, 32), shares);
                }
            }
            case 'X' -> reduce(m.getLong(11), u32(m, 19));
            case 'D' -> reduce(m.getLong(11), orders.get(m.getLong(11)).shares());
            case 'U' -> {
                Order old = orders.get(m.getLong(11));
                reduce(m.getLong(11), old.shares());
                addOrder(m.getLong(19), old.locate(), old.side(), u32(m, 31), u32(m, 27));
            }
            case 'P' -> count(locate, m.getLong(36), u32(m, 32), u32(m, 20));
            case 'Q' -> {
                long shares = m.getLong(11); // 8 bytes (spec 1.3.3)
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
        orders.put(ref, new Order(locate, side, price, shares));
        book(locate, side).merge(price, shares, Long::sum);
    }

    private void reduce(long ref, long shares) {
        Order o = orders.get(ref);
        NavigableMap<Long, Long> book = book(o.locate(), o.side());
        long left = book.get(o.price()) - shares;
        if (left == 0) {
            book.remove(o.price());
        } else {
            book.put(o.price(), left);
        }
        if (o.shares() == shares) {
            orders.remove(ref);
        } else {
            orders.put(ref, new Order(o.locate(), o.side(), o.price(), o.shares() - shares));
        }
    }

    private NavigableMap<Long, Long> book(int locate, byte side) {
        return (side == 'B' ? bids : asks).computeIfAbsent(locate, k -> new TreeMap<>());
    }

    private void count(int locate, long match, long price, long shares) {
        trades.put(match, new Trade(locate, price, shares));
        Totals s = totals.computeIfAbsent(locate, k -> new Totals());
        s.trades++;
        s.volume += shares;
        s.notional += price * shares;
        s.last = price;
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
            bars.add(new BarRow(symbols.getOrDefault(e.getKey(), ""), windowStart, b.trades, b.volume, b.notional,
                    b.open, b.high, b.low, b.close));
        }
        window.clear();
        windowStart = -1;
    }

    /** Best bid price, its shares, best ask price, its shares; 0 for an empty side. */
    long[] topOfBook(int locate) {
        NavigableMap<Long, Long> bid = book(locate, (byte) 'B');
        NavigableMap<Long, Long> ask = book(locate, (byte) 'S');
        return new long[]{bid.isEmpty() ? 0 : bid.lastKey(), bid.isEmpty() ? 0 : bid.lastEntry().getValue(),
                ask.isEmpty() ? 0 : ask.firstKey(), ask.isEmpty() ? 0 : ask.firstEntry().getValue()};
    }

    /** Every level of one side, best first, as "price x shares". */
    List<String> depth(int locate, byte side) {
        List<String> levels = new ArrayList<>();
        NavigableMap<Long, Long> book = book(locate, side);
        for (Map.Entry<Long, Long> e : (side == 'B' ? book.descendingMap() : book).entrySet()) {
            levels.add(e.getKey() + "x" + e.getValue());
        }
        return levels;
    }

    /** The locates of the stock directory, ascending. */
    List<Integer> locates() {
        return new ArrayList<>(symbols.keySet());
    }

    /** One row per symbol of the directory, ascending locate. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> e : symbols.entrySet()) {
            int locate = e.getKey();
            Totals s = totals.getOrDefault(locate, new Totals());
            NavigableMap<Long, Long> bid = book(locate, (byte) 'B');
            NavigableMap<Long, Long> ask = book(locate, (byte) 'S');
            rows.add(new Row(e.getValue(), locate, s.trades, s.volume, s.notional, s.last,
                    bid.isEmpty() ? 0 : bid.lastKey(), bid.isEmpty() ? 0 : bid.lastEntry().getValue(),
                    ask.isEmpty() ? 0 : ask.firstKey(), ask.isEmpty() ? 0 : ask.firstEntry().getValue()));
        }
        return rows;
    }

    private static long u32(ByteBuffer m, int offset) {
        return m.getInt(offset) & 0xFFFFFFFFL;
    }

    private static String text(ByteBuffer m, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) m.get(offset + i));
        }
        return sb.toString().trim();
    }
}

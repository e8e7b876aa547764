package io.tickjournal.generate;

/**
 * The generator's resting orders: per symbol at most {@code capacity} orders, slot
 * {@code s * capacity + i}, removed by swapping in the last one. An order's fields are interleaved
 * in one primitive array (reference, shares, price, side) so that touching an order costs one cache
 * miss, not four. Memory is fixed at construction, whatever the length of the day.
 *
 * <p>The best bid and best ask of each symbol are cached and rescanned only after the order that
 * held one of them leaves or moves (about one removal in ten at the generator's depths), so asking
 * for them costs O(1) most of the time. Not thread-safe.
 */
final class LiveOrders {
    private static final int STRIDE = 4;
    private static final int REF = 0;
    private static final int SHARES = 1;
    private static final int PRICE = 2;
    private static final int SIDE = 3;
    /** Best price of an empty side. */
    static final long NONE = 0;
    private static final byte BUY = 'B';

    final int capacity;
    private final int[] counts;
    private final long[] data;
    private final long[] bestBid;
    private final long[] bestAsk;
    private final boolean[] stale;

    LiveOrders(int symbols, int capacity) {
        this.capacity = capacity;
        counts = new int[symbols];
        data = new long[symbols * capacity * STRIDE];
        bestBid = new long[symbols];
        bestAsk = new long[symbols];
        stale = new boolean[symbols];
    }

    int count(int s) {
        return counts[s];
    }

    /** Slot of the i-th live order of symbol s, {@code 0 <= i < count(s)}. */
    int slot(int s, int i) {
        return s * capacity + i;
    }

    void add(int s, long ref, byte side, long qty, long price) {
        int at = slot(s, counts[s]++) * STRIDE;
        data[at + REF] = ref;
        data[at + SHARES] = qty;
        data[at + PRICE] = price;
        data[at + SIDE] = side;
        improve(s, side, price);
    }

    void remove(int s, int slot) {
        int at = slot * STRIDE;
        touchBest(s, at);
        int last = slot(s, --counts[s]) * STRIDE;
        System.arraycopy(data, last, data, at, STRIDE);
    }

    /** Replaces the order in place: new reference, shares and price, same side and symbol. */
    void replace(int s, int slot, long ref, long qty, long price) {
        int at = slot * STRIDE;
        touchBest(s, at);
        data[at + REF] = ref;
        data[at + SHARES] = qty;
        data[at + PRICE] = price;
        improve(s, (byte) data[at + SIDE], price);
    }

    long ref(int slot) {
        return data[slot * STRIDE + REF];
    }

    long shares(int slot) {
        return data[slot * STRIDE + SHARES];
    }

    long price(int slot) {
        return data[slot * STRIDE + PRICE];
    }

    byte side(int slot) {
        return (byte) data[slot * STRIDE + SIDE];
    }

    void reduce(int slot, long qty) {
        data[slot * STRIDE + SHARES] -= qty;
    }

    /** Slot of the live order {@code ref} of symbol s, or -1 if it has left the book. */
    int find(int s, long ref) {
        int end = (s * capacity + counts[s]) * STRIDE;
        for (int at = s * capacity * STRIDE; at < end; at += STRIDE) {
            if (data[at + REF] == ref) {
                return at / STRIDE;
            }
        }
        return -1;
    }

    /** Highest resting buy price of symbol s, or {@link #NONE}. */
    long bestBid(int s) {
        refresh(s);
        return bestBid[s];
    }

    /** Lowest resting sell price of symbol s, or {@link #NONE}. */
    long bestAsk(int s) {
        refresh(s);
        return bestAsk[s];
    }

    /**
     * The order a marketable order on the other side meets first: best price on {@code side}, then the
     * oldest (lowest reference: a replace takes a new one and loses its place, as on NASDAQ); -1 if none.
     */
    int first(int s, byte side) {
        int best = -1;
        long bestPrice = 0;
        long bestRef = 0;
        int end = (s * capacity + counts[s]) * STRIDE;
        for (int at = s * capacity * STRIDE; at < end; at += STRIDE) {
            if (data[at + SIDE] != side) {
                continue;
            }
            long p = data[at + PRICE];
            boolean better = best < 0 || (side == BUY ? p > bestPrice : p < bestPrice)
                || p == bestPrice && data[at + REF] < bestRef;
            if (better) {
                best = at / STRIDE;
                bestPrice = p;
                bestRef = data[at + REF];
            }
        }
        return best;
    }

    private void improve(int s, byte side, long price) {
        if (stale[s]) {
            return;
        }
        if (side == BUY) {
            if (bestBid[s] == NONE || price > bestBid[s]) {
                bestBid[s] = price;
            }
        } else if (bestAsk[s] == NONE || price < bestAsk[s]) {
            bestAsk[s] = price;
        }
    }

    private void touchBest(int s, int at) {
        long p = data[at + PRICE];
        if (p == (data[at + SIDE] == BUY ? bestBid[s] : bestAsk[s])) {
            stale[s] = true;
        }
    }

    private void refresh(int s) {
        if (!stale[s]) {
            return;
        }
        long bid = NONE;
        long ask = NONE;
        int end = (s * capacity + counts[s]) * STRIDE;
        for (int at = s * capacity * STRIDE; at < end; at += STRIDE) {
            long p = data[at + PRICE];
            if (data[at + SIDE] == BUY) {
                bid = Math.max(bid, p);
            } else if (ask == NONE || p < ask) {
                ask = p;
            }
        }
        bestBid[s] = bid;
        bestAsk[s] = ask;
        stale[s] = false;
    }
}

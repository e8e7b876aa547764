package io.tickjournal.generate;

/**
 * The generator's resting orders: per symbol at most {@code capacity} orders, slot
 * {@code s * capacity + i}, removed by swapping in the last one. An order's fields are interleaved
 * in one primitive array (reference, shares, price, side) so that touching an order costs one cache
 * miss, not four. Memory is fixed at construction, whatever the length of the day.
 */
final class LiveOrders {
    private static final int STRIDE = 4;
    private static final int REF = 0;
    private static final int SHARES = 1;
    private static final int PRICE = 2;
    private static final int SIDE = 3;

    final int capacity;
    private final int[] counts;
    private final long[] data;

    LiveOrders(int symbols, int capacity) {
        this.capacity = capacity;
        counts = new int[symbols];
        data = new long[symbols * capacity * STRIDE];
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
    }

    void remove(int s, int slot) {
        int at = slot * STRIDE;
        int last = slot(s, --counts[s]) * STRIDE;
        System.arraycopy(data, last, data, at, STRIDE);
    }

    /** Replaces the order in place: new reference, shares and price, same side and symbol. */
    void replace(int slot, long ref, long qty, long price) {
        int at = slot * STRIDE;
        data[at + REF] = ref;
        data[at + SHARES] = qty;
        data[at + PRICE] = price;
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
}

package io.tickjournal.book;

import io.tickjournal.TickjournalException;

import java.util.Arrays;

/**
 * The price levels of one side of one book, sorted by an ascending key with the BEST level at
 * the END, so that the inserts and removals near the top of book (where nearly all activity is)
 * shift only a few levels.
 *
 * <p>Each level is three consecutive longs of one array: key, total shares resting, number of
 * orders resting. One array means one {@code System.arraycopy} per shift and a level's fields
 * in one cache line. The key is the price for bids (highest = best = last) and the negated price
 * for asks (lowest price = highest key = last). A level disappears when its order count reaches
 * 0. The array grows by doubling; nothing else allocates. Thread-confined, like
 * {@link OrderBooks}.
 */
final class PriceLevels {
    private static final int INITIAL_LEVELS = 16;
    /** Levels scanned one by one from the top before a binary search of the rest. */
    private static final int TOP_SCAN = 8;

    // Level i occupies levels[3i .. 3i+2].
    private static final int STRIDE = 3;
    private static final int KEY = 0;
    private static final int SHARES = 1;
    private static final int ORDERS = 2;

    private long[] levels = new long[INITIAL_LEVELS * STRIDE];
    private int size;

    int size() {
        return size;
    }

    /** Key at depth {@code level} (0 = best); the caller checks {@code level < size()}. */
    long keyAt(int level) {
        return levels[(size - 1 - level) * STRIDE + KEY];
    }

    long sharesAt(int level) {
        return levels[(size - 1 - level) * STRIDE + SHARES];
    }

    int ordersAt(int level) {
        return (int)levels[(size - 1 - level) * STRIDE + ORDERS];
    }

    /** Adds one resting order of {@code qty} shares at {@code key}, creating the level if new. */
    void addOrder(long key, long qty) {
        final int i = search(key);
        if (i >= 0) {
            levels[i * STRIDE + SHARES] += qty;
            levels[i * STRIDE + ORDERS]++;
            return;
        }
        final int at = (-i - 1) * STRIDE;
        if (size * STRIDE == levels.length) {
            levels = Arrays.copyOf(levels, levels.length << 1);
        }
        final long[] levels = this.levels;
        final int end = size * STRIDE;
        if (end > at) {
            System.arraycopy(levels, at, levels, at + STRIDE, end - at);
        }
        levels[at + KEY] = key;
        levels[at + SHARES] = qty;
        levels[at + ORDERS] = 1;
        size++;
    }

    /**
     * Takes {@code qty} shares out of the level at {@code key}; when {@code orderGone} one order
     * leaves it too, and the level is removed once no order rests there.
     */
    void reduce(long key, long qty, boolean orderGone) {
        final int i = search(key);
        if (i < 0) {
            // Unreachable while OrderBooks keeps orders and levels in step.
            throw new TickjournalException("order book corrupted: no level for key " + key);
        }
        final long[] levels = this.levels;
        final int at = i * STRIDE;
        levels[at + SHARES] -= qty;
        if (orderGone && --levels[at + ORDERS] == 0) {
            final int next = at + STRIDE;
            final int end = size * STRIDE;
            if (end > next) {
                System.arraycopy(levels, next, levels, at, end - next);
            }
            size--;
        }
    }

    void clear() {
        size = 0;
    }

    /**
     * Index of {@code key}, or {@code -(insertionPoint + 1)}.
     *
     * <p>Nearly all activity is at or next to the best price, so the top {@value #TOP_SCAN}
     * levels are scanned one by one from the best (a hit on the best level costs one compare);
     * deeper levels use a branchless binary search, whose cost does not depend on guessing
     * branches right.
     */
    int search(long key) {
        final long[] levels = this.levels;
        int i = size - 1;
        final int stop = Math.max(-1, i - TOP_SCAN);
        while (i > stop) {
            final long k = levels[i * STRIDE + KEY];
            if (k <= key) {
                return k == key ? i : -(i + 2);
            }
            i--;
        }
        if (i < 0) {
            return -1;
        }
        // Every level above i has a key > key.
        i = lastNotAbove(levels, i + 1, key);
        final long k = levels[i * STRIDE + KEY];
        if (k == key) {
            return i;
        }
        return k < key ? -(i + 2) : -1;
    }

    /** Last index in [0, n) whose key is at most {@code key}, or 0 if there is none. */
    private static int lastNotAbove(long[] levels, int n, long key) {
        int lo = 0;
        int len = n;
        while (len > 1) {
            final int half = len >>> 1;
            // lo += half when that key <= key, as arithmetic: C2 may compile a ternary to a branch.
            // Keys are within +-2^32, so the difference cannot overflow.
            lo += half & (int)~((key - levels[(lo + half) * STRIDE + KEY]) >> 63);
            len -= half;
        }
        return lo;
    }
}

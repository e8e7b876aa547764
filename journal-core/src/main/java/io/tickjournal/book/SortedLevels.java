package io.tickjournal.book;

import io.tickjournal.TickjournalException;

import java.util.Arrays;

/**
 * Price levels sorted by an ascending key with the BEST level at the END: the levels of a
 * {@link PriceLevels} that its tick ladder does not hold (far from the best, or every level of
 * a side with prices off the cent grid). Sorted, so that the inserts and removals near the top of book (where nearly
 * all activity is)
 * shift only a few levels.
 *
 * <p>The keys alone are one {@code int[]} (16 to a cache line), so a search touches as little
 * memory as possible; a level's total shares and order count are two consecutive longs of a
 * second array, read once the level is found. The key is an order-preserving 32-bit image of
 * the price ({@link PriceLevels#key(long, boolean)}): highest price last for bids, lowest price last for
 * asks. A level disappears when its order count reaches 0. The arrays grow by doubling;
 * nothing else allocates. Thread-confined, like {@link OrderBooks}.
 */
final class SortedLevels {
    static final int INITIAL_LEVELS = 16;
    /** Levels scanned one by one from the top before a binary search of the rest. */
    private static final int TOP_SCAN = 8;

    // Level i: keys[i]; totals[2i] = shares resting, totals[2i + 1] = orders resting.
    private static final int SHARES = 0;
    private static final int ORDERS = 1;

    private int[] keys;
    private long[] totals;
    private int size;

    /** Empty, with room for {@value #INITIAL_LEVELS} levels before the arrays double. */
    SortedLevels() {
        this(INITIAL_LEVELS);
    }

    /** Empty, with room for {@code capacity} levels (at least 1) before the arrays double. */
    SortedLevels(int capacity) {
        keys = new int[Math.max(1, capacity)];
        totals = new long[keys.length * 2];
    }

    int size() {
        return size;
    }

    /** Key at depth {@code level} (0 = best); the caller checks {@code level < size()}. */
    int keyAt(int level) {
        return keys[size - 1 - level];
    }

    long sharesAt(int level) {
        return totals[((size - 1 - level) << 1) + SHARES];
    }

    int ordersAt(int level) {
        return (int)totals[((size - 1 - level) << 1) + ORDERS];
    }

    /** Adds one resting order of {@code qty} shares at {@code key}, creating the level if new. */
    void addOrder(int key, long qty) {
        final int i = search(key);
        if (i >= 0) {
            totals[(i << 1) + SHARES] += qty;
            totals[(i << 1) + ORDERS]++;
            return;
        }
        final int at = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size << 1);
            totals = Arrays.copyOf(totals, size << 2);
        }
        final int[] keys = this.keys;
        final long[] totals = this.totals;
        if (size > at) {
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(totals, at << 1, totals, (at + 1) << 1, (size - at) << 1);
        }
        keys[at] = key;
        totals[(at << 1) + SHARES] = qty;
        totals[(at << 1) + ORDERS] = 1;
        size++;
    }

    /**
     * Takes {@code qty} shares out of the level at {@code key}; when {@code orderGone} one order
     * leaves it too, and the level is removed once no order rests there.
     */
    void reduce(int key, long qty, boolean orderGone) {
        final int i = search(key);
        if (i < 0) {
            // Unreachable while OrderBooks keeps orders and levels in step.
            throw new TickjournalException("order book corrupted: no level for key " + key);
        }
        final long[] totals = this.totals;
        final int at = i << 1;
        totals[at + SHARES] -= qty;
        if (orderGone && --totals[at + ORDERS] == 0) {
            final int next = i + 1;
            if (size > next) {
                System.arraycopy(keys, next, keys, i, size - next);
                System.arraycopy(totals, next << 1, totals, at, (size - next) << 1);
            }
            size--;
        }
    }

    void clear() {
        size = 0;
    }

    /** Key of the best level; the caller checks {@code size() > 0}. */
    int bestKey() {
        return keys[size - 1];
    }

    /** Removes the best level; the caller checks {@code size() > 0}. */
    void removeBest() {
        size--;
    }

    /** Adds a level better than every level here. */
    void pushBest(int key, long shares, long orders) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size << 1);
            totals = Arrays.copyOf(totals, size << 2);
        }
        keys[size] = key;
        totals[(size << 1) + SHARES] = shares;
        totals[(size << 1) + ORDERS] = orders;
        size++;
    }

    /**
     * Index of {@code key}, or {@code -(insertionPoint + 1)}.
     *
     * <p>Nearly all activity is at or next to the best price, so the top {@value #TOP_SCAN}
     * levels are scanned one by one from the best (a hit on the best level costs one compare);
     * deeper levels use a branchless binary search, whose cost does not depend on guessing
     * branches right.
     */
    int search(int key) {
        final int[] keys = this.keys;
        int i = size - 1;
        final int stop = Math.max(-1, i - TOP_SCAN);
        while (i > stop) {
            final int k = keys[i];
            if (k <= key) {
                return k == key ? i : -(i + 2);
            }
            i--;
        }
        if (i < 0) {
            return -1;
        }
        // Every level above i has a key > key.
        i = lastNotAbove(keys, i + 1, key);
        final int k = keys[i];
        if (k == key) {
            return i;
        }
        return k < key ? -(i + 2) : -1;
    }

    /** Last index in [0, n) whose key is at most {@code key}, or 0 if there is none. */
    private static int lastNotAbove(int[] keys, int n, int key) {
        int lo = 0;
        int len = n;
        while (len > 1) {
            final int half = len >>> 1;
            // lo += half when that key <= key, as arithmetic: C2 may compile a ternary to a branch.
            // Widened to long, the difference cannot overflow.
            lo += half & (int)~(((long)key - keys[lo + half]) >> 63);
            len -= half;
        }
        return lo;
    }
}

package io.tickjournal.book;

import io.tickjournal.TickjournalException;

/**
 * The price levels of one side of one book: parallel primitive arrays sorted by an ascending
 * key, the BEST level at the END, so that the inserts and removals near the top of book (where
 * nearly all activity is) shift only a few elements.
 *
 * <p>The key is the price for bids (highest = best = last) and the negated price for asks
 * (lowest price = highest key = last). Each level holds the total resting shares and the number
 * of resting orders; a level disappears when its order count reaches 0. Arrays grow by doubling;
 * nothing else allocates. Thread-confined, like {@link OrderBooks}.
 */
final class PriceLevels {
    private static final int INITIAL_CAPACITY = 16;

    private long[] keys = new long[INITIAL_CAPACITY];
    private long[] shares = new long[INITIAL_CAPACITY];
    private int[] orders = new int[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** Key at depth {@code level} (0 = best); the caller checks {@code level < size()}. */
    long keyAt(int level) {
        return keys[size - 1 - level];
    }

    long sharesAt(int level) {
        return shares[size - 1 - level];
    }

    int ordersAt(int level) {
        return orders[size - 1 - level];
    }

    /** Adds one resting order of {@code qty} shares at {@code key}, creating the level if new. */
    void addOrder(long key, long qty) {
        final int i = search(key);
        if (i >= 0) {
            shares[i] += qty;
            orders[i]++;
            return;
        }
        final int at = -i - 1;
        if (size == keys.length) {
            grow();
        }
        final int above = size - at;
        if (above > 0) {
            System.arraycopy(keys, at, keys, at + 1, above);
            System.arraycopy(shares, at, shares, at + 1, above);
            System.arraycopy(orders, at, orders, at + 1, above);
        }
        keys[at] = key;
        shares[at] = qty;
        orders[at] = 1;
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
        shares[i] -= qty;
        if (orderGone && --orders[i] == 0) {
            final int above = size - i - 1;
            if (above > 0) {
                System.arraycopy(keys, i + 1, keys, i, above);
                System.arraycopy(shares, i + 1, shares, i, above);
                System.arraycopy(orders, i + 1, orders, i, above);
            }
            size--;
        }
    }

    void clear() {
        size = 0;
    }

    /**
     * Index of {@code key}, or {@code -(insertionPoint + 1)}. Gallops down from the top of book
     * (1, 2, 4, ... levels) before a binary search, so the cost grows with the distance from the
     * best price, not with the depth of the book.
     */
    int search(long key) {
        final long[] keys = this.keys;
        final int top = size - 1;
        if (top < 0) {
            return -1;
        }
        final long best = keys[top];
        if (key == best) {
            return top;
        }
        if (key > best) {
            return -(size + 1);
        }
        int hi = top; // invariant: keys[hi] > key
        int bound = 1;
        int lo = top - bound;
        while (lo > 0 && keys[lo] > key) {
            hi = lo;
            bound <<= 1;
            lo = top - bound;
        }
        if (lo < 0) {
            lo = 0;
        }
        int high = hi - 1;
        while (lo <= high) {
            final int mid = (lo + high) >>> 1;
            final long k = keys[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void grow() {
        final int capacity = keys.length << 1;
        keys = java.util.Arrays.copyOf(keys, capacity);
        shares = java.util.Arrays.copyOf(shares, capacity);
        orders = java.util.Arrays.copyOf(orders, capacity);
    }
}

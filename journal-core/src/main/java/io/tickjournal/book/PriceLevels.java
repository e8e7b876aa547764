package io.tickjournal.book;

import java.util.Arrays;

/**
 * The price levels of one side of one book: a tick ladder around the best price, and
 * {@link SortedLevels} for the rest.
 *
 * <p>Prices are integer cents on nearly every book (4-decimal ITCH prices that are multiples
 * of {@value #TICK}), and nearly all activity is within a few dollars of the best. So the
 * levels whose tick index {@code t} (price / {@value #TICK}, negated for asks so that larger is
 * better on both sides) is in a window of {@value #WINDOW} ticks are slots of a ring indexed by
 * {@code t & (WINDOW - 1)}: add, execute, cancel and delete at those prices need no search and
 * no shifting. Levels below the window are held in {@link SortedLevels}; there are never any
 * above it, and the window moves up with a better price (levels leaving its bottom go to the
 * sorted levels, all better than those already there) and down when the best falls far below
 * its top or the ladder has emptied (levels coming into it leave the sorted levels from their
 * best end). A side that sees a price off the cent grid moves every level to the sorted levels
 * and keeps them there until {@link #clear()}.
 *
 * <p>Depth order is the ladder's levels, best first, then the sorted levels. The ring is
 * allocated with the side and never grows; nothing else allocates beyond the sorted levels'
 * doubling. Thread-confined, like {@link OrderBooks}.
 */
final class PriceLevels {
    /** Price units per tick of the ladder (one cent). */
    static final long TICK = 100;
    /** Ticks in the ladder window (a power of 2). */
    static final int WINDOW = 256;
    private static final int RING_MASK = WINDOW - 1;
    /** Headroom above a new best when the window moves. */
    private static final int HEADROOM = WINDOW / 8;
    private static final long OFF_GRID = Long.MIN_VALUE;

    /** {@link #flip(boolean)} of this side; {@code (t ^ flip) - flip} also negates a tick on asks only. */
    private final int flip;
    private final SortedLevels far;
    /** Slot {@code t & RING_MASK}: {@code [2s]} = shares resting, {@code [2s+1]} = orders resting (0 = no level). */
    private final long[] ring = new long[WINDOW * 2];
    /** One bit per ring entry (by {@code tick & RING_MASK}): set while a level rests there. */
    private final long[] occupied = new long[WINDOW / 64];
    private boolean ladderOff;
    private int ladderCount;
    /** Highest tick of the window [top - WINDOW + 1, top]; far below anything before the first add. */
    private long top = Long.MIN_VALUE / 2;
    /** Tick of the best ladder level, when {@code ladderCount > 0}. */
    private long best;

    PriceLevels(boolean sell) {
        this(sell, SortedLevels.INITIAL_LEVELS);
    }

    /** A side whose levels beyond the ladder have room for {@code farLevels} before their arrays double. */
    PriceLevels(boolean sell, int farLevels) {
        this.flip = flip(sell);
        this.far = new SortedLevels(farLevels);
    }

    /**
     * The key of an unsigned 32-bit price: ascending keys (compared as signed ints) are
     * ascending prices for bids and descending prices for asks, so the best is the largest.
     */
    static int key(long price, boolean sell) {
        return keyOf(price, flip(sell));
    }

    /** The price of {@link #key(long, boolean)}. */
    static long price(int key, boolean sell) {
        return priceOf(key, flip(sell));
    }

    /** -1 on the ask side, 0 on the bid side: {@code x ^ flip} is {@code ~x} on asks only, branch-free. */
    private static int flip(boolean sell) {
        return sell ? -1 : 0;
    }

    private static int keyOf(long price, int flip) {
        return ((int)price ^ Integer.MIN_VALUE) ^ flip;
    }

    private static long priceOf(int key, int flip) {
        return ((key ^ flip) ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL;
    }

    int size() {
        return ladderCount + far.size();
    }

    /** Key at depth {@code level} (0 = best); the caller checks {@code level < size()}. */
    int keyAt(int level) {
        return level < ladderCount ? keyOfTick(tickAtDepth(level)) : far.keyAt(level - ladderCount);
    }

    long sharesAt(int level) {
        return level < ladderCount ? ring[slot(tickAtDepth(level))] : far.sharesAt(level - ladderCount);
    }

    int ordersAt(int level) {
        return level < ladderCount ? (int)ring[slot(tickAtDepth(level)) + 1] : far.ordersAt(level - ladderCount);
    }

    /** Adds one resting order of {@code qty} shares at {@code key}, creating the level if new. */
    void addOrder(int key, long qty) {
        if (ladderOff) {
            far.addOrder(key, qty);
            return;
        }
        final long t = tick(key);
        if (t == OFF_GRID) {
            ladderOff();
            far.addOrder(key, qty);
            return;
        }
        if (t > top) {
            raise(t + HEADROOM);
        } else if (ladderCount == 0) {
            if (t <= top - WINDOW) {
                // The ladder is empty and t is below it: centre it on t or the best far level.
                lower(Math.max(t, far.size() == 0 ? t : tick(far.bestKey())) + HEADROOM);
            }
        } else if (best < top - WINDOW / 2 && Math.max(best, t) + HEADROOM < top) {
            // The best has fallen far below the top: move the window down to keep depth in it.
            lower(Math.max(best, t) + HEADROOM);
        }
        if (t <= top - WINDOW) {
            far.addOrder(key, qty);
            return;
        }
        final int s = slot(t);
        ring[s] += qty;
        if (ring[s + 1]++ == 0) {
            mark(t);
            levelAdded(t);
        }
    }

    /**
     * Takes {@code qty} shares out of the level at {@code key}; when {@code orderGone} one order
     * leaves it too, and the level is removed once no order rests there.
     */
    void reduce(int key, long qty, boolean orderGone) {
        final long t = ladderOff ? OFF_GRID : tick(key);
        if (t <= top - WINDOW) {
            far.reduce(key, qty, orderGone);
            return;
        }
        final int s = slot(t);
        ring[s] -= qty;
        if (orderGone && --ring[s + 1] == 0) {
            ring[s] = 0;
            unmark(t);
            if (--ladderCount > 0 && t == best) {
                best = nextBelow(t);
            }
        }
    }

    void clear() {
        Arrays.fill(ring, 0);
        Arrays.fill(occupied, 0);
        far.clear();
        ladderOff = false;
        ladderCount = 0;
        top = Long.MIN_VALUE / 2;
    }

    private void levelAdded(long t) {
        if (ladderCount++ == 0 || t > best) {
            best = t;
        }
    }

    /** Moves the window's top up to {@code newTop}: levels below its new bottom go to {@link #far}. */
    private void raise(long newTop) {
        if (ladderCount > 0) {
            final long end = Math.min(newTop - WINDOW, top);
            for (long t = top - WINDOW + 1; t <= end; t++) {
                final int s = slot(t);
                if (ring[s + 1] != 0) {
                    moveToFar(t, s);
                }
            }
        }
        top = newTop;
    }

    /** Moves the window's top down to {@code newTop}: far levels inside the window join the ladder. */
    private void lower(long newTop) {
        top = newTop;
        final long bottom = newTop - WINDOW + 1;
        while (far.size() > 0) {
            final long t = tick(far.bestKey());
            if (t < bottom) {
                break;
            }
            final int s = slot(t);
            ring[s] = far.sharesAt(0);
            ring[s + 1] = far.ordersAt(0);
            mark(t);
            far.removeBest();
            levelAdded(t);
        }
    }

    /** A price off the grid: every ladder level goes to {@link #far}, for good. */
    private void ladderOff() {
        for (long t = top - WINDOW + 1; ladderCount > 0 && t <= top; t++) {
            final int s = slot(t);
            if (ring[s + 1] != 0) {
                moveToFar(t, s);
            }
        }
        ladderOff = true;
    }

    /** Moves a ladder level to {@link #far}; the caller moves up from the window's bottom. */
    private void moveToFar(long t, int s) {
        far.pushBest(keyOfTick(t), ring[s], ring[s + 1]);
        ring[s] = 0;
        ring[s + 1] = 0;
        unmark(t);
        ladderCount--;
    }

    private void mark(long t) {
        final int i = (int)t & RING_MASK;
        occupied[i >>> 6] |= 1L << i;
    }

    private void unmark(long t) {
        final int i = (int)t & RING_MASK;
        occupied[i >>> 6] &= ~(1L << i);
    }

    /**
     * The highest occupied tick below {@code t} (whose own level is empty), found in the bitmap
     * rather than by walking empty ticks. The caller guarantees the ladder holds a level; every
     * ladder level lies within one window, so going down from {@code t} around the ring meets
     * the next lower level first.
     */
    private long nextBelow(long t) {
        final int i = (int)t & RING_MASK;
        final int w = i >>> 6;
        long m = occupied[w] & ((1L << (i & 63)) - 1);
        int word = w;
        for (int k = 1; m == 0 && k <= occupied.length; k++) {
            word = (w - k) & (occupied.length - 1);
            m = occupied[word];
        }
        final int j = (word << 6) + 63 - Long.numberOfLeadingZeros(m);
        return t - ((i - j) & RING_MASK);
    }

    private long tickAtDepth(int level) {
        long t = best;
        for (int seen = 0; ; t--) {
            if (ring[slot(t) + 1] != 0 && seen++ == level) {
                return t;
            }
        }
    }

    /** Tick index of a key, larger = better, or {@link #OFF_GRID}. */
    private long tick(int key) {
        final long price = priceOf(key, flip);
        final long t = price / TICK;
        if (t * TICK != price) {
            return OFF_GRID;
        }
        return (t ^ flip) - flip;
    }

    private int keyOfTick(long t) {
        return keyOf(((t ^ flip) - flip) * TICK, flip);
    }

    private static int slot(long t) {
        return ((int)t & RING_MASK) << 1;
    }
}

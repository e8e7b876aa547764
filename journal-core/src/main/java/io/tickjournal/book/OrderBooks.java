package io.tickjournal.book;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Full-depth order books for all stock locates (1..65535), orders keyed by ITCH order
 * reference number: the state behind A/F (add), E/C (execute), X (cancel), D (delete) and
 * U (replace).
 *
 * <p>Units: prices are ITCH 4-decimal unsigned 32-bit integers carried as {@code long}
 * (0..2^32-1); shares are non-negative {@code long}s; sides are the ITCH bytes {@code 'B'} and
 * {@code 'S'}.
 *
 * <p>Bad input is never an exception: an operation on an unknown reference returns
 * {@link #UNKNOWN} or {@code false} and changes nothing; a duplicate add is rejected and
 * counted; an execution or cancel of more shares than rest is clamped and counted.
 *
 * <p>Design: {@code ref -> slot} in an Agrona {@link Long2LongHashMap}; each slot is two longs
 * of one {@code long[]} (packed locate/side/price, then shares) so an order is one cache line;
 * free slots are reused from a stack. Each (locate, side) has a {@link PriceLevels}: sorted
 * primitive arrays with the best price at the end. After warm-up nothing allocates except the
 * doubling of these arrays and of the map.
 *
 * <p>Not thread-safe: confined to one thread (the tailer). Iteration never touches the hash
 * map, so every output is deterministic.
 */
public final class OrderBooks {
    /** Returned by {@link #execute} and {@link #cancel} (and order getters) for a reference that is not live. */
    public static final long UNKNOWN = -1;

    /** Highest valid stock locate. */
    public static final int MAX_LOCATE = 65535;

    private static final long MISSING = -1;
    private static final long PRICE_MASK = 0xFFFF_FFFFL;
    private static final long SELL_BIT = 1L << 32;
    private static final int LOCATE_SHIFT = 33;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_EXPECTED_ORDERS = 1 << 28;

    private final Long2LongHashMap slotByRef;
    /** Slot {@code s}: {@code [2s]} = locate << 33 | sell << 32 | price, {@code [2s+1]} = shares. */
    private long[] orders;
    private int[] freeSlots;
    private int freeCount;
    private int highWater;

    private final PriceLevels[] bids = new PriceLevels[MAX_LOCATE + 1];
    private final PriceLevels[] asks = new PriceLevels[MAX_LOCATE + 1];

    private int lastLocate;
    private byte lastSide;
    private long overExecutions;
    private long overCancels;
    private long duplicateAdds;
    private long invalidOrders;

    /**
     * @param expectedOrders live orders to size for up front (the map and slot arrays double
     *                       beyond it, which allocates)
     */
    public OrderBooks(int expectedOrders) {
        final int capacity = Math.min(MAX_EXPECTED_ORDERS, Math.max(MIN_CAPACITY, expectedOrders));
        slotByRef = new Long2LongHashMap(capacity * 2, 0.5f, MISSING);
        orders = new long[capacity * 2];
        freeSlots = new int[capacity];
    }

    /**
     * Adds a resting order (ITCH A or F).
     *
     * @return false, changing nothing, if {@code ref} is already live (counted in
     *         {@link #duplicateAdds()}), or if the locate, side, price or shares is out of range
     *         (counted in {@link #invalidOrders()})
     */
    public boolean add(long ref, int locate, byte side, long price, long shares) {
        if (isInvalid(locate, side, price, shares)) {
            invalidOrders++;
            return false;
        }
        final int slot = allocateSlot();
        if (slotByRef.putIfAbsent(ref, slot) != MISSING) {
            releaseSlot(slot);
            duplicateAdds++;
            return false;
        }
        final long packed = ((long)locate << LOCATE_SHIFT) | (side == 'S' ? SELL_BIT : 0) | price;
        orders[slot << 1] = packed;
        orders[(slot << 1) + 1] = shares;
        levels(locate, side).addOrder(key(packed), shares);
        lastLocate = locate;
        lastSide = side;
        return true;
    }

    /**
     * Executes {@code shares} of a resting order (ITCH E or C); the order is removed when
     * nothing remains. Executing more than rests executes what rests and is counted in
     * {@link #overExecutions()} ({@code shares} is compared unsigned, so a negative value clamps
     * too).
     *
     * @return the resting order's price, or {@link #UNKNOWN} if {@code ref} is not live
     */
    public long execute(long ref, long shares) {
        final long slot = slotByRef.get(ref);
        if (slot == MISSING) {
            return UNKNOWN;
        }
        final int i = (int)slot << 1;
        final long packed = orders[i];
        final long resting = orders[i + 1];
        long executed = shares;
        if (Long.compareUnsigned(shares, resting) > 0) {
            overExecutions++;
            executed = resting;
        }
        reduce(ref, (int)slot, packed, resting, executed);
        return packed & PRICE_MASK;
    }

    /**
     * Cancels {@code shares} of a resting order (ITCH X); the order is removed when nothing
     * remains. Cancelling more than rests cancels what rests and is counted in
     * {@link #overCancels()} ({@code shares} is compared unsigned, as in {@link #execute}).
     *
     * @return the shares remaining after the cancel, or {@link #UNKNOWN} if {@code ref} is not live
     */
    public long cancel(long ref, long shares) {
        final long slot = slotByRef.get(ref);
        if (slot == MISSING) {
            return UNKNOWN;
        }
        final int i = (int)slot << 1;
        final long resting = orders[i + 1];
        long cancelled = shares;
        if (Long.compareUnsigned(shares, resting) > 0) {
            overCancels++;
            cancelled = resting;
        }
        reduce(ref, (int)slot, orders[i], resting, cancelled);
        return resting - cancelled;
    }

    /**
     * Removes a resting order (ITCH D).
     *
     * @return false if {@code ref} is not live
     */
    public boolean delete(long ref) {
        final long slot = slotByRef.remove(ref);
        if (slot == MISSING) {
            return false;
        }
        final int i = (int)slot << 1;
        final long packed = orders[i];
        levels(packed).reduce(key(packed), orders[i + 1], true);
        releaseSlot((int)slot);
        touched(packed);
        return true;
    }

    /**
     * Replaces an order (ITCH U): retires {@code oldRef} and creates {@code newRef} on the same
     * side and locate with the new shares and price (losing time priority, which levels do not
     * track anyway).
     *
     * <p>If {@code newRef} is already live the feed and the book disagree: {@code oldRef} is
     * still retired (the exchange retired it), the live {@code newRef} order is left as it is
     * (first add wins, as in {@link #add}), the clash is counted in {@link #duplicateAdds()} and
     * the call returns false. {@link #lastLocate()}/{@link #lastSide()} then name the retired
     * order.
     *
     * @return true if the replacement is live; false if {@code oldRef} is not live or the price
     *         or shares is out of range (counted in {@link #invalidOrders()}), both changing
     *         nothing, or on the {@code newRef} clash above
     */
    public boolean replace(long oldRef, long newRef, long shares, long price) {
        if ((price & ~PRICE_MASK) != 0 || shares < 0) {
            if (slotByRef.containsKey(oldRef)) {
                invalidOrders++;
            }
            return false;
        }
        final long slot = slotByRef.remove(oldRef);
        if (slot == MISSING) {
            return false;
        }
        final int i = (int)slot << 1;
        final long oldPacked = orders[i];
        final PriceLevels levels = levels(oldPacked);
        levels.reduce(key(oldPacked), orders[i + 1], true);
        touched(oldPacked);
        if (slotByRef.putIfAbsent(newRef, slot) != MISSING) {
            releaseSlot((int)slot);
            duplicateAdds++;
            return false;
        }
        final long packed = (oldPacked & ~PRICE_MASK) | price;
        orders[i] = packed;
        orders[i + 1] = shares;
        levels.addOrder(key(packed), shares);
        return true;
    }

    /** Locate of the order touched by the last successful operation (0 before any). */
    public int lastLocate() {
        return lastLocate;
    }

    /** Side ({@code 'B'} or {@code 'S'}) of the order touched by the last successful operation (0 before any). */
    public byte lastSide() {
        return lastSide;
    }

    /** Price of a live order, or {@link #UNKNOWN}. */
    public long orderPrice(long ref) {
        final long slot = slotByRef.get(ref);
        return slot == MISSING ? UNKNOWN : orders[(int)slot << 1] & PRICE_MASK;
    }

    /** Remaining shares of a live order, or {@link #UNKNOWN}. */
    public long orderShares(long ref) {
        final long slot = slotByRef.get(ref);
        return slot == MISSING ? UNKNOWN : orders[((int)slot << 1) + 1];
    }

    /** Best bid price of {@code locate}, 0 when the side is empty. */
    public long bestBidPrice(int locate) {
        return levelPrice(locate, (byte)'B', 0);
    }

    /** Total shares resting at the best bid price, 0 when the side is empty. */
    public long bestBidSize(int locate) {
        return levelShares(locate, (byte)'B', 0);
    }

    /** Best ask price of {@code locate}, 0 when the side is empty. */
    public long bestAskPrice(int locate) {
        return levelPrice(locate, (byte)'S', 0);
    }

    /** Total shares resting at the best ask price, 0 when the side is empty. */
    public long bestAskSize(int locate) {
        return levelShares(locate, (byte)'S', 0);
    }

    /** Number of price levels on one side of a book; 0 for an empty side, a bad locate or side. */
    public int depth(int locate, byte side) {
        final PriceLevels levels = levelsOrNull(locate, side);
        return levels == null ? 0 : levels.size();
    }

    /** Price at depth {@code level} (0 = best); 0 if there is no such level. */
    public long levelPrice(int locate, byte side, int level) {
        final PriceLevels levels = levelsOrNull(locate, side);
        if (levels == null || level < 0 || level >= levels.size()) {
            return 0;
        }
        final long key = levels.keyAt(level);
        return side == 'S' ? -key : key;
    }

    /** Total shares resting at depth {@code level} (0 = best); 0 if there is no such level. */
    public long levelShares(int locate, byte side, int level) {
        final PriceLevels levels = levelsOrNull(locate, side);
        return levels == null || level < 0 || level >= levels.size() ? 0 : levels.sharesAt(level);
    }

    /** Number of orders resting at depth {@code level} (0 = best); 0 if there is no such level. */
    public int levelOrderCount(int locate, byte side, int level) {
        final PriceLevels levels = levelsOrNull(locate, side);
        return levels == null || level < 0 || level >= levels.size() ? 0 : levels.ordersAt(level);
    }

    /** Orders currently resting, all locates. */
    public int liveOrders() {
        return slotByRef.size();
    }

    /** Executions of more shares than rested (clamped). */
    public long overExecutions() {
        return overExecutions;
    }

    /** Cancels of more shares than rested (clamped). */
    public long overCancels() {
        return overCancels;
    }

    /** Adds, and replacements, whose new reference was already live (rejected). */
    public long duplicateAdds() {
        return duplicateAdds;
    }

    /** Adds and replacements rejected for a locate, side, price or shares out of range. */
    public long invalidOrders() {
        return invalidOrders;
    }

    /** Empties every book and resets the counters, keeping the allocated capacity. */
    public void clear() {
        slotByRef.clear();
        freeCount = 0;
        highWater = 0;
        for (int locate = 0; locate <= MAX_LOCATE; locate++) {
            if (bids[locate] != null) {
                bids[locate].clear();
            }
            if (asks[locate] != null) {
                asks[locate].clear();
            }
        }
        lastLocate = 0;
        lastSide = 0;
        overExecutions = 0;
        overCancels = 0;
        duplicateAdds = 0;
        invalidOrders = 0;
    }

    private void reduce(long ref, int slot, long packed, long resting, long qty) {
        final long remaining = resting - qty;
        final boolean gone = remaining == 0;
        levels(packed).reduce(key(packed), qty, gone);
        if (gone) {
            slotByRef.remove(ref);
            releaseSlot(slot);
        } else {
            orders[(slot << 1) + 1] = remaining;
        }
        touched(packed);
    }

    private void touched(long packed) {
        lastLocate = (int)(packed >>> LOCATE_SHIFT);
        lastSide = (packed & SELL_BIT) != 0 ? (byte)'S' : (byte)'B';
    }

    private static boolean isInvalid(int locate, byte side, long price, long shares) {
        return locate < 1 || locate > MAX_LOCATE || (side != 'B' && side != 'S')
            || (price & ~PRICE_MASK) != 0 || shares < 0;
    }

    /** Bids sort by price, asks by negated price: ascending keys, best last, on both sides. */
    private static long key(long packed) {
        final long price = packed & PRICE_MASK;
        return (packed & SELL_BIT) != 0 ? -price : price;
    }

    private PriceLevels levels(long packed) {
        final int locate = (int)(packed >>> LOCATE_SHIFT);
        return (packed & SELL_BIT) != 0 ? asks[locate] : bids[locate];
    }

    private PriceLevels levels(int locate, byte side) {
        final PriceLevels[] books = side == 'S' ? asks : bids;
        PriceLevels levels = books[locate];
        if (levels == null) {
            // Once per (locate, side): part of warm-up.
            levels = new PriceLevels();
            books[locate] = levels;
        }
        return levels;
    }

    private PriceLevels levelsOrNull(int locate, byte side) {
        if (locate < 0 || locate > MAX_LOCATE) {
            return null;
        }
        if (side == 'B') {
            return bids[locate];
        }
        return side == 'S' ? asks[locate] : null;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (highWater == orders.length >> 1) {
            orders = Arrays.copyOf(orders, orders.length << 1);
        }
        return highWater++;
    }

    private void releaseSlot(int slot) {
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length << 1);
        }
        freeSlots[freeCount++] = slot;
    }
}

package io.tickjournal.book;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

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
 * <p>Design: orders live in an {@link OrderTable}, direct-mapped by reference number (packed
 * locate/side/price and shares stored in place), because references are nearly sequential.
 * Each (locate, side) has a {@link PriceLevels}: sorted primitive arrays with the best price
 * at the end. After warm-up nothing allocates except the doubling of these arrays and of the
 * table.
 *
 * <p>Not thread-safe: confined to one thread (the tailer). Nothing is ever iterated in hash
 * order, so every output is deterministic.
 */
public final class OrderBooks {
    /** Returned by {@link #execute} and {@link #cancel} (and order getters) for a reference that is not live. */
    public static final long UNKNOWN = -1;

    /** Highest valid stock locate. */
    public static final int MAX_LOCATE = 65535;

    private static final long PRICE_MASK = 0xFFFF_FFFFL;
    private static final long SELL_BIT = 1L << 32;
    private static final int LOCATE_SHIFT = 33;
    /** {@code packed >>> SIDE_SHIFT} is the order's index in {@link #sides}. */
    private static final int SIDE_SHIFT = 32;

    /** Live orders; an order's packed word is locate << 33 | sell << 32 | price. */
    private final OrderTable table;

    /**
     * Both sides of every book in one array, side {@code locate << 1 | sell} (sell = 1 for asks):
     * the high word of an order's packed word is that index ({@link #SIDE_SHIFT}), so an
     * operation on a resting order finds its side with one shift and one load, without a branch
     * on the side (which is a coin toss from one message to the next).
     */
    private final PriceLevels[] sides = new PriceLevels[(MAX_LOCATE + 1) << 1];

    private int lastLocate;
    private byte lastSide;
    private long overExecutions;
    private long overCancels;
    private long duplicateAdds;
    private long invalidOrders;

    /**
     * @param expectedOrders live orders to size for up front (the order table doubles when
     *                       long-lived orders crowd it, which allocates)
     */
    public OrderBooks(int expectedOrders) {
        table = new OrderTable(expectedOrders);
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
        if (table.find(ref) != OrderTable.NONE) {
            duplicateAdds++;
            return false;
        }
        final long packed = ((long)locate << LOCATE_SHIFT) | (side == 'S' ? SELL_BIT : 0) | price;
        table.insert(ref, packed, shares);
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
        final int h = table.find(ref);
        if (h == OrderTable.NONE) {
            return UNKNOWN;
        }
        final long[] orders = table.entries;
        final long packed = orders[h + OrderTable.PACKED];
        final long resting = orders[h + OrderTable.SHARES];
        long executed = shares;
        if (Long.compareUnsigned(shares, resting) > 0) {
            overExecutions++;
            executed = resting;
        }
        reduce(h, packed, resting, executed);
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
        final int h = table.find(ref);
        if (h == OrderTable.NONE) {
            return UNKNOWN;
        }
        final long[] orders = table.entries;
        final long resting = orders[h + OrderTable.SHARES];
        long cancelled = shares;
        if (Long.compareUnsigned(shares, resting) > 0) {
            overCancels++;
            cancelled = resting;
        }
        reduce(h, orders[h + OrderTable.PACKED], resting, cancelled);
        return resting - cancelled;
    }

    /**
     * Removes a resting order (ITCH D).
     *
     * @return false if {@code ref} is not live
     */
    public boolean delete(long ref) {
        final int h = table.find(ref);
        if (h == OrderTable.NONE) {
            return false;
        }
        final long[] orders = table.entries;
        final long packed = orders[h + OrderTable.PACKED];
        levels(packed).reduce(key(packed), orders[h + OrderTable.SHARES], true);
        table.remove(h);
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
        final int h = table.find(oldRef);
        if (h == OrderTable.NONE) {
            return false;
        }
        if ((price & ~PRICE_MASK) != 0 || shares < 0) {
            invalidOrders++;
            return false;
        }
        final long[] orders = table.entries;
        final long oldPacked = orders[h + OrderTable.PACKED];
        final PriceLevels levels = levels(oldPacked);
        levels.reduce(key(oldPacked), orders[h + OrderTable.SHARES], true);
        table.remove(h);
        touched(oldPacked);
        if (table.find(newRef) != OrderTable.NONE) {
            duplicateAdds++;
            return false;
        }
        final long packed = (oldPacked & ~PRICE_MASK) | price;
        table.insert(newRef, packed, shares);
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
        final int h = table.find(ref);
        return h == OrderTable.NONE ? UNKNOWN : table.entries[h + OrderTable.PACKED] & PRICE_MASK;
    }

    /** Remaining shares of a live order, or {@link #UNKNOWN}. */
    public long orderShares(long ref) {
        final int h = table.find(ref);
        return h == OrderTable.NONE ? UNKNOWN : table.entries[h + OrderTable.SHARES];
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
        return PriceLevels.price(levels.keyAt(level), side == 'S');
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
        return table.size();
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

    /** Layout version of {@link #writeSnapshot}: raise it when the layout changes. */
    public static final int SNAPSHOT_VERSION = 1;

    /**
     * Writes every live order (reference, packed locate/side/price, shares) and the counters, for
     * a checkpoint. The price levels are not written: they are the sums of the orders, and
     * {@link #readSnapshot} rebuilds them.
     */
    public void writeSnapshot(DataOutput out) throws IOException {
        out.writeLong(overExecutions);
        out.writeLong(overCancels);
        out.writeLong(duplicateAdds);
        out.writeLong(invalidOrders);
        out.writeInt(table.size());
        final long[] entries = table.entries;
        int written = 0;
        for (int h = 0, end = table.scanEnd(); h < end; h += 4) {
            if (entries[h + OrderTable.PACKED] != 0) {
                out.writeLong(entries[h + OrderTable.REF]);
                out.writeLong(entries[h + OrderTable.PACKED]);
                out.writeLong(entries[h + OrderTable.SHARES]);
                written++;
            }
        }
        if (written != table.size()) {
            throw new IllegalStateException("order table holds " + written + " live orders, counted " + table.size());
        }
    }

    /**
     * Restores what {@link #writeSnapshot} wrote into these books, which must be empty.
     *
     * @throws IllegalArgumentException if the snapshot is inconsistent (a repeated reference, a
     *                                  locate, side or price out of range)
     */
    public void readSnapshot(ByteBuffer in) {
        if (table.size() != 0) {
            throw new IllegalStateException("restoring a snapshot into books that hold orders");
        }
        overExecutions = in.getLong();
        overCancels = in.getLong();
        duplicateAdds = in.getLong();
        invalidOrders = in.getLong();
        final int n = in.getInt();
        if (n < 0) {
            throw new IllegalArgumentException("negative order count " + n);
        }
        for (int i = 0; i < n; i++) {
            final long ref = in.getLong();
            final long packed = in.getLong();
            final long shares = in.getLong();
            final int locate = (int)(packed >>> LOCATE_SHIFT);
            if (locate < 1 || locate > MAX_LOCATE || shares < 0 || table.find(ref) != OrderTable.NONE) {
                throw new IllegalArgumentException("bad order in snapshot: reference " + ref + ", locate " + locate
                        + ", shares " + shares);
            }
            table.insert(ref, packed, shares);
            levels(locate, (packed & SELL_BIT) != 0 ? (byte)'S' : (byte)'B').addOrder(key(packed), shares);
        }
    }

    /**
     * Levels each side of a prepared book holds beyond its tick ladder before its arrays double:
     * the deepest side of the generated 10M-message day (500 symbols, seed 7) reached 256, and
     * growing from 16 there allocated 0.07 bytes per message after warm-up (759 KB over the day).
     * 256 levels are 5 KB a side: 5 MB for 500 symbols, 82 MB for NASDAQ's 8,000.
     */
    public static final int PREPARED_FAR_LEVELS = 256;

    /**
     * Allocates both sides of {@code locate}'s book now (sized for {@link #PREPARED_FAR_LEVELS}),
     * so that its first orders and its deepening later in the day do not allocate; called at
     * the stock directory, before the day's orders. Does nothing for a book already allocated
     * or an invalid locate.
     */
    public void prepare(int locate) {
        if (locate < 1 || locate > MAX_LOCATE) {
            return;
        }
        for (int sell = 0; sell <= 1; sell++) {
            if (sides[locate << 1 | sell] == null) {
                sides[locate << 1 | sell] = new PriceLevels(sell == 1, PREPARED_FAR_LEVELS);
            }
        }
    }

    /** Empties every book and resets the counters, keeping the allocated capacity. */
    public void clear() {
        table.clear();
        for (PriceLevels levels : sides) {
            if (levels != null) {
                levels.clear();
            }
        }
        lastLocate = 0;
        lastSide = 0;
        overExecutions = 0;
        overCancels = 0;
        duplicateAdds = 0;
        invalidOrders = 0;
    }

    private void reduce(int h, long packed, long resting, long qty) {
        final long remaining = resting - qty;
        final boolean gone = remaining == 0;
        levels(packed).reduce(key(packed), qty, gone);
        if (gone) {
            table.remove(h);
        } else {
            table.entries[h + OrderTable.SHARES] = remaining;
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

    /** Ascending keys, best last, on both sides: see {@link PriceLevels#key(long, boolean)}. */
    private static int key(long packed) {
        return PriceLevels.key(packed & PRICE_MASK, (packed & SELL_BIT) != 0);
    }

    private PriceLevels levels(long packed) {
        return sides[(int)(packed >>> SIDE_SHIFT)];
    }

    private PriceLevels levels(int locate, byte side) {
        final int i = locate << 1 | (side == 'S' ? 1 : 0);
        PriceLevels levels = sides[i];
        if (levels == null) {
            // Once per (locate, side): part of warm-up.
            levels = new PriceLevels(side == 'S');
            sides[i] = levels;
        }
        return levels;
    }

    private PriceLevels levelsOrNull(int locate, byte side) {
        if (locate < 0 || locate > MAX_LOCATE || (side != 'B' && side != 'S')) {
            return null;
        }
        return sides[locate << 1 | (side == 'S' ? 1 : 0)];
    }
}

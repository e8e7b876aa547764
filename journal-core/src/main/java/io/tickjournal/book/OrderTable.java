package io.tickjournal.book;

import org.agrona.BitUtil;
import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The live orders of {@link OrderBooks}, each stored in place as four longs of one array:
 * reference number, packed locate/side/price, shares, and the number of spilled orders whose
 * direct entry this is.
 *
 * <p>Why not a hash map: ITCH order reference numbers are day-unique and assigned nearly
 * sequentially, and most executions and deletes hit recent orders. A hash map scatters
 * neighbouring references over its whole table, so every access misses the cache. Here the
 * entry of reference {@code r} is {@code r & mask} (direct-mapped): consecutive references
 * are neighbours in memory, recent orders stay cached, and a lookup is one compare.
 *
 * <p>A collision (a new order whose entry holds an older live order, i.e. an order that has
 * outlived {@code capacity} newer references) moves the older order to the spill region
 * after the direct entries, found through an Agrona {@link Long2LongHashMap}; the newcomer
 * keeps the fast entry. Each direct entry counts the spilled orders that belong to it, so a
 * lookup (and the duplicate check of every add) consults the map only when one may be there. When the spill holds more
 * than 1/16 of the capacity, the direct
 * region doubles and every order is placed again. Growth (and the spill's own doubling) is
 * the only allocation.
 *
 * <p>An entry is free when its packed word is 0 (a live order's locate is never 0). Entry
 * handles are indexes into {@link #entries} (a multiple of 4), valid until the next
 * {@link #insert}. Thread-confined, like {@link OrderBooks}.
 */
final class OrderTable {
    /** Returned by {@link #find} for a reference that is not live. */
    static final int NONE = -1;
    /** Offset of the reference number in an entry. */
    static final int REF = 0;
    /** Offset of the packed locate/side/price (0 = free entry). */
    static final int PACKED = 1;
    /** Offset of the resting shares. */
    static final int SHARES = 2;
    /** Offset of the count of spilled orders whose direct entry this is (direct entries only). */
    private static final int SPILLED = 3;
    private static final int ORDER_WORDS = 3;

    private static final int SHIFT = 2;
    private static final int STRIDE = 1 << SHIFT;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 28;
    private static final int SPILL_LIMIT_SHIFT = 4;
    private static final long MISSING = -1;

    /** Direct entries {@code [0, capacity)} then spill entries; see the class comment. */
    long[] entries;
    private int capacity;
    private int mask;
    private int spillCapacity;
    private int directCount;

    private final Long2LongHashMap spillIndex;
    private int[] spillFree;
    private int spillFreeCount;
    private int spillHighWater;

    /** @param expectedOrders live orders to size the direct region for (rounded up to a power of 2) */
    OrderTable(int expectedOrders) {
        capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, expectedOrders)));
        mask = capacity - 1;
        // The spill never outgrows the limit that makes the direct region double, so it is sized
        // for that limit up front: copying entries to grow the spill would copy the whole table.
        spillCapacity = spillLimit(capacity);
        entries = new long[(capacity + spillCapacity) << SHIFT];
        spillIndex = new Long2LongHashMap(spillCapacity * 2, Hashing.DEFAULT_LOAD_FACTOR, MISSING);
        spillFree = new int[spillCapacity];
    }

    private static int spillLimit(int capacity) {
        return Math.max(MIN_CAPACITY, (capacity >>> SPILL_LIMIT_SHIFT) + 2);
    }

    /** The handle of the live order {@code ref}, or {@link #NONE}. */
    int find(long ref) {
        final int h = home(ref);
        final long[] entries = this.entries;
        if (entries[h + REF] == ref && entries[h + PACKED] != 0) {
            return h;
        }
        return entries[h + SPILLED] == 0 ? NONE : (int)spillIndex.get(ref);
    }

    /**
     * Stores a new order; the caller has checked that {@code ref} is not live and that
     * {@code packed != 0}.
     *
     * @return the order's handle
     */
    int insert(long ref, long packed, long shares) {
        if (spillIndex.size() > capacity >>> SPILL_LIMIT_SHIFT && capacity < MAX_CAPACITY) {
            grow();
        }
        final int h = home(ref);
        if (entries[h + PACKED] != 0) {
            spill(h);
        } else {
            directCount++;
        }
        final long[] entries = this.entries;
        entries[h + REF] = ref;
        entries[h + PACKED] = packed;
        entries[h + SHARES] = shares;
        return h;
    }

    /** Removes the live order at handle {@code h}. */
    void remove(int h) {
        final long[] entries = this.entries;
        entries[h + PACKED] = 0;
        if (h < capacity << SHIFT) {
            directCount--;
        } else {
            final long ref = entries[h + REF];
            spillIndex.remove(ref);
            entries[home(ref) + SPILLED]--;
            releaseSpill(h);
        }
    }

    int size() {
        return directCount + spillIndex.size();
    }

    /**
     * End (exclusive) of the handles that may hold a live order: entries {@code [0, scanEnd())}
     * step 4, live where the packed word is not 0. For snapshots, which visit every live order.
     */
    int scanEnd() {
        return (capacity + spillHighWater) << SHIFT;
    }

    /** Orders in the spill region (for tests). */
    int spilled() {
        return spillIndex.size();
    }

    /** Entries of the direct region (for tests). */
    int capacity() {
        return capacity;
    }

    void clear() {
        Arrays.fill(entries, 0);
        directCount = 0;
        spillIndex.clear();
        spillFreeCount = 0;
        spillHighWater = 0;
    }

    /** Moves the order at direct handle {@code h} to a new spill entry. */
    private void spill(int h) {
        final int s = allocateSpill();
        final long[] entries = this.entries;
        System.arraycopy(entries, h, entries, s, ORDER_WORDS);
        spillIndex.put(entries[h + REF], s);
        entries[h + SPILLED]++;
    }

    private int allocateSpill() {
        if (spillFreeCount > 0) {
            return spillFree[--spillFreeCount];
        }
        if (spillHighWater == spillCapacity) {
            spillCapacity <<= 1;
            entries = Arrays.copyOf(entries, (capacity + spillCapacity) << SHIFT);
        }
        return (capacity + spillHighWater++) << SHIFT;
    }

    private void releaseSpill(int h) {
        if (spillFreeCount == spillFree.length) {
            spillFree = Arrays.copyOf(spillFree, spillFree.length << 1);
        }
        spillFree[spillFreeCount++] = h;
    }

    /**
     * Doubles the direct region and places every live order again: direct orders cannot
     * collide with each other (their low bits already differ); a spilled order whose new
     * entry is free becomes direct, the others stay spilled.
     */
    private void grow() {
        final long[] old = entries;
        final int oldCapacity = capacity;
        final int oldSpillEnd = (oldCapacity + spillHighWater) << SHIFT;
        capacity = oldCapacity << 1;
        mask = capacity - 1;
        spillCapacity = Math.max(spillCapacity, spillLimit(capacity));
        entries = new long[(capacity + spillCapacity) << SHIFT];
        spillIndex.clear();
        spillFreeCount = 0;
        spillHighWater = 0;
        directCount = 0;
        for (int h = 0; h < oldSpillEnd; h += STRIDE) {
            if (old[h + PACKED] == 0) {
                continue;
            }
            final int home = home(old[h + REF]);
            int to = home;
            if (entries[home + PACKED] != 0) {
                to = allocateSpill();
                spillIndex.put(old[h + REF], to);
                entries[home + SPILLED]++;
            } else {
                directCount++;
            }
            System.arraycopy(old, h, entries, to, ORDER_WORDS);
        }
    }

    private int home(long ref) {
        return ((int)ref & mask) << SHIFT;
    }
}

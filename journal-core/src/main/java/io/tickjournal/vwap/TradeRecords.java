package io.tickjournal.vwap;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every counted trade of the session by match number, so that a broken trade (ITCH B) can be
 * taken back out: {@code match -> slot} in an Agrona {@link Long2LongHashMap}, each slot two
 * longs of one array ({@code locate << 32 | price}, then shares), freed slots reused. Grows
 * with the session's counted trades, about 40-56 bytes each (16 in the record, 16 per map entry
 * at a load of 0.33-0.65), so presize it; nothing else allocates.
 * Thread-confined.
 */
final class TradeRecords {
    private static final long MISSING = -1;
    private static final long PRICE_MASK = 0xFFFF_FFFFL;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_EXPECTED = 1 << 28;
    private static final float LOAD_FACTOR = 0.65f;

    private final Long2LongHashMap slotByMatch;
    private long[] records;
    private int[] freeSlots;
    private int freeCount;
    private int highWater;

    private int removedLocate;
    private long removedPrice;
    private long removedShares;

    TradeRecords(int expectedTrades) {
        final int capacity = Math.min(MAX_EXPECTED, Math.max(MIN_CAPACITY, expectedTrades));
        // Written once per trade and read only by the rare B, and it grows all session: Agrona's
        // default load factor, trading a little probing for memory.
        slotByMatch = new Long2LongHashMap((int)(capacity / LOAD_FACTOR) + 1, LOAD_FACTOR, MISSING);
        records = new long[capacity * 2];
        freeSlots = new int[MIN_CAPACITY];
    }

    /**
     * Records a trade; the caller has checked {@code 0 <= price < 2^32}.
     *
     * @return false, keeping the first record, if the match number is already recorded
     */
    boolean record(long matchNumber, int locate, long price, long shares) {
        final int slot = allocateSlot();
        if (slotByMatch.putIfAbsent(matchNumber, slot) != MISSING) {
            releaseSlot(slot);
            return false;
        }
        records[slot << 1] = ((long)locate << 32) | price;
        records[(slot << 1) + 1] = shares;
        return true;
    }

    /**
     * Removes a trade; on success its values are readable through {@link #removedLocate()},
     * {@link #removedPrice()} and {@link #removedShares()}.
     *
     * @return false if the match number is not recorded
     */
    boolean remove(long matchNumber) {
        final long slot = slotByMatch.remove(matchNumber);
        if (slot == MISSING) {
            return false;
        }
        final int i = (int)slot << 1;
        removedLocate = (int)(records[i] >>> 32);
        removedPrice = records[i] & PRICE_MASK;
        removedShares = records[i + 1];
        releaseSlot((int)slot);
        return true;
    }

    int removedLocate() {
        return removedLocate;
    }

    long removedPrice() {
        return removedPrice;
    }

    long removedShares() {
        return removedShares;
    }

    int size() {
        return slotByMatch.size();
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (highWater == records.length >> 1) {
            records = Arrays.copyOf(records, records.length << 1);
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

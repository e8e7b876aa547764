package io.tickjournal.vwap;

import org.agrona.collections.Long2LongHashMap;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Every counted trade of the session by match number, so that a broken trade (ITCH B) can be
 * taken back out.
 *
 * <p>ITCH match numbers are day-unique and increase through the day, so trades are appended
 * to a log in arrival order: match numbers in one {@code long[]} (ascending), and per trade
 * two longs of a second array ({@code locate << 32 | price}, then shares). Recording a trade
 * whose match number is above every logged one is an append to memory that is already in
 * cache, with no lookup; a B (rare) finds its trade by binary search. A match number that is
 * not above the last logged one (out of order, repeated, or recorded again after its B) goes
 * through an Agrona {@link Long2LongHashMap} to its own slot. A broken trade in the log is
 * marked removed in place. About 24 bytes per trade; the arrays double beyond the presized
 * capacity, which is the only allocation. Thread-confined.
 */
final class TradeRecords {
    private static final long MISSING = -1;
    /** The packed word of a removed log entry: a real one has locate {@literal <=} 65535. */
    private static final long REMOVED = -1;
    private static final long PRICE_MASK = 0xFFFF_FFFFL;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_EXPECTED = 1 << 28;

    private long[] matches;
    /** Log entry i: {@code [2i]} = locate << 32 | price (or {@link #REMOVED}), {@code [2i+1]} = shares. */
    private long[] logged;
    private int logSize;
    private int logRemoved;

    /** Match numbers not appended to the log, each with its own slot of {@link #others}. */
    private final Long2LongHashMap slotByMatch = new Long2LongHashMap(MIN_CAPACITY, 0.65f, MISSING);
    private long[] others = new long[MIN_CAPACITY * 2];
    private int[] freeSlots = new int[MIN_CAPACITY];
    private int freeCount;
    private int highWater;

    private int removedLocate;
    private long removedPrice;
    private long removedShares;

    TradeRecords(int expectedTrades) {
        final int capacity = Math.min(MAX_EXPECTED, Math.max(MIN_CAPACITY, expectedTrades));
        matches = new long[capacity];
        logged = new long[capacity * 2];
    }

    /**
     * Records a trade; the caller has checked {@code 0 <= price < 2^32}.
     *
     * @return false, keeping the first record, if the match number is already recorded
     */
    boolean record(long matchNumber, int locate, long price, long shares) {
        final long packed = ((long)locate << 32) | price;
        final int n = logSize;
        if (n == 0 || matchNumber > matches[n - 1]) {
            if (n == matches.length) {
                matches = Arrays.copyOf(matches, n << 1);
                logged = Arrays.copyOf(logged, n << 2);
            }
            matches[n] = matchNumber;
            logged[n << 1] = packed;
            logged[(n << 1) + 1] = shares;
            logSize = n + 1;
            return true;
        }
        if (findLogged(matchNumber) >= 0) {
            return false;
        }
        final int slot = allocateSlot();
        if (slotByMatch.putIfAbsent(matchNumber, slot) != MISSING) {
            releaseSlot(slot);
            return false;
        }
        others[slot << 1] = packed;
        others[(slot << 1) + 1] = shares;
        return true;
    }

    /**
     * Removes a trade; on success its values are readable through {@link #removedLocate()},
     * {@link #removedPrice()} and {@link #removedShares()}.
     *
     * @return false if the match number is not recorded
     */
    boolean remove(long matchNumber) {
        final int i = findLogged(matchNumber);
        if (i >= 0) {
            removed(logged, i << 1);
            logged[i << 1] = REMOVED;
            logRemoved++;
            return true;
        }
        final long slot = slotByMatch.remove(matchNumber);
        if (slot == MISSING) {
            return false;
        }
        removed(others, (int)slot << 1);
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
        return logSize - logRemoved + slotByMatch.size();
    }

    /** Writes every record (the log, removed entries included, then the others), for a checkpoint. */
    void writeSnapshot(DataOutput out) throws IOException {
        out.writeInt(logSize);
        out.writeInt(logRemoved);
        for (int i = 0; i < logSize; i++) {
            out.writeLong(matches[i]);
            out.writeLong(logged[i << 1]);
            out.writeLong(logged[(i << 1) + 1]);
        }
        out.writeInt(slotByMatch.size());
        final IOException[] failed = new IOException[1];
        slotByMatch.forEachLong((match, slot) -> {
            try {
                out.writeLong(match);
                out.writeLong(others[(int)slot << 1]);
                out.writeLong(others[((int)slot << 1) + 1]);
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** Restores what {@link #writeSnapshot} wrote into these records, which must be empty. */
    void readSnapshot(ByteBuffer in) {
        if (size() != 0 || logRemoved != 0) {
            throw new IllegalStateException("restoring a snapshot into trade records that hold trades");
        }
        final int n = in.getInt();
        final int removedCount = in.getInt();
        if (n < 0 || removedCount < 0 || removedCount > n) {
            throw new IllegalArgumentException("bad trade log size " + n + " (" + removedCount + " removed)");
        }
        if (n > matches.length) {
            matches = new long[n];
            logged = new long[n * 2];
        }
        for (int i = 0; i < n; i++) {
            matches[i] = in.getLong();
            if (i > 0 && matches[i] <= matches[i - 1]) {
                throw new IllegalArgumentException("trade log not in match number order at entry " + i);
            }
            logged[i << 1] = in.getLong();
            logged[(i << 1) + 1] = in.getLong();
        }
        logSize = n;
        logRemoved = removedCount;
        final int others = in.getInt();
        for (int i = 0; i < others; i++) {
            final long match = in.getLong();
            final int slot = allocateSlot();
            if (slotByMatch.putIfAbsent(match, slot) != MISSING) {
                throw new IllegalArgumentException("repeated match number " + match + " in snapshot");
            }
            this.others[slot << 1] = in.getLong();
            this.others[(slot << 1) + 1] = in.getLong();
        }
    }

    private void removed(long[] records, int at) {
        removedLocate = (int)(records[at] >>> 32);
        removedPrice = records[at] & PRICE_MASK;
        removedShares = records[at + 1];
    }

    /** Index of the live log entry of {@code matchNumber}, or -1. */
    private int findLogged(long matchNumber) {
        final int i = Arrays.binarySearch(matches, 0, logSize, matchNumber);
        return i >= 0 && logged[i << 1] != REMOVED ? i : -1;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (highWater == others.length >> 1) {
            others = Arrays.copyOf(others, others.length << 1);
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

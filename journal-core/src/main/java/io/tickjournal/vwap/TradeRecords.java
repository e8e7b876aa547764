package io.tickjournal.vwap;

import org.agrona.BitUtil;
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
 * to a log in arrival order: match numbers in {@code long[]} chunks of up to {@value #MAX_CHUNK} trades
 * (ascending), and per trade two longs of a second chunk ({@code locate << 32 | price}, then
 * shares). Recording a trade whose match number is above every logged one is an append to
 * memory that is already in cache, with no lookup; a B (rare) finds its trade by binary search.
 * A match number that is not above the last logged one (out of order, repeated, or recorded
 * again after its B) goes through an Agrona {@link Long2LongHashMap} to its own slot. A broken
 * trade in the log is marked removed in place. About 24 bytes per trade. The chunks for the
 * expected trades are allocated up front; beyond them the log takes one new chunk at a time
 * and never copies what it holds (instead of doubling, copying and zeroing the whole log).
 *
 * <p>Why the chunk size follows the expected trades: a chunk of {@value #MAX_CHUNK} trades is a 1 MB
 * and a 2 MB array, which G1 allocates as humongous objects (over half a region: the default heap
 * on this 24 GiB machine, 6 GB, has 2 MB regions) that no young collection copies. With
 * 65,536-trade chunks the 512 KB match arrays of a 10M-message day's log (13 MB) were copied by
 * the collections that the replay's own start set off (see docs/benchmarks.md for the pauses). A
 * small log (tests, a short journal) keeps small chunks: at least {@value #MIN_CHUNK} trades, 96 KB.
 * Thread-confined.
 */
final class TradeRecords {
    private static final long MISSING = -1;
    /** The packed word of a removed log entry: a real one has locate {@literal <=} 65535. */
    private static final long REMOVED = -1;
    private static final long PRICE_MASK = 0xFFFF_FFFFL;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_EXPECTED = 1 << 28;
    /** Most trades per chunk of the log: 1 MB of match numbers and 2 MB of records. */
    static final int MAX_CHUNK = 1 << 17;
    /** Fewest trades per chunk of the log. */
    static final int MIN_CHUNK = 1 << 12;
    /** Expected trades over this is the chunk size (rounded up to a power of 2, within the bounds). */
    private static final int CHUNKS_EXPECTED = 8;

    /** Log2 of the trades per chunk, and the mask of an index within a chunk (trades per chunk - 1). */
    private final int chunkShift;
    private final int chunkMask;

    /** Chunk c holds the match numbers of log entries [c << chunkShift, (c + 1) << chunkShift), ascending. */
    private long[][] matches;
    /**
     * Log entry i, in chunk i >>> chunkShift at j = i & chunkMask: {@code [2j]} = locate << 32 | price
     * (or {@link #REMOVED}), {@code [2j+1]} = shares.
     */
    private long[][] logged;
    private int chunks;
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
        final int chunkSize = Math.max(MIN_CHUNK,
                Math.min(MAX_CHUNK, BitUtil.findNextPositivePowerOfTwo(capacity / CHUNKS_EXPECTED)));
        chunkShift = Integer.numberOfTrailingZeros(chunkSize);
        chunkMask = chunkSize - 1;
        final int presized = (capacity + chunkMask) >>> chunkShift;
        matches = new long[Math.max(4, presized)][];
        logged = new long[matches.length][];
        while (chunks < presized) {
            addChunk();
        }
    }

    private void addChunk() {
        if (chunks == matches.length) {
            matches = Arrays.copyOf(matches, chunks << 1);
            logged = Arrays.copyOf(logged, chunks << 1);
        }
        matches[chunks] = new long[chunkMask + 1];
        logged[chunks] = new long[(chunkMask + 1) << 1];
        chunks++;
    }

    private long matchAt(int i) {
        return matches[i >>> chunkShift][i & chunkMask];
    }

    /**
     * Records a trade; the caller has checked {@code 0 <= price < 2^32}.
     *
     * @return false, keeping the first record, if the match number is already recorded
     */
    boolean record(long matchNumber, int locate, long price, long shares) {
        final long packed = ((long)locate << 32) | price;
        final int n = logSize;
        if (n == 0 || matchNumber > matchAt(n - 1)) {
            final int c = n >>> chunkShift;
            if (c == chunks) {
                addChunk();
            }
            final int j = n & chunkMask;
            matches[c][j] = matchNumber;
            final long[] log = logged[c];
            log[j << 1] = packed;
            log[(j << 1) + 1] = shares;
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
            final long[] log = logged[i >>> chunkShift];
            final int at = (i & chunkMask) << 1;
            removed(log, at);
            log[at] = REMOVED;
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
            final long[] log = logged[i >>> chunkShift];
            final int at = (i & chunkMask) << 1;
            out.writeLong(matchAt(i));
            out.writeLong(log[at]);
            out.writeLong(log[at + 1]);
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
        while ((long)chunks << chunkShift < n) {
            addChunk();
        }
        for (int i = 0; i < n; i++) {
            final int c = i >>> chunkShift;
            final int j = i & chunkMask;
            matches[c][j] = in.getLong();
            if (i > 0 && matches[c][j] <= matchAt(i - 1)) {
                throw new IllegalArgumentException("trade log not in match number order at entry " + i);
            }
            logged[c][j << 1] = in.getLong();
            logged[c][(j << 1) + 1] = in.getLong();
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
        if (logSize == 0) {
            return -1;
        }
        // The chunk: the last whose first match number is not above matchNumber.
        int lo = 0;
        int hi = ((logSize - 1) >>> chunkShift) + 1;
        while (hi - lo > 1) {
            final int mid = (lo + hi) >>> 1;
            if (matches[mid][0] <= matchNumber) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        final int end = Math.min(chunkMask + 1, logSize - (lo << chunkShift));
        final int j = Arrays.binarySearch(matches[lo], 0, end, matchNumber);
        return j >= 0 && logged[lo][j << 1] != REMOVED ? (lo << chunkShift) + j : -1;
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

package io.tickjournal.bench;

import io.tickjournal.book.OrderBooks;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * Order-book operations on one symbol whose book has {@link #LEVELS} price levels per side
 * ({@link #ORDERS_PER_LEVEL} resting orders each) inside a table of {@link #BACKGROUND_ORDERS}
 * orders of other symbols, so the order table is not a toy. Each operation picks the next of
 * the resting orders (spread over every level), so successive operations touch different
 * levels and table slots.
 *
 * <p>Every benchmark keeps the book in a steady state: execute and cancel take one share from
 * orders sized for billions; an add is paired with the delete of the same order (one
 * invocation = add + delete, two book operations); replace moves an order between two
 * adjacent existing levels with a new reference each time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class OrderBookBenchmark {
    static final int LOCATE = 42;
    static final int LEVELS = 4096;
    static final int ORDERS_PER_LEVEL = 2;
    static final int BACKGROUND_ORDERS = 100_000;
    /**
     * Sized as an operator sizes for a day: orders that outlive {@code capacity} newer references
     * spill, and a spill above capacity/16 doubles the table (the table's only allocation). The
     * long-lived orders here stay below that, as in a real book where most orders are short-lived.
     */
    static final int EXPECTED_ORDERS = 1 << 22;
    static final long MID = 5_000_000;
    static final long TICK = 100;
    static final long BIG = 4_000_000_000L;

    private OrderBooks books;
    /** Resting orders of LOCATE, both sides, levels interleaved. */
    private long[] refs;
    private long[] prices;
    private byte[] sides;
    private int mask;
    private int next;
    private long nextRef;

    /** Orders moved by {@link #replace}: current reference, and whether they sit on the outer level. */
    private long[] movers;
    private boolean[] outer;

    @Setup(Level.Trial)
    public void setup() {
        int resting = 2 * LEVELS * ORDERS_PER_LEVEL;
        books = new OrderBooks(EXPECTED_ORDERS);
        long ref = 1;
        for (int i = 0; i < BACKGROUND_ORDERS; i++) {
            int locate = 1 + (i % 500);
            byte side = (i & 1) == 0 ? (byte)'B' : (byte)'S';
            long price = side == 'B' ? MID - TICK * (1 + i % 50) : MID + TICK * (1 + i % 50);
            books.add(ref++, locate == LOCATE ? 501 : locate, side, price, 100);
        }
        refs = new long[resting];
        prices = new long[resting];
        sides = new byte[resting];
        int k = 0;
        for (int o = 0; o < ORDERS_PER_LEVEL; o++) {
            for (int level = 0; level < LEVELS; level++) {
                for (int s = 0; s < 2; s++) {
                    byte side = s == 0 ? (byte)'B' : (byte)'S';
                    long price = side == 'B' ? MID - TICK * (1 + level) : MID + TICK * (1 + level);
                    books.add(ref, LOCATE, side, price, BIG);
                    refs[k] = ref++;
                    prices[k] = price;
                    sides[k] = side;
                    k++;
                }
            }
        }
        // A deterministic shuffle: consecutive operations hit unrelated levels.
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = resting - 1; i > 0; i--) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int j = (int)((seed >>> 33) % (i + 1));
            long r = refs[i]; refs[i] = refs[j]; refs[j] = r;
            long p = prices[i]; prices[i] = prices[j]; prices[j] = p;
            byte b = sides[i]; sides[i] = sides[j]; sides[j] = b;
        }
        mask = Integer.highestOneBit(resting) - 1;
        movers = new long[1024];
        outer = new boolean[movers.length];
        for (int i = 0; i < movers.length; i++) {
            movers[i] = ref;
            books.add(ref++, LOCATE, (byte)'B', MID - TICK * (1 + (i % (LEVELS - 1))), 100);
        }
        nextRef = ref;
        if (books.depth(LOCATE, (byte)'B') != LEVELS || books.depth(LOCATE, (byte)'S') != LEVELS) {
            throw new IllegalStateException("book not built");
        }
    }

    @Benchmark
    public long execute() {
        int i = next++ & mask;
        return books.execute(refs[i], 1);
    }

    @Benchmark
    public long cancel() {
        int i = next++ & mask;
        return books.cancel(refs[i], 1);
    }

    /** Add an order at an existing level, then delete it: two operations per invocation. */
    @Benchmark
    @OperationsPerInvocation(2)
    public boolean addThenDelete() {
        int i = next++ & mask;
        long ref = nextRef++;
        books.add(ref, LOCATE, sides[i], prices[i], 100);
        return books.delete(ref);
    }

    /**
     * Add an order at a new price between two levels (the level is created, in the middle of
     * thousands), then delete it (the level is removed): two operations per invocation.
     */
    @Benchmark
    @OperationsPerInvocation(2)
    public boolean addThenDeleteNewLevel() {
        int i = next++ & mask;
        long ref = nextRef++;
        books.add(ref, LOCATE, sides[i], prices[i] + TICK / 2, 100);
        return books.delete(ref);
    }

    /** Replace (U): retire the reference, move the order to the adjacent level under a new one. */
    @Benchmark
    public boolean replace() {
        int i = next++ & (movers.length - 1);
        long ref = nextRef++;
        long price = books.orderPrice(movers[i]);
        boolean ok = books.replace(movers[i], ref, 100, outer[i] ? price + TICK : price - TICK);
        movers[i] = ref;
        outer[i] = !outer[i];
        return ok;
    }
}

package io.tickjournal.book;

import io.tickjournal.book.OrderBooksTest.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random operations on deep books (thousands of levels) cross-checked against a plain
 * TreeMap model after every operation (top of book) and periodically (full depth).
 *
 * <p>Reference numbers step by 1 (as on the feed: the order table's direct entries), by a
 * power of two (every order collides in the direct-mapped table: spill and growth), or by
 * random jumps.
 */
class OrderBooksModelTest {
    private static final int LOCATES = 4;
    private static final int OPERATIONS = 60_000;

    record Order(int locate, byte side, long price, long shares) {
    }

    /** The model: obviously correct, slow, allocating. */
    static final class Model {
        final Map<Long, Order> orders = new HashMap<>();
        final List<Long> refs = new ArrayList<>();
        final Map<Long, Integer> indexOfRef = new HashMap<>();
        final Map<Integer, TreeMap<Long, long[]>> levels = new HashMap<>();

        TreeMap<Long, long[]> side(int locate, byte side) {
            return levels.computeIfAbsent(locate * 2 + (side == 'S' ? 1 : 0),
                k -> new TreeMap<>(side == 'S' ? Comparator.<Long>naturalOrder() : Comparator.<Long>reverseOrder()));
        }

        void add(long ref, Order order) {
            orders.put(ref, order);
            indexOfRef.put(ref, refs.size());
            refs.add(ref);
            final long[] level = side(order.locate(), order.side()).computeIfAbsent(order.price(), p -> new long[2]);
            level[0] += order.shares();
            level[1]++;
        }

        /** Takes {@code qty} out (clamped); returns the order's old state. */
        Order reduce(long ref, long qty) {
            final Order order = orders.get(ref);
            final long taken = Math.min(qty, order.shares());
            final TreeMap<Long, long[]> side = side(order.locate(), order.side());
            final long[] level = side.get(order.price());
            level[0] -= taken;
            if (order.shares() == taken) {
                remove(ref);
                if (--level[1] == 0) {
                    side.remove(order.price());
                }
            } else {
                orders.put(ref, new Order(order.locate(), order.side(), order.price(), order.shares() - taken));
            }
            return order;
        }

        Order remove(long ref) {
            final Order order = orders.remove(ref);
            final int index = indexOfRef.remove(ref);
            final long last = refs.remove(refs.size() - 1);
            if (last != ref) {
                refs.set(index, last);
                indexOfRef.put(last, index);
            }
            return order;
        }

        Order delete(long ref) {
            return reduce(ref, Long.MAX_VALUE);
        }

        List<Level> depth(int locate, byte side) {
            final List<Level> out = new ArrayList<>();
            side(locate, side).forEach((price, level) -> out.add(new Level(price, level[0], (int)level[1])));
            return out;
        }

        long[] top(int locate) {
            final Map.Entry<Long, long[]> bid = side(locate, (byte)'B').firstEntry();
            final Map.Entry<Long, long[]> ask = side(locate, (byte)'S').firstEntry();
            return new long[] {bid == null ? 0 : bid.getKey(), bid == null ? 0 : bid.getValue()[0],
                ask == null ? 0 : ask.getKey(), ask == null ? 0 : ask.getValue()[0]};
        }
    }

    /** Reference steps: 0 means a random jump of 1 to 5,000. */
    static Stream<Arguments> seeds() {
        final long now = System.nanoTime();
        return Stream.of(1L, 20_260_522L, now).flatMap(seed ->
            Stream.of(Arguments.of(seed, 1L), Arguments.of(seed, 1L << 12), Arguments.of(seed, 0L)));
    }

    @ParameterizedTest(name = "seed {0}, reference step {1}")
    @MethodSource("seeds")
    void randomOperationsShouldMatchTheModel(long seed, long refStep) {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderBooks books = new OrderBooks(1_024);
        final Model model = new Model();
        long nextRef = 1;
        long drift = 0;
        final SplittableRandom jumps = new SplittableRandom(seed ^ 0x5DEECE66DL);

        for (int op = 0; op < OPERATIONS; op++) {
            final String where = "seed " + seed + ", reference step " + refStep + ", operation " + op;
            final int choice = random.nextInt(100);
            final int touched;
            if (choice < 45 || model.refs.isEmpty()) {
                final int locate = 1 + random.nextInt(LOCATES);
                final byte side = random.nextBoolean() ? (byte)'B' : (byte)'S';
                // Locate 1 is deep (prices spread over 4,000 ticks, far beyond the tick ladder),
                // 2 shallow, 3 shallow with now and then a price off the cent grid, 4 drifting
                // in jumps of up to 1,000 ticks (the ladder window moves up and down).
                final int ticks = locate == 1 ? 4_000 : 20;
                final long mid = locate == 4 ? 1_000_000 + 100L * drift : 1_000_000;
                long price = side == 'B' ? mid - 100L * random.nextInt(ticks) : mid + 100 + 100L * random.nextInt(ticks);
                if (locate == 3 && random.nextInt(2_000) == 0) {
                    price += 1 + random.nextInt(99);
                }
                if (locate == 4 && random.nextInt(200) == 0) {
                    drift = Math.max(-9_000, Math.min(9_000, drift + random.nextInt(2_001) - 1_000));
                }
                final long shares = 1 + random.nextInt(1_000);
                final long ref = nextRef;
                nextRef += refStep == 0 ? 1 + jumps.nextInt(5_000) : refStep;
                assertEquals(true, books.add(ref, locate, side, price, shares), where);
                model.add(ref, new Order(locate, side, price, shares));
                touched = locate;
            } else if (choice < 93) {
                final long ref = model.refs.get(random.nextInt(model.refs.size()));
                final Order order = model.orders.get(ref);
                touched = order.locate();
                final long shares = 1 + random.nextLong(order.shares() + 10);
                if (choice < 60) {
                    assertEquals(order.price(), books.execute(ref, shares), where);
                    model.reduce(ref, shares);
                } else if (choice < 75) {
                    assertEquals(Math.max(0, order.shares() - shares), books.cancel(ref, shares), where);
                    model.reduce(ref, shares);
                } else if (choice < 85) {
                    assertEquals(true, books.delete(ref), where);
                    model.delete(ref);
                } else {
                    final long newRef = nextRef;
                    nextRef += refStep == 0 ? 1 + jumps.nextInt(5_000) : refStep;
                    final long price = Math.max(100, order.price() + 100L * (random.nextInt(21) - 10)
                        + (random.nextInt(5_000) == 0 ? 1 : 0));
                    final long newShares = 1 + random.nextInt(1_000);
                    assertEquals(true, books.replace(ref, newRef, newShares, price), where);
                    model.delete(ref);
                    model.add(newRef, new Order(order.locate(), order.side(), price, newShares));
                }
                assertEquals(order.locate(), books.lastLocate(), where);
                assertEquals(order.side(), books.lastSide(), where);
            } else {
                // Unknown: never added, or added long ago and gone by now.
                final long unknown = random.nextBoolean() ? nextRef + 1 + random.nextInt(1_000)
                    : Math.max(0, nextRef - refStep * (1 + random.nextInt(1_000)) - 1);
                if (!model.orders.containsKey(unknown)) {
                    assertEquals(OrderBooks.UNKNOWN, books.execute(unknown, 1), where);
                    assertEquals(false, books.delete(unknown), where);
                }
                touched = 1;
            }
            final long[] top = model.top(touched);
            assertEquals(List.of(top[0], top[1], top[2], top[3]), List.of(books.bestBidPrice(touched),
                books.bestBidSize(touched), books.bestAskPrice(touched), books.bestAskSize(touched)), where);
            if (op % 5_000 == 0 || op == OPERATIONS - 1) {
                assertEquals(model.orders.size(), books.liveOrders(), where);
                for (int locate = 1; locate <= LOCATES; locate++) {
                    assertEquals(model.depth(locate, (byte)'B'), OrderBooksTest.depthOf(books, locate, (byte)'B'), where);
                    assertEquals(model.depth(locate, (byte)'S'), OrderBooksTest.depthOf(books, locate, (byte)'S'), where);
                }
            }
        }
        // The deep book really was deep.
        assertEquals(true, books.depth(1, (byte)'B') > 1_000, "seed " + seed + ": bid depth " + books.depth(1, (byte)'B'));
    }
}

package io.tickjournal.book;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct-mapped order table against a HashMap: collisions, spill, growth, clear. */
class OrderTableTest {
    @Test
    void collidingReferencesShouldSpillTheOlderOrderAndStayFindable() {
        final OrderTable table = new OrderTable(16);
        final int first = table.insert(5, 11, 100);
        assertEquals(first, table.find(5));
        // 5 + 16 has the same direct entry: the newcomer takes it, 5 moves to the spill.
        final int second = table.insert(21, 22, 200);
        assertEquals(first, second);
        assertEquals(1, table.spilled());
        final int spilled = table.find(5);
        assertEquals(List.of(5L, 11L, 100L), List.of(table.entries[spilled + OrderTable.REF],
            table.entries[spilled + OrderTable.PACKED], table.entries[spilled + OrderTable.SHARES]));
        assertEquals(OrderTable.NONE, table.find(37));
        table.remove(second);
        assertEquals(OrderTable.NONE, table.find(21));
        assertEquals(spilled, table.find(5));
        table.remove(spilled);
        assertEquals(OrderTable.NONE, table.find(5));
        assertEquals(0, table.size());
        assertEquals(0, table.spilled());
    }

    @ParameterizedTest(name = "reference step {0}")
    @ValueSource(longs = {1, 3, 16, 1 << 10, 0})
    void randomOperationsShouldMatchAHashMap(long step) {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final String where = "seed " + seed + ", step " + step;
        final OrderTable table = new OrderTable(16);
        final Map<Long, long[]> model = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        long next = random.nextLong(1L << 40);
        for (int op = 0; op < 100_000; op++) {
            if (live.isEmpty() || random.nextInt(100) < 52) {
                final long ref = next;
                next += step == 0 ? 1 + random.nextInt(100_000) : step;
                final long[] order = {1 + random.nextLong(1L << 49), random.nextLong(1_000_000)};
                assertEquals(OrderTable.NONE, table.find(ref), where);
                table.insert(ref, order[0], order[1]);
                model.put(ref, order);
                live.add(ref);
            } else {
                final int i = random.nextInt(live.size());
                final long ref = live.get(i);
                live.set(i, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                final long[] order = model.remove(ref);
                final int h = table.find(ref);
                assertEquals(List.of(ref, order[0], order[1]), List.of(table.entries[h + OrderTable.REF],
                    table.entries[h + OrderTable.PACKED], table.entries[h + OrderTable.SHARES]), where);
                table.remove(h);
                assertEquals(OrderTable.NONE, table.find(ref), where);
            }
            if (op % 10_000 == 0) {
                assertEquals(model.size(), table.size(), where);
                for (Map.Entry<Long, long[]> e : model.entrySet()) {
                    final int h = table.find(e.getKey());
                    assertTrue(h != OrderTable.NONE, where);
                    assertEquals(e.getValue()[1], table.entries[h + OrderTable.SHARES], where);
                }
            }
        }
        assertTrue(table.capacity() > 16, where + ": grew");
        table.clear();
        assertEquals(0, table.size(), where);
        for (long ref : live) {
            assertEquals(OrderTable.NONE, table.find(ref), where);
        }
    }
}

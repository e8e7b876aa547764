package io.tickjournal.vwap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The trade log against a HashMap: mostly increasing match numbers (appended), some out of
 * order, repeated, broken and recorded again (the map path), and log growth.
 */
class TradeRecordsTest {
    @Test
    void snapshotOfALogOfSeveralChunksShouldRestoreEveryTrade() throws java.io.IOException {
        // A small log's chunks (MIN_CHUNK trades) restored into a log sized for 2M trades (MAX_CHUNK): the
        // snapshot does not depend on the chunk size.
        final int chunk = TradeRecords.MIN_CHUNK;
        final int trades = 3 * chunk + 123;
        final int broken = 2 * chunk + 77;
        final TradeRecords records = new TradeRecords(16);
        for (int i = 0; i < trades; i++) {
            records.record(10L + 2L * i, 1 + i % 500, 100L * i, i + 1L);
        }
        records.record(5, 7, 70, 700); // below every logged match number: the map path
        assertEquals(true, records.remove(10L + 2L * broken));
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            records.writeSnapshot(out);
        }
        final TradeRecords restored = new TradeRecords(2_000_000);
        restored.readSnapshot(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
        assertEquals(records.size(), restored.size());
        assertEquals(false, restored.remove(10L + 2L * broken));
        assertEquals(false, restored.remove(11L));
        for (int i : new int[] {0, chunk - 1, chunk, 2 * chunk + 5, trades - 1}) {
            assertEquals(true, restored.remove(10L + 2L * i), "trade " + i);
            assertEquals(List.of((long)(1 + i % 500), 100L * i, i + 1L),
                List.of((long)restored.removedLocate(), restored.removedPrice(), restored.removedShares()), "trade " + i);
        }
        assertEquals(true, restored.remove(5));
        assertEquals(700L, restored.removedShares());
        assertEquals(true, restored.record(10L + 2L * trades, 1, 1, 1), "appends after a restore");
    }

    @Test
    void randomRecordsAndBreaksShouldMatchAHashMap() {
        final long seed = System.nanoTime();
        final String where = "seed " + seed;
        final SplittableRandom random = new SplittableRandom(seed);
        final TradeRecords records = new TradeRecords(16);
        final Map<Long, long[]> model = new HashMap<>();
        final List<Long> seen = new ArrayList<>();
        long next = random.nextLong(1L << 40);
        for (int op = 0; op < 200_000; op++) {
            final int choice = random.nextInt(100);
            if (choice < 80 || seen.isEmpty()) {
                final long match;
                if (choice < 70 || seen.isEmpty()) {
                    next += 1 + random.nextInt(3);
                    match = next;
                } else {
                    // Out of order, or a repeat, or recorded again after a break.
                    match = random.nextBoolean() ? seen.get(random.nextInt(seen.size())) : next - random.nextInt(1_000);
                }
                final int locate = 1 + random.nextInt(65_535);
                final long price = random.nextLong(1L << 32);
                final long shares = random.nextLong(1L << 40);
                final boolean fresh = !model.containsKey(match);
                assertEquals(fresh, records.record(match, locate, price, shares), where + ", op " + op);
                if (fresh) {
                    model.put(match, new long[] {locate, price, shares});
                }
                seen.add(match);
            } else {
                final long match = random.nextBoolean() ? seen.get(random.nextInt(seen.size())) : next + 1;
                final long[] expected = model.remove(match);
                assertEquals(expected != null, records.remove(match), where + ", op " + op);
                if (expected != null) {
                    assertEquals(List.of(expected[0], expected[1], expected[2]), List.of((long)records.removedLocate(),
                        records.removedPrice(), records.removedShares()), where + ", op " + op);
                }
            }
            if (op % 10_000 == 0) {
                assertEquals(model.size(), records.size(), where);
            }
        }
        assertEquals(model.size(), records.size(), where);
    }
}

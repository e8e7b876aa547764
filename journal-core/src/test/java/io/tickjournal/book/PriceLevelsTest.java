package io.tickjournal.book;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 32-bit level keys keep the price order of both sides over the whole unsigned range; the
 * tick ladder and its sorted levels match a TreeMap while prices jump across and beyond the
 * window in both directions, the ladder empties and refills, and prices leave the cent grid.
 */
class PriceLevelsTest {
    private static final long[] PRICES = {0, 1, 99, 100, 0x7FFF_FFFFL, 0x8000_0000L, 0x8000_0001L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};

    @Test
    void keysShouldOrderBidsByPriceAndAsksByPriceReversedOverTheWholeUnsignedRange() {
        final List<Long> bids = new ArrayList<>();
        final List<Long> asks = new ArrayList<>();
        for (int i = 0; i < PRICES.length; i++) {
            assertEquals(PRICES[i], PriceLevels.price(PriceLevels.key(PRICES[i], false), false));
            assertEquals(PRICES[i], PriceLevels.price(PriceLevels.key(PRICES[i], true), true));
            if (i > 0) {
                assertTrue(PriceLevels.key(PRICES[i - 1], false) < PriceLevels.key(PRICES[i], false), "bid " + PRICES[i]);
                assertTrue(PriceLevels.key(PRICES[i - 1], true) > PriceLevels.key(PRICES[i], true), "ask " + PRICES[i]);
            }
            // Best first: bids by descending price, asks by ascending price.
            bids.add(PRICES[PRICES.length - 1 - i]);
            asks.add(PRICES[i]);
        }
        final PriceLevels bidLevels = new PriceLevels(false);
        final PriceLevels askLevels = new PriceLevels(true);
        for (int i = PRICES.length - 1; i >= 0; i -= 2) {
            bidLevels.addOrder(PriceLevels.key(PRICES[i], false), 1);
            askLevels.addOrder(PriceLevels.key(PRICES[i], true), 1);
        }
        for (int i = PRICES.length - 2; i >= 0; i -= 2) {
            bidLevels.addOrder(PriceLevels.key(PRICES[i], false), 1);
            askLevels.addOrder(PriceLevels.key(PRICES[i], true), 1);
        }
        final List<Long> bidDepth = new ArrayList<>();
        final List<Long> askDepth = new ArrayList<>();
        for (int level = 0; level < PRICES.length; level++) {
            bidDepth.add(PriceLevels.price(bidLevels.keyAt(level), false));
            askDepth.add(PriceLevels.price(askLevels.keyAt(level), true));
        }
        assertEquals(bids, bidDepth);
        assertEquals(asks, askDepth);
    }

    @ParameterizedTest(name = "sell {0}")
    @ValueSource(booleans = {false, true})
    void randomLevelsShouldMatchATreeMap(boolean sell) {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final PriceLevels levels = new PriceLevels(sell);
        // price -> {shares, orders}; each live order as {price, shares}.
        final TreeMap<Long, long[]> model = new TreeMap<>();
        final List<long[]> orders = new ArrayList<>();
        long mid = 50_000_000;
        for (int op = 0; op < 200_000; op++) {
            final String where = "seed " + seed + ", sell " + sell + ", op " + op;
            if (random.nextInt(100) == 0) {
                // Jumps within, across and far beyond the window, both ways.
                mid = Math.max(10_000_000, mid + PriceLevels.TICK * (random.nextInt(2 * 3 * PriceLevels.WINDOW) - 3 * PriceLevels.WINDOW));
            }
            if (op == 150_000) {
                levels.clear();
                model.clear();
                orders.clear();
            }
            final boolean offGrid = op > 120_000 && op < 150_000 && random.nextInt(3_000) == 0;
            // Phases of thin books (the ladder empties and moves down) and of thick ones.
            final int live = (op / 10_000) % 2 == 0 ? 20 : 300;
            if (orders.isEmpty() || random.nextInt(100) < (orders.size() > live ? 40 : 55)) {
                // Spreads from a few ticks to several windows, phase by phase.
                final int spread = new int[] {8, 400, 2_000, 60}[(op / 7_000) % 4];
                final long price = mid + PriceLevels.TICK * (random.nextInt(spread) - spread / 2) + (offGrid ? 1 + random.nextInt(99) : 0);
                final long shares = random.nextInt(1_000);
                levels.addOrder(PriceLevels.key(price, sell), shares);
                final long[] level = model.computeIfAbsent(price, p -> new long[2]);
                level[0] += shares;
                level[1]++;
                orders.add(new long[] {price, shares});
            } else {
                final int i = random.nextInt(orders.size());
                final long[] order = orders.get(i);
                final long qty = random.nextInt(3) == 0 ? order[1] : random.nextLong(order[1] + 1);
                final boolean gone = qty == order[1] && random.nextBoolean();
                levels.reduce(PriceLevels.key(order[0], sell), qty, gone);
                final long[] level = model.get(order[0]);
                level[0] -= qty;
                order[1] -= qty;
                if (gone) {
                    orders.set(i, orders.get(orders.size() - 1));
                    orders.remove(orders.size() - 1);
                    if (--level[1] == 0) {
                        model.remove(order[0]);
                    }
                }
            }
            if (op % 97 == 0 || op > 199_000) {
                assertEquals(depth(sell ? model : model.descendingMap()), depth(levels, sell), where);
            }
        }
    }

    private static List<List<Long>> depth(Map<Long, long[]> bestFirst) {
        final List<List<Long>> out = new ArrayList<>();
        bestFirst.forEach((price, level) -> out.add(List.of(price, level[0], level[1])));
        return out;
    }

    private static List<List<Long>> depth(PriceLevels levels, boolean sell) {
        final List<List<Long>> out = new ArrayList<>();
        for (int level = 0; level < levels.size(); level++) {
            out.add(List.of(PriceLevels.price(levels.keyAt(level), sell), levels.sharesAt(level), (long)levels.ordersAt(level)));
        }
        return out;
    }
}

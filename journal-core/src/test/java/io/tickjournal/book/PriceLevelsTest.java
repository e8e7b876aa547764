package io.tickjournal.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 32-bit level keys keep the price order of both sides over the whole unsigned range. */
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
        final PriceLevels bidLevels = new PriceLevels();
        final PriceLevels askLevels = new PriceLevels();
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
}

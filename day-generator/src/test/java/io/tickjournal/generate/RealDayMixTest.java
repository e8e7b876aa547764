package io.tickjournal.generate;

import io.tickjournal.itch.ItchRecords;
import io.tickjournal.itch.ItchRecords.AddOrder;
import io.tickjournal.itch.ItchRecords.OrderExecuted;
import io.tickjournal.itch.ItchRecords.StockDirectory;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated day against the mix it aims for ({@link ItchDayGenerator}'s class javadoc, where the
 * figures come from): the share of each order-flow message type within the stated tolerance, most orders
 * cancelled rather than executed, the session's concentration in regular hours, and prices where the
 * real tickers trade.
 */
class RealDayMixTest {
    private static final long HOUR = 3_600_000_000_000L;

    /** Aimed share of the order-flow messages (A F E C X D U P) in percent, and the tolerance. */
    private static final Object[][] AIMED = {
        {'A', 44.0, 3.0}, {'F', 1.5, 0.7}, {'D', 40.0, 3.0}, {'U', 8.0, 1.5}, {'X', 1.5, 0.7},
        {'E', 3.8, 1.5}, {'C', 0.1, 0.1}, {'P', 1.2, 0.5},
    };

    @Test
    void orderFlowMixTimeOfDayAndPricesAreARealDays() {
        GeneratedDay day = new GeneratedDay(100, 300_000, 2_026);
        Map<Character, Integer> counts = new HashMap<>();
        long flow = 0;
        long regular = 0;
        long pre = 0;
        for (int i = 0; i < day.frames.size(); i++) {
            char type = (char) day.type(i);
            if ("AFECXDUP".indexOf(type) < 0) {
                continue;
            }
            counts.merge(type, 1, Integer::sum);
            flow++;
            long ts = timestamp(day, i);
            if (ts >= 9 * HOUR + HOUR / 2 && ts < 16 * HOUR) {
                regular++;
            } else if (ts < 9 * HOUR + HOUR / 2) {
                pre++;
            }
        }
        for (Object[] aim : AIMED) {
            double share = 100.0 * counts.getOrDefault((Character) aim[0], 0) / flow;
            assertEquals((double) aim[1], share, (double) aim[2], aim[0] + " share of the order flow: " + counts);
        }
        assertEquals(93.0, 100.0 * regular / flow, 1.0, "regular hours' share");
        assertEquals(4.0, 100.0 * pre / flow, 1.0, "pre-market share");

        Map<Integer, String> names = new HashMap<>();
        long aaplLow = Long.MAX_VALUE;
        long aaplHigh = 0;
        long adds = 0;
        long fullyExecuted = 0;
        Map<Long, Long> left = new HashMap<>();
        for (ItchRecords.Msg m : day.decode()) {
            if (m instanceof StockDirectory r) {
                names.put(r.locate(), r.stock());
            } else if (m instanceof AddOrder a) {
                adds++;
                left.put(a.ref(), a.shares());
                if ("AAPL".equals(names.get(a.locate()))) {
                    aaplLow = Math.min(aaplLow, a.price());
                    aaplHigh = Math.max(aaplHigh, a.price());
                }
            } else if (m instanceof OrderExecuted e && left.containsKey(e.ref())
                    && left.merge(e.ref(), -e.shares(), Long::sum) == 0) {
                fullyExecuted++;
            }
        }
        assertTrue(aaplLow >= 180_0000 && aaplHigh <= 300_0000, "AAPL quoted from " + aaplLow + " to " + aaplHigh);
        // NASDAQ: the great majority of orders are cancelled, a few percent execute in full
        double executedShare = 100.0 * fullyExecuted / adds;
        assertTrue(executedShare > 1 && executedShare < 10, executedShare + "% of A orders fully executed by E");
    }

    private static long timestamp(GeneratedDay day, int i) {
        int at = day.frames.get(i)[0];
        long ts = 0;
        for (int b = 5; b < 11; b++) {
            ts = (ts << 8) | (day.file[at + b] & 0xFF);
        }
        return ts;
    }
}

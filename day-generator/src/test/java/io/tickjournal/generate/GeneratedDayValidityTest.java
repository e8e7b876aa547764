package io.tickjournal.generate;

import io.tickjournal.itch.ItchRecords.AddOrder;
import io.tickjournal.itch.ItchRecords.AddOrderMpid;
import io.tickjournal.itch.ItchRecords.BrokenTrade;
import io.tickjournal.itch.ItchRecords.CrossTrade;
import io.tickjournal.itch.ItchRecords.Msg;
import io.tickjournal.itch.ItchRecords.OrderCancel;
import io.tickjournal.itch.ItchRecords.OrderDelete;
import io.tickjournal.itch.ItchRecords.OrderExecuted;
import io.tickjournal.itch.ItchRecords.OrderExecutedWithPrice;
import io.tickjournal.itch.ItchRecords.OrderReplace;
import io.tickjournal.itch.ItchRecords.StockDirectory;
import io.tickjournal.itch.ItchRecords.SystemEvent;
import io.tickjournal.itch.ItchRecords.Trade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An independent replay of a generated day with plain java.util collections: every E/C/X/D/U refers
 * to a live order of the same stock and never takes more shares than remain; U keeps the side and
 * retires the old reference; references and match numbers strictly increase; every B names an
 * earlier match number, none twice; system events come in order.
 */
class GeneratedDayValidityTest {
    /** A resting order as the test sees it. */
    private static final class Order {
        final int locate;
        final byte side;
        long shares;

        Order(int locate, byte side, long shares) {
            this.locate = locate;
            this.side = side;
            this.shares = shares;
        }
    }

    private final Map<Long, Order> live = new HashMap<>();
    private final Map<Integer, String> directory = new HashMap<>();
    private final Set<Long> counted = new HashSet<>();
    private final Set<Long> matches = new HashSet<>();
    private final Set<Long> broken = new HashSet<>();
    private long lastRef;
    private long lastMatch;
    private int unknownBreaks;

    @ParameterizedTest(name = "{0} symbols, {1} messages, seed {2}")
    @CsvSource({"500, 50000, 1", "3, 20000, 2", "20, 30000, -77"})
    void everyReferenceIsToALiveOrderAndNoShareIsOverspent(int symbols, long messages, long seed) {
        List<Msg> msgs = new GeneratedDay(symbols, messages, seed).decode();
        StringBuilder systemEvents = new StringBuilder();
        long lastTs = 0;
        for (Msg m : msgs) {
            String where = "seed " + seed + ": " + m;
            if (m instanceof SystemEvent s) {
                systemEvents.append((char) s.eventCode());
            } else if (m instanceof StockDirectory r) {
                directory.put(r.locate(), r.stock());
            } else if (m instanceof AddOrder a) {
                add(a.locate(), a.ref(), a.side(), a.shares(), a.stock(), a.price(), where);
            } else if (m instanceof AddOrderMpid f) {
                add(f.locate(), f.ref(), f.side(), f.shares(), f.stock(), f.price(), where);
            } else if (m instanceof OrderExecuted e) {
                take(e.locate(), e.ref(), e.shares(), false, where);
                match(e.match(), true, where);
            } else if (m instanceof OrderExecutedWithPrice c) {
                take(c.locate(), c.ref(), c.shares(), false, where);
                assertTrue(c.printable() == 'Y' || c.printable() == 'N', where);
                assertTrue(c.price() > 0, where);
                match(c.match(), c.printable() == 'Y', where);
            } else if (m instanceof OrderCancel x) {
                take(x.locate(), x.ref(), x.shares(), true, where);
            } else if (m instanceof OrderDelete d) {
                Order o = live.remove(d.ref());
                assertNotNull(o, "delete of an order that is not live: " + where);
                assertEquals(o.locate, d.locate(), where);
            } else if (m instanceof OrderReplace u) {
                Order o = live.remove(u.originalRef());
                assertNotNull(o, "replace of an order that is not live: " + where);
                assertEquals(o.locate, u.locate(), where);
                add(u.locate(), u.newRef(), o.side, u.shares(), directory.get(u.locate()), u.price(), where);
            } else if (m instanceof Trade p) {
                assertTrue(p.ref() > lastRef, where);
                lastRef = p.ref();
                assertEquals(directory.get(p.locate()), p.stock(), where);
                match(p.match(), true, where);
            } else if (m instanceof CrossTrade q) {
                assertEquals(directory.get(q.locate()), q.stock(), where);
                match(q.match(), q.shares() > 0, where);
            } else if (m instanceof BrokenTrade b) {
                assertTrue(matches.contains(b.match()), "break of a match never seen: " + where);
                assertTrue(broken.add(b.match()), "match broken twice: " + where);
                if (!counted.contains(b.match())) {
                    unknownBreaks++;
                }
            }
            assertTrue(m.ts() >= lastTs, "timestamp went back: " + where);
            lastTs = m.ts();
        }
        assertEquals("OSQMEC", systemEvents.toString());
        assertTrue(!broken.isEmpty(), "some trades are broken");
        assertTrue(unknownBreaks > 0 && unknownBreaks < broken.size(), unknownBreaks + " of " + broken.size()
            + " breaks name a non-counted match");
    }

    private void add(int locate, long ref, byte side, long shares, String stock, long price, String where) {
        assertTrue(ref > lastRef, "order reference not increasing: " + where);
        lastRef = ref;
        assertTrue(side == 'B' || side == 'S', where);
        assertTrue(shares > 0 && price > 0, where);
        assertEquals(directory.get(locate), stock, where);
        live.put(ref, new Order(locate, side, shares));
    }

    private void take(int locate, long ref, long shares, boolean partialOnly, String where) {
        Order o = live.get(ref);
        assertNotNull(o, "reference to an order that is not live: " + where);
        assertEquals(o.locate, locate, where);
        assertTrue(shares > 0 && (partialOnly ? shares < o.shares : shares <= o.shares), "overspent: " + where);
        o.shares -= shares;
        if (o.shares == 0) {
            live.remove(ref);
        }
    }

    private void match(long match, boolean isCounted, String where) {
        assertTrue(match > lastMatch, "match number not increasing: " + where);
        lastMatch = match;
        matches.add(match);
        if (isCounted) {
            counted.add(match);
        }
    }
}

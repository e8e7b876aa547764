package io.tickjournal.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlushPolicyTest {
    private static final long MS = 1_000_000L;

    @Test
    void cheapFlushesFollowTheIntervalAndTheMessageCount() {
        FlushPolicy p = new FlushPolicy(10 * MS, 1000, 9, 0);
        assertFalse(p.due(9 * MS, 999));
        assertTrue(p.due(10 * MS, 0), "the interval has passed");
        assertTrue(p.due(MS, 1000), "the message count has been reached");
        p.flushed(10 * MS, 10 * MS + 300_000); // 0.3 ms: a compiled flush
        assertEquals(10 * MS + 300_000, p.lastFlushNs());
        assertFalse(p.due(19 * MS, 10));
        assertTrue(p.due(20 * MS + 300_000, 10), "10 ms after the end of the last flush");
        assertTrue(p.due(13 * MS, 1000), "2.7 ms after it (nine times its 0.3 ms), the count decides");
    }

    @Test
    void aSlowFlushHoldsTheNextOneBackUntilFlushesAreATenthOfTheTime() {
        FlushPolicy p = new FlushPolicy(10 * MS, 1000, 9, 0);
        p.flushed(0, 50 * MS); // 50 ms: the map code is still interpreted
        assertFalse(p.due(60 * MS, 5000), "the interval and the count are due, but 450 ms have not passed");
        assertFalse(p.due(499 * MS, 5000));
        assertTrue(p.due(500 * MS, 1));
        p.flushed(500 * MS, 501 * MS); // compiled by now: back to the interval
        assertFalse(p.due(510 * MS, 0));
        assertTrue(p.due(511 * MS, 0));
    }

    @Test
    void aRatioOfZeroKeepsTheIntervalWhateverAFlushCosts() {
        FlushPolicy p = new FlushPolicy(10 * MS, 1000, 0, 0);
        p.flushed(0, 50 * MS);
        assertTrue(p.due(60 * MS, 0));
        assertTrue(p.due(51 * MS, 1000));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new FlushPolicy(0, 1000, 9, 0));
        assertThrows(IllegalArgumentException.class, () -> new FlushPolicy(10 * MS, 0, 9, 0));
        assertThrows(IllegalArgumentException.class, () -> new FlushPolicy(10 * MS, 1000, -1, 0));
    }
}

package io.tickjournal.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the live path's tail line is made of: stalls, a thread's scheduler times, the process's and machine's CPU. */
class LiveTailAttributionTest {
    @Test
    void aStallIsARunOfLateMessagesMeasuredByItsLatest() {
        Stalls s = new Stalls(100);
        // on time, a stall of three (longest 900), on time, a stall of one (300), then one still open at the end
        for (long v : new long[] {5, 150, 900, 400, 7, 100, 300, 2, 101, 250}) {
            s.record(v);
        }
        assertEquals(2, s.count(), "the one still open is not counted until the sequence ends");
        s.end();
        assertEquals(3, s.count());
        assertEquals(900 + 300 + 250, s.sumNs());
        assertEquals(900, s.longestNs());
        s.end();
        assertEquals(3, s.count(), "ending twice counts nothing more");
        Stalls none = new Stalls(100);
        none.record(100); // at the threshold is on time
        none.end();
        assertEquals(0, none.count());
        assertEquals(0, none.longestNs());
    }

    @Test
    void schedstatLinesAreParsedAndSubtracted() {
        SchedulerTime a = SchedulerTime.parse("990702 119477 2\n");
        assertEquals(new SchedulerTime(990702, 119477), a);
        SchedulerTime b = SchedulerTime.parse("2990702 619477 9");
        assertEquals(new SchedulerTime(2_000_000, 500_000), b.since(a));
        assertNull(b.since(null));
        assertNull(SchedulerTime.parse("garbage"));
        assertNull(SchedulerTime.parse("1 x 3"));
    }

    @Test
    void procStatGivesBusyAndStolenTimeAndTheProcessCpu() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice, ticks of 10 ms
        long[] m = CpuSnapshot.parseStat("cpu  254804 0 40941 299666 1145 0 476 1566 0 0");
        assertEquals((254804 + 40941 + 476) * 10_000_000L, m[0], "busy: all but idle, iowait and steal");
        assertEquals(1566 * 10_000_000L, m[1]);
        // a command name with spaces and a parenthesis in it; utime and stime are fields 14 and 15
        String stat = "857 (my (odd) cmd) R 813 813 1180 0 -1 4194304 126 0 0 0 37 5 0 0 20 0 1 0 311062";
        assertEquals(42, CpuSnapshot.processTicks(stat));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aBusyThreadShowsUpByNameBetweenTwoSnapshots() throws InterruptedException {
        CpuSnapshot before = CpuSnapshot.take();
        assertNotNull(before);
        SchedulerTime mine = SchedulerTime.ofCurrentThread();
        assertNotNull(mine);
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 200_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x += System.nanoTime() & 1;
            }
            if (x == -1) {
                System.out.println(x);
            }
        }, "tail-test-busy");
        busy.start();
        Thread.sleep(150); // still running at the second snapshot: its time is listed under its name
        CpuSnapshot after = CpuSnapshot.take();
        busy.join();
        Map<String, Long> others = after.since(before, Set.of(CpuSnapshot.currentThreadId()));
        assertTrue(others.getOrDefault("tail-test-busy", 0L) >= 50, "the busy thread's CPU ms: " + others);
        assertTrue(others.containsKey("(other processes)") && others.containsKey("(hypervisor steal)"), others::toString);
        assertTrue(SchedulerTime.ofCurrentThread().since(mine).runNs() >= 0);
    }
}

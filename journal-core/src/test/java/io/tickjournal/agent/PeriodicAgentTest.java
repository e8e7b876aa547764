package io.tickjournal.agent;

import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The duty-cycle agent: runs its job when due, on its own thread, and ends itself when no longer active. */
@Timeout(30)
class PeriodicAgentTest {
    @Test
    void runsTheJobEveryIntervalAndEndsItselfWhenInactive() throws InterruptedException {
        AtomicBoolean active = new AtomicBoolean(true);
        AtomicInteger runs = new AtomicInteger();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (AgentThreads agents = new AgentThreads((role, t) -> { })) {
            AgentRunner runner = agents.start(new PeriodicAgent("tick", 20, true, active::get, () -> {
                threads.add(Thread.currentThread().getName());
                runs.incrementAndGet();
            }), PeriodicAgent.idle(), true);
            awaitTrue(() -> runs.get() >= 3);
            active.set(false);
            assertTrue(AgentThreads.awaitClosed(runner, 5_000), "ended itself");
            int atEnd = runs.get();
            Thread.sleep(100);
            assertEquals(atEnd, runs.get(), "no run after it ended");
            assertEquals(List.of("tick"), threads.stream().distinct().toList(), "every run on the agent's thread");
            assertNull(agents.failure());
        }
    }

    @Test
    void aDelayedFirstRunWaitsOneInterval() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        long[] firstNs = new long[1];
        try (AgentThreads agents = new AgentThreads((role, t) -> { })) {
            agents.start(new PeriodicAgent("later", 200, false, () -> true, () -> {
                if (runs.getAndIncrement() == 0) {
                    firstNs[0] = System.nanoTime();
                }
            }), PeriodicAgent.idle(), true);
            awaitTrue(() -> runs.get() >= 1);
        }
        assertTrue(firstNs[0] - start >= 200_000_000L, "first run after " + (firstNs[0] - start) / 1e6 + " ms");
    }

    @Test
    void aJobThatThrowsEndsTheAgentAsAFailure() throws InterruptedException {
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger runs = new AtomicInteger();
        try (AgentThreads agents = new AgentThreads((role, t) -> failed.add(role + ": " + t.getMessage()))) {
            AgentRunner runner = agents.start(new PeriodicAgent("broken", 1, true, () -> true, () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("no disk");
            }), PeriodicAgent.idle(), true);
            assertTrue(AgentThreads.awaitClosed(runner, 5_000));
            assertEquals(List.of("broken: no disk"), failed);
            assertEquals(1, runs.get());
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}

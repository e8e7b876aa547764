package io.tickjournal.agent;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

class AgentThreadsTest {
    /** An agent that ends itself once {@code go} is counted down. */
    private static Agent endingOn(CountDownLatch go, AtomicBoolean closed) {
        return new Agent() {
            @Override
            public int doWork() {
                if (go.getCount() == 0) {
                    throw new AgentTerminationException();
                }
                return 0;
            }

            @Override
            public void onClose() {
                closed.set(true);
            }

            @Override
            public String roleName() {
                return "ending";
            }
        };
    }

    @Test
    void awaitAllClosedWakesWhenTheLastAgentCloses() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean aClosed = new AtomicBoolean();
        AtomicBoolean bClosed = new AtomicBoolean();
        try (AgentThreads threads = new AgentThreads((role, t) -> { })) {
            threads.start(endingOn(go, aClosed), new SleepingMillisIdleStrategy(1), true);
            threads.start(endingOn(go, bClosed), new SleepingMillisIdleStrategy(1), true);
            assertFalse(threads.awaitAllClosed(50), "both agents still run: the wait times out");
            go.countDown();
            long start = System.nanoTime();
            // A generous timeout: the wait must end when the agents do, long before it.
            assertTrue(threads.awaitAllClosed(60_000));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 30_000,
                    "woken by the agents' close, not by the timeout");
            assertTrue(aClosed.get() && bClosed.get());
            assertTrue(threads.allClosed());
        }
    }

    @Test
    void awaitAllClosedOfNoAgentsReturnsAtOnce() throws InterruptedException {
        try (AgentThreads threads = new AgentThreads((role, t) -> { })) {
            assertTrue(threads.awaitAllClosed(0));
        }
    }

    @Test
    void aFailingAgentCountsAsClosed() throws InterruptedException {
        try (AgentThreads threads = new AgentThreads((role, t) -> { })) {
            threads.start(new Agent() {
                @Override
                public int doWork() {
                    throw new IllegalStateException("boom");
                }

                @Override
                public String roleName() {
                    return "failing";
                }
            }, new SleepingMillisIdleStrategy(1), true);
            assertTrue(threads.awaitAllClosed(60_000));
            assertEquals("boom", threads.failure().getMessage());
        }
    }
}

package io.tickjournal.agent;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The threads of one component (a capture, a replay, a feed), each an {@link Agent} on an
 * {@link AgentRunner}: the agent's {@code doWork} returns its work count and the runner idles by
 * the strategy given when it is 0; the agent's {@code onStart} and {@code onClose} run on its
 * thread (core pinning, closing what it owns). An agent ends itself by throwing
 * {@link AgentTerminationException} (done, or drained), or is stopped by {@link #close}.
 *
 * <p>A failure (any other exception from {@code doWork}, {@code onStart} or {@code onClose}) ends
 * that agent, is kept ({@link #failure}, the first one) and is handed to the failure callback; an
 * AgentRunner alone would log it and call {@code doWork} again. Thread-safe.
 */
public final class AgentThreads implements AutoCloseable {
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long CLOSE_POLL_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final List<AgentRunner> runners = new ArrayList<>();
    /**
     * Agents started, and agents whose onClose has returned. Counted apart from {@link #runners}, so
     * that a waiter reads them without this object's lock, which {@link #close} holds while it joins
     * the agents' threads.
     */
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    /** Notified by each agent's close; a lock of its own for the same reason. */
    private final Object endLock = new Object();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final BiConsumer<String, Throwable> onFailure;

    /**
     * Threads whose failures go to {@code onFailure} (the agent's role name and the failure, on the
     * failing thread) as well as to {@link #failure}.
     */
    public AgentThreads(BiConsumer<String, Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    /**
     * Starts {@code agent} on a new thread named by its role name. The runners of agents that have closed
     * are forgotten here, so that a server starting an agent per connection keeps no more than it runs.
     *
     * @param daemon whether the thread lets the JVM exit without it
     * @return its runner (for {@link #awaitClosed})
     */
    public synchronized AgentRunner start(Agent agent, IdleStrategy idle, boolean daemon) {
        AgentRunner runner = new AgentRunner(idle, t -> failed(agent.roleName(), t), null, new Ending(agent, this));
        runners.removeIf(AgentRunner::isClosed);
        runners.add(runner);
        started.incrementAndGet();
        AgentRunner.startOnThread(runner, r -> {
            Thread t = new Thread(r, agent.roleName());
            t.setDaemon(daemon);
            return t;
        });
        return runner;
    }

    private void failed(String role, Throwable t) {
        if (t instanceof AgentTerminationException && t.getCause() == null) {
            return; // an agent ending itself
        }
        Throwable cause = t instanceof AgentTerminationException ? t.getCause() : t;
        failure.compareAndSet(null, cause);
        onFailure.accept(role, cause);
    }

    /** The first failure of any agent, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Waits until {@code runner}'s agent has ended (by itself or a failure) and closed, for at most
     * {@code timeoutMs}; polls every millisecond.
     *
     * @return true when it has closed
     */
    public static boolean awaitClosed(AgentRunner runner, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!runner.isClosed()) {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        return true;
    }

    /** True when every agent started has ended and closed. */
    public synchronized boolean allClosed() {
        for (AgentRunner r : runners) {
            if (!r.isClosed()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every agent started has ended and closed, for at most {@code timeoutMs}, waking as
     * soon as the last one closes (each agent's {@code onClose} wakes the waiter): a replay's elapsed
     * time then ends when its agents do, not at the caller's next poll (with a 200 ms progress tick,
     * a 1.6 s replay read up to 12 % slow).
     *
     * @return true when every agent has closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitAllClosed(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (endLock) {
            while (ended.get() < started.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(endLock, left);
            }
        }
        // Each runner marks itself closed just after its agent's onClose returns.
        while (!allClosed()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(CLOSE_POLL_NS);
        }
        return true;
    }

    private void agentEnded() {
        ended.incrementAndGet();
        synchronized (endLock) {
            endLock.notifyAll();
        }
    }

    /**
     * Stops every agent still running (after its current {@code doWork}) and waits for its
     * {@code onClose}; a thread that has not stopped after 5 s is interrupted (AgentRunner's rule).
     */
    @Override
    public synchronized void close() {
        for (AgentRunner r : runners) {
            r.close();
        }
    }

    /**
     * Ends its agent at the first failure (an AgentRunner would otherwise carry on calling it), and
     * says when the agent's {@code onClose} has returned.
     */
    private static final class Ending implements Agent {
        private final Agent agent;
        private final AgentThreads owner;

        Ending(Agent agent, AgentThreads owner) {
            this.agent = agent;
            this.owner = owner;
        }

        @Override
        public void onStart() {
            agent.onStart();
        }

        @Override
        public int doWork() throws Exception {
            try {
                return agent.doWork();
            } catch (AgentTerminationException e) {
                throw e;
            } catch (Exception | Error e) {
                throw new AgentTerminationException(e);
            }
        }

        @Override
        public void onClose() {
            try {
                agent.onClose();
            } finally {
                owner.agentEnded();
            }
        }

        @Override
        public String roleName() {
            return agent.roleName();
        }
    }
}

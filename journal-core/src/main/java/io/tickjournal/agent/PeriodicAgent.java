package io.tickjournal.agent;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A duty-cycle agent for a job that runs now and then (a status line, a retention pass): {@link #doWork}
 * runs the job when it is due and returns 1, else 0, and the runner sleeps with {@link #idle()}; the agent
 * ends itself once {@code active} is false (checked before every job, so no job starts after it). A job
 * that throws ends the agent as a failure ({@link AgentThreads}); a job that must go on after a failure
 * catches it itself. Runs on its one thread; the job is called on that thread only.
 */
public final class PeriodicAgent implements Agent {
    /**
     * How long the thread sleeps between checks: a job is late by at most this, and the agent notices
     * {@code active} turning false within it; 100 wake-ups a second cost no measurable CPU.
     */
    public static final long SLEEP_MS = 10;

    private final String role;
    private final long intervalNs;
    private final BooleanSupplier active;
    private final Runnable job;
    private long dueNs;

    /**
     * An agent named {@code role} running {@code job} every {@code intervalMs} while {@code active}.
     *
     * @param intervalMs     from the end of one run to the start of the next, in ms; positive
     * @param runImmediately whether the first run is at the start (else one interval after it)
     */
    public PeriodicAgent(String role, long intervalMs, boolean runImmediately, BooleanSupplier active, Runnable job) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException(role + ": interval must be positive, got " + intervalMs + " ms");
        }
        this.role = role;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.active = active;
        this.job = job;
        this.dueNs = System.nanoTime() + (runImmediately ? 0 : intervalNs);
    }

    /** The idle strategy to run it with: sleep {@link #SLEEP_MS} when nothing was due. */
    public static IdleStrategy idle() {
        return new SleepingMillisIdleStrategy(SLEEP_MS);
    }

    /**
     * Runs the job if it is due.
     *
     * @return 1 when it ran, 0 when it was not due
     * @throws AgentTerminationException once {@code active} is false
     */
    @Override
    public int doWork() {
        if (!active.getAsBoolean()) {
            throw new AgentTerminationException();
        }
        if (System.nanoTime() - dueNs < 0) {
            return 0;
        }
        job.run();
        dueNs = System.nanoTime() + intervalNs;
        return 1;
    }

    @Override
    public String roleName() {
        return role;
    }
}

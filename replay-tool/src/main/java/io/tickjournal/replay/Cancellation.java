package io.tickjournal.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a replay from another thread (a Ctrl-C shutdown hook, a test): {@link #cancel()} makes
 * every replay thread stop at its next record, flush and close the state; {@link #awaitStopped}
 * waits until the state is closed and readable.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @return true when the replay has stopped and closed its state within the timeout */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    void markStopped() {
        stopped.countDown();
    }
}

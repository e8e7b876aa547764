package io.tickjournal.kafka;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One thread running publishers ({@link TransactionalPublisher}s, one Agrona {@link CompositeAgent}) beside a
 * process's own work: the capture's journal and bars publishers, a following replay's bars publisher. Whatever the
 * broker does, the thread only ever delays itself, never the threads that write the journal or the state. A
 * publisher that fails (fenced, refused credentials) is reported once through {@code errors} and stops; the others
 * go on.
 *
 * <p>Started and stopped by one controlling thread.
 */
public final class PublisherThread implements AutoCloseable {
    private final List<TransactionalPublisher> publishers;
    private final AgentRunner runner;

    private PublisherThread(List<TransactionalPublisher> publishers, Consumer<Throwable> errors) {
        this.publishers = publishers;
        this.runner = new AgentRunner(TransactionalPublisher.idleStrategy(), errors::accept,
                null, new CompositeAgent(List.copyOf(publishers)));
    }

    /** Starts a thread running {@code publishers}; {@code errors} hears of a publisher that stops failing. */
    public static PublisherThread start(List<TransactionalPublisher> publishers, Consumer<Throwable> errors) {
        PublisherThread t = new PublisherThread(publishers, errors);
        AgentRunner.startOnThread(t.runner);
        return t;
    }

    /**
     * Tells every publisher to publish to its source's end and waits, at most {@code timeoutMs}, until all have
     * committed it (a broker that is away is not waited for longer). True when all did.
     */
    public boolean finish(long timeoutMs) {
        publishers.forEach(TransactionalPublisher::finish);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!publishers.stream().allMatch(TransactionalPublisher::stopped)) {
            if (System.nanoTime() > deadline || runner.isClosed()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    /** Stops the thread; publishers commit an open transaction if the broker lets them, and close. */
    @Override
    public void close() {
        runner.close();
    }
}

package io.tickjournal.cli;

import org.agrona.concurrent.ShutdownSignalBarrier;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT as a request to stop for the long-running commands (capture, feed, publish,
 * mirror, fix-serve), so that they stop cleanly and exit 0: {@link #listen()} before starting,
 * {@link #await} or {@link #requested()} while running, {@link #close()} when no longer listening.
 *
 * <p>Signals arrive through Agrona's {@link ShutdownSignalBarrier}, whose handlers replace the
 * JVM's for good once it is loaded: without more, a signal that found no barrier waiting would
 * do nothing, and a process that hangs while stopping could only be killed with SIGKILL. So one
 * watcher thread keeps a barrier waiting at all times: the first signal while a command listens
 * is that command's stop request; any other signal (a second one while it stops, or one after it
 * stopped listening) ends the JVM at once with exit code 130 (interrupted), as the JVM's own
 * handler would, and as a kill would (the journal and checkpoints are built to survive one).
 * Between two barriers there are a few microseconds in which a signal is lost; the next one works.
 * Thread-safe.
 */
final class StopSignal implements AutoCloseable {
    /** Exit code of a JVM ended by a signal it was not waiting for (130: interrupted). */
    static final int EXIT_INTERRUPTED = 130;

    private static final Object LOCK = new Object();
    private static StopSignal listening;
    private static Thread watcher;

    private final CountDownLatch stop = new CountDownLatch(1);

    private StopSignal() {
    }

    /** Listens from now on; the first SIGTERM or SIGINT is this command's stop request. */
    static StopSignal listen() {
        StopSignal s = new StopSignal();
        synchronized (LOCK) {
            listening = s;
            if (watcher == null) {
                // made here, so a signal right after listen() returns already finds a barrier waiting
                ShutdownSignalBarrier first = new ShutdownSignalBarrier();
                watcher = new Thread(() -> watch(first), "signals");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
        return s;
    }

    private static void watch(ShutdownSignalBarrier first) {
        ShutdownSignalBarrier barrier = first;
        while (true) {
            barrier.await();
            barrier = new ShutdownSignalBarrier();
            StopSignal s;
            synchronized (LOCK) {
                s = listening;
                listening = null;
            }
            if (s == null) {
                System.err.println("tickjournal: signal while stopping: exiting now");
                Runtime.getRuntime().halt(EXIT_INTERRUPTED);
            }
            s.stop.countDown();
        }
    }

    /** Waits up to {@code timeoutMs} for the stop request; true when it came. */
    boolean await(long timeoutMs) throws InterruptedException {
        return stop.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Waits for the stop request. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** Whether the stop request came. */
    boolean requested() {
        return stop.getCount() == 0;
    }

    /** No longer listening: a signal from now on ends the JVM at once. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (listening == this) {
                listening = null;
            }
        }
    }
}

package io.tickjournal.capture;

import org.HdrHistogram.Histogram;

import java.util.function.Consumer;

/**
 * Capture's periodic status line (run by a {@link io.tickjournal.agent.PeriodicAgent} named "status"): the
 * journaling rate since the previous line, the totals of {@link CaptureDaemon#statusLine} and the
 * receive-to-map latency of the messages sampled since the previous line. Runs on the status thread only.
 */
final class StatusJob implements Runnable {
    private final CaptureDaemon daemon;
    private final Consumer<String> say;
    private long lastMessages;
    private long lastNs = System.nanoTime();

    /** Lines about {@code daemon} to {@code say}; the first line's rate counts from now. */
    StatusJob(CaptureDaemon daemon, Consumer<String> say) {
        this.daemon = daemon;
        this.say = say;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long messages = daemon.counters().messagesJournaled.get();
        String line = daemon.statusLine((messages - lastMessages) * 1e9 / Math.max(1, now - lastNs));
        Histogram recent = daemon.receiveToMapSinceLastCall();
        if (recent.getTotalCount() > 0) {
            line += String.format(", receive-to-map p50 %.1f us / p99 %.1f us / max %.1f us",
                    recent.getValueAtPercentile(50) / 1e3, recent.getValueAtPercentile(99) / 1e3,
                    recent.getMaxValue() / 1e3);
        }
        say.accept(line);
        lastMessages = messages;
        lastNs = now;
    }
}

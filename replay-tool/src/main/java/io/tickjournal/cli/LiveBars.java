package io.tickjournal.cli;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.journal.Journal;
import io.tickjournal.kafka.BarsPublisher;
import io.tickjournal.kafka.KafkaClients;
import io.tickjournal.kafka.PublisherThread;
import io.tickjournal.replay.Cancellation;
import io.tickjournal.replay.Progress;
import io.tickjournal.replay.ReplayContext;
import io.tickjournal.replay.ReplaySettings;
import io.tickjournal.replay.Replayer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bars published as their windows close, for a following command ({@code publish --follow --bars-topic B --state S},
 * {@code replay --kafka ... --follow --bars-topic B}): a {@link BarsPublisher} following the state's bars queue on a
 * {@link PublisherThread}, and for {@code publish} also the following replay of the journal that writes the state.
 * Started and stopped by the command's main thread.
 */
final class LiveBars {
    /** How long {@link #stop} waits for the last bars to be committed: a broker that is away is not waited for. */
    private static final long FINISH_MS = 10_000;

    private final BarsPublisher publisher;
    private final PublisherThread thread;
    private final Thread replay;
    private final Cancellation cancel;

    private LiveBars(BarsPublisher publisher, Thread replay, Cancellation cancel) {
        this.publisher = publisher;
        this.replay = replay;
        this.cancel = cancel;
        this.thread = PublisherThread.start(List.of(publisher),
                e -> System.err.println("tickjournal: error: bars topic: " + e.getMessage()));
        if (replay != null) {
            replay.start();
        }
    }

    /** Publishes the bars a following replay of {@code journal} writes into {@code state}. */
    static LiveBars start(Path journal, Path state, KafkaClients clients, String topic) {
        Cancellation cancel = new Cancellation();
        // a replay with every setting at its default but these (ReplaySettings: defined once there)
        ReplayContext settings = new ReplayContext();
        settings.values().put(ReplaySettings.STATE, state).put(ReplaySettings.FOLLOW, true)
                .put(ReplaySettings.PIN, CorePinning.Mode.OFF);
        Replayer.Options o = settings.conclude(journal, false);
        Thread replay = new Thread(() -> {
            // a capture's journal may have no cycle file before its first record
            while (!cancel.isCancelled() && !(Files.isDirectory(journal) && Journal.hasCycleFiles(journal))) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            if (!cancel.isCancelled()) {
                Replayer.run(o, line -> { }, cancel, Progress.none());
            }
        }, "publish-replay");
        replay.setUncaughtExceptionHandler((t, e) -> System.err.println("tickjournal: error: replay into " + state
                + ": " + e.getMessage()));
        return new LiveBars(publisher(clients, topic, state), replay, cancel);
    }

    /** Publishes the bars another thread of this process writes into {@code state}. */
    static LiveBars publishing(Path state, KafkaClients clients, String topic) {
        return new LiveBars(publisher(clients, topic, state), null, null);
    }

    private static BarsPublisher publisher(KafkaClients clients, String topic, Path state) {
        return new BarsPublisher(clients, topic, state, true, BarsJson::encode, System.err::println);
    }

    /** Stops the replay (if this runs one), publishes the bars written up to then; returns the bars sent. */
    long stop() {
        if (replay != null) {
            cancel.cancel();
            try {
                replay.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread.finish(FINISH_MS);
        thread.close();
        return publisher.sent();
    }
}

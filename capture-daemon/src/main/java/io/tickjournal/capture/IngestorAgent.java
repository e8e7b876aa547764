package io.tickjournal.capture;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.journal.JournalWriter;
import net.openhft.affinity.AffinityLock;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Capture's ingestor thread as an agent: receives the feed and journals it ({@link FeedIngestor#doWork}),
 * not while the journal's disk lacks room ({@link IngestSpace}), until ingestion is turned off; then
 * closes the feed and the journal appender on its own thread.
 */
final class IngestorAgent implements Agent {
    private final FeedIngestor ingestor;
    private final JournalWriter writer;
    private final IngestSpace room;
    private final BooleanSupplier ingesting;
    private final CorePinning.Mode pin;
    private final Consumer<String> say;
    private final Runnable closed;
    private AffinityLock lock;

    /** Ingests while {@code ingesting}; {@code closed} runs once the feed and the appender are closed. */
    IngestorAgent(FeedIngestor ingestor, JournalWriter writer, IngestSpace room, BooleanSupplier ingesting,
                  CorePinning.Mode pin, Consumer<String> say, Runnable closed) {
        this.ingestor = ingestor;
        this.writer = writer;
        this.room = room;
        this.ingesting = ingesting;
        this.pin = pin;
        this.say = say;
        this.closed = closed;
    }

    @Override
    public void onStart() {
        lock = CorePinning.pinCurrentThread(roleName(), pin, say);
    }

    /**
     * Packets received and journaled; 0 while paused for space (the feed is not read, nothing appended).
     *
     * @throws AgentTerminationException once ingestion is turned off
     */
    @Override
    public int doWork() {
        if (!ingesting.getAsBoolean()) {
            throw new AgentTerminationException();
        }
        return room.room() ? ingestor.doWork() : 0;
    }

    @Override
    public void onClose() {
        try {
            ingestor.close();
            writer.close();
        } finally {
            if (lock != null) {
                lock.release();
            }
            closed.run();
        }
    }

    @Override
    public String roleName() {
        return "ingestor";
    }
}

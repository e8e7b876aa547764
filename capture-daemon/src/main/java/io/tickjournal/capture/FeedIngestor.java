package io.tickjournal.capture;

/**
 * A live feed ingestor: receives packets, journals their messages through a {@link FeedSequencer}.
 * Poll-style and thread-confined: the capture's ingestor thread calls {@link #doWork} in a loop.
 */
public interface FeedIngestor extends AutoCloseable {
    /** Opens sockets; fails with a {@link io.tickjournal.TickjournalException} naming the address. */
    void open();

    /** Receives and handles what has arrived; returns the packets handled (0: idle). Never throws for bad input. */
    int doWork();

    /** The sequencer: the next expected sequence and the session. */
    FeedSequencer sequencer();

    @Override
    void close();
}

package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;

/**
 * A topic holds a record that is not a tickjournal record: no {@code tj-index} header, or a value
 * that is not a journal record. Names where it is, so that a person can look at it.
 */
public final class ForeignRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The record at {@code offset} of {@code partition} of {@code topic} is not a tickjournal record. */
    public ForeignRecordException(String topic, int partition, long offset, String reason) {
        super("topic " + topic + " partition " + partition + " offset " + offset + ": not a tickjournal record ("
                + reason + ")");
    }

    /** As the project's exception type, for callers that report one. */
    public TickjournalException asTickjournalException() {
        return new TickjournalException(getMessage(), this);
    }
}

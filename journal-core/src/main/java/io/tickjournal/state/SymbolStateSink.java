package io.tickjournal.state;

/**
 * Where a pipeline's flushes send each changed symbol's record: the {@link StateStore} itself, or
 * (a replay) a ring to the thread that writes the store.
 */
@FunctionalInterface
public interface SymbolStateSink {
    /** Writes (replaces) the record of {@code record.locate}; the record may be reused after the call. */
    void put(SymbolStateRecord record);
}

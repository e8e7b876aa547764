package io.tickjournal.journal;

import net.openhft.chronicle.bytes.RandomDataInput;

/**
 * Receives the records a {@link JournalReader} or {@link CycleFileReader} reads. Called on the
 * reader's thread; the {@code buffer} is only valid during the call (it is the memory-mapped
 * excerpt itself).
 */
public interface JournalRecordHandler {
    /** One ITCH message, {@code length} bytes at {@code offset} in {@code buffer}. */
    void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs, long sequence);

    /** Feed sequences [firstMissing, firstMissing + count) were not recovered by the capture. */
    default void onGap(long firstMissing, long count, long index) {
    }

    /** A feed session started; {@code description} says which ("file:NAME", "mold:SESSION"). */
    default void onSessionStart(String description, long firstSequence, long index) {
    }

    /** A feed session ended cleanly after {@code lastSequence}. */
    default void onSessionEnd(long lastSequence, long index) {
    }
}

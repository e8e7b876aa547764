package io.tickjournal.journal;

/**
 * Reads journal records in order and hands them to a {@link JournalRecordHandler}, verifying
 * checksums and counting bad records. Two implementations: {@link JournalReader} (through a
 * Chronicle tailer) and {@link CycleFileReader} (walking the cycle files directly, much faster
 * for bulk replay). Thread-confined.
 */
public interface RecordReader extends AutoCloseable {
    /**
     * Reads up to {@code maxRecords} records.
     *
     * @return records consumed (good or bad); 0 at the end of what is written so far
     */
    int poll(JournalRecordHandler handler, int maxRecords);

    /** Positions the reader so that the next record read is the one at {@code index}. */
    boolean moveToIndex(long index);

    /** Records consumed so far (all kinds, good or bad). */
    long records();

    /** Records whose CRC32C did not match: corruption at rest. They are skipped. */
    long checksumFailures();

    /** Journal index of the first record whose checksum failed, or -1. */
    long firstChecksumFailureIndex();

    /** Records too short for a header, of an unknown kind or version, or whose length disagrees. */
    long malformedRecords();

    /** Journal index of the last record consumed, or -1. */
    long lastIndex();

    @Override
    void close();
}

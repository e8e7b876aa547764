package io.tickjournal.journal;

/**
 * What every reader shares: the record decoder, which validates, dispatches and counts. Public so
 * that readers of journal records from elsewhere (a Kafka topic, module kafka-bridge) validate and
 * count exactly as the file readers do.
 */
public abstract class AbstractRecordReader implements RecordReader {
    final JournalRecordDecoder decoder;

    /** A reader that checks each record's CRC32C when {@code verifyChecksums}. */
    protected AbstractRecordReader(boolean verifyChecksums) {
        this.decoder = new JournalRecordDecoder(verifyChecksums);
    }

    /**
     * Validates the record of {@code length} bytes at native {@code address} (journal index
     * {@code index}), counts it and hands it to {@code handler}; the memory must stay valid during the call.
     */
    protected final void decode(long address, int length, long index, JournalRecordHandler handler) {
        decoder.decode(address, length, index, handler);
    }

    @Override
    public long records() {
        return decoder.records();
    }

    @Override
    public long checksumFailures() {
        return decoder.checksumFailures();
    }

    @Override
    public long firstChecksumFailureIndex() {
        return decoder.firstChecksumFailureIndex();
    }

    @Override
    public long malformedRecords() {
        return decoder.malformedRecords();
    }

    @Override
    public long lastIndex() {
        return decoder.lastIndex();
    }
}

package io.tickjournal.journal;

/** What both readers share: the record decoder, which validates, dispatches and counts. */
abstract class AbstractRecordReader implements RecordReader {
    final JournalRecordDecoder decoder;

    AbstractRecordReader(boolean verifyChecksums) {
        this.decoder = new JournalRecordDecoder(verifyChecksums);
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

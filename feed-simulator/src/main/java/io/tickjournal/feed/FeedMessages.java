package io.tickjournal.feed;

import io.tickjournal.TickjournalException;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.ImportReport;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The messages of a BinaryFILE held in memory, addressed by feed sequence (1 = the file's first
 * message), so that the feed server can send them and answer re-requests for any of them.
 * Immutable after loading; safe to read from several threads.
 */
public final class FeedMessages {
    private final byte[] data;
    /** offsets[s - 1] is where message s starts in data; offsets[count] is the end. */
    private final long[] offsets;
    private final int count;

    private FeedMessages(byte[] data, long[] offsets, int count) {
        this.data = data;
        this.offsets = offsets;
        this.count = count;
    }

    /** Loads every message of {@code file} (plain or gzip BinaryFILE). Files up to 2 GB of messages. */
    public static FeedMessages load(Path file) {
        Builder b = new Builder();
        ImportReport r = new BinaryFileIngestor().frameFile(file, (buffer, offset, length, sequence) ->
                b.add(buffer, offset, length));
        if (r.inputProblem() != null) {
            // a feed of part of a damaged or desynchronised file would look like a whole session
            throw new TickjournalException(file + ": " + r.inputProblem() + "; nothing served");
        }
        if (b.count == 0) {
            throw new TickjournalException(file + ": no ITCH messages to serve");
        }
        return b.build();
    }

    /** Messages given directly (tests). */
    public static FeedMessages of(java.util.List<byte[]> messages) {
        Builder b = new Builder();
        for (byte[] m : messages) {
            b.add(m, 0, m.length);
        }
        return b.build();
    }

    /** Number of messages: sequences 1..count. */
    public int count() {
        return count;
    }

    /** The messages' bytes, back to back (shared, not copied: do not modify). */
    public byte[] data() {
        return data;
    }

    /** Offset in {@link #data()} of message {@code sequence} (1-based). */
    public int offset(long sequence) {
        return (int) offsets[(int) (sequence - 1)];
    }

    /** Length of message {@code sequence} (1-based), bytes. */
    public int length(long sequence) {
        int i = (int) (sequence - 1);
        return (int) (offsets[i + 1] - offsets[i]);
    }

    private static final class Builder {
        byte[] data = new byte[1 << 20];
        long[] offsets = new long[1 << 14];
        int count;
        int size;

        void add(byte[] buffer, int offset, int length) {
            if (size + length > data.length) {
                long grown = Math.max((long) data.length * 2, (long) size + length);
                if (grown > Integer.MAX_VALUE - 16) {
                    throw new TickjournalException("feed file too large to serve from memory (over 2 GB of messages)");
                }
                data = Arrays.copyOf(data, (int) grown);
            }
            if (count + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[count] = size;
            System.arraycopy(buffer, offset, data, size, length);
            size += length;
            count++;
            offsets[count] = size;
        }

        FeedMessages build() {
            return new FeedMessages(data, offsets, count);
        }
    }
}

package io.tickjournal.journal;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Bounds-checked little-endian reads of a file through positional {@link FileChannel} reads into
 * a heap window: no mapping and no Unsafe, so no byte of a damaged file can crash the JVM. For
 * checks at open and at the end of a read, not for the per-record path.
 *
 * <p>Not thread-safe. Reads past the end of the file throw; callers test {@link #size()} first.
 */
final class FileBytes implements AutoCloseable {
    /** Largest window (1 MiB: one read per MiB of a cycle file scanned); a smaller file gets a window of its size. */
    private static final int WINDOW = 1 << 20;
    private static final byte[] ZEROS = new byte[WINDOW];

    private final Path file;
    private final FileChannel channel;
    private final long size;
    /** Sized to the file up to {@link #WINDOW}: a 64 KiB metadata.cq4t takes 64 KiB of heap, not 1 MiB. */
    private final ByteBuffer window;
    private long start;
    private long end;

    private FileBytes(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        this.window = ByteBuffer.allocate((int) Math.min(WINDOW, size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Opens {@code file} for reading; an unreadable file is a {@link TickjournalException}. */
    static FileBytes open(Path file) {
        try {
            return new FileBytes(file, FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /** The file's size in bytes when it was opened. */
    long size() {
        return size;
    }

    /** True when {@code [at, at + length)} lies inside the file. */
    boolean holds(long at, long length) {
        return at >= 0 && length >= 0 && at + length <= size;
    }

    int intAt(long at) {
        load(at, 4);
        return window.getInt((int) (at - start));
    }

    long longAt(long at) {
        load(at, 8);
        return window.getLong((int) (at - start));
    }

    int byteAt(long at) {
        load(at, 1);
        return window.get((int) (at - start)) & 0xFF;
    }

    /**
     * The first offset in {@code [at, at + template.length)} whose byte differs from
     * {@code template}, ignoring template offsets inside the {@code [from, to)} pairs of
     * {@code skip}; -1 when all agree. The range must lie inside the file.
     */
    long mismatch(long at, byte[] template, int... skip) {
        for (int i = 0; i < template.length; i++) {
            if (skipped(i, skip)) {
                continue;
            }
            if (byteAt(at + i) != (template[i] & 0xFF)) {
                return at + i;
            }
        }
        return -1;
    }

    private static boolean skipped(int i, int[] skip) {
        for (int k = 0; k + 1 < skip.length; k += 2) {
            if (i >= skip[k] && i < skip[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The offset of the last byte in {@code [from, size)} that is not zero, or -1 when all are zero. */
    long lastNonZero(long from) {
        long last = -1;
        int step = window.capacity();
        for (long at = Math.max(0, from); at < size; at += step) {
            int n = (int) Math.min(step, size - at);
            load(at, n);
            int base = (int) (at - start);
            // Arrays.mismatch is vectorised: the zero tail of a cycle file (tens of MiB) is the common case.
            if (Arrays.mismatch(window.array(), base, base + n, ZEROS, 0, n) < 0) {
                continue;
            }
            for (int i = base + n - 1; i >= base; i--) {
                if (window.get(i) != 0) {
                    last = at + (i - base);
                    break;
                }
            }
        }
        return last;
    }

    /** Reads {@code [at, at + length)} into the window unless it is there already. */
    private void load(long at, int length) {
        if (!holds(at, length)) {
            throw new TickjournalException(file + ": read of " + length + " bytes at byte " + at
                    + " past the end of the file (" + size + " bytes)");
        }
        if (at >= start && at + length <= end) {
            return;
        }
        window.clear();
        window.limit((int) Math.min(window.capacity(), size - at));
        try {
            while (window.hasRemaining()) {
                if (channel.read(window, at + window.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
        start = at;
        end = at + window.position();
        if (at + length > end) {
            throw new TickjournalException(file + ": the file shrank while it was being read (at byte " + at + ")");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }
}

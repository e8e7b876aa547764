package io.tickjournal.ingest;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.ItchMessageType;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.core.time.SystemTimeProvider;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Journals a NASDAQ BinaryFILE (each ITCH message preceded by a 2-byte big-endian length),
 * plain or gzip-compressed (detected by its magic bytes), one excerpt per message.
 *
 * <p>The feed sequence of a file message is its ordinal in the file, from 1. Bad input never
 * stops the import early: unknown types and wrong lengths are journaled verbatim and counted,
 * zero length prefixes are counted and skipped, and a truncated tail is reported with its
 * offset after every complete message before it has been journaled.
 */
public final class BinaryFileIngestor {
    /** Called every {@link #PROGRESS_INTERVAL} messages from the importing thread. */
    public interface Progress {
        /** Messages and file bytes read so far. */
        void onProgress(long messages, long bytesRead);
    }

    /** Receives each complete length-prefixed message; {@code buffer} is reused after the call. */
    public interface MessageSink {
        /** The message at {@code buffer[offset, offset + length)}, ordinal {@code sequence} in the file from 1. */
        void onMessage(byte[] buffer, int offset, int length, long sequence);
    }

    public static final long PROGRESS_INTERVAL = 1 << 22;
    private static final int BUFFER_SIZE = 1 << 20;

    private final byte[] buffer = new byte[BUFFER_SIZE];

    /** Imports {@code file} into {@code writer}, framing it as a session "file:NAME". */
    public ImportReport importFile(Path file, JournalWriter writer, Progress progress) {
        requireReadableNonEmpty(file);
        try (InputStream in = open(file)) {
            writer.appendSessionStart("file:" + file.getFileName(), SystemTimeProvider.CLOCK.currentTimeNanos(), 1);
            ImportReport report = frame(in, (buffer, offset, length, sequence) -> writer.appendMessage(buffer, offset,
                    length, SystemTimeProvider.CLOCK.currentTimeNanos(), sequence), progress);
            writer.appendSessionEnd(SystemTimeProvider.CLOCK.currentTimeNanos(), report.lastSequence());
            return report;
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /** Checks {@code file} before anything is created: it must exist, be readable and not be empty. */
    public static void requireReadableNonEmpty(Path file) {
        if (!Files.exists(file)) {
            throw new TickjournalException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new TickjournalException(file + ": is a directory, expected an ITCH BinaryFILE");
        }
        if (!Files.isReadable(file)) {
            throw new TickjournalException(file + ": permission denied");
        }
        try {
            if (Files.size(file) == 0) {
                throw new TickjournalException(file + ": empty file, no ITCH messages to import");
            }
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /** Frames every message of {@code file} (plain or gzip) into {@code sink}; nothing is journaled. */
    public ImportReport frameFile(Path file, MessageSink sink) {
        requireReadableNonEmpty(file);
        try (InputStream in = open(file)) {
            return frame(in, sink, null);
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /** Reads BinaryFILE framing from {@code in} to its end, handing each complete message to {@code sink}. */
    public ImportReport frame(InputStream in, MessageSink sink, Progress progress) throws IOException {
        byte[] buf = buffer;
        int pos = 0;
        int limit = 0;
        long base = 0; // stream offset of buf[0]
        long messages = 0;
        long unknownTypes = 0;
        long badLengths = 0;
        long zeroLengths = 0;
        long truncatedAt = -1;
        int truncatedMissing = 0;
        long nextProgress = PROGRESS_INTERVAL;
        while (true) {
            if (limit - pos < 2 + 0xFFFF) {
                // Keep at least one whole largest message in the buffer before parsing it.
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                base += pos;
                limit -= pos;
                pos = 0;
                limit = fill(in, buf, limit);
            }
            int remaining = limit - pos;
            if (remaining == 0) {
                break;
            }
            if (remaining < 2) {
                truncatedAt = base + pos;
                truncatedMissing = 2 - remaining;
                break;
            }
            int length = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
            if (length == 0) {
                zeroLengths++;
                pos += 2;
                continue;
            }
            if (remaining < 2 + length) {
                truncatedAt = base + pos;
                truncatedMissing = 2 + length - remaining;
                break;
            }
            int expected = ItchMessageType.length(buf[pos + 2]);
            if (expected < 0) {
                unknownTypes++;
            } else if (expected != length) {
                badLengths++;
            }
            sink.onMessage(buf, pos + 2, length, ++messages);
            pos += 2 + length;
            if (messages == nextProgress && progress != null) {
                progress.onProgress(messages, base + pos);
                nextProgress += PROGRESS_INTERVAL;
            }
        }
        return new ImportReport(messages, base + pos + Math.max(0, limit - pos), unknownTypes, badLengths,
                zeroLengths, truncatedAt, truncatedMissing, messages);
    }

    private static int fill(InputStream in, byte[] buf, int limit) throws IOException {
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        return limit;
    }
}

package io.tickjournal.ingest;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.ItchMessageType;
import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.JournalWriter;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Journals a NASDAQ BinaryFILE (each ITCH message preceded by a 2-byte big-endian length),
 * plain or gzip-compressed (detected by its magic bytes), one excerpt per message.
 *
 * <p>The feed sequence of a file message is its ordinal in the file, from 1. The framing is
 * recognised from the first messages ({@link Framing}): a file whose length prefixes are all zero
 * takes each length from the message type. A strict import (the default) stops at the first
 * message its framing cannot account for (an unknown type byte, a length prefix that is not the
 * type's spec length, a zero prefix in a length-prefixed file) and reports its byte offset, after
 * journaling every message before it; a lenient one journals such messages verbatim and counts
 * them, and skips zero prefixes. A truncated tail is reported with its offset after every complete
 * message before it has been journaled. A corrupt or cut-short gzip stream ends the import early:
 * what was framed before is journaled, and the session end record says why, so that
 * {@code verify} reports the import as unverified.
 *
 * <p>Single-threaded: one instance per importing thread (it owns a 1 MiB buffer).
 */
public final class BinaryFileIngestor {
    /** Called every {@link #PROGRESS_INTERVAL} messages from the importing thread. */
    public interface Progress {
        /** {@code messages} journaled so far, {@code bytesRead} of (decompressed) input consumed. */
        void onProgress(long messages, long bytesRead);
    }

    /** Receives each complete length-prefixed message; {@code buffer} is reused after the call. */
    public interface MessageSink {
        /** Message number {@code sequence} (from 1): {@code length} bytes at {@code offset}, type byte first. */
        void onMessage(byte[] buffer, int offset, int length, long sequence);
    }

    public static final long PROGRESS_INTERVAL = 1 << 22;
    private static final int BUFFER_SIZE = 1 << 20;
    /** Bytes read to recognise the framing before anything is created: at least 8 of the longest message. */
    private static final int PROBE_SIZE = 1 << 12;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final boolean lenient;
    /** When the bytes now being framed were read from the input: epoch ns of {@link EpochClock#PROCESS}. */
    private long readTimeNs;

    /** A strict ingestor: it stops at the first message the framing cannot account for. */
    public BinaryFileIngestor() {
        this(false);
    }

    /** @param lenient journal and count unknown types and wrong lengths instead of stopping at them */
    public BinaryFileIngestor(boolean lenient) {
        this.lenient = lenient;
    }

    /**
     * Imports {@code file} into {@code writer}, framing it as a session "file:NAME". When the gzip
     * stream was damaged ({@link ImportReport#gzipDamaged()}) the session end carries the reason,
     * which marks the session's messages unverified for {@code verify}.
     */
    public ImportReport importFile(Path file, JournalWriter writer, Progress progress) {
        requireReadableNonEmpty(file);
        try (InputStream in = open(file)) {
            writer.appendSessionStart("file:" + file.getFileName(), EpochClock.PROCESS.nowNs(), 1);
            ImportReport report = frame(in, (buffer, offset, length, sequence) -> writer.appendMessage(buffer, offset,
                    length, readTimeNs, sequence), progress);
            writer.appendSessionEnd(EpochClock.PROCESS.nowNs(), report.lastSequence(),
                    report.sessionEndReason());
            return report;
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /**
     * Checks {@code file} before anything is created: readable, not empty, a complete gzip header
     * if it is gzip, and first bytes that can start an ITCH 5.0 BinaryFILE (unless {@code lenient}).
     * Throws a {@link TickjournalException} with one line naming the file and the reason.
     */
    public static void requireImportable(Path file, boolean lenient) {
        requireReadableNonEmpty(file);
        try (InputStream in = open(file)) {
            byte[] probe = new byte[PROBE_SIZE];
            int n = fill(in, probe, 0);
            if (Framing.detect(probe, n, lenient) == null) {
                throw new TickjournalException(file + ": " + Framing.whyNot(probe, n));
            }
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /**
     * The receive time of the message a {@link MessageSink} is handed now: when its bytes were read from
     * the input, epoch nanoseconds of {@link EpochClock#PROCESS}. One clock reading per buffer fill (1 MiB, about
     * 34,000 messages of a NASDAQ day) rather than per message: two clock calls a message were a fifth of the
     * warm import's CPU (docs/benchmarks.md). Importing thread only.
     */
    public long readTimeNs() {
        return readTimeNs;
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

    /** The file's bytes, decompressed if it starts with the gzip magic; a bad gzip header is one line. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new GzipDamageGuard(new GZIPInputStream(in, 1 << 16));
            } catch (EOFException e) {
                in.close();
                throw new TickjournalException(file + ": gzip stream ends inside its 10-byte header (the file has "
                        + Files.size(file) + " bytes): not a complete gzip file");
            } catch (ZipException e) {
                in.close();
                throw new TickjournalException(file + ": corrupt gzip header: " + e.getMessage());
            }
        }
        return in;
    }

    /** Reads BinaryFILE framing from {@code in} to its end, handing each complete message to {@code sink}. */
    public ImportReport frame(InputStream in, MessageSink sink, Progress progress) throws IOException {
        byte[] buf = buffer;
        int limit = fill(in, buf, 0);
        readTimeNs = EpochClock.PROCESS.nowNs();
        Framing framing = Framing.detect(buf, limit, lenient);
        if (framing == null) {
            return new ImportReport(0, limit, 0, 0, 0, -1, 0, 0, Framing.LENGTH_PREFIXED, 0, Framing.whyNot(buf, limit),
                    damage(in));
        }
        boolean typeLengths = framing == Framing.TYPE_LENGTHS;
        int pos = 0;
        long base = 0; // stream offset of buf[0]
        long messages = 0;
        long unknownTypes = 0;
        long badLengths = 0;
        long zeroLengths = 0;
        long truncatedAt = -1;
        int truncatedMissing = 0;
        long desyncAt = -1;
        String desync = null;
        long nextProgress = PROGRESS_INTERVAL;
        boolean ended = limit < buf.length; // fill stops short only at the end of the input
        while (true) {
            if (limit - pos < 2 + 0xFFFF && !ended) {
                // Keep at least one whole largest message in the buffer before parsing it.
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                base += pos;
                limit -= pos;
                pos = 0;
                limit = fill(in, buf, limit);
                ended = limit < buf.length;
                readTimeNs = EpochClock.PROCESS.nowNs();
            }
            int remaining = limit - pos;
            if (remaining == 0) {
                break;
            }
            if (remaining < (typeLengths ? 3 : 2)) {
                // With type lengths the type byte is needed too: at least that much is missing.
                truncatedAt = base + pos;
                truncatedMissing = (typeLengths ? 3 : 2) - remaining;
                break;
            }
            int prefix = Framing.prefix(buf, pos);
            if (prefix == 0 && !typeLengths) {
                if (!lenient) {
                    desyncAt = base + pos;
                    desync = "a zero length prefix";
                    break;
                }
                zeroLengths++;
                pos += 2;
                continue;
            }
            // A prefix alone at the very end (remaining == 2) is a truncation, judged below.
            int expected = remaining > 2 ? ItchMessageType.length(buf[pos + 2]) : prefix;
            int length = prefix == 0 ? expected : prefix;
            if (expected != length || length < 0) {
                if (!lenient || length < 0) {
                    desyncAt = base + pos;
                    desync = describe(prefix, buf[pos + 2], expected);
                    break;
                }
                if (expected < 0) {
                    unknownTypes++;
                } else {
                    badLengths++;
                }
            }
            if (remaining < 2 + length) {
                truncatedAt = base + pos;
                truncatedMissing = 2 + length - remaining;
                break;
            }
            sink.onMessage(buf, pos + 2, length, ++messages);
            pos += 2 + length;
            if (messages == nextProgress && progress != null) {
                progress.onProgress(messages, base + pos);
                nextProgress += PROGRESS_INTERVAL;
            }
        }
        if (desync != null && in instanceof GzipDamageGuard) {
            // Lost framing in a gzip file is often the damage itself: read on to the CRC32 to know.
            while (in.read(buf, 0, buf.length) >= 0) {
                // discard
            }
        }
        return new ImportReport(messages, base + limit, unknownTypes, badLengths, zeroLengths, truncatedAt,
                truncatedMissing, messages, framing, desyncAt, desync, damage(in));
    }

    /** What a length prefix and type byte that do not frame a message are, for the one-line error. */
    private static String describe(int prefix, byte type, int spec) {
        if (spec < 0) {
            return String.format("type byte 0x%02X is no ITCH 5.0 message type (length prefix %d)", type & 0xFF,
                    prefix);
        }
        return String.format("length prefix %d for ITCH '%c', whose length is %d", prefix, (char) type, spec);
    }

    private static String damage(InputStream in) {
        return in instanceof GzipDamageGuard g ? g.damage() : null;
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

package io.tickjournal.verify;

import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Checks each journal record by docs/journal-format.md ("Journal record"): its header, its
 * CRC32C (the JDK's {@link CRC32C}, independent of the readers' in-place hash), the ITCH length
 * of a message, and the continuity of feed sequence numbers per source id: a gap record
 * (sequences the capture lost) and a hole between the sequences of consecutive records are both
 * problems, as is a sequence that goes back. A session start sets the next sequence expected.
 */
final class IntegrityCheck {
    /** What a record turned out to be. */
    enum Verdict { MESSAGE, GAP, SESSION_START, SESSION_END, BAD }

    private final VerifyReport report;
    private final CRC32C crc = new CRC32C();
    /** Per source id: the next sequence expected. */
    private final Map<Long, Long> next = new TreeMap<>();
    /** Per source id: {first sequence seen, last sequence seen, messages}. */
    private final Map<Long, long[]> seen = new TreeMap<>();

    long records;
    long messages;
    long gapRecords;
    long sessionStarts;
    long sessionEnds;
    long checksumFailures;
    long malformed;
    long unknownTypes;
    long badLengths;
    long holes;
    long backwards;
    private long lastType = -1;
    /** Bad records since the last good one: their sequences are unknown, so a hole that size is theirs. */
    private long unreadable;

    IntegrityCheck(VerifyReport report) {
        this.report = report;
    }

    /**
     * Checks one data document ({@code doc}: little-endian, position 0, at most
     * {@link JournalWalker#MAX_RECORD} bytes of its {@code length}).
     */
    Verdict check(Path file, long offset, long index, int length, ByteBuffer doc) {
        records++;
        if (length < 28) {
            return bad(false, index, file, offset, "record of " + length + " bytes is shorter than the 28-byte header");
        }
        byte kind = doc.get(4);
        int version = doc.get(5);
        int payloadLength = doc.getShort(6) & 0xFFFF;
        if (version != 1) {
            return bad(false, index, file, offset, "unknown record version " + version);
        }
        if (kind != 'M' && kind != 'G' && kind != 'S' && kind != 'E') {
            return bad(false, index, file, offset, String.format("unknown record kind 0x%02X", kind & 0xFF));
        }
        if (28 + payloadLength != length) {
            return bad(false, index, file, offset,
                    "payload_length " + payloadLength + " disagrees with the document length "
                    + length + " (expected " + (28 + payloadLength) + ")");
        }
        crc.reset();
        crc.update(doc.duplicate().position(4).limit(length));
        int stored = doc.getInt(0);
        if ((int) crc.getValue() != stored) {
            return bad(true, index, file, offset,
                    String.format("CRC32C stored 0x%08X, computed 0x%08X (corrupt at rest)",
                    stored, (int) crc.getValue()));
        }
        long sequence = doc.getLong(16);
        long source = doc.getInt(24) & 0xFFFF_FFFFL;
        long skipped = unreadable;
        unreadable = 0;
        switch (kind) {
            case 'M' -> {
                messages++;
                onSequence(source, sequence, sequence + 1, skipped, index, file, offset);
                long[] s = seen.computeIfAbsent(source, k -> new long[]{sequence, sequence, 0});
                s[1] = sequence;
                s[2]++;
                checkItchLength(doc, payloadLength, index, file, offset);
                return Verdict.MESSAGE;
            }
            case 'G' -> {
                gapRecords++;
                long count = payloadLength >= 8 ? doc.getLong(28) : 0;
                report.problem(new Finding(Check.SEQUENCE, index, file, offset, "",
                        "gap record (source " + source + "): feed sequences " + range(sequence, count) + " were lost"));
                onSequence(source, sequence, sequence + count, skipped, index, file, offset);
                return Verdict.GAP;
            }
            case 'S' -> {
                sessionStarts++;
                next.put(source, sequence);
                return Verdict.SESSION_START;
            }
            default -> {
                sessionEnds++;
                Long expected = next.get(source);
                if (expected != null && sequence != expected - 1) {
                    report.problem(new Finding(Check.SEQUENCE, index, file, offset, "", "session end (source " + source
                            + ") says its last sequence is " + sequence + ", the last seen is " + (expected - 1)));
                }
                next.remove(source);
                return Verdict.SESSION_END;
            }
        }
    }

    /** Whether the last MESSAGE record has a known ITCH type and the spec's length. */
    boolean lastMessageValid() {
        return lastType >= 0;
    }

    private void checkItchLength(ByteBuffer doc, int payloadLength, long index, Path file, long offset) {
        lastType = -1;
        if (payloadLength == 0) {
            badLengths++;
            report.problem(new Finding(Check.INTEGRITY, index, file, offset, "", "empty ITCH message"));
            return;
        }
        byte type = doc.get(28);
        int spec = ReferenceEngine.specLength(type);
        if (spec < 0) {
            unknownTypes++;
            report.problem(new Finding(Check.INTEGRITY, index, file, offset, "",
                    String.format("unknown ITCH message type 0x%02X", type & 0xFF)));
        } else if (spec != payloadLength) {
            badLengths++;
            report.problem(new Finding(Check.INTEGRITY, index, file, offset, "", "ITCH '" + (char) type + "' of "
                    + payloadLength + " bytes, the spec's length is " + spec));
        } else {
            lastType = type;
        }
    }

    /**
     * A record covering sequences [first, end) arrived: holes and steps back against what was
     * expected. A hole no longer than the {@code skipped} bad records just before is theirs (they
     * are reported as integrity problems already).
     */
    private void onSequence(long source, long first, long end, long skipped, long index, Path file, long offset) {
        Long expected = next.get(source);
        if (expected != null && first > expected && first - expected > skipped) {
            holes++;
            report.problem(new Finding(Check.SEQUENCE, index, file, offset, "", "hole (source " + source
                    + "): feed sequences " + range(expected,
                            first - expected) + " are missing and no gap record says so"));
        } else if (expected != null && first < expected) {
            backwards++;
            report.problem(new Finding(Check.SEQUENCE, index, file, offset, "",
                    "sequence " + first + " (source " + source
                    + ") goes back: " + expected + " was expected (duplicate or out of order)"));
        }
        if (expected == null || end > expected) {
            next.put(source, end);
        }
    }

    private Verdict bad(boolean checksum, long index, Path file, long offset, String why) {
        unreadable++;
        if (checksum) {
            checksumFailures++;
        } else {
            malformed++;
        }
        report.problem(new Finding(Check.INTEGRITY, index, file, offset, "", why));
        return Verdict.BAD;
    }

    private static String range(long first, long count) {
        return count == 1 ? Long.toString(first) : first + ".." + (first + count - 1) + " (" + count + ")";
    }

    /** "source 0: sequences 1..100000 (100000 messages)" for each source seen. */
    String sequenceSummary() {
        if (seen.isEmpty()) {
            return "no messages";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, long[]> e : seen.entrySet()) {
            long[] s = e.getValue();
            sb.append(sb.length() == 0
                    ? "" : "; ").append(String.format("source %d: sequences %,d..%,d in %,d messages",
                    e.getKey(), s[0], s[1], s[2]));
        }
        return sb.append(String.format("; %,d gap record%s, %,d hole%s, %,d step%s back", gapRecords,
                gapRecords == 1 ? "" : "s",
                holes, holes == 1 ? "" : "s", backwards, backwards == 1 ? "" : "s")).toString();
    }

    String integritySummary() {
        return String.format("%,d records (%,d messages, %,d gap, %,d session start, %,d session end): "
                        + "%,d checksum failure%s, %,d malformed, %,d unknown ITCH type%s, %,d wrong ITCH length%s",
                records, messages, gapRecords, sessionStarts, sessionEnds, checksumFailures,
                        checksumFailures == 1 ? "" : "s",
                malformed, unknownTypes, unknownTypes == 1 ? "" : "s", badLengths, badLengths == 1 ? "" : "s");
    }
}

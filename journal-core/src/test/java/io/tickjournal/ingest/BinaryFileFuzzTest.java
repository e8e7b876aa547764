package io.tickjournal.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickjournal.TickjournalException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz harnesses for the BinaryFILE importer's framing ({@link BinaryFileIngestor}). Regression mode
 * (the test command) replays the committed corpus under {@code BinaryFileFuzzTestInputs/}; fuzzing
 * mode is {@code src/scripts/fuzz}.
 *
 * <p>Oracle: a plain re-implementation of BinaryFILE framing (2-byte big-endian length, then that
 * many bytes; in a file the importer took for zero-prefixed, {@link Framing#TYPE_LENGTHS}, a zero
 * prefix means the length of the message type, from the spec's table below). Whatever the importer
 * hands on must be, in order, a prefix of what the oracle frames, byte for byte; when it ends
 * without a counted error it must have framed all of it, with the same counts. Anything it throws
 * must be the project's {@link TickjournalException}.
 */
class BinaryFileFuzzTest {
    /** Inputs larger than this are cut: the framing has nothing new to show past a few messages. */
    private static final int MAX_INPUT = 1 << 16;

    private final BinaryFileIngestor ingestor = new BinaryFileIngestor();

    @FuzzTest(maxDuration = "10s")
    void frame(byte[] data) throws IOException {
        byte[] input = data.length > MAX_INPUT ? Arrays.copyOf(data, MAX_INPUT) : data;
        List<byte[]> seen = new ArrayList<>();
        ImportReport report;
        try {
            report = ingestor.frame(new ByteArrayInputStream(input),
                    (buffer, offset, length, sequence) -> {
                        assertEquals(seen.size() + 1, sequence, "sequences are message ordinals from 1");
                        seen.add(Arrays.copyOfRange(buffer, offset, offset + length));
                    }, null);
        } catch (TickjournalException e) {
            assertPrefixOfOracle(Oracle.frame(input, false), seen);
            return;
        }
        Oracle o = Oracle.frame(input, report.framing() == Framing.TYPE_LENGTHS);
        assertPrefixOfOracle(o, seen);
        // The oracle frames by length prefix only: compare counts when the importer did too, to the end
        // (the strict default stops at a zero prefix or a desynchronised message, with a stop reason).
        if (!report.truncated() && report.stopReason() == null && report.framing() == Framing.LENGTH_PREFIXED
                && report.messages() == o.messages.size()) {
            assertEquals(o.zeroLengths, report.zeroLengths(), "zero length prefixes");
            assertEquals(o.truncatedAt, report.truncatedAt(), "truncation offset");
        }
        if (report.stopReason() == null && report.framing() == Framing.TYPE_LENGTHS) {
            // nothing refused: every message of a zero-prefixed file framed, and a short tail is truncation
            assertEquals(o.messages.size(), report.messages(), "messages of a zero-prefixed file");
            assertEquals(o.truncatedAt, report.truncatedAt(), "truncation offset of a zero-prefixed file");
        }
        if (report.truncated()) {
            assertTrue(report.truncatedAt() >= 0 && report.truncatedAt() < input.length, "truncated inside the input");
            assertTrue(report.truncatedMissing() > 0, "a truncation misses bytes");
        }
        assertEquals(seen.size(), report.messages(), "messages counted as handed on");
        assertEquals(input.length, report.bytesRead(), "every byte consumed");
    }

    /** The file path: gzip detection and the gzip stream itself, from a file on disk. */
    @FuzzTest(maxDuration = "10s")
    void frameFile(byte[] data) throws IOException {
        byte[] input = data.length > MAX_INPUT ? Arrays.copyOf(data, MAX_INPUT) : data;
        Path file = Files.createTempFile("fuzz-binaryfile", ".itch");
        try {
            Files.write(file, input);
            long[] messages = {0};
            try {
                ImportReport report = ingestor.frameFile(file, (buffer, offset, length, sequence) -> messages[0]++);
                assertEquals(messages[0], report.messages());
                assertTrue(report.bytesRead() >= 0);
            } catch (TickjournalException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error says why");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertPrefixOfOracle(Oracle o, List<byte[]> seen) {
        assertTrue(seen.size() <= o.messages.size(), "no more messages than the input frames");
        for (int i = 0; i < seen.size(); i++) {
            assertArrayEquals(o.messages.get(i), seen.get(i), "message " + (i + 1));
        }
    }

    /**
     * ITCH 5.0 message lengths by type byte, from the specification's message formats (section 1.x
     * of "Nasdaq TotalView-ITCH 5.0"), written out independently of {@code ItchMessageType}.
     */
    private static final String SPEC_LENGTHS = "S12 R39 H25 Y20 L26 V35 W12 K28 J35 h21 A36 F40 E31 C36 X23 D19 U35"
            + " P44 Q40 B19 I50 N20 O48";

    private static int specLength(byte type) {
        for (String entry : SPEC_LENGTHS.split(" ")) {
            if (entry.charAt(0) == type) {
                return Integer.parseInt(entry.substring(1));
            }
        }
        return -1;
    }

    /**
     * The independent framing: 2-byte big-endian length, zero lengths skipped, a short tail is truncation.
     * With {@code typeLengths}, a zero prefix means the message type's length instead (a short tail,
     * type byte included, is truncation; an unknown type ends the framing).
     */
    private record Oracle(List<byte[]> messages, long zeroLengths, long truncatedAt) {
        static Oracle frame(byte[] in, boolean typeLengths) {
            List<byte[]> out = new ArrayList<>();
            long zeros = 0;
            int p = 0;
            while (p < in.length) {
                if (p + 2 > in.length) {
                    return new Oracle(out, zeros, p);
                }
                int len = ((in[p] & 0xFF) << 8) | (in[p + 1] & 0xFF);
                if (len == 0 && typeLengths) {
                    if (p + 3 > in.length) {
                        return new Oracle(out, zeros, p);
                    }
                    len = specLength(in[p + 2]);
                    if (len < 0) {
                        return new Oracle(out, zeros, -1);
                    }
                }
                if (len == 0) {
                    zeros++;
                    p += 2;
                    continue;
                }
                if (p + 2 + len > in.length) {
                    return new Oracle(out, zeros, p);
                }
                out.add(Arrays.copyOfRange(in, p + 2, p + 2 + len));
                p += 2 + len;
            }
            return new Oracle(out, zeros, -1);
        }
    }
}

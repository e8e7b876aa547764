package io.tickjournal.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tickjournal import} on bad input, end to end through the command line: exit codes, the
 * one-line errors, and {@code verify} reporting an import that a damaged gzip stream cut short.
 */
class ImportInputCommandTest {
    @TempDir
    Path tmp;

    private Path day() {
        Path itch = tmp.resolve("day.itch");
        assertEquals(0, CommandLineTest.run("generate", "--out", itch.toString(), "--symbols", "10",
                "--messages", "30000", "--seed", "5").exit());
        return itch;
    }

    private static String oneLine(String err) {
        String[] lines = err.strip().split("\n");
        assertEquals(1, Arrays.stream(lines).filter(l -> l.startsWith("tickjournal: error:")).count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        return lines[lines.length - 1];
    }

    @Test
    @DisplayName("a cut gzip stream: import exit 1 with the count unverified, verify exit 1 naming the import")
    void cutGzipIsReportedByImportAndVerify() throws IOException {
        Path gz = tmp.resolve("day.itch.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(day()));
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        Path journal = tmp.resolve("journal");
        CommandLineTest.Run imported = CommandLineTest.run("import", "--itch", gz.toString(), "--journal",
                journal.toString());
        assertEquals(1, imported.exit(), imported.err());
        String line = oneLine(imported.err());
        assertTrue(line.matches("tickjournal: error: .*day\\.itch\\.gz: corrupt or truncated gzip stream "
                + "\\(.*\\) after [0-9,]+ decompressed bytes: the [0-9,]+ messages journaled from it "
                + "\\(sequences 1\\.\\.[0-9]+\\) are "
                + "unverified by the stream's CRC32.*"), line);
        CommandLineTest.Run verify = CommandLineTest.run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exit(), verify.out());
        assertTrue(verify.out().contains("import file:day.itch.gz (session start at index ")
                && verify.out().contains("ended early, unverified: corrupt or truncated gzip stream ("), verify.out());

        // the same day imported whole into another journal verifies clean
        Path clean = tmp.resolve("clean");
        assertEquals(0, CommandLineTest.run("import", "--itch", tmp.resolve("day.itch").toString(), "--journal",
                clean.toString()).exit());
        assertEquals(0, CommandLineTest.run("verify", "--journal", clean.toString()).exit());
    }

    @Test
    @DisplayName("a 2-byte gzip file and random bytes: exit 2, one line, no journal created")
    void unreadableInputCreatesNothing() throws IOException {
        Path tiny = tmp.resolve("tiny.gz");
        Files.write(tiny, new byte[]{0x1f, (byte) 0x8b});
        CommandLineTest.Run r = CommandLineTest.run("import", "--itch", tiny.toString(), "--journal",
                tmp.resolve("j1").toString());
        assertEquals(2, r.exit());
        assertTrue(oneLine(r.err()).contains("tiny.gz: gzip stream ends inside its 10-byte header"), r.err());
        byte[] noise = new byte[57_731];
        new Random(13).nextBytes(noise);
        Path random = tmp.resolve("noise.bin");
        Files.write(random, noise);
        r = CommandLineTest.run("import", "--itch", random.toString(), "--journal", tmp.resolve("j2").toString());
        assertEquals(2, r.exit());
        assertTrue(oneLine(r.err()).contains("noise.bin: not an ITCH 5.0 BinaryFILE: it starts with"), r.err());
        assertFalse(Files.exists(tmp.resolve("j1")) || Files.exists(tmp.resolve("j2")), "nothing created");
    }

    @Test
    @DisplayName("a prefix off by one: exit 1 naming the offset; --lenient journals on with warnings, exit 0")
    void desynchronisedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(day());
        int at = 0;
        for (int k = 0; k < 1000; k++) {
            at += 2 + (((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF));
        }
        bytes[at + 1]--;
        Path bad = tmp.resolve("bad.itch");
        Files.write(bad, bytes);
        CommandLineTest.Run r = CommandLineTest.run("import", "--itch", bad.toString(), "--journal",
                tmp.resolve("strict").toString());
        assertEquals(1, r.exit());
        assertTrue(oneLine(r.err()).contains("bad.itch: framing lost at byte " + at + ": length prefix "), r.err());
        assertTrue(r.out().contains("imported 1,000 messages"), r.out());
        r = CommandLineTest.run("import", "--itch", bad.toString(), "--journal", tmp.resolve("lenient").toString(),
                "--lenient");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: "), r.err());
    }

    @Test
    @DisplayName("the RITCH sample imports with one warning about its zero prefixes")
    void ritchSample() {
        // journal-core's test resource (the module directory is the tests' working directory)
        Path sample = Path.of("..", "journal-core", "src", "test", "resources", "itch",
                "ritch-ex20101224.TEST_ITCH_50");
        CommandLineTest.Run r = CommandLineTest.run("import", "--itch", sample.toString(), "--journal",
                tmp.resolve("journal").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("imported 12,012 messages"), r.out());
        assertEquals(1, r.err().lines().filter(l -> l.contains("every length prefix is zero")).count(), r.err());
    }
}

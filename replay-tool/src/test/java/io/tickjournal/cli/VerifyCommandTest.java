package io.tickjournal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tickjournal verify} through the command line: report, exit codes 0, 1 and 2. */
@Timeout(300)
class VerifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void verifyExitsZeroOnACleanJournalAndOneOnACorruptOne() throws Exception {
        Path itch = tmp.resolve("day.itch");
        Path journal = tmp.resolve("journal");
        assertEquals(0, CommandLineTest.run("generate", "--out", itch.toString(), "--symbols", "8", "--messages", "8000").exit());
        assertEquals(0, CommandLineTest.run("import", "--itch", itch.toString(), "--journal", journal.toString()).exit());

        CommandLineTest.Run clean = CommandLineTest.run("verify", "--journal", journal.toString());
        assertEquals(0, clean.exit(), clean.out() + clean.err());
        assertTrue(clean.lines().contains("result       OK"), clean.out());
        assertTrue(clean.field("cross-check").startsWith("ok"), clean.out());
        assertEquals(64, clean.field("digest").split(" ")[0].length());

        // Flip a byte in the middle of the written part of the cycle file: some record's checksum fails.
        Path cycle;
        try (var files = Files.list(journal)) {
            cycle = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            long at = Files.size(itch) / 2; // the journal holds more than the file: this is inside the records
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        CommandLineTest.Run corrupt = CommandLineTest.run("verify", "--journal", journal.toString());
        assertEquals(1, corrupt.exit(), corrupt.out() + corrupt.err());
        assertTrue(corrupt.field("integrity").startsWith("PROBLEM"), corrupt.out());
        assertTrue(corrupt.out().contains("at " + cycle.getFileName() + " byte "), corrupt.out());
    }

    @Test
    void badUsageAndUnreadableInputExitTwoWithOneLine() throws Exception {
        CommandLineTest.Run missing = CommandLineTest.run("verify", "--journal", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals(List.of("tickjournal: error: " + tmp.resolve("nope") + ": no such journal directory"),
                missing.err().lines().toList());

        Path itch = tmp.resolve("d.itch");
        CommandLineTest.run("generate", "--out", itch.toString(), "--messages", "2000", "--symbols", "5");
        CommandLineTest.run("import", "--itch", itch.toString(), "--journal", tmp.resolve("j").toString());
        CommandLineTest.Run noExpect = CommandLineTest.run("verify", "--journal", tmp.resolve("j").toString(),
                "--expect", tmp.resolve("golden").toString());
        assertEquals(2, noExpect.exit());
        assertEquals(1, noExpect.err().lines().count(), noExpect.err());
        assertTrue(noExpect.err().contains("golden: no such file or directory"), noExpect.err());

        Files.createDirectories(tmp.resolve("empty"));
        CommandLineTest.Run empty = CommandLineTest.run("verify", "--journal", tmp.resolve("j").toString(),
                "--expect", tmp.resolve("empty").toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no vwap.csv, bars.csv or digest.txt to compare with"), empty.err());

        assertEquals(2, CommandLineTest.run("verify").exit());
    }
}

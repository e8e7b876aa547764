package io.tickjournal.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.tickjournal.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's worst case through the command line: the not-complete bit set on one record in the
 * middle of a journal. verify, replay and import all exit 1 naming the byte; none prints a stack
 * trace; the import appends nothing.
 */
class DamagedJournalTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a not-complete record in the middle: verify 1, replay 1 after applying what it read, import refused")
    void notCompleteRecordIsNeverSilent() throws IOException {
        Path itch = tmp.resolve("day.itch");
        Path journal = tmp.resolve("journal");
        assertEquals(0, run("generate", "--out", itch.toString(), "--symbols", "5", "--messages", "3000", "--seed", "5")
                .exit());
        assertEquals(0, run("import", "--itch", itch.toString(), "--journal", journal.toString()).exit());
        long damaged = setNotComplete(cycleFile(journal), 1_500);
        String at = "byte " + damaged;

        CommandLineTest.Run verify = run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exit(), verify.out());
        assertTrue(verify.out().contains(at), verify.out());

        CommandLineTest.Run replay = run("replay", "--journal", journal.toString(), "--state",
                tmp.resolve("state").toString(), "--pin", "off");
        assertEquals(1, replay.exit(), replay.err());
        assertEquals("1,499", replay.field("messages"), "the records before the damage are applied");
        assertTrue(replay.err().contains("stopped before the written end") && replay.err().contains(at), replay.err());

        long size = Files.size(cycleFile(journal));
        CommandLineTest.Run append = run("import", "--itch", itch.toString(), "--journal", journal.toString());
        assertEquals(1, append.exit(), append.err());
        assertTrue(append.err().contains("refusing to append") && append.err().contains(at), append.err());
        assertEquals(size, Files.size(cycleFile(journal)));
        for (CommandLineTest.Run r : new CommandLineTest.Run[]{verify, replay, append}) {
            assertFalse((r.out() + r.err()).contains("\tat "), r.out() + r.err());
        }
    }

    private static Path cycleFile(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Sets the not-complete bit of the {@code n}-th data document (0-based); returns its offset. */
    private static long setNotComplete(Path cycle, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            long p = 0;
            int seen = 0;
            while (true) {
                f.seek(p);
                int h = Integer.reverseBytes(f.readInt());
                if ((h & 0x4000_0000) == 0 && seen++ == n) {
                    f.seek(p + 3);
                    f.write((h >>> 24) | 0x80);
                    return p;
                }
                p = (p + 4 + (h & 0x3FFF_FFFF) + 3) & ~3L;
            }
        }
    }
}

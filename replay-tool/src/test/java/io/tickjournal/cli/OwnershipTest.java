package io.tickjournal.cli;

import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.storage.OwnerLock;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickjournal.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer per journal and one owner per state directory (issue 19): a running capture, started
 * by the test as a process, holds both; an import, a replay and a second capture are refused
 * (exit 2, one line naming the holder's pid) without touching anything; after a kill -9 the
 * kernel has released the lock. Also: resumable, idempotent import, and verify's duplicate check.
 */
@Timeout(300)
class OwnershipTest {
    @TempDir
    Path tmp;

    /** A tickjournal process started by the test, with its output in a log file. */
    record Proc(Process process, Path log) {
        /** Starts {@code tickjournal ARGS} as CaptureProcessTest starts a capture (the POM's JVM flags). */
        static Proc start(Path log, String... args) throws IOException {
            return new Proc(CaptureProcessTest.Capture.start(List.of(args), log).process(), log);
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        /** Waits (at most 60 s) for the process to exit; returns its exit code. */
        int exit() throws Exception {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not exit in 60 s: " + output());
            return process.exitValue();
        }

        /** Waits (at most 60 s) for {@code text} in the log. */
        void await(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!output().contains(text)) {
                assertTrue(process.isAlive(), "exited before saying '" + text + "': " + output());
                assertTrue(System.nanoTime() < deadline, "no '" + text + "' in 60 s: " + output());
                Thread.sleep(50);
            }
        }
    }

    @Test
    @DisplayName("a running capture owns its journal and state: import, replay, a second capture are refused; kill -9 frees them")
    void secondWritersAreRefusedAndKillFreesTheLock() throws Exception {
        Path itch = day(tmp, 5, 5_000, 7);
        Path journal = tmp.resolve("journal");
        Path state = tmp.resolve("state");
        int port = CaptureProcessTest.freeUdpPort();
        // A MoldUDP64 capture with no feed: it journals nothing and holds both directories until killed.
        Proc capture = Proc.start(tmp.resolve("capture.log"), "capture", "--journal", journal.toString(), "--state",
                state.toString(), "--mold", "127.0.0.1:" + port, "--pin", "off", "--status-interval-ms", "0");
        try {
            capture.await("capture: journal ");
            String pid = "pid " + capture.process().pid();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(state.resolve(StateDirectory.MAP_FILE)) && Files.exists(state.resolve(
                    StateDirectory.BARS_DIR))) && System.nanoTime() < deadline) {
                Thread.sleep(50); // the tailer thread creates the map and the bars queue
            }
            Thread.sleep(500); // and the bars queue's files
            List<String> stateBefore = list(state);
            assertTrue(stateBefore.contains(StateDirectory.MAP_FILE), stateBefore.toString());

            Proc imp = Proc.start(tmp.resolve("import.log"), "import", "--itch", itch.toString(), "--journal",
                    journal.toString());
            assertEquals(2, imp.exit(), imp.output());
            assertOneLine(imp.output(), journal + ": the journal is in use by " + pid + " (tickjournal capture");

            Path other = tmp.resolve("other-journal");
            assertEquals(0, importInto(itch, other).exit());
            Proc replay = Proc.start(tmp.resolve("replay.log"), "replay", "--journal", other.toString(), "--state",
                    state.toString());
            assertEquals(2, replay.exit(), replay.output());
            assertOneLine(replay.output(), state + ": the state directory is in use by " + pid);

            Proc second = Proc.start(tmp.resolve("capture2.log"), "capture", "--journal", tmp.resolve("other").toString(),
                    "--state", state.toString(), "--mold", "127.0.0.1:0", "--pin", "off");
            assertEquals(2, second.exit(), second.output());
            assertOneLine(second.output(), state + ": the state directory is in use by " + pid);
            assertEquals(stateBefore, list(state), "the refused writers touched nothing");
            assertTrue(capture.process().isAlive(), "the owner runs on");
        } finally {
            capture.process().destroyForcibly(); // SIGKILL: no shutdown hook, the kernel drops the lock
            capture.process().waitFor(30, TimeUnit.SECONDS);
        }
        CommandLineTest.Run imported = importInto(itch, journal);
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.out().startsWith("imported 5,000 messages"), imported.out());
    }

    @Test
    @DisplayName("an import stopped part way resumes after the last journaled feed sequence; a second import adds nothing")
    void importResumesAndIsIdempotent() throws IOException {
        Path itch = day(tmp, 5, 20_000, 11);
        byte[] whole = Files.readAllBytes(itch);
        Path part = Files.createDirectories(tmp.resolve("part")).resolve("day.itch"); // the same name: the same feed
        Files.write(part, java.util.Arrays.copyOf(whole, whole.length / 2)); // cut mid-message, as a failed copy
        Path journal = tmp.resolve("journal");

        CommandLineTest.Run first = importInto(part, journal);
        assertEquals(1, first.exit(), "truncated: exit 1");
        long partial = Long.parseLong(first.out().replaceAll("(?s)^imported ([0-9,]+) messages.*", "$1").replace(",", ""));
        assertTrue(partial > 1000 && partial < 20_000, first.out());

        CommandLineTest.Run resumed = importInto(itch, journal);
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("up to feed sequence " + String.format("%,d", partial) + ": resuming after it"),
                resumed.err());
        assertTrue(resumed.out().startsWith(String.format("imported %,d messages", 20_000 - partial)), resumed.out());

        CommandLineTest.Run again = importInto(itch, journal);
        assertEquals(0, again.exit());
        assertTrue(again.out().startsWith("imported 0 messages") && again.out().contains("nothing to add"), again.out());

        CommandLineTest.Run verify = run("verify", "--journal", journal.toString());
        assertEquals(0, verify.exit(), verify.out());
        assertTrue(verify.out().contains("source 0: sequences 1..20,000 in 20,000 messages"), verify.out());

        Path other = day(Files.createDirectories(tmp.resolve("other")), 3, 2_000, 5);
        Files.move(other, other.resolveSibling("other.itch"));
        CommandLineTest.Run another = importInto(other.resolveSibling("other.itch"), journal);
        assertTrue(another.out().startsWith("imported 2,000 messages"), "another file is another feed: " + another.out());
    }

    @Test
    @DisplayName("verify flags a feed sequence journaled twice for one source, naming the first index")
    void verifyFlagsRepeatedSequences() {
        Path journal = tmp.resolve("journal");
        byte[] msg = new byte[12]; // an ITCH system event 'S' (12 bytes)
        msg[0] = 'S';
        msg[11] = 'O';
        long firstIndex;
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 3)) {
            w.appendSessionStart("file:a", 1, 1);
            w.appendMessage(msg, 0, 12, 1, 1);
            firstIndex = w.lastIndex();
            w.appendMessage(msg, 0, 12, 1, 2);
            w.appendSessionEnd(1, 2);
            w.appendSessionStart("file:a", 1, 1); // the same file again
            w.appendMessage(msg, 0, 12, 1, 1);
            w.appendMessage(msg, 0, 12, 1, 2);
            w.appendSessionEnd(1, 2);
        }
        CommandLineTest.Run verify = run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exit(), verify.out());
        assertTrue(verify.out().contains("feed sequence 1 of source 3 journaled again (first at index " + firstIndex + ")"),
                verify.out());
        assertTrue(verify.out().contains("2 messages repeat a feed sequence journaled before"), verify.out());
    }

    @Test
    @DisplayName("the smaller points: --source-id -1, a journal path that is a file, --symbols not in the journal: exit 2, one line")
    void badArgumentsAreOneLine() throws IOException {
        Path itch = day(tmp, 5, 5_000, 7);
        Path journal = tmp.resolve("journal");
        CommandLineTest.Run r = run("import", "--itch", itch.toString(), "--journal", journal.toString(), "--source-id", "-1");
        assertEquals(2, r.exit());
        assertOneLine(r.err(), "--source-id must be 0..2147483647, got -1");
        assertFalse(Files.exists(journal), "nothing created");

        Path file = Files.writeString(tmp.resolve("F"), "x");
        r = importInto(itch, file);
        assertEquals(2, r.exit());
        assertOneLine(r.err(), file + ": not a directory");

        assertEquals(0, importInto(itch, journal).exit());
        String known = run("inspect", "--journal", journal.toString(), "--type", "R", "--count", "1").out()
                .replaceAll("(?s).*stock=(\\w+).*", "$1");
        r = run("replay", "--journal", journal.toString(), "--state", tmp.resolve("s").toString(), "--symbols",
                known + ",ZZZZ");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertOneLine(r.err(), "--symbols: ZZZZ: not in the stock directory of " + journal);
        assertFalse(Files.exists(tmp.resolve("s")), "nothing created");
        assertTrue(Files.exists(journal.resolve(OwnerLock.FILE)));
    }

    /** A generated day in {@code dir}/day.itch. */
    static Path day(Path dir, int symbols, long messages, long seed) {
        Path itch = dir.resolve("day.itch");
        new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(itch);
        return itch;
    }

    /** {@code import --itch ITCH --journal JOURNAL}, in-process. */
    static CommandLineTest.Run importInto(Path itch, Path journal) {
        return run("import", "--itch", itch.toString(), "--journal", journal.toString());
    }

    static void assertOneLine(String output, String expected) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line: " + output);
        assertTrue(lines.get(0).contains(expected), "'" + expected + "' in: " + output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }

    static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

package io.tickjournal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end, in-process: generate, import, replay twice, dumps, errors. */
@Timeout(300)
class CommandLineTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String field(String name) {
            return lines().stream().filter(l -> l.startsWith(name)).findFirst().orElseThrow()
                    .substring(name.length()).trim();
        }
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = TickjournalCommand.newCommandLine()
                    .setOut(new java.io.PrintWriter(System.out, true))
                    .setErr(new java.io.PrintWriter(System.err, true))
                    .execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void inspectPrintsDecodedRecordsAndASummary() {
        Path itch = tmp.resolve("small.itch");
        Path journal = tmp.resolve("small-journal");
        assertEquals(0, run("generate", "--out", itch.toString(), "--symbols", "5", "--messages", "5000", "--seed", "3").exit());
        assertEquals(0, run("import", "--itch", itch.toString(), "--journal", journal.toString()).exit());

        Run first = run("inspect", "--journal", journal.toString(), "--count", "3");
        assertEquals(0, first.exit(), first.err());
        assertEquals(3, first.lines().size(), first.out());
        assertTrue(first.lines().get(0).contains("session start: file:small.itch"), first.out());
        assertTrue(first.lines().get(1).contains("SYSTEM_EVENT"), first.out());

        Run executions = run("inspect", "--journal", journal.toString(), "--type", "E", "--count", "5");
        assertEquals(5, executions.lines().size(), executions.out());
        assertTrue(executions.lines().stream().allMatch(l -> l.contains("ORDER_EXECUTED ")), executions.out());

        Run summary = run("inspect", "--journal", journal.toString(), "--summary");
        assertEquals(0, summary.exit());
        long messages = summary.lines().stream().filter(l -> l.startsWith("M "))
                .mapToLong(l -> Long.parseLong(l.substring(20).trim().split("\\s+")[0].replace(",", ""))).sum();
        assertEquals(5000, messages, summary.out());

        Run bad = run("inspect", "--journal", journal.toString(), "--type", "Z");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("not an ITCH 5.0 message type"), bad.err());
    }

    @Test
    void twoReplaysOfTheSameJournalGiveIdenticalBarsAndDigest() {
        Path itch = tmp.resolve("day.itch");
        Path journal = tmp.resolve("journal");
        assertEquals(0, run("generate", "--out", itch.toString(), "--symbols", "20", "--messages", "80000", "--seed", "5").exit());
        assertEquals(0, run("import", "--itch", itch.toString(), "--journal", journal.toString()).exit());

        Run first = run("replay", "--journal", journal.toString(), "--state", tmp.resolve("s1").toString());
        Run second = run("replay", "--journal", journal.toString(), "--state", tmp.resolve("s2").toString(), "--pin", "off");
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        assertEquals("80,000", first.field("messages"));
        assertEquals(first.field("digest"), second.field("digest"));
        assertEquals(64, first.field("digest").length());

        Run bars1 = run("bars", "--state", tmp.resolve("s1").toString(), "--format", "csv");
        Run bars2 = run("bars", "--state", tmp.resolve("s2").toString(), "--format", "csv");
        assertEquals(bars1.out(), bars2.out());
        assertEquals("symbol,window_start_ns,trades,volume,notional,vwap,open,high,low,close", bars1.lines().get(0));
        assertTrue(bars1.lines().size() > 100, "bars were emitted");

        Run vwap = run("vwap", "--state", tmp.resolve("s1").toString(), "--format", "csv");
        assertEquals("symbol,locate,trades,volume,notional,vwap,last_price,bid_price,bid_size,ask_price,ask_size",
                vwap.lines().get(0));
        assertEquals(21, vwap.lines().size());

        // A different window gives a different bar stream, hence a different digest.
        Run wide = run("replay", "--journal", journal.toString(), "--state", tmp.resolve("s3").toString(), "--window-ms", "1000");
        assertNotEquals(first.field("digest"), wide.field("digest"));
    }

    @Test
    void vwapIsNotionalOverVolumeInDollars() {
        assertEquals("123.450000", Cli.vwap(123_4500L * 100, 100));
        assertEquals("0.333333", Cli.vwap(10_000, 3));
        assertEquals("", Cli.vwap(0, 0));
    }

    @Test
    void badUsageAndUnreadableInputExitTwoWithOneLine() throws Exception {
        Run missing = run("import", "--itch", tmp.resolve("nope.itch").toString(), "--journal", tmp.resolve("j").toString());
        assertEquals(2, missing.exit());
        assertEquals(List.of("tickjournal: error: " + tmp.resolve("nope.itch") + ": no such file"), missing.err().lines().toList());

        Run noJournal = run("replay", "--journal", tmp.resolve("j").toString(), "--state", tmp.resolve("s").toString());
        assertEquals(2, noJournal.exit());
        assertTrue(noJournal.err().contains("no such journal directory"), noJournal.err());

        Run badFormat = run("vwap", "--state", tmp.toString(), "--format", "xml");
        assertEquals(2, badFormat.exit());

        Run unknownOption = run("replay", "--bogus");
        assertEquals(2, unknownOption.exit());

        Path precious = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(precious.resolve("notes.txt"), "keep");
        Path itch = tmp.resolve("d.itch");
        run("generate", "--out", itch.toString(), "--messages", "2000", "--symbols", "5");
        run("import", "--itch", itch.toString(), "--journal", tmp.resolve("j2").toString());
        Run refused = run("replay", "--journal", tmp.resolve("j2").toString(), "--state", precious.toString());
        assertEquals(2, refused.exit());
        assertEquals("keep", Files.readString(precious.resolve("notes.txt")));
    }

    @Test
    void truncatedInputJournalsWhatCameBeforeAndExitsOne() throws Exception {
        Path itch = tmp.resolve("cut.itch");
        run("generate", "--out", itch.toString(), "--messages", "3000", "--symbols", "5");
        byte[] whole = Files.readAllBytes(itch);
        Files.write(itch, java.util.Arrays.copyOf(whole, whole.length - 5)); // cut into the last message (S 'C', 12 bytes)
        Run imported = run("import", "--itch", itch.toString(), "--journal", tmp.resolve("j").toString());
        assertEquals(1, imported.exit());
        assertTrue(imported.out().contains("imported 2,999 messages"), imported.out());
        assertTrue(imported.err().contains("truncated at byte " + (whole.length - 14)), imported.err());
        Run replay = run("replay", "--journal", tmp.resolve("j").toString(), "--state", tmp.resolve("s").toString());
        assertEquals(0, replay.exit());
        assertEquals("2,999", replay.field("messages"));
    }
}

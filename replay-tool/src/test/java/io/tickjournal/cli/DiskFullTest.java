package io.tickjournal.cli;

import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.state.StateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickjournal.cli.OwnershipTest.Proc;
import static io.tickjournal.cli.OwnershipTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk, on small tmpfs mounts the test makes (it needs root; where mounting is refused the
 * tests are skipped with a message): import stops with exit 1 and the one "no space left" line,
 * readers work while the disk is full, an import after space is freed resumes and the journal
 * verifies whole; a replay out of space says so (exit 1) and leaves a state that vwap and bars
 * print with the "incomplete state" warning; a capture pauses and resumes with nothing lost; an import
 * into a read-only file system is exit 2.
 * Every command runs as a process, so a SIGBUS would fail the test instead of killing the JVM.
 */
@Timeout(300)
class DiskFullTest {
    private static final String NO_SPACE =
            "no space left on .*: \\d+ bytes free, \\d+ needed; \\d+ messages journaled, last feed sequence \\d+";

    @TempDir
    Path tmp;
    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            // Lazy: a mapping of this JVM that Chronicle releases later must not keep the mount busy.
            sh("umount", "-l", m.toString());
        }
    }

    private Path mount(String name, String options) throws Exception {
        Path m = Files.createDirectories(tmp.resolve(name));
        int rc = sh("mount", "-t", "tmpfs", "-o", options, "tmpfs", m.toString());
        Assumptions.assumeTrue(rc == 0, "skipped: cannot mount a tmpfs here (needs root): mount exit " + rc);
        mounts.add(m);
        return m;
    }

    private static int sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        return p.exitValue();
    }

    private Proc tj(String log, String... args) throws IOException {
        return Proc.start(tmp.resolve(log), args);
    }

    @Test
    @DisplayName("import on a full tmpfs: exit 1, one line; readers work while full; freed space: the import resumes whole")
    void importStopsOnAFullDiskAndResumes() throws Exception {
        Path itch = OwnershipTest.day(tmp, 20, 100_000, 5); // ~3.2 MB, ~6.4 MB journaled
        // 8 MB: the import stops when less than 5 MB (the next 1 MB and Chronicle's headroom) is free.
        Path disk = mount("disk", "size=8m");
        Path journal = disk.resolve("journal");

        Proc imp = tj("import1.log", "import", "--itch", itch.toString(), "--journal", journal.toString());
        assertEquals(1, imp.exit(), imp.output());
        assertOneLine(imp.output(), "tickjournal: error: no space left on " + journal);
        assertTrue(imp.output().trim().matches("tickjournal: error: " + NO_SPACE), imp.output());

        // The disk truly full: a reader neither crashes nor grows the files (read-only maps, no prefault on tmpfs).
        Files.write(disk.resolve("filler"), new byte[0]);
        sh("sh", "-c", "cat /dev/zero > " + disk.resolve("filler"));
        Proc verify = tj("verify1.log", "verify", "--journal", journal.toString());
        assertEquals(0, verify.exit(), verify.output());

        Files.delete(disk.resolve("filler"));
        assertEquals(0, sh("mount", "-o", "remount,size=16m", disk.toString()));
        // Room again: in-process from here (nothing can fault now).
        CommandLineTest.Run resumed = OwnershipTest.importInto(itch, journal);
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("resuming after it"), resumed.err());
        CommandLineTest.Run whole = CommandLineTest.run("verify", "--journal", journal.toString());
        assertEquals(0, whole.exit(), whole.out());
        assertTrue(whole.out().contains("source 0: sequences 1..100,000 in 100,000 messages"), whole.out());
    }

    @Test
    @DisplayName("replay out of space: exit 1 naming the bars and 'no space left'; vwap and bars warn, exit 0")
    void replayOutOfSpaceLeavesAnIncompleteState() throws Exception {
        // 1.2M messages: the generated day (since 2026-12-05) trades less per message, ~70,000 trades
        Path itch = OwnershipTest.day(tmp, 100, 1_200_000, 5);
        Path journal = tmp.resolve("journal");
        assertEquals(0, OwnershipTest.importInto(itch, journal).exit());
        // Room for the symbol map (7.5 MB) and the free-space margin (the start asks for 13 MB), not for the
        // ~4 MB of 1 ms bars.
        Path state = mount("state", "size=13400k").resolve("s");

        Proc replay = tj("replay.log", "replay", "--journal", journal.toString(), "--state", state.toString(), "--pin", "off",
                "--window-ms", "1");
        assertEquals(1, replay.exit(), replay.output());
        assertTrue(replay.output().contains("tickjournal: error: " + state.resolve(StateDirectory.BARS_DIR)
                + ": no space left on device"), replay.output());
        assertFalse(replay.output().contains("Exception") || replay.output().contains("InternalError"), replay.output());
        String meta = Files.readString(state.resolve(StateDirectory.META_FILE));
        assertTrue(meta.contains("complete=false") && meta.contains("stopped_at_index="), meta);

        for (String command : new String[]{"vwap", "bars"}) {
            CommandLineTest.Run p = CommandLineTest.run(command, "--state", state.toString(), "--format", "csv");
            assertEquals(0, p.exit(), p.err());
            assertTrue(p.out().lines().count() > 1, command + " prints what the state holds");
            assertTrue(p.err().contains("tickjournal: warning: " + state + ": incomplete state (replay stopped at index "),
                    p.err());
        }
    }

    @Test
    @DisplayName("capture on a full disk: pauses with the line, /healthz 503, counted; freed space: every message, once")
    void captureSurvivesAFullDisk() throws Exception {
        int messages = 200_000;
        Path itch = OwnershipTest.day(tmp, 20, messages, 5); // ~12.8 MB journaled
        Path journal = mount("capture", "size=10m").resolve("journal");
        FeedServer server = new FeedServer(FeedMessages.load(itch), new FeedServer.Options(null, null, 0, "FULLDISK",
                null, 0, 1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200), line -> { }).start();
        try {
            CaptureProcessTest.Capture c = CaptureProcessTest.Capture.start(List.of("capture", "--journal",
                    journal.toString(), "--state", tmp.resolve("state").toString(), "--soup", "127.0.0.1:"
                    + server.soupPort(), "--pin", "off", "--metrics-port", "0", "--status-interval-ms", "0",
                    "--reconnect-ms", "200"), tmp.resolve("capture.log"));
            c.awaitStarted();
            Proc log = new Proc(c.process(), tmp.resolve("capture.log"));
            log.await("metrics on http://127.0.0.1:");
            String base = c.log().replaceAll("(?s).*metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics.*", "$1");
            log.await("tickjournal: error: no space left on " + journal + ": ");
            assertTrue(c.log().matches("(?s).*tickjournal: error: " + NO_SPACE + "; ingestion paused.*"), c.log());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = get(http, base + "/healthz");
            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("no space left on " + journal), health.body());
            assertTrue(get(http, base + "/metrics").body().contains("tickjournal_disk_full_stops_total 1.0"));

            assertEquals(0, sh("mount", "-o", "remount,size=24m", journal.getParent().toString()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!get(http, base + "/metrics").body().contains("tickjournal_messages_journaled_total "
                    + messages + ".0")) {
                assertTrue(System.nanoTime() < deadline, "not every message journaled in 120 s: " + c.log());
                Thread.sleep(200);
            }
            assertEquals(200, get(http, base + "/healthz").statusCode());
            assertEquals(0, c.terminate(), c.log());
            assertFalse(c.log().contains("Exception"), c.log());
        } finally {
            server.close();
        }
        CommandLineTest.Run verify = CommandLineTest.run("verify", "--journal", journal.toString());
        assertEquals(0, verify.exit(), verify.out());
        assertTrue(verify.out().contains("source 0: sequences 1..200,000 in 200,000 messages; 0 gap records"),
                verify.out());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("import into a read-only file system: exit 2, one line")
    void readOnlyFileSystemIsOneLine() throws Exception {
        Path itch = OwnershipTest.day(tmp, 5, 5_000, 7);
        Path ro = mount("ro", "size=1m,ro");
        CommandLineTest.Run r = CommandLineTest.run("import", "--itch", itch.toString(), "--journal",
                ro.resolve("journal").toString());
        assertEquals(2, r.exit());
        assertOneLine(r.err(), ro.resolve("journal") + ": cannot write the journal: read-only file system");
    }
}

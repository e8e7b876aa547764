package io.tickjournal.cli;

import io.tickjournal.capture.JournalResume;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.replay.Replayer;
import io.tickjournal.state.StateDigest;
import io.tickjournal.state.StateDirectory;
import net.openhft.chronicle.bytes.RandomDataInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The capture daemon as a process: killed with SIGKILL at several moments of a run and restarted,
 * stopped with SIGTERM (exit 0 in bounded time). Afterwards the journal holds every feed sequence
 * exactly once, and the state the last capture left equals a fresh replay of the journal.
 */
@Timeout(600)
class CaptureProcessTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final int MESSAGES = 100_000;
    static final long SEED = Long.getLong("seed", System.nanoTime());

    @TempDir
    Path tmp;

    @Test
    @DisplayName("SIGKILL at several points, SIGTERM in between, SIGINT at the end: complete journal, digest equals replay")
    void survivesKillsAndStopsCleanly() throws Exception {
        System.err.println("CaptureProcessTest seed " + SEED + " (rerun with -Dseed=" + SEED + ")");
        Random random = new Random(SEED);
        Path itch = tmp.resolve("day.itch");
        new ItchDayGenerator(20, MESSAGES, 99).writeBinaryFile(itch);
        FeedMessages feed = FeedMessages.load(itch);
        Path journal = tmp.resolve("journal");
        Path state = tmp.resolve("state");
        int moldPort = freeUdpPort();
        int requestPort = freeUdpPort();
        // The config file names a gap timeout of 1 ms, which would turn every gap into a gap record;
        // the flag --gap-timeout-ms must win over it.
        Path config = tmp.resolve("capture.yaml");
        Files.writeString(config, "# capture host\njournal: " + journal + "\nstate: " + state + "\nmold: 127.0.0.1:" + moldPort
                + "\nrequest: 127.0.0.1:" + requestPort + "\ngap-timeout-ms: 1\nstatus-interval-ms: 500\npin: off\n"
                + "checkpoint-interval-ms: 300\n");
        List<String> args = List.of("capture", "--config", config.toString(), "--gap-timeout-ms", "60000");

        FeedServer server = null;
        try {
            // 1: killed while the feed streams
            Capture c = Capture.start(args, tmp.resolve("capture-1.log"));
            c.awaitStarted();
            server = new FeedServer(feed, new FeedServer.Options(new InetSocketAddress(LOOPBACK, moldPort), null, 12_000,
                    "CRASHFEED", requestPort, 0.01, SEED, null, 200), System.err::println).start();
            awaitJournaled(journal, 10_000);
            c.kill();
            // 2: restarted, stopped with SIGTERM: exit 0, and its state is the replay of what it journaled
            c = Capture.start(args, tmp.resolve("capture-2.log"));
            c.awaitStarted();
            awaitJournaled(journal, 30_000);
            // another process's view of the live state: `tickjournal vwap` while the capture runs
            await("live values in the state map", 120_000, () -> {
                CommandLineTest.Run vwap = CommandLineTest.run("vwap", "--state", state.toString(), "--format", "csv");
                return vwap.exit() == 0 && vwap.lines().size() > 1 && vwap.lines().stream().skip(1)
                        .anyMatch(line -> !line.split(",", -1)[2].equals("0"));
            });
            assertEquals(0, c.terminate(), "SIGTERM exits 0: " + c.log());
            assertStateEqualsReplay(state, journal, tmp.resolve("replay-2"));
            // 3: killed at a random moment of its start-up (possibly before it has done anything)
            c = Capture.start(args, tmp.resolve("capture-3.log"));
            Thread.sleep(random.nextInt(3_000));
            c.kill();
            // 4: killed again mid-stream
            c = Capture.start(args, tmp.resolve("capture-4.log"));
            c.awaitStarted();
            long seen = JournalResume.scan(journal).next();
            awaitJournaled(journal, Math.min(MESSAGES - 1, seen + 15_000));
            c.kill();
            // 5: runs to the end of the session and past it, then SIGINT (as Ctrl-C)
            c = Capture.start(args, tmp.resolve("capture-5.log"));
            c.awaitStarted();
            await("the session end journaled", 240_000, () -> JournalResume.scan(journal).ended());
            await("the tailer resumed", 60_000, () -> c5log(tmp).contains("tailer resumes from its checkpoint"));
            assertEquals(0, c.interrupt(), "SIGINT exits 0: " + c.log());
            assertTrue(c.log().contains("capture: stopped cleanly"), c.log());
        } finally {
            if (server != null) {
                server.close();
            }
        }
        assertEachSequenceExactlyOnce(feed, journal, MESSAGES);
        assertStateEqualsReplay(state, journal, tmp.resolve("replay-final"));
    }

    private static String c5log(Path tmp) {
        try {
            return Files.readString(tmp.resolve("capture-5.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @DisplayName("SoupBinTCP: SIGKILL mid-stream, the restart logs in from the last journaled sequence; SIGTERM exits 0")
    void soupSurvivesAKill() throws Exception {
        Path itch = tmp.resolve("day.itch");
        new ItchDayGenerator(20, 60_000, 98).writeBinaryFile(itch);
        FeedMessages feed = FeedMessages.load(itch);
        Path journal = tmp.resolve("journal");
        Path state = tmp.resolve("state");
        try (FeedServer server = new FeedServer(feed, new FeedServer.Options(null, null, 12_000, "SOUPCRASH", null, 0, 1,
                new InetSocketAddress(LOOPBACK, 0), 200), System.err::println).start()) {
            List<String> args = List.of("capture", "--journal", journal.toString(), "--state", state.toString(),
                    "--soup", "127.0.0.1:" + server.soupPort(), "--reconnect-ms", "200", "--pin", "off");
            Capture c = Capture.start(args, tmp.resolve("soup-1.log"));
            c.awaitStarted();
            awaitJournaled(journal, 15_000);
            c.kill();
            c = Capture.start(args, tmp.resolve("soup-2.log"));
            c.awaitStarted();
            await("the session end journaled", 240_000, () -> JournalResume.scan(journal).ended());
            assertEquals(0, c.terminate(), "SIGTERM exits 0: " + c.log());
            assertStateEqualsReplay(state, journal, tmp.resolve("replay-2"));
            // a damaged checkpoint is refused with the reason, and the state is rebuilt from the journal
            Path checkpoint = state.resolve("checkpoint.bin");
            byte[] bytes = Files.readAllBytes(checkpoint);
            bytes[bytes.length / 2] ^= 1;
            Files.write(checkpoint, bytes);
            List<String> yielding = new ArrayList<>(args);
            yielding.addAll(List.of("--idle", "yield"));
            c = Capture.start(yielding, tmp.resolve("soup-3.log"));
            c.awaitStarted();
            assertEquals(0, c.terminate(), "SIGTERM exits 0: " + c.log());
            assertTrue(c.log().contains("checkpoint not usable") && c.log().contains("checksum fails"), c.log());
        }
        assertEachSequenceExactlyOnce(feed, journal, 60_000);
        assertStateEqualsReplay(state, journal, tmp.resolve("replay"));
    }

    @Test
    @DisplayName("a config file with an unknown key is refused with exit 2 and a one-line reason")
    void unknownConfigKey() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "journal: /tmp/x\nstate: /tmp/y\nmodl: 127.0.0.1:5000\n");
        CommandLineTest.Run r = CommandLineTest.run("capture", "--config", config.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown key 'modl'"), r.err());
    }

    static void assertStateEqualsReplay(Path state, Path journal, Path replayState) {
        String live = StateDigest.compute(StateDirectory.existing(state));
        String replayed = Replayer.run(new Replayer.Options(journal, replayState, 100, CorePinning.Mode.OFF, true),
                line -> { }).digest();
        assertEquals(replayed, live, "the capture's state equals a fresh replay of the journal");
    }

    /** Every message record in feed order, with the file's bytes; no gap records (re-requests were served). */
    static void assertEachSequenceExactlyOnce(FeedMessages feed, Path journal, long messages) {
        List<long[]> gaps = new ArrayList<>();
        long[] next = {1};
        List<String> problems = new ArrayList<>();
        try (CycleFileReader reader = new CycleFileReader(journal, true)) {
            JournalRecordHandler h = new JournalRecordHandler() {
                @Override
                public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rx, long seq) {
                    if (seq != next[0] && problems.size() < 10) {
                        problems.add("sequence " + seq + " where " + next[0] + " was due");
                    }
                    byte[] b = new byte[length];
                    buffer.read(offset, b, 0, length);
                    byte[] expected = Arrays.copyOfRange(feed.data(), feed.offset(seq), feed.offset(seq) + feed.length(seq));
                    if (!Arrays.equals(expected, b) && problems.size() < 10) {
                        problems.add("message " + seq + " differs from the file's");
                    }
                    next[0] = seq + 1;
                }

                @Override
                public void onGap(long firstMissing, long count, long index) {
                    gaps.add(new long[]{firstMissing, count});
                    next[0] = firstMissing + count;
                }
            };
            while (reader.poll(h, 4096) > 0) {
                // to the end
            }
            assertEquals(0, reader.checksumFailures() + reader.malformedRecords(), "bad journal records");
        }
        assertEquals(List.of(), problems);
        assertEquals(0, gaps.size(), "gap records (every gap was recoverable)");
        assertEquals(messages + 1, next[0], "every sequence journaled");
    }

    static void awaitJournaled(Path journal, long sequences) throws InterruptedException {
        await(sequences + " sequences journaled", 240_000, () -> JournalResume.scan(journal).next() > sequences);
    }

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return s.getLocalPort();
        }
    }

    /** A `tickjournal capture` child process with the parent POM's JVM flags, its output in a log file. */
    record Capture(Process process, Path logFile) {
        static Capture start(List<String> args, Path log) throws IOException {
            return start(TickjournalCommand.class.getName(), args, log);
        }

        /** A child JVM running {@code mainClass} with {@code args}. */
        static Capture start(String mainClass, List<String> args, Path log) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("@" + Path.of("target", "jvm.options").toAbsolutePath());
            command.add("-Xmx512m");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Capture(p, log);
        }

        void awaitStarted() throws InterruptedException {
            await("the capture to start (" + logFile + ")", 120_000, () -> log().contains("capture: journal ")
                    || !process.isAlive());
            assertTrue(process.isAlive(), "capture died at start: " + log());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }

        /** SIGTERM; returns the exit code, failing if it takes more than the bound. */
        int terminate() throws InterruptedException {
            process.destroy(); // SIGTERM
            awaitExit("SIGTERM");
            return process.exitValue();
        }

        /** SIGINT; returns the exit code, failing if it takes more than the bound. */
        int interrupt() throws InterruptedException, IOException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            awaitExit("SIGINT");
            return process.exitValue();
        }

        /** Waits up to 90 s for the process to end after {@code signal}; else kills it (none outlives a failure). */
        private void awaitExit(String signal) throws InterruptedException {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                fail("capture did not exit within 90 s of " + signal + " (killed): " + log());
            }
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
